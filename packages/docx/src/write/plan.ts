/**
 * From a Delta entry's inline operations to per-paragraph edits. An entry's
 * text is its paragraphs' texts (without the label) joined with "\n"; this
 * walks the operations once, keeping a cursor in the old and in the new text,
 * and says for each new paragraph which stretches are inserted and what old
 * text (and which old paragraph ends) must be shown deleted where.
 */
import type { DeltaClause } from "@redline/core";
import type { DeletedChunk, ParagraphEdit } from "./patch.js";

export interface SideParagraph {
  /** paragraph text as the reader gave it */
  text: string;
  /** where the entry's line starts in the paragraph text (negative when a computed list label precedes it) */
  offset: number;
}

export interface EntryPlan {
  edits: ParagraphEdit[];
  /** for each new paragraph j, whether a paragraph end after it is new (an inserted mark) */
  insertedEnd: boolean[];
  /** new paragraphs whose every character is inserted */
  whollyInserted: boolean[];
}

export interface PlanHooks {
  /** runs showing old paragraph k's characters [from, to), deleted */
  oldRuns(k: number, from: number, to: number): DeletedChunk & { type: "runs" };
  /** old paragraph k's properties for a restored paragraph end */
  oldMark(k: number): DeletedChunk & { type: "mark" };
}

export function planEntry(entry: DeltaClause, oldParas: SideParagraph[], newParas: SideParagraph[], hooks: PlanHooks): EntryPlan {
  const edits: ParagraphEdit[] = newParas.map(() => ({ inserts: [], deletes: [] }));
  const insertedEnd = newParas.map(() => false);
  const kept = newParas.map(() => false);
  let o = 0; // old line
  let oq = 0; // position in old line
  let n = 0;
  let nq = 0;
  const newAt = (line: number, q: number) => Math.max(0, q + newParas[line]!.offset);
  const oldAt = (line: number, q: number) => Math.max(0, q + oldParas[line]!.offset);
  const deleteAt = (chunk: DeletedChunk) => {
    const line = Math.min(n, newParas.length - 1);
    const at = n < newParas.length ? newAt(n, nq) : newParas[line]!.text.length;
    const list = edits[line]!.deletes;
    const last = list[list.length - 1];
    if (last && last.at === at) last.chunks.push(chunk);
    else list.push({ at, chunks: [chunk] });
  };

  // A label that changed ("c)" -> "d)") and is typed in both paragraphs: the old label deleted, the new one inserted.
  if (entry.old?.label && entry.new?.label && entry.old.label !== entry.new.label && oldParas[0] && newParas[0] && oldParas[0].offset >= entry.old.label.length && newParas[0].offset >= entry.new.label.length) {
    edits[0]!.deletes.push({ at: 0, chunks: [hooks.oldRuns(0, 0, entry.old.label.length)] });
    edits[0]!.inserts.push([0, entry.new.label.length]);
  }

  for (const op of entry.inline) {
    const parts = op.text.split("\n");
    parts.forEach((part, i) => {
      if (i > 0) {
        // a paragraph end
        if (op.op === "equal") {
          o++;
          oq = 0;
          n++;
          nq = 0;
        } else if (op.op === "insert") {
          insertedEnd[n] = true;
          n++;
          nq = 0;
        } else {
          deleteAt(hooks.oldMark(o));
          o++;
          oq = 0;
        }
      }
      if (!part) return;
      if (op.op === "equal") {
        kept[n] = true;
        oq += part.length;
        nq += part.length;
      } else if (op.op === "insert") {
        edits[n]!.inserts.push([newAt(n, nq), newAt(n, nq + part.length)]);
        nq += part.length;
      } else {
        deleteAt(hooks.oldRuns(o, oldAt(o, oq), oldAt(o, oq + part.length)));
        oq += part.length;
      }
    });
  }
  const whollyInserted = newParas.map((_, j) => !kept[j] && edits[j]!.deletes.length === 0);
  return { edits, insertedEnd, whollyInserted };
}

/**
 * Where a position of the old text (line `k`, paragraph offset `x`) lands in
 * the new text: equal text maps one to one, deleted text to the point where it
 * was deleted. Returns the new line and its paragraph offset.
 */
export function mapOldPosition(entry: DeltaClause, oldParas: SideParagraph[], newParas: SideParagraph[], k: number, x: number): { line: number; at: number } {
  const q = Math.max(0, x - oldParas[k]!.offset);
  let o = 0;
  let oq = 0;
  let n = 0;
  let nq = 0;
  const done = (line: number, pos: number) => ({ line: Math.min(line, newParas.length - 1), at: Math.max(0, pos + newParas[Math.min(line, newParas.length - 1)]!.offset) });
  for (const op of entry.inline) {
    const parts = op.text.split("\n");
    for (let i = 0; i < parts.length; i++) {
      if (i > 0) {
        if (op.op !== "insert") {
          if (o === k && oq === q) return done(n, nq);
          o++;
          oq = 0;
        }
        if (op.op !== "delete") {
          n++;
          nq = 0;
        }
      }
      const len = parts[i]!.length;
      if (op.op === "insert") {
        nq += len;
        continue;
      }
      if (o === k && q >= oq && q < oq + len) return done(n, op.op === "equal" ? nq + (q - oq) : nq);
      oq += len;
      if (op.op === "equal") nq += len;
    }
  }
  return done(n, nq);
}
