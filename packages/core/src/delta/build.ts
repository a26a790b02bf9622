/**
 * Alignment -> Delta: the word diff inside every pair, statuses, ITU markers
 * and the summary. Only pairs whose text differs are diffed, so the cost
 * follows the size of the change, not of the document.
 */
import type { Alignment } from "../model/alignment.js";
import type { Clause } from "../model/clauses.js";
import type { Delta, DeltaClause, DeltaSide, DeltaSource, DeltaSummary, InlineOp } from "../model/delta.js";
import { countWords } from "../diff/tokenize.js";
import { diffWords } from "../diff/words.js";

export interface DeltaOptions {
  old?: Partial<DeltaSource>;
  new?: Partial<DeltaSource>;
  /** Override the word diff's edit budget per clause pair (tokens edited). */
  maxEditLength?: number;
}

export function side(c: Clause): DeltaSide {
  return { id: c.id, section: c.section, label: c.label, text: c.text, kind: c.kind, paragraphs: c.paragraphs.slice() };
}

export function toDelta(alignment: Alignment, options: DeltaOptions = {}): Delta {
  const O = alignment.old.clauses;
  const N = alignment.new.clauses;
  const clauses: DeltaClause[] = [];
  let approximateDiffs = 0;
  const summary: DeltaSummary = { unchanged: 0, modified: 0, added: 0, deleted: 0, moved: 0, renumbered: 0, insertedWords: 0, deletedWords: 0 };
  const rows = alignment.pairs;
  // indexed: one pass per comparison, mostly before the optimizing compiler, where for-of allocates per row
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const a = row.old === null ? null : O[row.old]!;
    const b = row.new === null ? null : N[row.new]!;
    let entry: DeltaClause;
    if (a && b) {
      const same = a.text === b.text;
      const diff = same ? null : diffWords(a.text, b.text, options.maxEditLength ? { maxEditLength: options.maxEditLength } : {});
      if (diff?.approximate) approximateDiffs++;
      summary.insertedWords += diff?.insertedWords ?? 0;
      summary.deletedWords += diff?.deletedWords ?? 0;
      entry = {
        status: same ? "unchanged" : "modified",
        marker: same && !row.renumbered ? "NOC" : "MOD",
        moved: row.moved,
        renumbered: row.renumbered,
        old: side(a),
        new: side(b),
        inline: diff ? diff.inline : whole("equal", a.text),
        approximate: diff?.approximate ?? false,
      };
    } else if (b) {
      summary.insertedWords += countWords(b.text);
      entry = { status: "added", marker: "ADD", moved: false, renumbered: false, old: null, new: side(b), inline: whole("insert", b.text), approximate: false };
    } else {
      summary.deletedWords += countWords(a!.text);
      entry = { status: "deleted", marker: "SUP", moved: false, renumbered: false, old: side(a!), new: null, inline: whole("delete", a!.text), approximate: false };
    }
    summary[entry.status]++;
    if (entry.moved) summary.moved++;
    if (entry.renumbered) summary.renumbered++;
    clauses.push(entry);
  }
  const notes = alignment.notes.slice();
  if (approximateDiffs) notes.push(`${approximateDiffs} modified entr${approximateDiffs === 1 ? "y" : "ies"} exceeded the word-diff budget and show their changed middle as one deletion and one insertion`);
  return {
    format: "redline-delta",
    version: 1,
    profile: alignment.new.profile,
    old: { name: options.old?.name ?? alignment.old.name, sha256: options.old?.sha256 ?? null },
    new: { name: options.new?.name ?? alignment.new.name, sha256: options.new?.sha256 ?? null },
    summary,
    clauses,
    notes,
  };
}

export function whole(op: InlineOp["op"], text: string): InlineOp[] {
  return text === "" ? [] : [{ op, text }];
}

/** Whether a Delta records any difference at all. */
export function hasChanges(delta: Delta): boolean {
  return delta.clauses.some((c) => c.status !== "unchanged" || c.moved || c.renumbered);
}
