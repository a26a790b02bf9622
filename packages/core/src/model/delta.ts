/**
 * The Delta, version 1: the contract that outside checks and pipelines rely on
 * (see DESIGN.md). A JSON Schema for it ships as `schema/delta-v1.schema.json`.
 * Fields beyond DESIGN.md's example (`kind`, `paragraphs`, `approximate`,
 * `notes`, `noteReferences`) are extensions; consumers may ignore them.
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
  /**
   * extension, present only when some did: the note references this entry
   * gained or lost (by their marks on each side), a footnote added to it, or
   * removed, or its reference moved here from another entry or away to one.
   * An entry whose text is the same is then `unchanged` with marker MOD, as
   * a renumbered one is.
   */
  noteReferences?: { added: string[]; removed: string[] };
  /**
   * extension, present only when some did: stretches of the text both sides
   * share that the new side formats otherwise (both documents .docx). An
   * entry whose text is the same is then `unchanged` with marker MOD.
   */
  formatting?: FormattingChange[];
}

/**
 * A format a run can have, as the Delta names it. A value (colour, size…)
 * is named with it: a colour changed from red to blue is "colour #0000FF"
 * added and "colour #FF0000" removed.
 */
export type FormatName =
  | "bold"
  | "italic"
  | "underline"
  | "strike"
  | "double strike"
  | "superscript"
  | "subscript"
  | "small caps"
  | "all caps"
  /** hidden text (`w:vanish`) */
  | "hidden"
  /** an underline other than single: "underline double", "underline wave" */
  | `underline ${string}`
  /** "colour #FF0000" (automatic colour is no name) */
  | `colour #${string}`
  /** "highlight yellow" (no highlight is no name) */
  | `highlight ${string}`
  /** "size 14 pt" */
  | `size ${number} pt`
  /** "font Arial", "font +Body" (the theme's body font) */
  | `font ${string}`;

/** One stretch of shared text whose formatting differs. */
export interface FormattingChange {
  /** the stretch as the new side has it (spaces between words of the same change included; cut at 60 characters) */
  text: string;
  /** what the new side shows there that the old side does not */
  added: FormatName[];
  /** what the old side shows there that the new side does not */
  removed: FormatName[];
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
  /** extension, present only when not 0: entries whose note references changed */
  noteReferences?: number;
  /** extension, present only when not 0: entries whose shared text is formatted otherwise */
  formatting?: number;
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
