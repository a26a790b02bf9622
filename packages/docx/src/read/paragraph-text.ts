import { findChild, getAttr, textContent, type XmlElement, type XmlNode } from "../xml/tree.js";
import { inspectEmbedded, type DroppedKind } from "./embedded.js";
import { onOffAttr } from "./on-off.js";
import { hidesContent, type View } from "./view.js";

/**
 * The text of one `w:p`, with a map from every stretch of it back to the XML
 * node it came from, so that a writer can put revisions into exactly those
 * runs. One function on purpose: every rule about what counts as text lives
 * here, and a reader and a writer that disagree about it would corrupt
 * documents.
 *
 * - `w:t` (and `w:delText` in the rejected view) give their text; `w:tab`
 *   and `w:ptab` "\t"; `w:br` and `w:cr` "\u000b" (a vertical tab, leaving
 *   "\n" free to join paragraphs); `w:noBreakHyphen` "\u2011"; `w:sym` its
 *   character; `w:softHyphen` nothing (it only shows at a line end).
 * - Complex fields show their result (between the `separate` and `end`
 *   `w:fldChar`s), never their instruction; `w:fldSimple` shows its runs.
 * - Hyperlinks, smart tags, custom XML, content controls and bidi wrappers
 *   are transparent; bookmarks, proofing marks, permissions and comment
 *   anchors are not text.
 * - Note references add no text: they are reported to `onNoteReference`.
 * - Math (`m:oMath`) gives the concatenated `m:t` of its runs.
 * - A picture (a drawing or VML shape showing an image) is one character,
 *   U+FFFC (`PICTURE`), whose piece is the element holding it: a picture
 *   deleted or inserted is a change like a word, and the writer can mark its
 *   run. Only its place is compared, not the image itself.
 * - A drawing holding text boxes is one U+FFFC as well, and its text boxes
 *   are reported to `onTextBox` (the reader makes their paragraphs paragraphs
 *   of their own, right after this one).
 * - Other drawings add no text: they (charts, diagrams, OLE objects, shapes)
 *   are reported to `onDropped`.
 * - Revisions: content of `w:del`/`w:moveFrom` is skipped in the accepted
 *   view, content of `w:ins`/`w:moveTo` in the rejected view.
 */

export interface TextPiece {
  /** Range in the paragraph text, end exclusive. */
  start: number;
  end: number;
  /** The element the text came from: `w:t`, `w:delText`, `w:tab`, `w:br`, `w:sym`, `m:t`, ... */
  node: XmlElement;
  /** The run holding it: `w:r`, or `m:r` in math. */
  run: XmlElement;
  /** The run's parent: the paragraph, or a `w:hyperlink`, `w:ins`, `w:fldSimple`, ... */
  parent: XmlElement;
  /** The `w:p` the run belongs to (a merged paragraph spans several). */
  paragraph: XmlElement;
}

export interface ParagraphText {
  text: string;
  pieces: TextPiece[];
}

export type FieldPart = "code" | "result";

export interface TextContext {
  view: View;
  /**
   * Complex fields open at this point of the story, outermost first. Fields
   * can span paragraphs (a table of contents does), so this outlives a call.
   */
  fields: FieldPart[];
  /** A footnote or endnote reference; `customMark` is the text of a `w:customMarkFollows` mark, which stays in the text. */
  onNoteReference: ((kind: "footnote" | "endnote", id: string, customMark: string | null) => void) | null;
  onTextBox: ((content: XmlElement, paragraph: XmlElement) => void) | null;
  onDropped: ((kind: DroppedKind) => void) | null;
}

export function createTextContext(view: View = "accepted"): TextContext {
  return { view, fields: [], onNoteReference: null, onTextBox: null, onDropped: null };
}

interface State {
  ctx: TextContext;
  paragraph: XmlElement;
  text: string;
  pieces: TextPiece[];
}

/** Elements that are never text and never contain any: skipped without looking inside. */
const NOT_TEXT = new Set([
  "w:bookmarkStart",
  "w:bookmarkEnd",
  "w:proofErr",
  "w:permStart",
  "w:permEnd",
  "w:commentRangeStart",
  "w:commentRangeEnd",
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
  "w:fldData",
  "mc:Fallback",
]);

function showing(ctx: TextContext): boolean {
  for (const part of ctx.fields) if (part === "code") return false;
  return true;
}

function add(s: State, value: string, node: XmlElement, run: XmlElement, parent: XmlElement): void {
  if (value === "" || !showing(s.ctx)) return;
  const start = s.text.length;
  s.text += value;
  s.pieces.push({ start, end: s.text.length, node, run, parent, paragraph: s.paragraph });
}

function symbolChar(sym: XmlElement): string {
  const code = Number.parseInt(getAttr(sym, "w:char") ?? "", 16);
  return Number.isFinite(code) && code > 0 ? String.fromCodePoint(code) : "";
}

/**
 * The characters of a custom note mark: the text that follows the reference in its run (w:delText
 * when the run is deleted: only a view that shows deleted text meets a deleted reference).
 */
function customMarkAfter(run: XmlElement, reference: XmlElement, paragraph: XmlElement, view: View): string {
  const isMark = (c: XmlNode): c is XmlElement => c.type === "element" && (c.name === "w:t" || c.name === "w:delText" || c.name === "w:sym");
  const text = (c: XmlElement) => (c.name === "w:sym" ? symbolChar(c) : textContent(c));
  let mark = "";
  let after = false;
  for (const child of run.children) {
    if (child === reference) after = true;
    else if (after && isMark(child)) mark += text(child);
  }
  if (mark !== "") return mark;
  // a reference alone in its run: the mark is the text of the run after it in this view (as a writer splitting
  // runs at the reference leaves it, redline's own deleted references included, which stand in a w:del of their
  // own, the inserted reference that replaced them in a w:ins after it, then the mark)
  const next = runAfter(paragraph, run, view);
  if (!next) return "";
  for (const child of next.children) {
    if (child.type !== "element" || child.name === "w:rPr") continue;
    if (!isMark(child)) break;
    mark += text(child);
  }
  // a mark is a sign or two ("*", "**", "†"), not the words that follow a reference
  return mark.length <= 3 && mark.trim() === mark ? mark : "";
}

/**
 * The run that follows `run` in `paragraph` as `view` shows it: the next run at any depth (inside hyperlinks,
 * content controls, revisions the view keeps), skipping what the view hides; null when none follows.
 */
function runAfter(paragraph: XmlElement, run: XmlElement, view: View): XmlElement | null {
  let passed = false;
  let found: XmlElement | null = null;
  const walk = (el: XmlElement): boolean => {
    for (const c of el.children) {
      if (c.type !== "element" || c.name.endsWith("Pr")) continue;
      if (c === run) {
        passed = true;
        continue;
      }
      if (c.name === "w:r") {
        if (passed) {
          found = c;
          return true;
        }
        continue;
      }
      if (NOT_TEXT.has(c.name) || hidesContent(view, c.name)) continue;
      if (walk(c)) return true;
    }
    return false;
  };
  walk(paragraph);
  return found;
}

function visitRunContent(container: XmlElement, run: XmlElement, parent: XmlElement, s: State): void {
  const { ctx } = s;
  for (const child of container.children) {
    if (child.type !== "element") continue;
    switch (child.name) {
      case "w:t":
      case "m:t":
        add(s, textContent(child), child, run, parent);
        break;
      case "w:delText":
        if (ctx.view !== "accepted") add(s, textContent(child), child, run, parent);
        break;
      case "w:tab":
      case "w:ptab":
        add(s, "\t", child, run, parent);
        break;
      case "w:br":
      case "w:cr":
        add(s, "\u000b", child, run, parent);
        break;
      case "w:noBreakHyphen":
        add(s, "\u2011", child, run, parent);
        break;
      case "w:sym":
        add(s, symbolChar(child), child, run, parent);
        break;
      case "w:fldChar": {
        const type = getAttr(child, "w:fldCharType");
        if (type === "begin") ctx.fields.push("code");
        else if (type === "separate" && ctx.fields.length > 0) ctx.fields[ctx.fields.length - 1] = "result";
        else if (type === "end") ctx.fields.pop();
        break;
      }
      case "w:footnoteReference":
      case "w:endnoteReference": {
        const id = getAttr(child, "w:id");
        if (id !== null && showing(ctx) && ctx.onNoteReference) {
          const custom = onOffAttr(child, "w:customMarkFollows");
          ctx.onNoteReference(child.name === "w:footnoteReference" ? "footnote" : "endnote", id, custom ? customMarkAfter(run, child, s.paragraph, ctx.view) : null);
        }
        break;
      }
      case "w:ins":
      case "w:del":
      case "w:moveFrom":
      case "w:moveTo":
        // revisions inside a math run wrap its text (`m:r/w:del/m:t`)
        if (!hidesContent(ctx.view, child.name)) visitRunContent(child, run, parent, s);
        break;
      case "w:drawing":
      case "w:pict":
      case "w:object":
      case "w:contentPart":
      case "mc:AlternateContent":
        if (showing(ctx)) embedded(child, run, parent, s);
        break;
      case "w:ruby": {
        // the base text is the text; the ruby annotation above it is a reading aid
        const base = findChild(child, "w:rubyBase");
        if (base) visitInline(base, s);
        break;
      }
    }
  }
}

/** The object replacement character: where a picture stands in a paragraph's text. */
export const PICTURE = "\ufffc";

function embedded(el: XmlElement, run: XmlElement, parent: XmlElement, s: State): void {
  const found = inspectEmbedded(el);
  for (const box of found.textBoxes) s.ctx.onTextBox?.(box, s.paragraph);
  // a text box's anchor is a character too: a text box that comes or goes is then a change in its paragraph, and the
  // writer marks the whole drawing, frame and all, not only the text inside it
  if (found.dropped === "image" || found.textBoxes.length > 0) add(s, PICTURE, el, run, parent);
  else if (found.dropped) s.ctx.onDropped?.(found.dropped);
}

function visitInline(container: XmlElement, s: State): void {
  for (const child of container.children) {
    if (child.type !== "element") continue;
    const name = child.name;
    if (name === "w:r" || name === "m:r") {
      visitRunContent(child, child, container, s);
    } else if (name === "w:ins" || name === "w:del" || name === "w:moveFrom" || name === "w:moveTo") {
      if (!hidesContent(s.ctx.view, name)) visitInline(child, s);
    } else if (name === "w:sdt") {
      const content = findChild(child, "w:sdtContent");
      if (content) visitInline(content, s);
    } else if (name === "mc:AlternateContent") {
      const branch = findChild(child, "mc:Choice") ?? findChild(child, "mc:Fallback");
      if (branch) visitInline(branch, s);
    } else if (!NOT_TEXT.has(name) && !name.endsWith("Pr")) {
      // property containers all end in "Pr" (w:pPr, w:sdtPr, m:sSupPr, m:ctrlPr...);
      // anything else may wrap runs: w:hyperlink, w:smartTag, w:customXml, w:fldSimple,
      // w:dir, w:bdo, m:oMath and every math structure
      visitInline(child, s);
    }
  }
}

export function paragraphText(p: XmlElement, ctx: TextContext): ParagraphText {
  const s: State = { ctx, paragraph: p, text: "", pieces: [] };
  visitInline(p, s);
  return { text: s.text, pieces: s.pieces };
}
