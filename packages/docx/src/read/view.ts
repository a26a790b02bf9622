import { elementNamesRead } from "../xml/parse.js";
import { documentElement, findChild, findPath, type XmlDocument, type XmlElement } from "../xml/tree.js";

/**
 * Which text a reader shows when a document carries tracked changes:
 * "accepted" is the document with every revision accepted (what Word shows
 * under "No Markup"), "rejected" the one with every revision rejected
 * (under "Original"). "moved" rejects every revision but the moves, which it
 * accepts: the original text with moved text where the document moved it.
 * It is the rejected view's claim about moved text: what is edited in moved
 * text after moving it is marked inside the destination, so an edit made
 * there without a mark of its own shows in this view and in neither of the
 * others' differences from the in-force text (the secretariat's check reads
 * it for that).
 */
export type View = "accepted" | "rejected" | "moved";

const HIDDEN_CONTENT: Record<View, ReadonlySet<string>> = {
  accepted: new Set(["w:del", "w:moveFrom"]),
  rejected: new Set(["w:ins", "w:moveTo"]),
  moved: new Set(["w:ins", "w:moveFrom"]),
};

/** True when a revision wrapper (`w:ins`, `w:del`, `w:moveFrom`, `w:moveTo`) hides its content in `view`. */
export function hidesContent(view: View, name: string): boolean {
  return HIDDEN_CONTENT[view].has(name);
}

/**
 * A paragraph mark that is deleted (accepted view) or inserted (rejected
 * view) does not exist in that view: the paragraph runs on into the next one.
 * The mark's revision sits in `w:pPr/w:rPr` (ECMA-376-1 17.13.5.15).
 */
export function paragraphMarkRemoved(p: XmlElement, view: View): boolean {
  const markProps = findPath(p, ["w:pPr", "w:rPr"]);
  if (!markProps) return false;
  for (const name of HIDDEN_CONTENT[view]) if (findChild(markProps, name)) return true;
  return false;
}

/** Table rows carry their insertion or deletion in `w:trPr` (17.13.5.14, 17.13.5.18). */
export function rowHidden(tr: XmlElement, view: View): boolean {
  const trPr = findChild(tr, "w:trPr");
  return trPr !== null && findChild(trPr, view === "accepted" ? "w:del" : "w:ins") !== null;
}

/** Cells carry theirs as `w:tcPr/w:cellDel` and `w:cellIns` (17.13.5.1, 17.13.5.2). */
export function cellHidden(tc: XmlElement, view: View): boolean {
  const tcPr = findChild(tc, "w:tcPr");
  return tcPr !== null && findChild(tcPr, view === "accepted" ? "w:cellDel" : "w:cellIns") !== null;
}

/** A paragraph's `w:pPr`, or null. It comes first where there is one, so the first child is looked at first (the writer asks for 11,000 pairs of H.222.0's). */
export function paragraphProperties(p: XmlElement): XmlElement | null {
  const first = p.children[0];
  return first !== undefined && first.type === "element" && first.name === "w:pPr" ? first : findChild(p, "w:pPr");
}

/**
 * Paragraph properties as the view sees them. A `w:pPrChange` holds the
 * complete previous set of direct properties, so rejecting means reading
 * that set instead of the current one.
 */
export function viewParagraphProperties(p: XmlElement, view: View): XmlElement | null {
  const pPr = paragraphProperties(p);
  if (!pPr || view === "accepted") return pPr;
  const change = findChild(pPr, "w:pPrChange");
  return change ? findChild(change, "w:pPr") : pPr;
}

/** Every element whose presence means the document carries tracked revisions. */
export const REVISION_ELEMENTS: ReadonlySet<string> = new Set([
  "w:ins",
  "w:del",
  "w:moveFrom",
  "w:moveTo",
  "w:moveFromRangeStart",
  "w:moveToRangeStart",
  "w:pPrChange",
  "w:rPrChange",
  "w:sectPrChange",
  "w:tblPrChange",
  "w:tblPrExChange",
  "w:tblGridChange",
  "w:trPrChange",
  "w:tcPrChange",
  "w:cellIns",
  "w:cellDel",
  "w:cellMerge",
  "w:numberingChange",
  "w:customXmlInsRangeStart",
  "w:customXmlDelRangeStart",
  "w:customXmlMoveFromRangeStart",
  "w:customXmlMoveToRangeStart",
]);

/** Whether a parsed part holds any revision: from the names its parse met when it has them, else by walking its tree. */
export function documentHasRevisions(doc: XmlDocument): boolean {
  return holdsAny(doc, REVISION_ELEMENTS);
}

/** The elements that move text (content, or a paragraph's mark). */
const MOVE_ELEMENTS: ReadonlySet<string> = new Set(["w:moveFrom", "w:moveTo"]);

/** Whether a parsed part moves text as a tracked change, so that its "moved" view differs from its "rejected" one. */
export function documentHasMoves(doc: XmlDocument): boolean {
  return holdsAny(doc, MOVE_ELEMENTS);
}

function holdsAny(doc: XmlDocument, names: ReadonlySet<string>): boolean {
  const read = elementNamesRead(doc);
  if (read === null) return containsAny(documentElement(doc), names);
  for (const name of names) if (read.has(name)) return true;
  return false;
}

export function containsRevisions(root: XmlElement): boolean {
  return containsAny(root, REVISION_ELEMENTS);
}

function containsAny(root: XmlElement, names: ReadonlySet<string>): boolean {
  const stack: XmlElement[] = [root];
  while (stack.length > 0) {
    const el = stack.pop() as XmlElement;
    if (names.has(el.name)) return true;
    for (const child of el.children) if (child.type === "element") stack.push(child);
  }
  return false;
}
