/**
 * Formatting changed on text both documents keep (a word made bold, a "3" made
 * superscript). The output is NEW's package, so such text shows NEW's
 * formatting whether the changes are accepted or rejected; Word's Compare
 * records the old run properties (`w:rPr/w:rPrChange`), and so does the
 * writer, on the runs whose formatting changed.
 *
 * What counts is what a redline shows of a run (`RunFormat`: bold, italic,
 * underline, strike, superscript or subscript, small capitals) and its
 * character style. A language, a proofing flag or a font hint that differs
 * (two documents saved apart often differ so in every run) is no change.
 */
import type { Paragraph, Run } from "@redline/core";
import type { TextPiece } from "../read/paragraph-text.js";
import { readRunProperties } from "../read/run-format.js";
import { findChild, getAttr, type XmlElement } from "../xml/tree.js";
import type { KeptText } from "./plan.js";

/** NEW's characters [from, to), whose run shows the formatting `was` (OLD's run) had differently. */
export interface FormatChange {
  from: number;
  to: number;
  was: XmlElement;
}

export interface SideRuns {
  paragraph: Paragraph;
  pieces: readonly TextPiece[];
}

/**
 * Where NEW paragraph `now` keeps text of OLD paragraph `old` (`kept`, in `now`'s order) with other formatting.
 * Cheap when nothing changed: the reader's runs share one frozen object per format, so the formats of the
 * kept text compare by identity, and where they and the paragraph style are all the same, no run can have
 * changed in a way rejecting would show. Otherwise each stretch lying in one run on each side counts where
 * the two runs' own properties differ in what is shown (a change of paragraph style alone changes the
 * formats but not the runs: rejecting the style gives the old look back).
 */
export function formatChanges(old: SideRuns, now: SideRuns, kept: readonly KeptText[]): FormatChange[] {
  if (kept.length === 0) return [];
  const oldRuns = old.paragraph.runs;
  const newRuns = now.paragraph.runs;
  if (!oldRuns || !newRuns) return [];
  const sameStyle = old.paragraph.style === now.paragraph.style;
  const out: FormatChange[] = [];
  for (const k of kept) {
    if (sameStyle && sameFormats(oldRuns, k.from, newRuns, k.at, k.length)) continue;
    changedRuns(old.pieces, now.pieces, k, out);
  }
  return out;
}

/** Whether two paragraphs of the same length have the same style and formats throughout: formatChanges would find none. */
export function sameLook(old: Paragraph, now: Paragraph): boolean {
  if (old.style !== now.style) return false;
  if (!old.runs || !now.runs) return true;
  return sameFormats(old.runs, 0, now.runs, 0, now.text.length);
}

/** Whether the formats of old [from, from + length) and new [at, at + length) are the same, character by character. */
function sameFormats(oldRuns: readonly Run[], from: number, newRuns: readonly Run[], at: number, length: number): boolean {
  let i = runAt(oldRuns, from);
  let j = runAt(newRuns, at);
  let x = 0;
  while (x < length) {
    const a = oldRuns[i];
    const b = newRuns[j];
    // text outside any run (none in practice) has no format to compare
    if (!a || !b) return true;
    const step = Math.min(a.end - (from + x), b.end - (at + x), length - x);
    if (step > 0 && a.format !== b.format) return false;
    x += step;
    if (a.end === from + x) i++;
    if (b.end === at + x) j++;
  }
  return true;
}

/** The index of the run holding `offset` (or the first after it). */
function runAt(runs: readonly { end: number }[], offset: number): number {
  let lo = 0;
  let hi = runs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (runs[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Adds to `out` the stretches of `k` lying in one run on each side whose runs show different properties. */
function changedRuns(oldPieces: readonly TextPiece[], newPieces: readonly TextPiece[], k: KeptText, out: FormatChange[]): void {
  let i = runAt(oldPieces, k.from);
  let j = runAt(newPieces, k.at);
  let x = 0;
  while (x < k.length) {
    const a = oldPieces[i];
    const b = newPieces[j];
    if (!a || !b) return;
    const oldAt = k.from + x;
    const newAt = k.at + x;
    // a character without a piece on one side (none in practice) is stepped over
    const gap = Math.max(a.start - oldAt, b.start - newAt);
    if (gap > 0) {
      x += gap;
      continue;
    }
    const step = Math.min(a.end - oldAt, b.end - newAt, k.length - x);
    if (step > 0 && a.run.name === "w:r" && b.run.name === "w:r" && shownKey(a.run) !== shownKey(b.run)) {
      const last = out[out.length - 1];
      if (last && last.to === newAt && last.was === a.run) last.to = newAt + step;
      else out.push({ from: newAt, to: newAt + step, was: a.run });
    }
    x += step;
    if (a.end === k.from + x) i++;
    if (b.end === k.at + x) j++;
  }
}

const keys = new WeakMap<XmlElement, string>();

/** What a run's own properties show, as a key: the redline's formats it sets, and its character style. */
function shownKey(run: XmlElement): string {
  let key = keys.get(run);
  if (key !== undefined) return key;
  const rPr = findChild(run, "w:rPr");
  const set = readRunProperties(rPr);
  const style = rPr ? findChild(rPr, "w:rStyle") : null;
  key = `${style ? getAttr(style, "w:val") : ""}|${set.bold}|${set.italic}|${set.underline}|${set.strike}|${set.vertAlign}|${set.smallCaps}`;
  keys.set(run, key);
  return key;
}
