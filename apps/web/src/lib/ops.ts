/**
 * An entry's text as the reports print it, label first, split into its
 * paragraphs. The same rules as packages/render's common/entries.ts
 * (displayOps, sideOps, paragraphs), which that package does not export:
 * the page shows exactly what the HTML report shows.
 */
import { countWords, type DeltaClause, type InlineOp } from "@redline/core";

/** Label and text; a changed label reads as a deletion and an insertion, and an added or deleted entry is one change. */
export function displayOps(c: DeltaClause): InlineOp[] {
  const ops: InlineOp[] = [];
  const oldLabel = c.old?.label ?? null;
  const newLabel = c.new?.label ?? null;
  if (oldLabel !== null && oldLabel === newLabel) ops.push({ op: "equal", text: oldLabel });
  else {
    if (oldLabel !== null) ops.push({ op: "delete", text: oldLabel });
    if (newLabel !== null) ops.push({ op: "insert", text: newLabel });
  }
  if (ops.length > 0 && c.inline.length > 0) ops.push({ op: c.status === "added" ? "insert" : c.status === "deleted" ? "delete" : "equal", text: " " });
  ops.push(...c.inline);
  return merge(ops);
}

/** One side of the entry: the old side keeps the deletions, the new one the insertions. */
export function sideOps(ops: readonly InlineOp[], which: "old" | "new"): InlineOp[] {
  const drop = which === "old" ? "insert" : "delete";
  return merge(ops.filter((o) => o.op !== drop));
}

function merge(ops: readonly InlineOp[]): InlineOp[] {
  const out: InlineOp[] = [];
  for (const o of ops) {
    if (o.text === "") continue;
    const last = out[out.length - 1];
    if (last && last.op === o.op) out[out.length - 1] = { op: o.op, text: last.text + o.text };
    else out.push({ op: o.op, text: o.text });
  }
  return out;
}

/** Ops split at "\n" (an entry's continuation paragraphs are joined with it), so that each paragraph closes its own markup. */
export function paragraphs(ops: readonly InlineOp[]): InlineOp[][] {
  const out: InlineOp[][] = [[]];
  for (const o of ops) {
    o.text.split("\n").forEach((text, i) => {
      if (i > 0) out.push([]);
      if (text !== "") out[out.length - 1]!.push({ op: o.op, text });
    });
  }
  return out;
}

/** Words inserted and deleted in one entry, counted as the Delta's summary counts them. */
export function wordCounts(c: DeltaClause): { inserted: number; deleted: number } {
  let inserted = 0;
  let deleted = 0;
  for (const o of c.inline) {
    if (o.op === "insert") inserted += countWords(o.text);
    else if (o.op === "delete") deleted += countWords(o.text);
  }
  return { inserted, deleted };
}
