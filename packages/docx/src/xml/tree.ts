/**
 * A lossless XML tree of plain objects. Names keep the prefix as written
 * ("w:p"), attributes keep their order, and comments, processing
 * instructions and CDATA sections are nodes like any other, so a part can be
 * parsed, patched and written back without disturbing what we did not touch.
 *
 * There are no parent pointers: a node is cheap (Word's largest parts hold
 * hundreds of thousands of them) and the tree stays JSON-serialisable.
 */

/**
 * An attribute: [qualified name, decoded value]. Pairs and attribute lists
 * are read-only because the parser shares them: a name and value met again
 * mostly get the frozen pair made for them before (the last one made in its
 * hash slot), and elements with no attribute, or with the same single pair,
 * mostly share one frozen list. To change attributes, give the element a new
 * list with setAttrs (setAttr, removeAttr use it), never by assigning `attrs`:
 * see XmlElement.doc. A copy (cloneNode) shares the lists too.
 */
export type XmlAttribute = readonly [name: string, value: string];

export interface XmlElement {
  type: "element";
  /** Qualified name as written, prefix included: "w:p". Changed only with `rename` (see `doc`). */
  readonly name: string;
  /** Attributes in source order. Changed only with `setAttrs`, `setAttr` or `removeAttr` (see `doc`). */
  readonly attrs: readonly XmlAttribute[];
  children: XmlNode[];
  /**
   * Where the parser read the element, so that the serializer can copy the
   * source of a subtree nothing has changed instead of writing it node by
   * node (serialize.ts, `unchanged`): the parse it came from (a number per
   * parse, see parse.ts), and offsets in the text that parse scanned (the
   * decoded text, or a UTF-8 part's bytes) of the
   * open tag's "<", of what follows the open tag, and of what follows the
   * close tag (for `<a/>`, `inner` = `to`). `element()` and `cloneNode`
   * make elements with no source (`doc` 0). A change to the element's name
   * or attributes must go through `rename` or `setAttrs` (which call
   * `forgetSource`): that is why both are read-only. An attribute list
   * assigned past the type (from JavaScript) would go unseen, and the
   * element would be written with its old attributes; a rename is caught
   * anyway, since the open tag must spell the name. Changes to the children
   * need nothing: the serializer checks that they still tile the source.
   * A copy made otherwise than with cloneNode (structuredClone, JSON, a
   * spread) keeps these fields but not the source spellings in rawForms,
   * so put back in its own document it is written as the source spelled
   * it, where writing it node by node would spell it canonically: the same
   * XML, other bytes.
   */
  doc?: number;
  from?: number;
  inner?: number;
  to?: number;
}

export interface XmlText {
  type: "text";
  /** Decoded text (entities and character references resolved). */
  text: string;
}

export interface XmlComment {
  type: "comment";
  text: string;
}

export interface XmlCData {
  type: "cdata";
  text: string;
}

export interface XmlProcessingInstruction {
  type: "pi";
  target: string;
  body: string;
}

export type XmlNode = XmlElement | XmlText | XmlComment | XmlCData | XmlProcessingInstruction;

export type XmlEncoding = "utf-8" | "utf-16le" | "utf-16be";

export interface XmlDocument {
  type: "document";
  /** The XML declaration exactly as written (`<?xml version="1.0" ...?>`), or null. */
  declaration: string | null;
  /** Byte encoding of the source, reused when the document is written back. */
  encoding: XmlEncoding;
  /** Whether the source began with a byte order mark. */
  bom: boolean;
  /** Everything after the declaration: the root element and any comments, PIs or whitespace around it. */
  children: XmlNode[];
}

export function element(name: string, attrs: readonly XmlAttribute[] = [], children: XmlNode[] = []): XmlElement {
  // the parser's shape (XmlElement.doc), with no source: code that meets both kinds stays monomorphic
  return { type: "element", name, attrs, children, doc: 0, from: -1, inner: -1, to: -1 };
}

export function text(value: string): XmlText {
  return { type: "text", text: value };
}

/**
 * A deep copy of a node: new elements and children arrays, attribute lists
 * shared (they are read-only). It drops the source spellings kept in
 * `rawForms`, as a structured clone does, and also where the parser read each
 * element (`doc` 0), which a structured clone keeps; so a copy is written
 * canonically, node by node. It makes objects of the parser's shapes (a
 * structured clone's are others, and every walk over the tree then met more
 * shapes than V8 optimizes for) and took a tenth of the time.
 */
export function cloneNode<T extends XmlNode>(node: T): T {
  return copyOf(node) as T;
}

function copyOf(node: XmlNode): XmlNode {
  switch (node.type) {
    case "element": {
      const children: XmlNode[] = new Array<XmlNode>(node.children.length);
      for (let i = 0; i < children.length; i++) children[i] = copyOf(node.children[i]!);
      return { type: "element", name: node.name, attrs: node.attrs, children, doc: 0, from: -1, inner: -1, to: -1 };
    }
    case "text":
      return { type: "text", text: node.text };
    case "comment":
      return { type: "comment", text: node.text };
    case "cdata":
      return { type: "cdata", text: node.text };
    case "pi":
      return { type: "pi", target: node.target, body: node.body };
  }
}

/** Call before changing an element's name or attributes in place: its source no longer spells it (see XmlElement.doc). */
export function forgetSource(el: XmlElement): void {
  if (el.doc !== undefined) el.doc = 0;
}

/** The root element of a document. */
export function documentElement(doc: XmlDocument): XmlElement {
  for (const child of doc.children) if (child.type === "element") return child;
  throw new Error("invariant: a parsed XML document has a root element");
}

export function getAttr(el: XmlElement, name: string): string | null {
  // an indexed loop: destructuring in for-of left an iterator and a result object per call in the
  // allocation profile (1.7 MB of Q.850's 52 MB per comparison), where V8 had not optimized them away
  const attrs = el.attrs;
  for (let i = 0; i < attrs.length; i++) if (attrs[i]![0] === name) return attrs[i]![1];
  return null;
}

/** Sets an attribute, keeping its position if it exists, appending it otherwise (in a new attribute list: see XmlAttribute). */
export function setAttr(el: XmlElement, name: string, value: string): void {
  const at = el.attrs.findIndex(([n]) => n === name);
  setAttrs(el, at < 0 ? [...el.attrs, [name, value]] : el.attrs.map((attr, i) => (i === at ? [name, value] : attr)));
}

export function removeAttr(el: XmlElement, name: string): void {
  setAttrs(el, el.attrs.filter(([n]) => n !== name));
}

/** Gives an element a new attribute list; the only way to change attributes (`attrs` is read-only: see XmlElement.doc). */
export function setAttrs(el: XmlElement, attrs: readonly XmlAttribute[]): void {
  forgetSource(el);
  (el as Writable).attrs = attrs;
}

/** Renames an element; the only way to (`name` is read-only: see XmlElement.doc). */
export function rename(el: XmlElement, name: string): void {
  forgetSource(el);
  (el as Writable).name = name;
}

type Writable = { name: string; attrs: readonly XmlAttribute[] };

/** The first child element called `name`, or null. */
export function findChild(el: XmlElement, name: string): XmlElement | null {
  for (const child of el.children) if (child.type === "element" && child.name === name) return child;
  return null;
}

/** Every child element called `name`, in order. */
export function findChildren(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of el.children) if (child.type === "element" && child.name === name) out.push(child);
  return out;
}

/** Follows a path of child names (`["w:pPr", "w:rPr", "w:del"]`), taking the first match at each step. */
export function findPath(el: XmlElement, names: readonly string[]): XmlElement | null {
  let at: XmlElement | null = el;
  for (const name of names) {
    if (!at) return null;
    at = findChild(at, name);
  }
  return at;
}

export function childElements(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of el.children) if (child.type === "element") out.push(child);
  return out;
}

/** Concatenated text and CDATA below `node`, in document order (what XPath's string() gives). */
export function textContent(node: XmlNode | XmlDocument): string {
  switch (node.type) {
    case "text":
    case "cdata":
      return node.text;
    case "element":
    case "document": {
      let out = "";
      for (const child of node.children) if (child.type === "text" || child.type === "cdata" || child.type === "element") out += textContent(child);
      return out;
    }
    default:
      return "";
  }
}

/** Calls `visit` on every element below `root` (root included), depth first in document order. */
export function walkElements(root: XmlElement, visit: (el: XmlElement) => void): void {
  visit(root);
  for (const child of root.children) if (child.type === "element") walkElements(child, visit);
}

/**
 * Whether two elements say the same: names, attributes (in any order), and children alike all the way down
 * (text by its decoded value, comments and processing instructions included). Source spellings and positions do
 * not count, so an element of one document and its copy in another compare equal.
 */
export function sameElement(a: XmlElement, b: XmlElement): boolean {
  if (a.name !== b.name || a.attrs.length !== b.attrs.length || a.children.length !== b.children.length) return false;
  for (let k = 0; k < a.attrs.length; k++) {
    const x = a.attrs[k]!;
    const y = b.attrs[k]!;
    if (x[0] === y[0] && x[1] === y[1]) continue;
    // another application may write them in another order (w:ind's w:left and w:hanging)
    if (getAttr(b, x[0]) !== x[1]) return false;
  }
  for (let k = 0; k < a.children.length; k++) {
    const x = a.children[k]!;
    const y = b.children[k]!;
    if (x.type !== y.type) return false;
    if (x.type === "element") {
      if (!sameElement(x, y as XmlElement)) return false;
    } else if (x.type === "pi") {
      if (x.target !== (y as XmlProcessingInstruction).target || x.body !== (y as XmlProcessingInstruction).body) return false;
    } else if (x.text !== (y as XmlText | XmlComment | XmlCData).text) return false;
  }
  return true;
}
