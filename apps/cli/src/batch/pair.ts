/**
 * One pair of a batch, start to finish: read both files, compare, render,
 * write OUTDIR/NAME.EXT atomically. The same function runs in the main
 * thread (--jobs 1) and in the workers, over the same pipeline as
 * `redline compare`, so a batch writes the bytes `compare -o` would.
 * It never throws: trouble becomes the pair's one-line error.
 */
import { hasChanges, isRedlineError, RedlineError, type DeltaSummary, type ProfileOption } from "@redline/core";
import type { Format, HooksFor } from "../commands/compare.js";
import { readInput, writeAtomicSoon, type Input } from "../io.js";
import { inputKind } from "../load.js";
import { deltaOf, renderDelta } from "../pipeline.js";
import type { PairFile } from "./plan.js";

/** What every pair of a batch shares (structured-clone safe: it is a worker's workerData). */
export interface PairSettings {
  format: Format;
  profile: ProfileOption;
  author: string;
  date: string;
  moves: boolean;
  maxBytes: number | undefined;
}

/** One pair to run (structured-clone safe: it is posted to a worker). */
export interface PairTask {
  index: number;
  old: PairFile;
  new: PairFile;
  /** where to write the result (OUTDIR/NAME.EXT as the user wrote OUTDIR) */
  out: string;
}

export type PairStatus = "same" | "different" | "error";

export interface PairResult {
  index: number;
  status: PairStatus;
  summary: DeltaSummary | null;
  /** the one-line reason, for status "error" */
  error: string | null;
  /** notes from the .docx writer */
  notes: string[];
}

/** A pair compared, its result on the way to the disk. */
export interface StartedPair {
  /** the pair's result, once its file is in place (or the pair failed) */
  done: Promise<PairResult>;
  /** the temporary file being written, until `done` */
  temp: string | null;
}

/**
 * Reads, compares and renders a pair, and starts writing its result: the
 * thread is free for the next pair while the disk catches up (see
 * writeAtomicSoon).
 */
export async function startPair(task: PairTask, settings: PairSettings, hooksFor: HooksFor): Promise<StartedPair> {
  try {
    const oldIn = readAs(task.old, settings.maxBytes);
    const newIn = readAs(task.new, settings.maxBytes);
    const hooks = await hooksFor(settings.format === "docx" || inputKind(oldIn) === "docx" || inputKind(newIn) === "docx");
    const delta = deltaOf(oldIn, newIn, settings.profile, hooks);
    const changed = hasChanges(delta);
    // as `compare -o FILE` renders: no colour, no folding, no wrapping
    const rendered = await renderDelta(
      delta,
      oldIn,
      newIn,
      { format: settings.format, changed, author: settings.author, date: settings.date, moves: settings.moves, color: false, context: null, width: undefined, out: task.out },
      hooks,
    );
    const result: PairResult = { index: task.index, status: changed ? "different" : "same", summary: delta.summary, error: null, notes: rendered.messages };
    const { temp, written } = writeAtomicSoon(task.out, rendered.data);
    return { done: written.then(() => result, (e: unknown) => failed(task, e)), temp };
  } catch (e) {
    return { done: Promise.resolve(failed(task, e)), temp: null };
  }
}

function failed(task: PairTask, e: unknown): PairResult {
  return { index: task.index, status: "error", summary: null, error: errorLine(e), notes: [] };
}

/** The one line `redline` prints for an error (without the "redline: " prefix). */
export function errorLine(e: unknown): string {
  if (isRedlineError(e)) return e.message;
  const what = (e instanceof Error ? e.message : String(e)).replace(/\s*\n\s*/g, " ");
  return `internal error: ${what} (please report this with the input files)`;
}

/** Read a pair's file by its absolute path, naming it in messages (and to the readers) as the manifest does. */
function readAs(file: PairFile, maxBytes: number | undefined): Input {
  let input: Input;
  try {
    input = readInput(file.path, maxBytes);
  } catch (e) {
    if (isRedlineError(e) && e.file === file.path && e.message.startsWith(`${file.path}: `)) {
      throw new RedlineError(e.code, file.display, e.message.slice(file.path.length + 2), { cause: e });
    }
    throw e;
  }
  return { ...input, arg: file.display };
}
