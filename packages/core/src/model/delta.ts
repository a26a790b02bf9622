/**
 * The Delta, version 1: the contract that outside checks and pipelines rely on
 * (see DESIGN.md). A JSON Schema for it ships as `schema/delta-v1.schema.json`.
 * Fields beyond DESIGN.md's example (`kind`, `paragraphs`, `approximate`,
 * `notes`) are extensions; consumers may ignore them.
 */
import type { ClauseKind, ProfileName } from "./clauses.js";

export type ClauseStatus = "unchanged" | "modified" | "added" | "deleted";
/** ITU proposal markers: no change, modified, added, suppressed. */
export type Marker = "NOC" | "MOD" | "ADD" | "SUP";

export interface InlineOp {
  op: "equal" | "insert" | "delete";
  text: string;
}

export interface DeltaSide {
  id: string;
  section: string;
  label: string | null;
  text: string;
  /** extension: what sort of entry this is */
  kind: ClauseKind;
  /** extension: the `Paragraph.index` values the entry came from */
  paragraphs: number[];
}

export interface DeltaClause {
  status: ClauseStatus;
  marker: Marker;
  moved: boolean;
  renumbered: boolean;
  old: DeltaSide | null;
  new: DeltaSide | null;
  inline: InlineOp[];
  /** extension: the word diff of this entry hit the work cap and is coarser than it could be */
  approximate: boolean;
}

export interface DeltaSummary {
  unchanged: number;
  modified: number;
  added: number;
  deleted: number;
  moved: number;
  renumbered: number;
  insertedWords: number;
  deletedWords: number;
}

export interface DeltaSource {
  name: string | null;
  sha256: string | null;
}

export interface Delta {
  format: "redline-delta";
  version: 1;
  profile: ProfileName;
  old: DeltaSource;
  new: DeltaSource;
  summary: DeltaSummary;
  clauses: DeltaClause[];
  /** extension: why the result is approximate anywhere (work caps hit), empty when exact */
  notes: string[];
}
