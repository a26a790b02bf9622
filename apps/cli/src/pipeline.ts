/**
 * One pair of inputs to one result: the code path shared by `redline compare`
 * and `redline batch` (in the main thread and in its workers), so that a
 * batch writes exactly the bytes `compare -o` would for the same pair.
 */
import { compare, RedlineError, type Delta, type ProfileOption } from "@redline/core";
import { renderHtml, renderMarkdown, renderSummary, renderTerminal } from "@redline/render";
import type { CompareHooks, Format } from "./commands/compare.js";
import type { Input } from "./io.js";
import { loadDoc, type DocReaders } from "./load.js";

/** OLD and NEW read, structured and compared. */
export function deltaOf(oldIn: Input, newIn: Input, profile: ProfileOption, readers: DocReaders): Delta {
  const oldDoc = loadDoc(oldIn, readers);
  const newDoc = loadDoc(newIn, readers, oldIn);
  return compare(oldDoc, newDoc, {
    profile,
    old: { name: oldIn.name, sha256: oldIn.sha256 },
    new: { name: newIn.name, sha256: newIn.sha256 },
  });
}

export interface RenderOptions {
  format: Format;
  /** whether the Delta has changes (hasChanges): identical inputs give only the summary in text format */
  changed: boolean;
  /** tracked changes in a .docx */
  author: string;
  date: string;
  moves: boolean;
  /** text format only */
  color: boolean;
  context: number | null;
  width: number | undefined;
  /** the output file, for messages (null: stdout) */
  out: string | null;
}

export interface Rendered {
  data: string | Uint8Array;
  /** notes for the user (e.g. what the .docx writer could not keep) */
  messages: string[];
}

/** A Delta in the format asked for: the bytes `compare` writes. */
export async function renderDelta(delta: Delta, oldIn: Input, newIn: Input, opts: RenderOptions, hooks: CompareHooks): Promise<Rendered> {
  switch (opts.format) {
    case "json":
      return { data: `${JSON.stringify(delta, null, 2)}\n`, messages: [] };
    case "md":
      return { data: renderMarkdown(delta), messages: [] };
    case "html":
      return { data: renderHtml(delta), messages: [] };
    case "text":
      // like diff(1), identical inputs print no redline, only the summary that says so
      return {
        data: opts.changed ? renderTerminal(delta, { color: opts.color, context: opts.context, width: opts.width }) : renderSummary(delta, { color: opts.color }),
        messages: [],
      };
    case "docx": {
      if (!hooks.writeDocx) throw new RedlineError("unsupported-format", opts.out, "cannot be written: this build has no .docx writer");
      const written = await hooks.writeDocx(delta, oldIn, newIn, { author: opts.author, date: opts.date, moves: opts.moves });
      return { data: written.bytes, messages: written.messages };
    }
  }
}
