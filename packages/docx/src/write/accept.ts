/**
 * Accepts every tracked change in parsed parts, in place, so that they hold
 * no revisions and read exactly as the accepted view of the original does
 * (src/read/view.ts, stories.ts, paragraph-text.ts), with every paragraph of
 * that view one `w:p` element. The tracked-change writer needs that of the
 * document it patches.
 *
 * - Content of `w:del` and `w:moveFrom` goes; `w:ins` and `w:moveTo` are
 *   unwrapped, their content staying where it stands. Move and custom-XML
 *   revision range markers go.
 * - Property-change records (`w:rPrChange`, `w:pPrChange`, ...) go, leaving
 *   the current properties; a tracked vertical merge (`w:cellMerge`) becomes
 *   the `w:vMerge` it stands for, as Word writes it on accepting.
 * - Rows marked deleted (`w:trPr/w:del`) and cells marked deleted
 *   (`w:tcPr/w:cellDel`) go; a table left without rows goes with them.
 *   Insertion markers of rows and cells go.
 * - A paragraph whose mark is deleted (`w:pPr/w:rPr/w:del` or `w:moveFrom`)
 *   runs on into the next paragraph of its story level: its content moves to
 *   the start of that paragraph, whose properties survive. Which `w:p`
 *   elements merge, and which are left out altogether (nothing of them
 *   remains and no paragraph follows), is decided by the reader itself
 *   (StoryReader), so the two can never disagree. Should that leave a cell,
 *   note, text box, header or footer without a closing paragraph (a note
 *   whose reference and text were deleted, RP050), an empty one stays.
 * - Field characters and field code a deletion left outside any field go.
 * - `w:delText` and `w:delInstrText` outside any deletion (they should not
 *   occur) are dropped, and their run with them when nothing else is left in it.
 */
import { StoryReader, type StoryParagraph } from "../read/stories.js";
import { paragraphMarkRemoved } from "../read/view.js";
import { documentElement, element, findChild, getAttr, type XmlDocument, type XmlElement, type XmlNode } from "../xml/tree.js";

/** Wrappers whose content is rejected on accepting. */
const REMOVED_WITH_CONTENT = new Set(["w:del", "w:moveFrom"]);

/** Wrappers whose content is accepted (or, when empty, markers of an insertion). */
const UNWRAPPED = new Set(["w:ins", "w:moveTo"]);

/** Elements that simply go: change records, revision range markers, insertion markers, deleted text. */
const REMOVED = new Set([
  "w:rPrChange",
  "w:pPrChange",
  "w:sectPrChange",
  "w:tblPrChange",
  "w:tblPrExChange",
  "w:tblGridChange",
  "w:trPrChange",
  "w:tcPrChange",
  "w:numberingChange",
  "w:cellIns",
  "w:cellDel",
  "w:cellMerge",
  "w:moveFromRangeStart",
  "w:moveFromRangeEnd",
  "w:moveToRangeStart",
  "w:moveToRangeEnd",
  "w:customXmlInsRangeStart",
  "w:customXmlInsRangeEnd",
  "w:customXmlDelRangeStart",
  "w:customXmlDelRangeEnd",
  "w:customXmlMoveFromRangeStart",
  "w:customXmlMoveFromRangeEnd",
  "w:customXmlMoveToRangeStart",
  "w:customXmlMoveToRangeEnd",
  "w:delText",
  "w:delInstrText",
]);

/** Property containers that are dropped when accepting leaves them empty. */
const DROPPED_WHEN_EMPTIED = new Set(["w:rPr", "w:pPr", "w:trPr", "w:tcPr", "w:tblPrEx"]);

/** Containers that are transparent around blocks, rows and cells (as the reader sees them). */
const BLOCK_WRAPPERS = new Set(["w:sdt", "w:sdtContent", "w:customXml"]);

const BLOCKS = new Set(["w:p", "w:tbl", "w:altChunk"]);

/** Story containers that Word requires to end with a paragraph. */
const MUST_END_WITH_PARAGRAPH = new Set(["w:tc", "w:footnote", "w:endnote", "w:comment", "w:txbxContent", "w:hdr", "w:ftr"]);

/** `w:tcPr` children that come before `w:vMerge` (ECMA-376-1 17.4.70, CT_TcPr). */
const BEFORE_VMERGE = new Set(["w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge"]);

/** A part's stories as the reader reads them (text boxes are reached from their anchors). */
function storyRoots(root: XmlElement): XmlElement[] {
  switch (root.name) {
    case "w:document": {
      const body = findChild(root, "w:body");
      return body ? [body] : [];
    }
    case "w:footnotes":
    case "w:endnotes":
    case "w:comments":
      return root.children.filter((c): c is XmlElement => c.type === "element" && (c.name === "w:footnote" || c.name === "w:endnote" || c.name === "w:comment"));
    case "w:hdr":
    case "w:ftr":
      return [root];
    default:
      return [];
  }
}

function collectElements(root: XmlElement, name: string, out: XmlElement[]): XmlElement[] {
  for (const child of root.children) {
    if (child.type !== "element") continue;
    if (child.name === name) out.push(child);
    collectElements(child, name, out);
  }
  return out;
}

/**
 * The paragraphs of the accepted view, read by the reader: every story of
 * the part, then every text box the reader did not reach from an anchor (the
 * VML copy in `mc:Fallback`, one inside a field code or a deletion), each as
 * a story of its own, as the reader reads the ones it reaches.
 */
function acceptedParagraphs(root: XmlElement): StoryParagraph[] {
  const found: StoryParagraph[] = [];
  const reader = new StoryReader("accepted", {
    paragraph: (p) => found.push(p),
    noteReference: () => undefined,
    dropped: () => undefined,
    unclosedField: () => undefined,
  });
  for (const story of storyRoots(root)) reader.readStory(story, []);
  const reported = new Set<XmlElement>();
  for (const p of found) for (const el of p.elements) reported.add(el);
  for (const box of collectElements(root, "w:txbxContent", [])) {
    const paragraphs = collectElements(box, "w:p", []);
    if (paragraphs.length === 0 || paragraphs.some((p) => reported.has(p))) continue;
    const before = found.length;
    reader.readStory(box, []);
    for (const p of found.slice(before)) for (const el of p.elements) reported.add(el);
  }
  return found;
}

function parentsOf(root: XmlElement): Map<XmlElement, XmlElement> {
  const parents = new Map<XmlElement, XmlElement>();
  const visit = (el: XmlElement): void => {
    for (const child of el.children) {
      if (child.type !== "element") continue;
      parents.set(child, el);
      visit(child);
    }
  };
  visit(root);
  return parents;
}

/** Removes elements from their parents, each parent rewritten once. */
function detachAll(elements: Iterable<XmlElement>, parents: Map<XmlElement, XmlElement>): void {
  const gone = new Set(elements);
  const touched = new Set<XmlElement>();
  for (const el of gone) {
    const parent = parents.get(el);
    if (parent) touched.add(parent);
  }
  for (const parent of touched) parent.children = parent.children.filter((c) => !(c.type === "element" && gone.has(c)));
}

/** The last block-level element of a container, looking through content controls and custom XML. */
function lastBlock(container: XmlElement): XmlElement | null {
  for (let i = container.children.length - 1; i >= 0; i--) {
    const child = container.children[i] as XmlNode;
    if (child.type !== "element") continue;
    if (BLOCK_WRAPPERS.has(child.name)) {
      const inner = lastBlock(child);
      if (inner) return inner;
    } else if (BLOCKS.has(child.name)) {
      return child;
    }
  }
  return null;
}

/**
 * Merges the paragraphs the accepted view merges and removes the ones it
 * leaves out, leaving their mark revisions for the clean-up to remove.
 */
function resolveParagraphMarks(root: XmlElement): boolean {
  const paragraphs = acceptedParagraphs(root);
  const parents = parentsOf(root);
  const kept = new Set<XmlElement>();
  const removed: XmlElement[] = [];
  for (const sp of paragraphs) {
    for (const el of sp.elements) kept.add(el);
    if (sp.elements.length < 2) continue;
    const mark = sp.mark;
    const moved: XmlNode[] = [];
    for (const el of sp.elements) {
      if (el === mark) continue;
      for (const child of el.children) if (!(child.type === "element" && child.name === "w:pPr")) moved.push(child);
      removed.push(el);
    }
    const pPrAt = mark.children.findIndex((c) => c.type === "element" && c.name === "w:pPr");
    mark.children.splice(pPrAt + 1, 0, ...moved);
  }
  // paragraphs whose mark is deleted that the view leaves out: nothing of them is left and no paragraph follows
  const endedBy = new Map<XmlElement, XmlElement>();
  for (const [p] of parents) {
    if (p.name !== "w:p" || kept.has(p) || !paragraphMarkRemoved(p, "accepted")) continue;
    let container = parents.get(p);
    while (container && BLOCK_WRAPPERS.has(container.name)) container = parents.get(container);
    if (container && MUST_END_WITH_PARAGRAPH.has(container.name) && lastBlock(container) === p) endedBy.set(container, p);
    removed.push(p);
  }
  detachAll(removed, parents);
  // a cell, note, text box, header or footer must end with a paragraph: where the last one went, an empty one stays
  for (const [container, p] of endedBy) {
    if (lastBlock(container)?.name === "w:p") continue;
    const pPr = findChild(p, "w:pPr");
    container.children.push(element("w:p", p.attrs, pPr ? [pPr] : []));
  }
  return removed.length > 0;
}

function rowDeleted(tr: XmlElement): boolean {
  const trPr = findChild(tr, "w:trPr");
  return trPr !== null && findChild(trPr, "w:del") !== null;
}

function cellDeleted(tc: XmlElement): boolean {
  const tcPr = findChild(tc, "w:tcPr");
  return tcPr !== null && findChild(tcPr, "w:cellDel") !== null;
}

function countThrough(container: XmlElement, wanted: string): number {
  let count = 0;
  for (const child of container.children) {
    if (child.type !== "element") continue;
    if (child.name === wanted) count++;
    else if (BLOCK_WRAPPERS.has(child.name)) count += countThrough(child, wanted);
  }
  return count;
}

/** `w:cellMerge` records a vertical merge made with tracking on; accepted, it is the `w:vMerge` it records. */
function applyCellMerge(tcPr: XmlElement): void {
  const merge = findChild(tcPr, "w:cellMerge");
  const value = merge ? getAttr(merge, "w:vMerge") : null;
  if (value !== "rest" && value !== "cont") return;
  const vMerge = element("w:vMerge", [["w:val", value === "rest" ? "restart" : "continue"]]);
  const existing = tcPr.children.findIndex((c) => c.type === "element" && c.name === "w:vMerge");
  if (existing >= 0) {
    tcPr.children[existing] = vMerge;
    return;
  }
  let at = 0;
  tcPr.children.forEach((c, i) => {
    if (c.type === "element" && BEFORE_VMERGE.has(c.name)) at = i + 1;
  });
  tcPr.children.splice(at, 0, vMerge);
}

class Cleaner {
  /** How many edits so far. */
  edits = 0;

  /** Accepts every revision below `el`, rewriting its children. */
  clean(el: XmlElement): void {
    if (el.name === "w:tcPr") applyCellMerge(el);
    const out: XmlNode[] = [];
    for (const child of el.children) {
      if (child.type === "element") this.cleanChild(child, out);
      else out.push(child);
    }
    el.children = out;
  }

  private cleanChild(child: XmlElement, out: XmlNode[]): void {
    const name = child.name;
    if (REMOVED_WITH_CONTENT.has(name) || REMOVED.has(name)) {
      this.edits++;
      return;
    }
    if (UNWRAPPED.has(name)) {
      this.edits++;
      this.clean(child);
      out.push(...child.children);
      return;
    }
    if ((name === "w:tr" && rowDeleted(child)) || (name === "w:tc" && cellDeleted(child))) {
      this.edits++;
      return;
    }
    const hadElements = child.children.some((c) => c.type === "element");
    const before = this.edits;
    const rows = name === "w:tbl" ? countThrough(child, "w:tr") : 0;
    const hadText = name === "w:r" && child.children.some((c) => c.type === "element" && (c.name === "w:delText" || c.name === "w:delInstrText"));
    this.clean(child);
    if (this.edits !== before) {
      const hasElements = child.children.some((c) => c.type === "element");
      if (DROPPED_WHEN_EMPTIED.has(name) && hadElements && !hasElements) return;
      if (name === "w:tbl" && rows > 0 && countThrough(child, "w:tr") === 0) return;
      if (hadText && child.children.every((c) => c.type !== "element" || c.name === "w:rPr")) return;
    }
    out.push(child);
  }
}

/**
 * Field characters and field code left outside any field once a deletion
 * took the field's start away (Word leaves ` \* MERGEFORMAT` after a deleted
 * `NOTEREF`, RP043): readers that show stray field code as text would show
 * it. The reader ignores them already, so dropping them changes no text.
 */
class OrphanFieldCode {
  edits = 0;
  private depth = 0;
  /** Runs that held nothing but what went. */
  private readonly emptied = new Set<XmlElement>();

  visit(el: XmlElement): void {
    for (const child of el.children) {
      if (child.type !== "element") continue;
      if (child.name === "w:r") this.run(child);
      else if (child.name === "w:txbxContent") this.story(child);
      else this.visit(child);
    }
    el.children = el.children.filter((c) => !(c.type === "element" && c.name === "w:r" && this.emptied.has(c)));
  }

  private story(el: XmlElement): void {
    const outer = this.depth;
    this.depth = 0;
    this.visit(el);
    this.depth = outer;
  }

  private run(r: XmlElement): void {
    const before = this.edits;
    r.children = r.children.filter((c) => {
      if (c.type !== "element") return true;
      if (c.name === "w:fldChar") {
        const type = getAttr(c, "w:fldCharType");
        if (type === "begin") this.depth++;
        else if (this.depth > 0) {
          if (type === "end") this.depth--;
        } else {
          this.edits++;
          return false;
        }
      } else if (c.name === "w:instrText" && this.depth === 0) {
        this.edits++;
        return false;
      } else if (!c.name.endsWith("Pr")) {
        // drawings and objects in the run may hold text boxes, stories of their own
        this.story(c);
      }
      return true;
    });
    if (this.edits !== before && r.children.every((c) => c.type !== "element" || c.name === "w:rPr")) this.emptied.add(r);
  }
}

/**
 * Accepts every tracked revision in the named parts of `trees` (document,
 * notes, headers and footers; styles and numbering carry property changes
 * too), mutating them. Parts not in `trees` are skipped. True when anything
 * changed.
 */
export function acceptAllRevisions(trees: Map<string, XmlDocument>, parts: string[]): boolean {
  let changed = false;
  for (const part of new Set(parts)) {
    const doc = trees.get(part);
    if (!doc) continue;
    const root = documentElement(doc);
    const merged = resolveParagraphMarks(root);
    const cleaner = new Cleaner();
    cleaner.clean(root);
    if (!merged && cleaner.edits === 0) continue;
    changed = true;
    new OrphanFieldCode().visit(root);
  }
  return changed;
}
