/**
 * The order of Delta rows: the new document's order, with each row that has
 * no new side (a deleted clause) placed right after the row that preceded it
 * in the old document. The order depends only on the set of rows, never on
 * the order they come in, so `invert(invert(d))` restores `d` exactly.
 */
export interface Placed {
  /** position on the old side, or null */
  oldPos: number | null;
  /** position on the new side, or null */
  newPos: number | null;
}

export function orderRows<T>(rows: readonly T[], place: (row: T) => Placed): T[] {
  const placed = rows.map((row) => ({ row, ...place(row) }));
  const byOld = placed.filter((r) => r.oldPos !== null).sort((a, b) => a.oldPos! - b.oldPos!);
  const anchor = new Map<T, number>();
  let last = -1;
  for (const r of byOld) {
    if (r.newPos !== null) last = r.newPos;
    else anchor.set(r.row, last);
  }
  const key = (r: (typeof placed)[number]): [number, number, number] =>
    r.newPos !== null ? [r.newPos, 0, 0] : [anchor.get(r.row) ?? -1, 1, r.oldPos ?? 0];
  return placed
    .map((r) => ({ r, k: key(r) }))
    .sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.k[2] - b.k[2])
    .map((x) => x.r.row);
}
