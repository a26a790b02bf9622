import { keepShape } from "@redline/core";
import { rangesEqual } from "./encoding.js";
import { rawForms } from "./raw-forms.js";
import { cloneNode, type XmlDocument, type XmlElement, type XmlNode } from "./tree.js";

/**
 * Copying what an earlier parse built, where the bytes are the same, instead
 * of scanning them again. Two versions of a document are mostly the same
 * bytes: NEW of a pair with 1% of its paragraphs edited repeats OLD's
 * document part paragraph for paragraph, and even with 30% edited most
 * paragraphs and table rows are spelled exactly as in OLD. Parsing an
 * element means reading every byte of it (names, attribute values, checks);
 * copying OLD's parse of the same bytes only makes the nodes (Q.850's
 * document part: 26 ms to parse, 2 ms to copy).
 *
 * The copy is what parsing those bytes in that place would give: the same
 * bytes parse to the same subtree whatever surrounds them (names are kept
 * as written, prefix and all, and no entity exists but the predefined ones),
 * the offsets are OLD's moved by where the element starts in NEW, and the
 * elements carry NEW's parse number, so the serializer copies NEW's source
 * for them as it does for parsed ones. Spellings kept in `rawForms` are
 * copied too. The limits a parse checks (nesting depth, node count) are
 * checked while copying, and where a copy would break one, the element is
 * parsed instead, which reports it as any parse does.
 *
 * The copies are new nodes, so NEW's tree shares nothing with OLD's but the
 * read-only attribute lists and the strings; either tree may be edited
 * afterwards. OLD's tree must be as its parse left it when NEW is parsed
 * (sharePartsWith asks the same): elements are checked to start where the
 * parse put them, but a text changed in place would go unseen.
 */

/** How many bytes of an element's source its lookup key hashes: all of its open tag in most of Word's paragraphs and rows. */
const KEY_BYTES = 64;
/** Elements shorter than this are parsed: copying saves little there, and short ones repeat (empty paragraphs), making long candidate lists. */
const MIN_REUSE_BYTES = 128;
/** Slots of the cache of names added to a tally (a power of two). */
const NAME_SLOTS = 256;
/** Candidates with the same key tried per element, nearest after the last copy first: bounded, so that thousands of like paragraphs cost no more than parsing. */
const TRIES = 4;

/**
 * The parse to copy from, and which of its elements to look up (names as
 * written: "w:p", "w:tr"). Those named in `opaque` as well are not looked
 * into for more (a paragraph: what it holds is runs, rarely a copyable
 * block), which keeps indexing the earlier tree to its block structure.
 */
export interface XmlReuse {
  from: XmlDocument;
  names: ReadonlySet<string>;
  opaque: ReadonlySet<string>;
}

/** Hash of the KEY_BYTES bytes from `start` (FNV-1a, 30 bits). */
function keyOf(bytes: Uint8Array, start: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < start + KEY_BYTES; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return (h ^ (h >>> 15)) & 0x3fffffff;
}

/** What copying found on the way, for the parse it adds to: element names and the largest all-digit `w:id`. */
export interface CopyTally {
  names: Set<string>;
  largestId: number;
}

const DIGITS = /^\d+$/;

/**
 * The elements of an earlier parse that may be copied, in document order,
 * looked up by a hash of their first bytes.
 */
export class ReuseIndex {
  /** The bytes the earlier parse scanned (after any BOM), which its offsets point into. */
  private readonly bytes: Uint8Array;
  private readonly id: number;
  private readonly elements: XmlElement[] = [];
  /** Per element: the index of the first indexed element after its subtree. */
  private readonly after: number[] = [];
  private byKey: Map<number, number[]> | null = null;
  /** Whether the earlier parse kept any source spelling (rawForms): if not, no node of it needs a lookup. */
  private readonly forms: boolean;
  /** The names of the elements indexed: an element of another name is never looked up. */
  readonly names: ReadonlySet<string>;
  private readonly opaque: ReadonlySet<string>;
  /** The index after the last element copied: where NEW most likely goes on. */
  private cursor = 0;
  /** Element names `copyElement` has added to the tally, one per slot (a tally only grows, so it holds them still). */
  private readonly namesAdded: string[] = new Array<string>(NAME_SLOTS).fill("");
  /** Set for a copy: the limits a parse would check, and what the copy has used of them. */
  private maxDepth = 0;
  private nodesLeft = 0;

  constructor(reuse: XmlReuse, bytes: Uint8Array, id: number, forms: boolean) {
    this.bytes = bytes;
    this.id = id;
    this.forms = forms;
    this.names = reuse.names;
    this.opaque = reuse.opaque;
    for (const child of reuse.from.children) if (child.type === "element") this.walk(child);
  }

  private walk(el: XmlElement): void {
    const indexed = this.names.has(el.name) && el.doc === this.id && el.to! - el.from! >= MIN_REUSE_BYTES;
    const at = this.elements.length;
    if (indexed) {
      this.elements.push(el);
      this.after.push(-1);
    }
    if (!this.opaque.has(el.name)) {
      const children = el.children;
      for (let c = 0; c < children.length; c++) {
        const child = children[c]!;
        if (child.type === "element" && child.children.length > 0) this.walk(child);
      }
    }
    if (indexed) this.after[at] = this.elements.length;
  }

  /** The elements by key, made when first needed: a NEW that goes on as OLD did finds each one at the cursor. */
  private keys(): Map<number, number[]> {
    if (this.byKey !== null) return this.byKey;
    const byKey = new Map<number, number[]>();
    for (let i = 0; i < this.elements.length; i++) {
      const key = keyOf(this.bytes, this.elements[i]!.from!);
      const list = byKey.get(key);
      if (list === undefined) byKey.set(key, [i]);
      else list.push(i);
    }
    return (this.byKey = byKey);
  }

  /** Whether element `i` is named `name` and spelled with the bytes of `bytes` from `start`. */
  private matches(i: number, name: string, bytes: Uint8Array, start: number): boolean {
    const el = this.elements[i]!;
    const length = el.to! - el.from!;
    return el.name === name && start + length <= bytes.length && rangesEqual(bytes, start, this.bytes, el.from!, length);
  }

  /** An element named `name` whose source is the same bytes as `bytes` from `start`; -1 if none is found. */
  find(name: string, bytes: Uint8Array, start: number): number {
    if (start + MIN_REUSE_BYTES > bytes.length) return -1;
    // most often the element after the last one copied
    const next = this.cursor;
    if (next < this.elements.length && this.matches(next, name, bytes, start)) {
      this.cursor = this.after[next]!;
      return next;
    }
    const list = this.keys().get(keyOf(bytes, start));
    if (list === undefined) return -1;
    // the first candidate at or after the cursor, then on (wrapping round) for at most TRIES
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid]! < this.cursor) lo = mid + 1;
      else hi = mid;
    }
    const tries = Math.min(TRIES, list.length);
    for (let t = 0; t < tries; t++) {
      const i = list[(lo + t) % list.length]!;
      if (i === next || !this.matches(i, name, bytes, start)) continue;
      this.cursor = this.after[i]!;
      return i;
    }
    return -1;
  }

  /** How many bytes element `i` spans. */
  length(i: number): number {
    return this.elements[i]!.to! - this.elements[i]!.from!;
  }

  /**
   * A copy of element `i` as parse `id` would have read it at `start`, its
   * root at nesting depth `depth`, and how many nodes it made; null if a
   * parse would break a limit there (`maxDepth`, `nodesLeft`: the caller then
   * parses, which reports it) or if the earlier tree no longer has its
   * elements where its parse put them (edited since).
   */
  copy(i: number, start: number, id: number, depth: number, maxDepth: number, nodesLeft: number, tally: CopyTally): { element: XmlElement; nodes: number } | null {
    const el = this.elements[i]!;
    this.maxDepth = maxDepth;
    this.nodesLeft = nodesLeft;
    try {
      const element = this.copyElement(el, start - el.from!, id, depth, tally);
      return { element, nodes: nodesLeft - this.nodesLeft };
    } catch (e) {
      if (e === NOT_AS_PARSED) return null;
      throw e;
    }
  }

  private copyElement(el: XmlElement, shift: number, id: number, depth: number, tally: CopyTally): XmlElement {
    if (depth >= this.maxDepth || --this.nodesLeft < 0) throw NOT_AS_PARSED;
    const attrs = el.attrs;
    for (let a = 0; a < attrs.length; a++) {
      const pair = attrs[a]!;
      if (pair[0] === "w:id" && DIGITS.test(pair[1])) tally.largestId = Math.max(tally.largestId, Number(pair[1]));
    }
    // a part has a few hundred names: a Set lookup only for a name not in its slot (by length and last character) already
    const name = el.name;
    const slot = (name.length * 31 + name.charCodeAt(name.length - 1)) & (NAME_SLOTS - 1);
    if (this.namesAdded[slot] !== name) {
      this.namesAdded[slot] = name;
      tally.names.add(name);
    }
    const source = el.children;
    // a slice keeps the array's elements kind as the parser makes it (packed), which new Array(n) would not
    const children = source.length === 0 ? [] : source.slice();
    // child elements in source order, each within its parent (text between them has no offsets)
    let at = el.inner!;
    for (let c = 0; c < children.length; c++) {
      const node = children[c]!;
      if (node.type === "element") {
        if (node.doc !== this.id || node.from! < at || node.to! > el.to!) throw NOT_AS_PARSED;
        at = node.to!;
        children[c] = this.copyElement(node, shift, id, depth + 1, tally);
      } else {
        if (--this.nodesLeft < 0) throw NOT_AS_PARSED;
        children[c] = this.copyOther(node);
      }
    }
    const copy: XmlElement = { type: "element", name, attrs, children, doc: id, from: el.from! + shift, inner: el.inner! + shift, to: el.to! + shift };
    if (this.forms) {
      const form = rawForms.get(el);
      if (form !== undefined) rawForms.set(copy, { ...form });
    }
    return copy;
  }

  /** Text, a comment, CDATA or a processing instruction: cloneNode's copy, with its kept spelling. */
  private copyOther(node: Exclude<XmlNode, XmlElement>): XmlNode {
    const copy = cloneNode(node);
    if (this.forms) {
      const form = rawForms.get(node);
      if (form !== undefined) rawForms.set(copy, { ...form });
    }
    return copy;
  }
}

/** Thrown inside a copy that meets an element not where its parse put it. */
const NOT_AS_PARSED = new Error("not as parsed");

keepShape(new ReuseIndex({ from: { type: "document", declaration: null, encoding: "utf-8", bom: false, children: [] }, names: new Set(), opaque: new Set() }, new Uint8Array(0), 0, false));
