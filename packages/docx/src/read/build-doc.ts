import { tooManyParagraphs, tooMuchText, type Doc, type Message, type Note, type Paragraph, type PartKind } from "@redline/core";
import { sourceRead, type ParsedSource } from "../xml/parse.js";
import { childElements, documentElement, type XmlDocument, type XmlElement } from "../xml/tree.js";
import type { DroppedKind } from "./embedded.js";
import { ListCounter } from "./list-counter.js";
import type { LoadedDocx } from "./load.js";
import { indexNotes, noteFormat, type NoteKind } from "./notes.js";
import { formatNumber } from "./number-format.js";
import { readNumbering } from "./numbering.js";
import { paragraphNumbering, paragraphRuns, paragraphStyleId, runBase } from "./paragraph-properties.js";
import type { TextPiece } from "./paragraph-text.js";
import { StoryReader, type StoryParagraph } from "./stories.js";
import { readStyles } from "./styles.js";
import { paragraphProperties, viewParagraphProperties, type View } from "./view.js";

/**
 * Builds the Doc one view shows: body paragraphs (text boxes right after the
 * paragraph that anchors them), then the footnotes and endnotes the view
 * references, in reference order, then (when asked) headers and footers.
 */

/** Where a Doc paragraph came from, for writers that patch the source package. */
export interface ParagraphSource {
  /** Part name the paragraph lives in ("word/document.xml"). */
  part: string;
  /** The `w:p` elements merged into it, in document order. */
  elements: XmlElement[];
  /** Its text, piece by piece, mapped to the nodes it came from. */
  pieces: TextPiece[];
}

/**
 * Where each paragraph's properties (the `w:pPr` of the `w:p` whose mark ends it) were spelled in the source its
 * part was parsed from: `source[i].text` from `from[i]` to `to[i]`, `from[i]` -1 for a paragraph without any, and
 * `source[i]` null where that is not known (an element that did not come from that parse). A writer comparing
 * two readings' properties paragraph by paragraph compares these spellings first: walking 11,000 paragraphs of
 * each tree (H.222.0) costs tens of milliseconds, mostly in reaching the nodes; the texts are read in order. The
 * reader never edits the trees; a writer that does must compare before it edits (an element whose children
 * changed keeps its offsets).
 */
export interface PropertySpellings {
  source: (ParsedSource | null)[];
  from: number[];
  to: number[];
}

export interface DocxReading {
  doc: Doc;
  /** `sources[i]` describes `doc.paragraphs[i]`. */
  sources: ParagraphSource[];
  properties: PropertySpellings;
  /** Every XML part parsed, by part name: edit these and serialize them to write the package back. */
  trees: Map<string, XmlDocument>;
}

const DROPPED_TEXT: Record<DroppedKind, [string, string]> = {
  image: ["image", "images"],
  chart: ["chart", "charts"],
  diagram: ["SmartArt diagram", "SmartArt diagrams"],
  object: ["embedded object (an OLE equation, spreadsheet or drawing)", "embedded objects (OLE equations, spreadsheets or drawings)"],
  shape: ["drawing shape", "drawing shapes"],
  altChunk: ["imported chunk of another document (altChunk)", "imported chunks of other documents (altChunk)"],
  contentPart: ["ink annotation", "ink annotations"],
};

function droppedMessages(dropped: Map<DroppedKind, number>): Message[] {
  return [...dropped].map(([kind, count]) => {
    const [one, many] = DROPPED_TEXT[kind];
    return {
      type: "message",
      level: "info",
      code: `dropped-${kind}`,
      text: `${count} ${count === 1 ? one : many} ${count === 1 ? "was" : "were"} left out: only text is compared.`,
    };
  });
}

/** The first child element called `name` with its index among element children (the index paths count). */
function indexedChild(parent: XmlElement, name: string): { element: XmlElement; index: number } | null {
  const index = childElements(parent).findIndex((el) => el.name === name);
  return index < 0 ? null : { element: childElements(parent)[index] as XmlElement, index };
}

export function buildDoc(loaded: LoadedDocx, view: View, name: string | null): DocxReading {
  const sheet = readStyles(loaded.styles, view);
  const defs = readNumbering(loaded.numbering);
  const lists = new ListCounter(defs, sheet);
  const paragraphs: Paragraph[] = [];
  const sources: ParagraphSource[] = [];
  const notes: Note[] = [];
  const messages: Message[] = [];
  const dropped = new Map<DroppedKind, number>();
  const references: Record<NoteKind, Map<string, { from: number; customMark: string | null }>> = {
    footnote: new Map(),
    endnote: new Map(),
  };
  let unclosedFields = 0;
  let story: { kind: PartKind; part: string; noteId: string | null } = { kind: "body", part: loaded.document.part, noteId: null };
  // the XML budgets bound the trees; these bound what is built from them (and what compare builds after)
  let chars = 0;

  const emit = (sp: StoryParagraph): void => {
    if (paragraphs.length >= loaded.limits.maxParagraphs) throw tooManyParagraphs(loaded.file, loaded.limits);
    chars += sp.text.length;
    if (chars > loaded.limits.maxTextChars) throw tooMuchText(loaded.file, loaded.limits);
    const pPr = viewParagraphProperties(sp.mark, view);
    const style = paragraphStyleId(pPr, sheet);
    const list = paragraphNumbering(pPr, style, sheet, defs, view);
    paragraphs.push({
      type: "paragraph",
      index: paragraphs.length,
      text: sp.text,
      listLabel: list ? lists.next(list.numId, list.ilvl) : null,
      style,
      styleName: style === null ? null : (sheet.styles.get(style)?.name ?? null),
      part: story.kind,
      noteId: story.noteId,
      table: sp.table,
      runs: paragraphRuns(sp.pieces, style, sheet, view),
      runBase: runBase(style, sheet),
      position: null,
      location: { part: story.part, path: sp.path },
    });
    sources.push({ part: story.part, elements: sp.elements, pieces: sp.pieces });
    spelled(sp.mark, story.part);
  };
  const properties: PropertySpellings = { source: [], from: [], to: [] };
  let spelledPart: string | null = null;
  let spelledIn: ParsedSource | null = null;
  const spelled = (mark: XmlElement, part: string): void => {
    if (part !== spelledPart) {
      const tree = loaded.trees.get(part);
      spelledIn = tree ? sourceRead(tree) : null;
      spelledPart = part;
    }
    const pPr = paragraphProperties(mark);
    const known = spelledIn !== null && (pPr === null || (pPr.doc === spelledIn.id && pPr.from !== undefined && pPr.to !== undefined));
    properties.source.push(known ? spelledIn : null);
    properties.from.push(pPr === null ? -1 : (pPr.from ?? -1));
    properties.to.push(pPr === null ? -1 : (pPr.to ?? -1));
  };
  const reader = new StoryReader(view, {
    paragraph: emit,
    noteReference(kind, id, customMark) {
      if (!references[kind].has(id)) references[kind].set(id, { from: paragraphs.length, customMark });
    },
    dropped(kind) {
      dropped.set(kind, (dropped.get(kind) ?? 0) + 1);
    },
    unclosedField() {
      unclosedFields++;
    },
  });

  const body = indexedChild(documentElement(loaded.document.doc), "w:body");
  if (body) reader.readStory(body.element, [body.index]);

  for (const kind of ["footnote", "endnote"] as const) {
    const source = kind === "footnote" ? loaded.footnotes : loaded.endnotes;
    const located = indexNotes(source, kind);
    const format = noteFormat(kind, loaded.settings, loaded.document.doc);
    let next = format.start;
    for (const [id, ref] of references[kind]) {
      const note = located.get(id);
      if (!note || !source) {
        messages.push({ type: "message", level: "warning", code: `missing-${kind}`, text: `The text refers to ${kind} ${id}, which the document does not contain.` });
        continue;
      }
      const mark = ref.customMark ?? formatNumber(next++, format.format);
      notes.push({ type: "note", kind, id, mark, referencedFrom: ref.from });
      story = { kind, part: source.part, noteId: id };
      reader.readStory(note.element, [note.index]);
    }
    const unreferenced = located.size - [...references[kind].keys()].filter((id) => located.has(id)).length;
    if (unreferenced > 0) {
      messages.push({
        type: "message",
        level: "info",
        code: `unreferenced-${kind}`,
        text: `${unreferenced} ${kind}${unreferenced === 1 ? " is" : "s are"} not referenced from the text in this view (for example, the reference was deleted) and ${unreferenced === 1 ? "was" : "were"} left out.`,
      });
    }
  }

  for (const header of loaded.headers) {
    story = { kind: header.kind, part: header.part, noteId: null };
    reader.readStory(documentElement(header.doc), []);
  }

  if (unclosedFields > 0) {
    messages.push({
      type: "message",
      level: "warning",
      code: "unclosed-field",
      text: "A field in the document never ends (the file is damaged); text after the place it starts may be missing.",
    });
  }
  messages.push(...droppedMessages(dropped));
  const doc: Doc = { type: "doc", name, format: "docx", paragraphs, notes, hasRevisions: loaded.hasRevisions, messages };
  return { doc, sources, properties, trees: loaded.trees };
}
