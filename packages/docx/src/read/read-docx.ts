import type { Doc } from "@redline/core";
import type { PackageLimits } from "../zip/limits.js";
import { openPackage } from "../zip/open.js";
import type { DocxPackage } from "../zip/package.js";
import { buildDoc, type DocxReading } from "./build-doc.js";
import { loadDocx, type LoadedDocx } from "./load.js";
import { movesKeepTheirWords } from "./moves.js";
import { documentHasMoves, type View } from "./view.js";
import type { XmlDocument } from "../xml/tree.js";

export interface ReadDocxOptions {
  /** The file name, as the user gave it: used in error messages; its last segment becomes `Doc.name`. */
  name: string;
  /** Which text to read when the document has tracked changes. Default "accepted". */
  view?: View;
  /** Also read headers and footers (after the notes, part "header"/"footer"). Default false. */
  includeHeaders?: boolean;
  /** Size budgets for opening the package (see DEFAULT_LIMITS). */
  limits?: Partial<PackageLimits>;
  /**
   * Another reading, made just before and left unedited (OLD's, when reading NEW to compare
   * them): the styles, numbering and settings parts whose text is the same are not parsed again
   * but shared with it, tree and all. Neither reading's trees of those parts may then be edited
   * in place: writeTrackedDocx gives NEW's reading its own copy of a shared tree before it edits
   * one, and never lets a reading it has written as NEW be shared from. The document, notes
   * and headers get trees of their own, but their paragraphs, tables and rows spelled with the
   * same bytes as in the other reading's part are copied from its tree rather than parsed again:
   * the result is the same, sooner.
   */
  sharePartsWith?: DocxReading;
}

export interface DocxViews {
  accepted: Doc;
  rejected: Doc;
  /**
   * The "moved" view (every revision rejected but moves), when the document moves text as a
   * tracked change and some move brings to its destination a word its source lacks (an edit
   * made inside moved text without a mark of its own; read/moves.ts); else null.
   */
  moved: Doc | null;
  hasRevisions: boolean;
}

function baseName(name: string): string {
  return name.slice(Math.max(name.lastIndexOf("/"), name.lastIndexOf("\\")) + 1);
}

/** What a reading was read with, for a writer that must read the package again the same way. */
export interface ReadingOptions {
  view: View;
  includeHeaders: boolean;
}
const readWith = new WeakMap<DocxReading, ReadingOptions>();

/** The options `reading` was made with (readDocxPackage's defaults for one made elsewhere). */
export function readingOptions(reading: DocxReading): ReadingOptions {
  return readWith.get(reading) ?? { view: "accepted", includeHeaders: false };
}

/** Reads an opened package into a Doc, keeping the parsed parts and each paragraph's source nodes for writers. */
export function readDocxPackage(pkg: DocxPackage, options: Omit<ReadDocxOptions, "name" | "limits"> = {}): DocxReading {
  const includeHeaders = options.includeHeaders ?? false;
  const view = options.view ?? "accepted";
  const loaded = loadDocx(pkg, includeHeaders, options.sharePartsWith?.trees ?? null);
  const reading = buildDoc(loaded, view, baseName(pkg.file));
  readWith.set(reading, { view, includeHeaders });
  return reading;
}

/** Reads a .docx file's bytes into a Doc. Throws RedlineError for anything that is not a readable .docx. */
export function readDocx(bytes: Uint8Array, options: ReadDocxOptions): Doc {
  return readDocxPackage(openPackage(bytes, options.name, options.limits), options).doc;
}

/** The parsed parts that hold text: the document, its notes and, when read, its headers and footers. */
function stories(loaded: LoadedDocx): XmlDocument[] {
  return [loaded.document, loaded.footnotes, loaded.endnotes, ...loaded.headers].flatMap((story) => (story === null ? [] : [story.doc]));
}

/** The views of a document with tracked changes, from one parse. */
export function readDocxViews(bytes: Uint8Array, options: Omit<ReadDocxOptions, "view">): DocxViews {
  const loaded = loadDocx(openPackage(bytes, options.name, options.limits), options.includeHeaders ?? false);
  const name = baseName(options.name);
  const texts = stories(loaded);
  // the moved view is read only where it can differ from the rejected one in words (read/moves.ts)
  const moves = loaded.hasRevisions && texts.some(documentHasMoves) && !movesKeepTheirWords(texts);
  return {
    accepted: buildDoc(loaded, "accepted", name).doc,
    rejected: buildDoc(loaded, "rejected", name).doc,
    moved: moves ? buildDoc(loaded, "moved", name).doc : null,
    hasRevisions: loaded.hasRevisions,
  };
}
