/**
 * Old content brought into the new document to show it deleted (or moved
 * away): a deep copy of the old paragraph or row, cleaned of what only makes
 * sense in the old package (bookmarks, comment anchors, objects and shapes,
 * its own revisions; note references and pictures are carried over through
 * the context, which knows the new package),
 * with its runs wrapped and its text turned into deleted text.
 */
import { element, findChild, rename, walkElements, type XmlElement, type XmlNode } from "../xml/tree.js";
import type { Revisions } from "./revisions.js";
import { wrapAllRuns } from "./patch.js";
import { PICTURES } from "./runs.js";
import { inspectEmbedded } from "../read/embedded.js";

/** Elements that refer to parts, ids or anchors of the old package: dropped from copies. */
const DROP = new Set([
  "w:bookmarkStart", "w:bookmarkEnd", "w:commentRangeStart", "w:commentRangeEnd", "w:commentReference", "w:drawing", "w:pict", "w:object", "mc:AlternateContent",
  "w:permStart", "w:permEnd", "w:proofErr", "w:moveFromRangeStart", "w:moveFromRangeEnd", "w:moveToRangeStart",
  "w:moveToRangeEnd", "w:del", "w:moveFrom", "w:sectPr", "w:pPrChange", "w:rPrChange", "w:customXmlInsRangeStart",
  "w:customXmlInsRangeEnd", "w:customXmlDelRangeStart", "w:customXmlDelRangeEnd", "w:altChunk", "w:fldData",
]);
/** Wrappers whose content stays (the old document's accepted view). */
const UNWRAP = new Set(["w:ins", "w:moveTo", "w:smartTag", "w:customXml"]);

export interface CopyContext {
  /** keep a numbering reference only if the new package defines that list */
  hasNumId(id: string): boolean;
  /** styles the copy uses, to be carried over */
  useStyle(kind: "paragraph" | "character" | "table", id: string): void;
  /** the id a note reference of the old document has in the new one (a note brought over), or null to drop it */
  noteRef(kind: "footnote" | "endnote", id: string): string | null;
  /** a picture of the old document made to stand in the new one (its image carried over), or null to drop it */
  picture?(el: XmlElement): XmlElement | null;
}

/** A drawing the reader reads as one character (U+FFFC): a picture, or a shape holding text boxes. */
function showsAsCharacter(el: XmlElement): boolean {
  const found = inspectEmbedded(el);
  return found.dropped === "image" || found.textBoxes.length > 0;
}

function clean(el: XmlElement, ctx: CopyContext): XmlElement {
  const out: XmlNode[] = [];
  for (const c of el.children) {
    if (c.type !== "element") {
      out.push(c);
      continue;
    }
    if (el.name === "w:r" && PICTURES.has(c.name) && ctx.picture && showsAsCharacter(c)) {
      // a picture or a text box is compared (as U+FFFC), so a deleted one comes back with the text around it
      const copy = ctx.picture(c);
      if (copy) out.push(copy);
      continue;
    }
    if (DROP.has(c.name)) continue;
    if (c.name === "w:footnoteReference" || c.name === "w:endnoteReference") {
      const id = ctx.noteRef(c.name === "w:footnoteReference" ? "footnote" : "endnote", c.attrs.find(([n]) => n === "w:id")?.[1] ?? "");
      if (id !== null) out.push(element(c.name, c.attrs.map(([n, v]) => [n, n === "w:id" ? id : v])));
      continue;
    }
    if (UNWRAP.has(c.name)) {
      out.push(...clean(c, ctx).children);
      continue;
    }
    if (c.name === "w:hyperlink") {
      // the link target is a relationship of the old package: keep the text, drop the link
      out.push(...clean(c, ctx).children);
      continue;
    }
    if (c.name === "w:numPr") {
      const numId = findChild(c, "w:numId");
      const id = numId ? (numId.attrs.find(([n]) => n === "w:val")?.[1] ?? "") : "";
      // numId 0 is "no numbering" (it switches off a style's list), which every package understands
      if (id !== "0" && !ctx.hasNumId(id)) continue;
    }
    if (c.name === "w:pStyle" || c.name === "w:rStyle" || c.name === "w:tblStyle") {
      const id = c.attrs.find(([n]) => n === "w:val")?.[1];
      if (id) ctx.useStyle(c.name === "w:pStyle" ? "paragraph" : c.name === "w:rStyle" ? "character" : "table", id);
    }
    if (c.name === "w:rPr") {
      // revision marks on a paragraph mark or run belong to the old history
      const r = clean(c, ctx);
      r.children = r.children.filter((n) => !(n.type === "element" && (n.name === "w:ins" || n.name === "w:del" || n.name === "w:moveFrom" || n.name === "w:moveTo")));
      out.push(r);
      continue;
    }
    out.push(clean(c, ctx));
  }
  return element(el.name, el.attrs.map(([n, v]) => [n, v]), out);
}

/** Text to deleted text, field codes to deleted field codes, everywhere below `el`. */
function toDeletedText(el: XmlElement): void {
  for (const c of el.children) {
    if (c.type !== "element") continue;
    if (c.name === "w:t") rename(c, "w:delText");
    else if (c.name === "w:instrText") rename(c, "w:delInstrText");
    toDeletedText(c);
  }
}

/** An old paragraph's properties, cleaned for use in the new package (a restored paragraph end). */
export function copyParagraphProps(p: XmlElement, ctx: CopyContext): XmlElement | null {
  const pPr = findChild(p, "w:pPr");
  return pPr ? clean(pPr, ctx) : null;
}

/** An old run's properties, cleaned for use in the new package (recorded as a kept run's old ones); an empty `w:rPr` if it had none. */
export function copyRunProps(run: XmlElement, ctx: CopyContext): XmlElement {
  const rPr = findChild(run, "w:rPr");
  return rPr ? clean(rPr, ctx) : element("w:rPr");
}

/** A paragraph of the old document, shown deleted (or moved away) in the new one. */
export function copyParagraph(p: XmlElement, kind: "w:del" | "w:moveFrom", revs: Revisions, ctx: CopyContext, markEnd = true): XmlElement {
  const copy = clean(p, ctx);
  toDeletedText(copy);
  wrapAllRuns(copy, kind, revs);
  if (markEnd) revs.markParagraph(copy, kind);
  return copy;
}

/** A table row of the old document, shown deleted. */
export function copyRow(tr: XmlElement, revs: Revisions, ctx: CopyContext): XmlElement {
  return deleteRow(clean(tr, ctx), revs);
}

/** A cleaned copy of a row, shown deleted. */
function deleteRow(copy: XmlElement, revs: Revisions): XmlElement {
  toDeletedText(copy);
  const visit = (el: XmlElement) => {
    for (const c of el.children) {
      if (c.type !== "element") continue;
      if (c.name === "w:p") {
        wrapAllRuns(c, "w:del", revs);
        // as Word marks a deleted row: its paragraph marks go with it
        revs.markParagraph(c, "w:del");
      } else visit(c);
    }
  };
  visit(copy);
  revs.markRow(copy, "w:del");
  return copy;
}

/** A whole table of the old document, every row shown deleted. */
export function copyTable(tbl: XmlElement, revs: Revisions, ctx: CopyContext): XmlElement {
  // cleaned once: cleaning the rows again dropped what the first pass made (a text box's deleted text, the
  // id a note reference was given in NEW, which the second pass looked up as an old one and lost)
  const copy = clean(tbl, ctx);
  copy.children = copy.children.map((c) => (c.type === "element" && c.name === "w:tr" ? deleteRow(c, revs) : c));
  return copy;
}

/**
 * The text boxes of a drawing brought back from OLD, shown deleted with it:
 * their paragraphs' runs and marks (all but each box's last mark, which the
 * box needs) and their tables' rows. `ctx` must leave pictures as they are:
 * the drawing's copy already names NEW's relationships.
 */
export function deleteTextBoxContent(drawing: XmlElement, revs: Revisions, ctx: CopyContext): void {
  walkElements(drawing, (x) => {
    if (x.name !== "w:txbxContent") return;
    let lastP = -1;
    x.children.forEach((c, k) => {
      if (c.type === "element" && c.name === "w:p") lastP = k;
    });
    x.children = x.children.map((c, k) => {
      if (c.type !== "element") return c;
      if (c.name === "w:p") return copyParagraph(c, "w:del", revs, ctx, k !== lastP);
      if (c.name === "w:tbl") return copyTable(c, revs, ctx);
      return c;
    });
  });
}

/** An empty paragraph (a table must be followed by one inside a cell, for example). */
export function emptyParagraph(): XmlElement {
  return element("w:p");
}
