/**
 * The counts every renderer reports, taken from the Delta's own summary so
 * that all outputs agree with `--format json` to the unit.
 */
import type { Delta, DeltaSummary } from "@redline/core";

export interface CountRow {
  key: keyof DeltaSummary;
  /** as a row heading in a table: "Clauses modified", "Words inserted" */
  heading: string;
  count: number;
}

const ROWS: ReadonlyArray<readonly [keyof DeltaSummary, string]> = [
  ["modified", "Clauses modified"],
  ["added", "Clauses added"],
  ["deleted", "Clauses deleted"],
  ["moved", "Clauses moved"],
  ["renumbered", "Clauses renumbered"],
  ["unchanged", "Clauses unchanged"],
  ["insertedWords", "Words inserted"],
  ["deletedWords", "Words deleted"],
];

export function countRows(delta: Delta): CountRow[] {
  const rows = ROWS.map(([key, heading]) => ({ key, heading, count: delta.summary[key] ?? 0 }));
  // only when there are any: most documents have no note reference that changed alone
  const refs = delta.summary.noteReferences ?? 0;
  if (refs > 0) rows.splice(5, 0, { key: "noteReferences", heading: "Note references changed", count: refs });
  // likewise formatting, which only two .docx documents can have
  const formatting = delta.summary.formatting ?? 0;
  if (formatting > 0) rows.splice(rows.findIndex((r) => r.key === "unchanged"), 0, { key: "formatting", heading: "Formatting changed", count: formatting });
  return rows;
}

/** "12 modified, 6 added, 2 deleted, 1 moved, 16 renumbered; +169 −67 words" */
export function summaryLine(s: DeltaSummary): string {
  const refs = s.noteReferences ? `, ${plural(s.noteReferences, "with a note reference changed", "with note references changed")}` : "";
  const formatting = s.formatting ? `, ${plural(s.formatting, "with formatting changed", "with formatting changed")}` : "";
  return `${s.modified} modified, ${s.added} added, ${s.deleted} deleted, ${s.moved} moved, ${s.renumbered} renumbered${refs}${formatting}; +${s.insertedWords} −${s.deletedWords} words`;
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A document's name for people, when the Delta does not know it. */
export function docName(name: string | null, which: "old" | "new"): string {
  return name ?? (which === "old" ? "old document" : "new document");
}
