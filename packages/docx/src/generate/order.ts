/**
 * Where each entry goes in the generated document. The Delta lists entries in
 * the new document's order and a moved entry only once, at its new place; a
 * tracked move (or, with moves off, a deletion) also needs the entry at its
 * old place. That place is found from the old paragraph indices: right after
 * the entry that preceded it in the old document.
 */
import type { Delta, DeltaClause } from "@redline/core";
import type { Role } from "./segments.js";

export interface Placement {
  entry: DeltaClause;
  role: Role;
  /** 1-based number of the move this placement is one end of, or null. */
  move: number | null;
}

function isMove(entry: DeltaClause): boolean {
  return entry.moved && entry.old !== null && entry.new !== null;
}

function inPlaceRole(entry: DeltaClause): Role {
  if (entry.status === "added") return "added";
  if (entry.status === "deleted") return "deleted";
  return "as-is";
}

function oldPosition(entry: DeltaClause, deltaIndex: number): [number, number] {
  return [entry.old?.paragraphs[0] ?? Number.POSITIVE_INFINITY, deltaIndex];
}

/**
 * For each moved entry, the entry it follows in the old document (the nearest
 * one before it there that is not itself moved; null for the document start),
 * in old document order.
 */
function oldNeighbours(clauses: readonly DeltaClause[]): Map<DeltaClause | null, DeltaClause[]> {
  const withOld = clauses
    .map((entry, i) => ({ entry, key: oldPosition(entry, i) }))
    .filter((x) => x.entry.old !== null)
    .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1]);
  const after = new Map<DeltaClause | null, DeltaClause[]>();
  let anchor: DeltaClause | null = null;
  for (const { entry } of withOld) {
    if (!isMove(entry)) {
      anchor = entry;
      continue;
    }
    const list = after.get(anchor) ?? [];
    list.push(entry);
    after.set(anchor, list);
  }
  return after;
}

export function placeEntries(delta: Delta, moves: boolean): Placement[] {
  const moveNumber = new Map<DeltaClause, number>();
  for (const entry of delta.clauses) if (isMove(entry)) moveNumber.set(entry, moveNumber.size + 1);

  const sourcesAfter = oldNeighbours(delta.clauses);
  const out: Placement[] = [];
  const placeSources = (anchor: DeltaClause | null): void => {
    for (const entry of sourcesAfter.get(anchor) ?? []) {
      out.push(moves ? { entry, role: "move-from", move: moveNumber.get(entry)! } : { entry, role: "deleted", move: null });
    }
  };

  placeSources(null);
  for (const entry of delta.clauses) {
    if (isMove(entry)) out.push(moves ? { entry, role: "move-to", move: moveNumber.get(entry)! } : { entry, role: "added", move: null });
    else out.push({ entry, role: inPlaceRole(entry), move: null });
    placeSources(entry);
  }

  // Notes are written as plain paragraphs after the body, as a text document has them.
  const isNote = (p: Placement): boolean => (p.entry.new ?? p.entry.old)?.kind === "note";
  return [...out.filter((p) => !isNote(p)), ...out.filter(isNote)];
}
