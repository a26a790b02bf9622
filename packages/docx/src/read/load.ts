import type { PackageLimits } from "../zip/limits.js";
import type { DocxPackage } from "../zip/package.js";
import { decodeXml, sameBytes, utf8Body } from "../xml/encoding.js";
import { parseDecoded, parseXmlBytes, sourceRead, xmlBudget, type XmlBudget } from "../xml/parse.js";
import { documentElement, findChild, findPath, getAttr, type XmlDocument, type XmlElement } from "../xml/tree.js";
import { readRelationships, type Relationship } from "./relationships.js";
import { documentHasRevisions } from "./view.js";

/**
 * Parses, once, the parts a reader needs. Both views of a document are built
 * from the same trees, and a writer gets them too (`trees`), to patch and
 * serialize back.
 */

export interface StoryPart {
  part: string;
  doc: XmlDocument;
}

export interface HeaderPart extends StoryPart {
  kind: "header" | "footer";
}

export interface LoadedDocx {
  /** Every XML part parsed so far, by part name. */
  trees: Map<string, XmlDocument>;
  document: StoryPart;
  styles: XmlDocument | null;
  numbering: XmlDocument | null;
  settings: XmlDocument | null;
  footnotes: StoryPart | null;
  endnotes: StoryPart | null;
  /** Headers and footers in the order the section properties reference them (only when asked for). */
  headers: HeaderPart[];
  hasRevisions: boolean;
  /** The package's file name and limits, for the document budgets the Doc builder checks. */
  file: string;
  limits: PackageLimits;
}

/**
 * The elements a story part's parse copies from another reading's tree of the same part where
 * the bytes are the same (parseXmlBytes `reuse`): paragraphs, tables, rows, content controls and
 * notes, the blocks a revision leaves standing whole around what it changed.
 */
const REUSABLE: ReadonlySet<string> = new Set(["w:p", "w:tbl", "w:tr", "w:sdt", "w:footnote", "w:endnote"]);
/** Paragraphs are copied whole or parsed: a block inside one (in a text box) is not looked for. */
const OPAQUE: ReadonlySet<string> = new Set(["w:p"]);

/**
 * Parses part `name` of `pkg` unless already parsed. `shared`: another reading's trees (OLD's,
 * when this is NEW), whose tree of the same part, if any, lends the parse its elements where the
 * bytes are the same (parseXmlBytes `reuse`): the tree is this reading's own all the same.
 */
function parsePart(pkg: DocxPackage, budget: XmlBudget, trees: Map<string, XmlDocument>, name: string | null, shared: ReadonlyMap<string, XmlDocument> | null = null): StoryPart | null {
  const stored = name === null ? null : pkg.resolve(name);
  const bytes = stored === null ? null : pkg.get(stored);
  if (stored === null || bytes === null) return null;
  let doc = trees.get(stored);
  if (!doc) {
    const other = shared?.get(stored);
    const reuse = other === undefined || editableTrees.has(other) ? null : { from: other, names: REUSABLE, opaque: OPAQUE };
    doc = parseXmlBytes(bytes, pkg.file, stored, budget, reuse);
    trees.set(stored, doc);
  }
  return { part: stored, doc };
}

/** r:ids of header and footer references, section by section, in document order. */
function headerReferenceIds(body: XmlElement): string[] {
  const ids: string[] = [];
  const collect = (sectPr: XmlElement | null): void => {
    if (!sectPr) return;
    for (const ref of sectPr.children) {
      if (ref.type !== "element" || (ref.name !== "w:headerReference" && ref.name !== "w:footerReference")) continue;
      const id = getAttr(ref, "r:id");
      if (id !== null && !ids.includes(id)) ids.push(id);
    }
  };
  for (const child of body.children) {
    if (child.type !== "element") continue;
    if (child.name === "w:p") collect(findPath(child, ["w:pPr", "w:sectPr"]));
    else if (child.name === "w:sectPr") collect(child);
  }
  return ids;
}

/** Trees a reading took from another (sharePartsWith): whoever edits one must first give its reading a copy of its own (ownTree). */
const sharedTrees = new WeakSet<XmlDocument>();
/** Trees a writer may have edited (a reading handed to writeTrackedDocx as NEW): their source text no longer tells what they hold. */
const editableTrees = new WeakSet<XmlDocument>();

/**
 * Marks the trees of a reading as ones that may be edited from now on, so that no later reading
 * shares them. A tree shared with other readings is left out: it is never edited in place (ownTree
 * gives the reading a copy first), so it may still be shared, and the other readings holding it
 * are not taken for readings a writer has had.
 */
export function markEditable(trees: ReadonlyMap<string, XmlDocument>): void {
  for (const doc of trees.values()) if (!sharedTrees.has(doc)) editableTrees.add(doc);
}

/** Whether a reading's trees were handed to a writer before (markEditable), which may have edited them. */
export function wasMarkedEditable(trees: ReadonlyMap<string, XmlDocument>): boolean {
  for (const doc of trees.values()) if (editableTrees.has(doc)) return true;
  return false;
}

/**
 * The tree of `part` in `trees`, made the reading's own first if it was
 * shared with another reading: parsed again from the package, with a fresh
 * budget of the package's limits (the shared one was never charged to it).
 * The copy is made to be edited, so no later reading shares it either.
 */
export function ownTree(pkg: DocxPackage, trees: Map<string, XmlDocument>, part: string): XmlDocument | undefined {
  const doc = trees.get(part);
  const bytes = doc !== undefined && sharedTrees.has(doc) ? pkg.get(part) : null;
  if (bytes === null) return doc;
  const own = parseXmlBytes(bytes, pkg.file, part, xmlBudget(pkg.limits));
  editableTrees.add(own);
  trees.set(part, own);
  return own;
}

/**
 * Like parsePart, but takes the tree `shared` has for the same part when the
 * part's text is the same, rather than parsing it again. Comparing the
 * bytes (or the decoded text, for a part read decoded) costs a fraction of
 * parsing them (Q.850's styles and numbering: about 4 ms to parse, well
 * under 1 ms to compare). A shared tree costs no memory, so it is not
 * charged to this reading's node budget.
 */
function sharedPart(pkg: DocxPackage, budget: XmlBudget, trees: Map<string, XmlDocument>, name: string | null, shared: ReadonlyMap<string, XmlDocument> | null): StoryPart | null {
  const stored = name === null ? null : pkg.resolve(name);
  // a part already read (a relationship pointing at the main part, say) is this reading's, and stays so
  const other = stored === null || trees.has(stored) ? undefined : shared?.get(stored);
  const source = other === undefined || editableTrees.has(other) ? null : sourceRead(other);
  const bytes = source === null ? null : pkg.get(stored!);
  if (other !== undefined && source !== null && bytes !== null && bytes.length <= budget.maxPartBytes) {
    let doc: XmlDocument;
    if (source.bytes !== null) {
      // OLD's part was read as UTF-8 bytes: the same bytes, and a BOM on both or neither, make the same tree
      const body = utf8Body(bytes);
      const same = body !== null && (body.length < bytes.length) === other.bom && sameBytes(body, source.bytes);
      doc = same ? other : parseXmlBytes(bytes, pkg.file, stored!, budget);
    } else {
      const decoded = decodeXml(bytes, pkg.file, stored!);
      const same = decoded.text === source.text && decoded.encoding === other.encoding && decoded.bom === other.bom;
      // a part that differs is parsed from the text just decoded, not decoded again
      doc = same ? other : parseDecoded(decoded, pkg.file, stored!, budget);
    }
    if (doc === other) sharedTrees.add(other);
    trees.set(stored!, doc);
    return { part: stored!, doc };
  }
  return parsePart(pkg, budget, trees, name);
}

/**
 * Reads the parts of `pkg` that build a Doc. `shared`: the trees of another
 * reading (OLD's, when this is NEW): styles, numbering and settings whose
 * text is the same are taken from it instead of being parsed again. These
 * are parts the tracked-change writer only reads (it copies a missing style
 * into NEW's styles, never one both have), which is why only they are shared;
 * the document, notes and headers, which it edits, get trees of their own,
 * though their parse copies the elements it finds spelled as in `shared`'s
 * tree of the same part rather than scanning them again (parsePart).
 */
export function loadDocx(pkg: DocxPackage, includeHeaders: boolean, shared: ReadonlyMap<string, XmlDocument> | null = null): LoadedDocx {
  const trees = new Map<string, XmlDocument>();
  // one budget for all the parts of this reading, so that many parts cannot add up past it; a
  // package read again (the page exports from one comparison again and again) gets a new one
  const budget = xmlBudget(pkg.limits);
  const document = parsePart(pkg, budget, trees, pkg.mainPart, shared) as StoryPart;
  const rels = readRelationships(pkg, document.part, budget);
  const target = (kind: string, fallback: string): string | null =>
    rels.find((r) => r.kind === kind && !r.external)?.target ?? (rels.length === 0 ? fallback : null);
  const styles = sharedPart(pkg, budget, trees, target("styles", "word/styles.xml"), shared);
  const numbering = sharedPart(pkg, budget, trees, target("numbering", "word/numbering.xml"), shared);
  const settings = sharedPart(pkg, budget, trees, target("settings", "word/settings.xml"), shared);
  const footnotes = parsePart(pkg, budget, trees, target("footnotes", "word/footnotes.xml"), shared);
  const endnotes = parsePart(pkg, budget, trees, target("endnotes", "word/endnotes.xml"), shared);
  const headers: HeaderPart[] = [];
  const body = findChild(documentElement(document.doc), "w:body");
  if (includeHeaders && body) {
    const byId = new Map<string, Relationship>(rels.map((r) => [r.id, r]));
    for (const id of headerReferenceIds(body)) {
      const rel = byId.get(id);
      if (!rel || rel.external || (rel.kind !== "header" && rel.kind !== "footer")) continue;
      const story = parsePart(pkg, budget, trees, rel.target, shared);
      if (story) headers.push({ ...story, kind: rel.kind });
    }
  }
  const revisable = [document, footnotes, endnotes, styles, numbering, ...headers];
  const hasRevisions = revisable.some((story) => story !== null && documentHasRevisions(story.doc));
  return {
    trees,
    document,
    styles: styles?.doc ?? null,
    numbering: numbering?.doc ?? null,
    settings: settings?.doc ?? null,
    footnotes,
    endnotes,
    headers,
    hasRevisions,
    file: pkg.file,
    limits: pkg.limits,
  };
}
