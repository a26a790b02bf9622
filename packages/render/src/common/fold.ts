/**
 * Context folding, as `diff -U n` does with lines: keep `context` unchanged
 * entries on each side of every touched entry and fold each remaining run of
 * unchanged entries into one item that only says how many there are.
 */
import type { DeltaClause } from "@redline/core";
import { isTouched } from "./entries.js";

export type FoldItem =
  | { kind: "entry"; index: number }
  /** `count` unchanged entries starting at `index` */
  | { kind: "fold"; index: number; count: number };

/** `context` null keeps every entry. */
export function foldUnchanged(clauses: readonly DeltaClause[], context: number | null): FoldItem[] {
  if (context !== null && (!Number.isInteger(context) || context < 0)) {
    throw new RangeError(`context must be a whole number of entries (0 or more) or null, not ${context}`);
  }
  const n = clauses.length;
  const keep = new Array<boolean>(n).fill(context === null);
  if (context !== null) {
    clauses.forEach((c, i) => {
      if (!isTouched(c)) return;
      for (let k = Math.max(0, i - context); k <= Math.min(n - 1, i + context); k++) keep[k] = true;
    });
  }
  const items: FoldItem[] = [];
  for (let i = 0; i < n; ) {
    if (keep[i]) {
      items.push({ kind: "entry", index: i });
      i++;
      continue;
    }
    let j = i;
    while (j < n && !keep[j]) j++;
    items.push({ kind: "fold", index: i, count: j - i });
    i = j;
  }
  return items;
}
