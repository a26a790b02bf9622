/**
 * From a Delta entry's inline operations to per-paragraph edits. An entry's
 * text is its paragraphs' texts (without the label) joined with "\n"; this
 * walks the operations once, keeping a cursor in the old and in the new text,
 * and says for each new paragraph which stretches are inserted and what old
 * text (and which old paragraph ends) must be shown deleted where.
 */
import type { DeltaClause, InlineOp } from "@redline/core";
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
  /** for each old paragraph k, whether its end is deleted (joined to the next) */
  deletedEnd: boolean[];
  /** for each new paragraph j, the text it keeps from old paragraphs, in order (paragraph offsets on both sides) */
  kept: KeptText[][];
}

/** Characters [at, at + length) of a new paragraph that are old paragraph `line`'s [from, from + length). */
export interface KeptText {
  at: number;
  line: number;
  from: number;
  length: number;
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
  const deletedEnd = oldParas.map(() => false);
  const kept = newParas.map(() => false);
  const keptText: KeptText[][] = newParas.map(() => []);
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

  // What stands before the entry's text in its first paragraph: a typed label and its separator, or nothing.
  const oldPre = oldParas[0] ? oldParas[0].text.slice(0, Math.max(0, oldParas[0].offset)) : "";
  const newPre = newParas[0] ? newParas[0].text.slice(0, Math.max(0, newParas[0].offset)) : "";
  // a typed label both keep is kept text too, which may have changed its formatting
  if (oldPre !== "" && oldPre === newPre) keptText[0]!.push({ at: 0, line: 0, from: 0, length: oldPre.length });
  if (oldParas[0] && newParas[0] && oldPre !== newPre) {
    if (entry.old?.label && entry.new?.label && entry.old.label !== entry.new.label && oldParas[0].offset >= entry.old.label.length && newParas[0].offset >= entry.new.label.length) {
      // a label that changed ("c)" -> "d)") and is typed in both paragraphs: the old label deleted, the new one inserted
      edits[0]!.deletes.push({ at: 0, chunks: [hooks.oldRuns(0, 0, entry.old.label.length)] });
      edits[0]!.inserts.push([0, entry.new.label.length]);
      // the separator after them (a tab) is kept
      const sep = newPre.slice(entry.new.label.length);
      if (sep !== "" && sep === oldPre.slice(entry.old.label.length)) keptText[0]!.push({ at: entry.new.label.length, line: 0, from: entry.old.label.length, length: sep.length });
    } else if ((oldPre !== "" || !entry.old?.label) && (newPre !== "" || !entry.new?.label)) {
      // a typed label removed, added or broken ("7.5" -> ".5"), or its separator changed: the old prefix deleted,
      // the new one inserted. Not where one side's label is computed by numbering (typed -> automatic): that
      // label is no text to mark, and deleting the typed one would show both when rejected.
      if (oldPre) edits[0]!.deletes.push({ at: 0, chunks: [hooks.oldRuns(0, 0, oldPre.length)] });
      if (newPre) edits[0]!.inserts.push([0, newPre.length]);
    }
  }

  for (const op of lineAligned(entry.inline)) {
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
          deletedEnd[o] = true;
          o++;
          oq = 0;
        }
      }
      if (!part) return;
      if (op.op === "equal") {
        kept[n] = true;
        // a computed list label is in the entry's line but not in the paragraph's text (a negative offset): cut off
        const at = nq + newParas[n]!.offset;
        const from = oq + oldParas[o]!.offset;
        const cut = Math.max(0, -at, -from);
        if (part.length > cut) keptText[n]!.push({ at: at + cut, line: o, from: from + cut, length: part.length - cut });
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
  return { edits, insertedEnd, whollyInserted, deletedEnd, kept: keptText };
}

/**
 * Where a position of the old text (line `k`, paragraph offset `x`) lands in
 * the new text: equal text maps one to one, deleted text to the point where it
 * was deleted. Returns the new line and its paragraph offset.
 */
export function mapOldPosition(entry: DeltaClause, oldParas: SideParagraph[], newParas: SideParagraph[], k: number, x: number): { line: number; at: number } {
  const { line, at } = locateOld(entry, oldParas, newParas, k, x);
  return { line, at };
}

/**
 * The new positions a point between two old characters can stand for: where
 * text was inserted right there, any place from before the insertion (after
 * the old character before it, if that one stayed) to after it.
 */
export function mapOldRange(entry: DeltaClause, oldParas: SideParagraph[], newParas: SideParagraph[], k: number, x: number): { line: number; lo: number; hi: number } {
  const hi = locateOld(entry, oldParas, newParas, k, x);
  if (x - oldParas[k]!.offset <= 0) return { line: hi.line, lo: hi.at, hi: hi.at };
  const before = locateOld(entry, oldParas, newParas, k, x - 1);
  const lo = before.kept && before.line === hi.line && before.at + 1 <= hi.at ? before.at + 1 : hi.at;
  return { line: hi.line, lo, hi: hi.at };
}

/** mapOldPosition, saying too whether the old character at that point stayed. */
function locateOld(entry: DeltaClause, oldParas: SideParagraph[], newParas: SideParagraph[], k: number, x: number): { line: number; at: number; kept: boolean } {
  const q = Math.max(0, x - oldParas[k]!.offset);
  let o = 0;
  let oq = 0;
  let n = 0;
  let nq = 0;
  const done = (line: number, pos: number, kept: boolean) => ({ line: Math.min(line, newParas.length - 1), at: Math.max(0, pos + newParas[Math.min(line, newParas.length - 1)]!.offset), kept });
  for (const op of lineAligned(entry.inline)) {
    const parts = op.text.split("\n");
    for (let i = 0; i < parts.length; i++) {
      if (i > 0) {
        if (op.op !== "insert") {
          if (o === k && oq === q) return done(n, nq, op.op === "equal");
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
      if (o === k && q >= oq && q < oq + len) return done(n, op.op === "equal" ? nq + (q - oq) : nq, op.op === "equal");
      oq += len;
      if (op.op === "equal") nq += len;
    }
  }
  return done(n, nq, true);
}

/**
 * The word diff may put an inserted or deleted stretch that spans paragraphs
 * anywhere among equivalent positions: "Authority[;\nh)\t...annually];" says
 * the same as "Authority;\n[h)\t...annually;\n]". Written as it came, the
 * first keeps the old ";" as the start of a paragraph whose other content is
 * deleted, and merges two paragraphs through a deleted mark, which readers
 * join with a space. So a change with a paragraph end in it, standing alone
 * between equal text, is slid to whole paragraphs when it can be: best
 * "lines + end" starting at a line start, else "end + lines" finishing at a
 * line end. The texts of both sides stay the same.
 */
export function lineAligned(ops: readonly InlineOp[]): InlineOp[] {
  if (!ops.some((op) => op.op !== "equal" && op.text.includes("\n"))) return ops as InlineOp[];
  const out = ops.map((op) => ({ ...op }));
  for (let i = 0; i < out.length; i++) {
    const x = out[i]!;
    if (x.op === "equal" || !x.text.includes("\n")) continue;
    const before = i > 0 ? out[i - 1]! : null;
    const after = i + 1 < out.length ? out[i + 1]! : null;
    // next to another change the boundary is not free to move
    if ((before && before.op !== "equal") || (after && after.op !== "equal")) continue;
    // the entry's own start and end are line boundaries; an emptied equal between two changes is not
    const slid = slide(before?.text ?? "", x.text, after?.text ?? "", i <= 1, i >= out.length - 2);
    if (!slid) {
      const split = after ? splitAtEnd(x, after, i + 1 === out.length - 1) : null;
      if (split) {
        out.splice(i, 2, ...split);
        i += split.length - 2;
      }
      continue;
    }
    if (before) before.text = slid.a;
    x.text = slid.x;
    if (after) after.text = slid.b;
  }
  return out.filter((op) => op.text !== "");
}

/**
 * A change that runs past a paragraph end and stops just before the equal
 * text that also ends its first line: "endnote[ with a change.\nA new
 * paragraph]." reads the same as "endnote[ with a change].[\nA new
 * paragraph.]", which adds the new paragraph whole instead of splitting the
 * old one before its final ".". Sliding cannot find this (the change would
 * have to move across different characters); matching the equal text to
 * the first line's end instead does. Returns the ops standing for `x` and
 * `after`, or null when the pattern does not apply.
 */
function splitAtEnd(x: InlineOp, after: InlineOp, afterIsLast: boolean): InlineOp[] | null {
  const nl = x.text.indexOf("\n");
  if (nl <= 0) return null;
  const head = x.text.slice(0, nl);
  const cut = after.text.indexOf("\n");
  const t = cut < 0 ? after.text : after.text.slice(0, cut);
  const rest = cut < 0 ? "" : after.text.slice(cut);
  if (!t || head.length === t.length || !head.endsWith(t)) return null;
  // the moved change must end a line: at the entry's end, or before the next paragraph end
  if (!rest && !afterIsLast) return null;
  const ops: InlineOp[] = [
    { op: x.op, text: head.slice(0, head.length - t.length) },
    { op: "equal", text: t },
    { op: x.op, text: x.text.slice(nl) + t },
  ];
  if (rest) ops.push({ op: "equal", text: rest });
  return ops;
}

/**
 * The best placement of change `x` between equal texts `a` and `b`, or null
 * when where it is will do. `a + x + b` reads the same wherever the change
 * sits in it, so a placement is just where its window starts.
 */
function slide(a: string, x: string, b: string, atStart: boolean, atEnd: boolean): { a: string; x: string; b: string } | null {
  const len = x.length;
  const all = a + x + b;
  const score = (s: number): number => {
    const from = a.length + s;
    const to = from + len;
    if (all[to - 1] === "\n" && (from === 0 ? atStart : all[from - 1] === "\n")) return 2;
    if (all[from] === "\n" && (to === all.length ? atEnd : all[to] === "\n")) return 1;
    return 0;
  };
  let best = 0;
  let bestScore = score(0);
  if (bestScore === 2) return null;
  // how far the change can move: each step carries one character across, which must be the same on both sides (a paragraph's worth at most)
  const reach = Math.min(len, MAX_SLIDE);
  let right = 0;
  while (right < reach && right < b.length && b[right] === x[right]) right++;
  let left = 0;
  while (left < reach && left < a.length && a[a.length - 1 - left] === x[len - 1 - left]) left++;
  for (let d = 1; d <= Math.max(left, right) && bestScore < 2; d++) {
    for (const s of [d, -d]) {
      if (s > right || -s > left) continue;
      const sc = score(s);
      if (sc > bestScore) {
        best = s;
        bestScore = sc;
      }
    }
  }
  if (best === 0) return null;
  const from = a.length + best;
  return { a: all.slice(0, from), x: all.slice(from, from + len), b: all.slice(from + len) };
}

const MAX_SLIDE = 10_000;
