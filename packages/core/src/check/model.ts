/**
 * The secretariat's check of a proposal, version 1: plain JSON data, what
 * `redline check --format json` prints. A proposal shows its changes as
 * tracked revisions; its rejected view is what it claims the in-force text
 * is. Every difference between that view and the real in-force text is an
 * edit that was made without being marked (ITU-CONVENTIONS.md, "How proposed
 * changes are marked").
 */
import type { ProfileName } from "../model/clauses.js";
import type { DeltaClause, FormattingChange } from "../model/delta.js";
import type { Doc, Message } from "../model/doc.js";

/** The views of a document with tracked changes (the shape `readDocxViews` returns). */
export interface ProposalViews {
  /** every revision accepted: the text the proposal proposes */
  accepted: Doc;
  /** every revision rejected: the text the proposal claims is in force */
  rejected: Doc;
  /**
   * every revision rejected but moves, which are accepted (null or absent when
   * the proposal moves nothing): moved text where the proposal put it, with
   * the words it had where it came from
   */
  moved?: Doc | null;
  /** whether the document carries any tracked revision at all */
  hasRevisions: boolean;
}

export interface CheckSource {
  name: string | null;
  /** hex SHA-256 of the input bytes, when the caller had them */
  sha256: string | null;
  /** whether the document itself contains tracked revisions */
  hasRevisions: boolean;
}

/** An entry whose shared text the proposal formats otherwise than the in-force text, with no mark. */
export interface FormattingEdit {
  /** the entry's address in the in-force text */
  old: string;
  /** and in the proposal */
  new: string;
  /** `added`: what the proposal shows that the in-force text does not; `removed`: the reverse */
  changes: FormattingChange[];
}

export interface Check {
  format: "redline-check";
  version: 1;
  /** the structure profile all three texts were read with */
  profile: ProfileName;
  inForce: CheckSource;
  proposal: CheckSource;
  /**
   * The edits made without revision marks: the touched entries of the Delta
   * of the in-force text (`old`) against the proposal's rejected view
   * (`new`), in that Delta's order. Differences in spacing alone are left
   * out (a warning counts them).
   */
  unmarked: DeltaClause[];
  /**
   * The changes the proposal marks: the touched entries of the Delta of its
   * rejected view (`old`) against its accepted view (`new`).
   */
  marked: DeltaClause[];
  /**
   * Text the in-force text and the proposal's rejected view share but format
   * otherwise (bold, italic, underline and its kind, single or double strike,
   * super- or subscript, small or all caps, hidden, colour, highlight, size,
   * font), by entry: formatting changed without a mark. Not counted against
   * `clean` (two templates that define a style differently show here too)
   * unless the check is strict about formatting; empty when either document
   * is plain text.
   */
  formatting: FormattingEdit[];
  /** what the reader of the report should know: unreadable or missing revisions, in-force revisions, spacing, work caps */
  warnings: Message[];
  /** no unmarked edit was found (nor, with `strictFormatting`, any formatting changed without a mark) */
  clean: boolean;
}
