/**
 * Planned paragraphs -> a `docx` Document. Insertions and deletions, of text
 * and of paragraph marks, are the library's own (`InsertedTextRun`,
 * `DeletedTextRun`, a paragraph's `run.insertion`/`run.deletion`). The library
 * has no moves: moved text is written as insertions and deletions whose ids
 * are listed in the returned `MovePatch`, for `applyMoves` to turn into
 * `w:moveTo`/`w:moveFrom` and to fence with range markers.
 */
import { DeletedTextRun, Document, InsertedTextRun, Paragraph, Tab, TextRun, TabStopType, type ParagraphChild } from "docx";
import type { MoveRange, PlannedParagraph } from "./plan.js";
import type { Revision, Segment } from "./segments.js";
import { ITU_STYLES, LABEL_INDENT, TAB_STOPS } from "./styles.js";

export interface RangeMarker extends MoveRange {
  /** Index of the paragraph in the body. */
  paragraph: number;
  /** Annotation id shared by the range's start and end markers. */
  id: number;
}

export interface MovePatch {
  /** Revision id -> the element the library's `w:ins`/`w:del` with that id must become. */
  renamed: Map<number, "moveFrom" | "moveTo">;
  /** In body order; a range's start comes with its first paragraph, its end with its last. */
  ranges: RangeMarker[];
}

export interface DocumentOptions {
  author: string;
  /** Already normalised to xsd:dateTime. */
  date: string;
  title: string | undefined;
}

// Characters XML 1.0 cannot carry, even escaped. Text read from .txt or .md
// files should never hold them; if one does, it is shown as U+FFFD rather than
// making a package Word refuses to open.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function runContent(text: string): (string | Tab)[] {
  const out: (string | Tab)[] = [];
  text
    .replace(NOT_XML, "\uFFFD")
    .split("\t")
    .forEach((piece, i) => {
      if (i > 0) out.push(new Tab());
      if (piece !== "") out.push(piece);
    });
  return out;
}

/** The attributes of one revision (the library's own type for them is not exported). */
interface RevisionAttributes {
  id: number;
  author: string;
  date: string;
}

const HANGING_TABS = TAB_STOPS.map((position) => ({ type: TabStopType.LEFT, position }));

class Revisions {
  private next = 1;
  readonly patch: MovePatch = { renamed: new Map(), ranges: [] };

  constructor(private readonly options: DocumentOptions) {}

  /** A fresh revision, remembered as part of a move when it is one. */
  take(revision: Exclude<Revision, "none">): RevisionAttributes {
    const id = this.id();
    if (revision === "moveFrom" || revision === "moveTo") this.patch.renamed.set(id, revision);
    return { id, author: this.options.author, date: this.options.date };
  }

  id(): number {
    return this.next++;
  }
}

function run(segment: Segment, revisions: Revisions): ParagraphChild {
  const children = runContent(segment.text);
  switch (segment.revision) {
    case "none":
      return new TextRun({ children });
    case "ins":
    case "moveTo":
      return new InsertedTextRun({ children, ...revisions.take(segment.revision) });
    case "del":
    case "moveFrom":
      return new DeletedTextRun({ children, ...revisions.take(segment.revision) });
  }
}

function paragraphMark(mark: Revision, revisions: Revisions) {
  switch (mark) {
    case "none":
      return undefined;
    case "ins":
    case "moveTo":
      return { insertion: revisions.take(mark) };
    case "del":
    case "moveFrom":
      return { deletion: revisions.take(mark) };
  }
}

export function buildDocument(plan: readonly PlannedParagraph[], options: DocumentOptions): { document: Document; moves: MovePatch } {
  const revisions = new Revisions(options);
  const paragraphs = plan.map((p) => {
    // Ids follow the order of the XML: a paragraph's mark (in w:pPr) is written before its runs.
    const mark = paragraphMark(p.mark, revisions);
    const children = p.runs.map((segment) => run(segment, revisions));
    return new Paragraph({
      style: p.style,
      children,
      ...(mark ? { run: mark } : {}),
      ...(p.hanging ? { indent: { left: LABEL_INDENT, hanging: LABEL_INDENT }, tabStops: HANGING_TABS } : {}),
    });
  });
  const rangeIds = new Map<string, number>();
  plan.forEach((p, paragraph) => {
    if (p.range === null || !(p.range.first || p.range.last)) return;
    const key = `${p.range.side} ${p.range.move}`;
    const id = rangeIds.get(key) ?? revisions.id();
    rangeIds.set(key, id);
    revisions.patch.ranges.push({ ...p.range, paragraph, id });
  });
  const document = new Document({
    creator: options.author,
    lastModifiedBy: options.author,
    ...(options.title !== undefined ? { title: options.title } : {}),
    features: { trackRevisions: true },
    styles: ITU_STYLES,
    sections: [{ children: paragraphs }],
  });
  return { document, moves: revisions.patch };
}
