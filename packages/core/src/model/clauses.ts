/**
 * The ClauseTree: a Doc seen through a structure profile. Each entry is a unit
 * the alignment pairs and the Delta reports: a title line, a section heading, a
 * labelled clause with the sub-items that continue it, an unlabelled paragraph,
 * a note. Every paragraph of the Doc belongs to exactly one clause.
 *
 * Clauses are kept flat in document order; the tree is expressed by `parent`
 * and `depth`, which is what alignment and rendering both want (a moved clause
 * is a reordering of a flat list, not a tree surgery).
 */

export type ProfileName = "itu-resolution" | "numbered" | "plain";
export type ProfileOption = ProfileName | "auto";

export type ClauseKind =
  /** "RESOLUTION 1 (Rev. Hammamet, 2016)" */
  | "number-line"
  /** the resolution's or document's title */
  | "title"
  /** "(Florianópolis, 2004; Johannesburg, 2008)" */
  | "history"
  /** "The World Telecommunication Standardization Assembly (Hammamet, 2016)," */
  | "opening"
  /** "considering", "resolves", "instructs the Director ..." */
  | "section-heading"
  /** "SECTION 1", "Annex (to Resolution 68)", "Appendix I ..." and their titles */
  | "part-heading"
  /** a numbered or unnumbered heading inside a part ("1.13<TAB>Voting") */
  | "heading"
  /** a labelled clause (a), 1, 1.1, 1bis, b)bis) with its sub-items */
  | "clause"
  /** an unlabelled paragraph that belongs to no clause */
  | "paragraph"
  /** a footnote or endnote */
  | "note"
  /** a paragraph inside a table cell */
  | "table-cell";

export interface Clause {
  type: "clause";
  kind: ClauseKind;
  /** Stable address, unique in its tree: section key and label path ("considering/b", "resolves/2.1", "annex/1"). */
  id: string;
  /** Key of the section it belongs to ("preamble", "considering", "resolves", "annex", "section-1", ...). */
  section: string;
  /** The label as written ("a)", "1", "2.1", "1bis", "b)bis"), or null. */
  label: string | null;
  /** Text without the label; continuation paragraphs are joined with "\n". */
  text: string;
  /** Nesting depth: 0 for headings and top-level entries, +1 per label level. */
  depth: number;
  /** Id of the enclosing clause (a "1.1" clause's parent is "1"), or null. */
  parent: string | null;
  /** Indices (`Paragraph.index`) of the paragraphs this clause came from, in order. */
  paragraphs: number[];
  /**
   * The separator written between label and text in the source ("\t" or " "),
   * so a canonical text can be rebuilt; "" when there is no label.
   */
  labelSeparator: string;
}

export interface ClauseTree {
  type: "clause-tree";
  profile: ProfileName;
  /** The Doc's name, carried for reports. */
  name: string | null;
  /** The document's title as the profile understood it, or null. */
  title: string | null;
  clauses: Clause[];
  /**
   * Its footnote and endnote references: the paragraph each note starts at,
   * the paragraph that references it, and its mark. Absent when the source
   * cannot carry references (plain text), so that no comparison with such a
   * text reads every reference as added.
   */
  references?: NoteReference[];
}

export interface NoteReference {
  /** `Paragraph.index` of the note's first paragraph */
  note: number;
  /** `Paragraph.index` of the body paragraph holding the reference */
  from: number;
  /** the mark shown ("1", "*") */
  mark: string;
}
