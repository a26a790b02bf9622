/**
 * Alignment -> Delta: the word diff inside every pair, statuses, ITU markers
 * and the summary. Only pairs whose text differs are diffed, so the cost
 * follows the size of the change, not of the document.
 */
import type { Alignment } from "../model/alignment.js";
import type { Clause, NoteReference } from "../model/clauses.js";
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
  const referencing = markNoteReferences(alignment, clauses);
  if (referencing > 0) summary.noteReferences = referencing;
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

/**
 * Note references are not text, so an entry that gained or lost one (a
 * footnote added to it, removed, or its reference moved to another entry)
 * would otherwise read as unchanged. A reference counts as staying when
 * it is in the same row of the Delta on both sides, pointing at the same
 * note's row. Only entries with both sides are marked: an added or deleted
 * entry brings or takes its references with it. Returns how many were.
 */
function markNoteReferences(alignment: Alignment, clauses: DeltaClause[]): number {
  const oldRefs = alignment.old.references;
  const newRefs = alignment.new.references;
  // a side that cannot carry references (plain text) says nothing about them
  if (!oldRefs || !newRefs || (oldRefs.length === 0 && newRefs.length === 0)) return 0;
  const rowOf = (which: "old" | "new") => {
    const map = new Map<number, number>();
    clauses.forEach((c, k) => {
      for (const p of c[which]?.paragraphs ?? []) map.set(p, k);
    });
    return map;
  };
  const [oldRow, newRow] = [rowOf("old"), rowOf("new")];
  const key = (rows: Map<number, number>, r: NoteReference) => {
    const from = rows.get(r.from);
    const note = rows.get(r.note);
    return from === undefined || note === undefined ? null : { from, key: `${from}:${note}` };
  };
  const count = (refs: NoteReference[], rows: Map<number, number>) => {
    const m = new Map<string, number>();
    for (const r of refs) {
      const k = key(rows, r);
      if (k) m.set(k.key, (m.get(k.key) ?? 0) + 1);
    }
    return m;
  };
  const [had, has] = [count(oldRefs, oldRow), count(newRefs, newRow)];
  const changes = new Map<number, { added: string[]; removed: string[] }>();
  const note = (refs: NoteReference[], rows: Map<number, number>, other: Map<string, number>, kind: "added" | "removed") => {
    for (const r of refs) {
      const k = key(rows, r);
      if (!k) continue;
      const left = other.get(k.key) ?? 0;
      if (left > 0) {
        other.set(k.key, left - 1);
        continue;
      }
      const c = clauses[k.from]!;
      if (!c.old || !c.new) continue;
      let change = changes.get(k.from);
      if (!change) changes.set(k.from, (change = { added: [], removed: [] }));
      change[kind].push(r.mark);
    }
  };
  // each side's references against a copy of the other's counts
  note(oldRefs, oldRow, new Map(has), "removed");
  note(newRefs, newRow, new Map(had), "added");
  for (const [k, change] of changes) {
    const c = clauses[k]!;
    c.noteReferences = change;
    c.marker = "MOD";
  }
  return changes.size;
}

export function whole(op: InlineOp["op"], text: string): InlineOp[] {
  return text === "" ? [] : [{ op, text }];
}

/** Whether a Delta records any difference at all. */
export function hasChanges(delta: Delta): boolean {
  return delta.clauses.some((c) => c.status !== "unchanged" || c.moved || c.renumbered || c.noteReferences !== undefined || c.formatting !== undefined);
}
