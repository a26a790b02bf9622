import type { ClauseTree } from "./clauses.js";

/**
 * How an old clause and a new clause were paired.
 * - "exact": same text (after whitespace normalisation)
 * - "similar": paired by word overlap
 * - "position": paired because both were the only candidates in the same place (e.g. a renamed heading)
 */
export type MatchKind = "exact" | "similar" | "position";

/** One row of the alignment: a pair, an added clause (old null) or a deleted one (new null). */
export interface AlignedPair {
  type: "pair";
  /** index into `Alignment.old.clauses`, or null when added */
  old: number | null;
  /** index into `Alignment.new.clauses`, or null when deleted */
  new: number | null;
  match: MatchKind | null;
  /** word-overlap similarity in [0, 1] (1 for exact), null for unpaired rows */
  similarity: number | null;
  /** the clause changed place among the others beyond the shift caused by inserts and deletes */
  moved: boolean;
  /** the clause's label changed while it is the same clause */
  renumbered: boolean;
}

export interface Alignment {
  type: "alignment";
  old: ClauseTree;
  new: ClauseTree;
  /** Rows in Delta order: the new tree's order, deleted clauses where they stood in the old one. */
  pairs: AlignedPair[];
  /** True when a work cap forced a cheaper pairing somewhere (see `notes`). */
  approximate: boolean;
  notes: string[];
}
