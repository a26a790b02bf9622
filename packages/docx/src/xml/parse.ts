import { keepShape, RedlineError } from "@redline/core";
import { DEFAULT_LIMITS, formatBytes, type PackageLimits } from "../zip/limits.js";
import { Char, isAsciiNameChar, isSpace, isXmlChar, nameEnd, nonAsciiNameUnits } from "./chars.js";
import { decodeUtf8, decodeXml, utf8View, type DecodedXml } from "./encoding.js";
import { escapedSpelling } from "./escape.js";
import { elementSignature, rawForms, type RawCharacterForm, type RawElementForm } from "./raw-forms.js";
import { ReuseIndex, type CopyTally, type XmlReuse } from "./reuse.js";
import type { XmlAttribute, XmlDocument, XmlElement, XmlNode } from "./tree.js";

/**
 * Parses a part into the lossless tree with a scanner made for exactly
 * that: it walks the text with charCodeAt and indexOf (a UTF-8 part's bytes,
 * one character each, when it can: see parseXmlBytes), slices out only
 * names and values, and decides while reading each node whether the
 * canonical writer (escape.ts, serialize.ts) would spell it the same way.
 * Only where it would not is the source spelling kept (in `rawForms`), so
 * parse then serialize gives back the same bytes; Word's own output almost
 * never needs one, so the common path builds nothing but the tree.
 * (A general SAX parser cost several times more: it built every name and
 * value a character run at a time, and its events gave no way to tell
 * canonical spellings apart without slicing the source again.)
 *
 * It checks well-formedness as XML 1.0 (fifth edition) defines it, line
 * and column only computed for the error message. Values are decoded as the
 * spec says: line ends read as "\n" (section 2.11), tabs and line ends in
 * attribute values as spaces (section 3.3.3), and the five predefined
 * entities and character references are resolved.
 *
 * DOCTYPE is refused outright: OOXML never uses one, and refusing it is the
 * only sure defence against entity expansion ("billion laughs") and external
 * entities. Without one no entity but the five predefined exists, so an
 * unknown `&name;` is an error, never a lookup. Only XML 1.0 is read: 1.1
 * changes what counts as a line end and as a character, and no Office
 * application writes it.
 */

const ENTITIES: readonly (readonly [string, string])[] = [
  ["&amp;", "&"],
  ["&lt;", "<"],
  ["&gt;", ">"],
  ["&quot;", '"'],
  ["&apos;", "'"],
];

/** version, then optional encoding and standalone, in that order (section 2.8). */
const DECLARATION =
  /<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(?:"(1\.[0-9]+)"|'(1\.[0-9]+)')(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(?:"[A-Za-z][\w.-]*"|'[A-Za-z][\w.-]*'))?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\r\n]*\?>/y;

/** Past this many attributes on one element, duplicates are found with a Set rather than by comparing with each earlier one. */
const FEW_ATTRIBUTES = 8;

/**
 * Names and short attribute values repeat endlessly in a part (H.222.0's
 * document.xml: 460,000 names of 278 kinds; 245,000 values, 90% of them
 * repeats such as "0", "auto" or a revision id). A small direct-mapped cache
 * hands out one string per spelling instead of a fresh slice each time,
 * which takes a quarter off the tree's memory (69 MB -> 50 MB there).
 */
const enum Cache {
  SLOTS = 4096,
  MIN_SLOTS = 64,
  /** Slots for element names alone (a part uses a few hundred kinds). */
  NAME_SLOTS = 512,
  /** Longer values are rarely repeated. */
  MAX_LENGTH = 32,
  FNV_PRIME = 0x01000193,
  /** An odd multiplier that spreads the name's hash before it is mixed with the value's. */
  PAIR_MIX = 0x9e3779b1,
}

const DIGITS = /^\d+$/;

/** The distinct element names of each parsed document, as read: see elementNamesRead. */
const namesRead = new WeakMap<XmlDocument, ReadonlySet<string>>();

/**
 * Every element name that occurs in the source `doc` was parsed from, or
 * null for a document this module did not parse. It says what was read, not
 * what the tree holds after any change made to it since; the reader uses it
 * to tell that a part has no revision element without walking its tree.
 */
export function elementNamesRead(doc: XmlDocument): ReadonlySet<string> | null {
  return namesRead.get(doc) ?? null;
}

/** The text each parsed document was read from, and the number its elements carry in `doc`: see sourceRead. */
const sourcesRead = new WeakMap<XmlDocument, ParsedSource>();

export interface ParsedSource {
  /** The `doc` number of the parse's elements. */
  id: number;
  /** The text the element offsets point into: the decoded text, or when `bytes` is set, those bytes one character each (utf8View). */
  text: string;
  /** The UTF-8 bytes (after any BOM) that `text` spells one character per byte, or null when `text` is the decoded text. */
  bytes: Uint8Array | null;
}

/**
 * Numbers parses, so that an element carries which text its offsets point
 * into without holding the text: the serializer copies a subtree's source
 * only for elements of the document's own parse. Wraps after a billion parses
 * (a Smi stays a Smi); 0 is never given, `forgetSource` writes it.
 */
let parses = 0;

/** The text `doc` was parsed from and the number of its parse, or null for a document this module did not parse. */
export function sourceRead(doc: XmlDocument): ParsedSource | null {
  return sourcesRead.get(doc) ?? null;
}

/** The parsed documents whose parse kept a source spelling (rawForms) for some node: a copy of their elements (reuse.ts) must look each one up. */
const formsKept = new WeakSet<XmlDocument>();

/** The largest decimal `w:id` attribute of each parsed document, as read: see largestIdRead. */
const idsRead = new WeakMap<XmlDocument, number>();

/**
 * The largest all-digit `w:id` attribute value in the source `doc` was parsed
 * from (0 if none), or null for a document this module did not parse. Like
 * elementNamesRead, it says what was read: the writer starts its revision
 * ids above it without walking every element of every part.
 */
export function largestIdRead(doc: XmlDocument): number | null {
  return idsRead.get(doc) ?? null;
}

/** The attribute list of every element without attributes (lists are read-only: see XmlAttribute). */
const NO_ATTRIBUTES: readonly XmlAttribute[] = Object.freeze([]);

/** Stands in for the children of an element until its close tag gives it its own, exactly sized array. */
const OPEN: XmlNode[] = [];

/**
 * Thrown by a scan of a UTF-8 part's bytes (Scanner.utf8) at whatever it
 * leaves to a scan of the decoded text: a name outside ASCII, a character
 * XML does not allow. Errors end such a scan too; see parseXmlBytes.
 */
const READ_AS_TEXT = new Error("read the decoded text instead");

function unsafe(file: string, part: string): RedlineError {
  return new RedlineError(
    "unsafe-xml",
    file,
    `the part "${part}" contains a document type declaration, which Word never writes and which can be used to attack a reader; it was not read.`,
  );
}

/**
 * What parsing may build. Shared by all the parts one reading of a package
 * parses (loadDocx) so that the reading as a whole stays bounded: the tree
 * costs a few hundred bytes per node, and every walker over it recurses, so
 * 10,000 nested elements would overflow the stack of a reader or writer. Each
 * reading gets a budget of its own: a package read again, by a process that
 * keeps it (the page's worker, exporting one comparison again and again),
 * must not run out of budget for trees it no longer holds.
 */
export interface XmlBudget {
  /** Largest part, in bytes, before decoding. */
  maxPartBytes: number;
  /** Deepest element nesting. */
  maxDepth: number;
  /** Most nodes (elements, text, comments, CDATA, processing instructions) over all the parts that share the budget. */
  maxNodes: number;
  /** Nodes still allowed; parsing decrements it. */
  nodesLeft: number;
}

/** A budget for one part parsed on its own, with the default limits. */
function defaultBudget(): XmlBudget {
  return xmlBudget(DEFAULT_LIMITS);
}

export function xmlBudget(limits: Pick<PackageLimits, "maxXmlPartBytes" | "maxXmlDepth" | "maxXmlNodes">): XmlBudget {
  return { maxPartBytes: limits.maxXmlPartBytes, maxDepth: limits.maxXmlDepth, maxNodes: limits.maxXmlNodes, nodesLeft: limits.maxXmlNodes };
}

function overBudget(file: string, part: string, detail: string): RedlineError {
  return new RedlineError("too-large", file, `the part "${part}" ${detail}, more than redline reads (a limit that keeps memory bounded); it was not read.`);
}

/** Source text quoted in an error message, cut short: a hostile name can be megabytes long. */
function shown(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}

function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

class Scanner {
  readonly doc: XmlDocument = { type: "document", declaration: null, encoding: "utf-8", bom: false, children: [] };
  private readonly source: string;
  private readonly file: string;
  private readonly part: string;
  private readonly budget: XmlBudget;
  /** The next character to read. */
  private at = 0;
  /** The open elements, innermost last, and where each one's children start in `nodes`. */
  private readonly stack: XmlElement[] = [];
  private readonly childrenStart: number[] = [];
  /**
   * The children read so far of every open element, outermost first, up
   * to `nodeCount`: each element gets them as one exactly sized array at its
   * close tag (an array grown by push holds room for 17).
   */
  private readonly nodes: XmlNode[] = [];
  private nodeCount = 0;
  private seenRoot = false;
  /** The attributes of the tag being read, up to `attributeCount`; copied out at its end. */
  private readonly attributes: XmlAttribute[] = [];
  /**
   * The last frozen [name, value] pair handed out per hash slot: most
   * attributes repeat one seen before exactly (w:val="24", a revision id),
   * and sharing the pair spares two objects each (H.222.0's document.xml:
   * 245,000 attributes, 88% of them given a pair made before). Pairs are
   * read-only (XmlAttribute), so sharing them is safe.
   */
  private readonly pairs: (XmlAttribute | undefined)[];
  /** The last one-pair attribute list handed out per pair slot, and the slot of the pair added last. */
  private readonly singles: (readonly XmlAttribute[] | undefined)[];
  private lastPairSlot = 0;
  private attributeCount = 0;
  private attributeNames: Set<string> | null = null;
  private readonly cache: (string | undefined)[];
  /**
   * Slots - 1 in `pairs`, `singles` and `cache`: 4,096 slots for a large part, fewer for a small one
   * (about one per 16 characters, at least 64), since a document has dozens of small parts
   * (relationships, headers, settings) and three full tables are 100 KB to allocate each time.
   */
  private readonly slotMask: number;
  /** Whether the tag being read is spelled as the writer (serialize.ts) would spell it. */
  private canonicalHead = true;
  /** Set by `decode` and `body`: whether what they read is spelled as the writer would spell its value. */
  private canonicalChars = true;
  /** Set by `reference`: the index after the reference's ";". */
  private referenceEnd = 0;
  /** Set by `name`: a hash of the name it read, for `cached`. */
  private nameHash = 0;
  /** The distinct element names so far, and the last one seen per hash slot: a name met again costs one comparison. */
  private readonly elementNames = new Set<string>();
  /** The largest all-digit `w:id` value so far. */
  private largestId = 0;
  private readonly lastNames: (string | undefined)[] = new Array<string | undefined>(Cache.NAME_SLOTS).fill(undefined);
  /** This parse's number, which its elements carry (XmlElement.doc). */
  private readonly id: number;
  /**
   * The UTF-8 bytes `source` spells one character per byte (utf8View), or
   * null when `source` is decoded text. Scanning the bytes, the loops flag a
   * value with characters outside ASCII ("wide"), which is then decoded from
   * its bytes instead of sliced; offsets are byte offsets.
   */
  private readonly utf8: Uint8Array | null;
  /** An earlier parse whose elements are copied where this one's bytes are the same (reuse.ts), when scanning bytes. */
  private readonly reuse: ReuseIndex | null;
  private readonly tally: CopyTally;
  private keptForm = false;

  constructor(source: string, file: string, part: string, budget: XmlBudget, utf8: Uint8Array | null = null, reuse: ReuseIndex | null = null) {
    parses = parses >= 0x3fffffff ? 1 : parses + 1;
    this.id = parses;
    this.source = source;
    this.utf8 = utf8;
    this.reuse = utf8 === null ? null : reuse;
    this.tally = { names: this.elementNames, largestId: 0 };
    this.file = file;
    this.part = part;
    this.budget = budget;
    let slots = Cache.MIN_SLOTS;
    while (slots < Cache.SLOTS && slots * 16 < source.length) slots *= 2;
    this.slotMask = slots - 1;
    this.pairs = new Array<XmlAttribute | undefined>(slots).fill(undefined);
    this.singles = new Array<readonly XmlAttribute[] | undefined>(slots).fill(undefined);
    this.cache = new Array<string | undefined>(slots).fill(undefined);
  }

  parse(): XmlDocument {
    const s = this.source;
    this.declaration();
    while (this.at < s.length) {
      if (s.charCodeAt(this.at) !== Char.LT) {
        this.text();
        continue;
      }
      const next = s.charCodeAt(this.at + 1);
      if (next === Char.SLASH) this.closeTag();
      else if (next === Char.BANG) this.bang();
      else if (next === Char.QUESTION) this.processingInstruction();
      else this.openTag();
    }
    const open = this.stack[this.stack.length - 1];
    if (open) throw this.fail(s.length, `the input ends before <${shown(open.name)}> is closed`);
    if (!this.seenRoot) throw this.fail(s.length, "there is no root element");
    this.doc.children = this.nodes.slice(0, this.nodeCount);
    namesRead.set(this.doc, this.elementNames);
    sourcesRead.set(this.doc, { id: this.id, text: s, bytes: this.utf8 });
    idsRead.set(this.doc, Math.max(this.largestId, this.tally.largestId));
    if (this.keptForm) formsKept.add(this.doc);
    return this.doc;
  }

  /** Keeps how the source spelled `node` (rawForms). */
  private keep(node: object, form: RawElementForm | RawCharacterForm): void {
    this.keptForm = true;
    rawForms.set(node, form);
  }

  /**
   * At the "<" of an element named `name` (not the root), copies the earlier
   * parse's element spelled with the same bytes, if there is one (reuse.ts);
   * returns whether it did.
   */
  private copied(lt: number, name: string): boolean {
    const reuse = this.reuse!;
    const i = reuse.find(name, this.utf8!, lt);
    if (i < 0) return false;
    const copy = reuse.copy(i, lt, this.id, this.stack.length, this.budget.maxDepth, this.budget.nodesLeft, this.tally);
    if (copy === null) return false;
    this.budget.nodesLeft -= copy.nodes;
    this.at = lt + reuse.length(i);
    this.nodes[this.nodeCount++] = copy.element;
    return true;
  }

  /** The XML declaration, kept as written; only at the very start (section 2.8). */
  private declaration(): void {
    const s = this.source;
    const after = s.charCodeAt(5);
    if (!s.startsWith("<?xml") || !(isSpace(after) || after === Char.QUESTION)) return;
    DECLARATION.lastIndex = 0;
    const found = DECLARATION.exec(s);
    if (!found) throw this.fail(0, "malformed XML declaration");
    const version = found[1] ?? found[2];
    if (version !== "1.0") throw this.fail(0, `XML version ${version} is not supported, only 1.0`);
    this.doc.declaration = found[0];
    this.at = found[0].length;
  }

  private text(): void {
    const s = this.source;
    const start = this.at;
    const end = s.length;
    // plain: nothing to decode (no reference, no carriage return); canonical: nothing the writer would escape
    let plain = true;
    let canonical = true;
    let wide = false;
    let at = start;
    for (; at < end; at++) {
      const c = s.charCodeAt(at);
      if (c <= Char.GT) {
        if (c === Char.LT) break;
        if (c === Char.AMP || c === Char.CR) plain = false;
        else if (c === Char.GT) {
          if (s.charCodeAt(at - 1) === Char.CLOSE_BRACKET && s.charCodeAt(at - 2) === Char.CLOSE_BRACKET) throw this.fail(at - 2, '"]]>" is not allowed in text');
          canonical = false;
        } else if (c < Char.SPACE && c !== Char.TAB && c !== Char.LF) throw this.badChar(at, c);
      } else if (c >= 0x80) {
        wide = true;
        if (c >= 0xd800) at = this.highUnit(at, c);
      }
    }
    this.at = at;
    if (this.stack.length === 0) {
      for (let i = start; i < at; i++) {
        if (!isSpace(s.charCodeAt(i))) throw this.fail(i, this.seenRoot ? "text after the root element" : "text before the root element");
      }
    }
    this.count();
    const value = plain ? this.slice(start, at, wide) : this.decode(start, at, false, wide);
    const node: XmlNode = { type: "text", text: value };
    if (!canonical || (!plain && !this.canonicalChars)) this.keep(node, { kind: "chars", raw: plain ? value : this.slice(start, at, wide), value });
    this.nodes[this.nodeCount++] = node;
  }

  private openTag(): void {
    const s = this.source;
    const lt = this.at;
    const stop = this.name(lt + 1);
    if (stop === lt + 1) throw this.fail(lt + 1, lt + 1 >= s.length ? "the input ends inside a tag" : "a tag name cannot start with this character");
    if (this.seenRoot && this.stack.length === 0) throw this.fail(lt, "a second root element (a document has exactly one)");
    const name = this.cached(lt + 1, stop, this.nameHash);
    if (this.reuse !== null && this.stack.length > 0 && this.reuse.names.has(name) && this.copied(lt, name)) return;
    this.count();
    if (this.stack.length >= this.budget.maxDepth) throw overBudget(this.file, this.part, `nests elements more than ${this.budget.maxDepth} levels deep`);
    const slot = this.nameHash & (Cache.NAME_SLOTS - 1);
    if (this.lastNames[slot] !== name) {
      this.lastNames[slot] = name;
      this.elementNames.add(name);
    }
    this.canonicalHead = true;
    let at = stop;
    let c = s.charCodeAt(at);
    for (;;) {
      const spaceStart = at;
      while (c === Char.SPACE || c === Char.TAB || c === Char.LF || c === Char.CR) c = s.charCodeAt(++at);
      if (c === Char.GT || c === Char.SLASH) {
        if (at > spaceStart) this.canonicalHead = false;
        break;
      }
      if (at === spaceStart) throw this.fail(at, at >= s.length ? "the input ends inside a tag" : 'expected whitespace, an attribute, ">" or "/>"');
      // the writer puts exactly one space before each attribute
      if (at - spaceStart !== 1 || s.charCodeAt(spaceStart) !== Char.SPACE) this.canonicalHead = false;
      at = this.attribute(at);
      c = s.charCodeAt(at);
    }
    const selfClosing = c === Char.SLASH;
    if (selfClosing && s.charCodeAt(at + 1) !== Char.GT) throw this.fail(at, '"/" in a tag must be followed by ">"');
    const attrs = this.attributeList();
    const inner = at + (selfClosing ? 2 : 1);
    // `to` is set by closeTag, except for <a/>
    const el: XmlElement = { type: "element", name, attrs, children: selfClosing ? [] : OPEN, doc: this.id, from: lt, inner, to: selfClosing ? inner : -1 };
    if (!this.canonicalHead) this.keep(el, { kind: "element", head: this.spelling(lt, at), close: null, emptyPair: false, signature: elementSignature(el) });
    this.at = inner;
    this.seenRoot = true;
    this.nodes[this.nodeCount++] = el;
    if (!selfClosing) {
      this.stack.push(el);
      this.childrenStart.push(this.nodeCount);
    }
  }

  /** Reads `name="value"` starting at `start` into `this.attributes`; returns the index after the closing quote. */
  private attribute(start: number): number {
    const s = this.source;
    const stop = this.name(start);
    if (stop === start) throw this.fail(start, start >= s.length ? "the input ends inside a tag" : 'expected an attribute name, ">" or "/>"');
    const name = this.cached(start, stop, this.nameHash);
    let at = stop;
    if (s.charCodeAt(at) !== Char.EQUALS) {
      this.canonicalHead = false;
      at = this.skipSpace(at);
      if (s.charCodeAt(at) !== Char.EQUALS) throw this.fail(at, `the attribute ${shown(name)} has no value`);
    }
    at++;
    let quote = s.charCodeAt(at);
    if (quote !== Char.QUOT) {
      this.canonicalHead = false;
      at = this.skipSpace(at);
      quote = s.charCodeAt(at);
      if (quote !== Char.QUOT && quote !== Char.APOS) throw this.fail(at, `the value of the attribute ${shown(name)} is not in quotes`);
    }
    const valueStart = at + 1;
    let plain = true;
    let wide = false;
    let hash = 0;
    // one pass to the closing quote, checking and hashing on the way (indexOf first, then a pass, cost more)
    for (at = valueStart; ; at++) {
      const c = s.charCodeAt(at);
      if (c === quote) break;
      if (c !== c) throw this.fail(s.length, "the input ends inside an attribute value");
      hash = Math.imul(hash ^ c, Cache.FNV_PRIME);
      if (c <= Char.GT) {
        if (c === Char.AMP || c === Char.TAB || c === Char.LF || c === Char.CR) plain = false;
        else if (c === Char.LT) throw this.fail(at, '"<" is not allowed in an attribute value');
        else if (c === Char.GT) this.canonicalHead = false;
        else if (c < Char.SPACE) throw this.badChar(at, c);
      } else if (c >= 0x80) {
        wide = true;
        if (c >= 0xd800) at = this.highUnit(at, c);
      }
    }
    const end = at;
    // the pair's slot mixes the value's hash with the name's (set by `name` above)
    const mixed = hash ^ Math.imul(this.nameHash, Cache.PAIR_MIX);
    const pairSlot = (mixed ^ (mixed >>> 16)) & this.slotMask;
    const value = !plain ? this.decode(valueStart, end, true, wide) : wide && this.utf8 !== null ? this.fromBytes(valueStart, end) : this.cached(valueStart, end, hash);
    if (!plain && !this.canonicalChars) this.canonicalHead = false;
    this.addAttribute(name, value, start, pairSlot);
    return end + 1;
  }

  /**
   * The attributes of the tag just read, as a list: the shared empty one, the
   * shared one of the same single pair (most elements with one attribute
   * repeat one seen before: w:val="24"), or a new frozen one. Resets the
   * tag's attributes.
   */
  private attributeList(): readonly XmlAttribute[] {
    const count = this.attributeCount;
    this.attributeCount = 0;
    if (count === 0) return NO_ATTRIBUTES;
    if (count === 1) {
      const pair = this.attributes[0]!;
      const slot = this.lastPairSlot;
      const list = this.singles[slot];
      if (list !== undefined && list[0] === pair) return list;
      return (this.singles[slot] = Object.freeze([pair]));
    }
    return Object.freeze(this.attributes.slice(0, count));
  }

  private addAttribute(name: string, value: string, at: number, pairSlot: number): void {
    const attrs = this.attributes;
    const count = this.attributeCount;
    if (count < FEW_ATTRIBUTES) {
      for (let i = 0; i < count; i++) if (attrs[i]![0] === name) throw this.fail(at, `the attribute ${shown(name)} appears twice`);
    } else {
      // a tag with thousands of attributes would make comparing each with all the earlier ones quadratic
      if (count === FEW_ATTRIBUTES) this.attributeNames = new Set(attrs.slice(0, count).map(([n]) => n));
      const names = this.attributeNames!;
      if (names.has(name)) throw this.fail(at, `the attribute ${shown(name)} appears twice`);
      names.add(name);
    }
    let pair = this.pairs[pairSlot];
    if (pair === undefined || pair[0] !== name || pair[1] !== value) {
      pair = Object.freeze([name, value] as const);
      this.pairs[pairSlot] = pair;
    }
    attrs[this.attributeCount++] = pair;
    this.lastPairSlot = pairSlot;
    if (name === "w:id" && DIGITS.test(value)) this.largestId = Math.max(this.largestId, Number(value));
  }

  private closeTag(): void {
    const s = this.source;
    const lt = this.at;
    const nameStart = lt + 2;
    const el = this.stack.pop();
    if (!el) throw this.fail(lt, `the close tag </${this.nameAt(nameStart)}> has no open element to close`);
    const name = el.name;
    let at = nameStart + name.length;
    const c = s.charCodeAt(at);
    if (!s.startsWith(name, nameStart) || !(c === Char.GT || isSpace(c))) {
      throw this.fail(lt, at >= s.length ? `the input ends before <${shown(name)}> is closed` : `the close tag </${this.nameAt(nameStart)}> does not match <${shown(name)}>`);
    }
    const canonical = c === Char.GT;
    if (!canonical) {
      at = this.skipSpace(at);
      if (s.charCodeAt(at) !== Char.GT) throw this.fail(at, `expected ">" to end the close tag </${shown(name)}>`);
    }
    this.at = at + 1;
    el.to = at + 1;
    const start = this.childrenStart.pop()!;
    el.children = start === this.nodeCount ? [] : this.nodes.slice(start, this.nodeCount);
    this.nodeCount = start;
    if (canonical && el.children.length > 0) return;
    // the writer closes an element without children as <a/>: an empty <a></a> is kept, as is any other spelling of the close tag
    const close = canonical ? null : s.slice(lt, at + 1);
    const form = rawForms.get(el);
    if (form?.kind === "element") {
      form.close = close;
      form.emptyPair = el.children.length === 0;
    } else {
      this.keep(el, { kind: "element", head: null, close, emptyPair: el.children.length === 0, signature: elementSignature(el) });
    }
  }

  /** `<!`: a comment, a CDATA section or a DOCTYPE. */
  private bang(): void {
    const s = this.source;
    const lt = this.at;
    if (s.startsWith("<!--", lt)) {
      const end = s.indexOf("--", lt + 4);
      if (end < 0) throw this.fail(s.length, "the input ends inside a comment");
      if (s.charCodeAt(end + 2) !== Char.GT) throw this.fail(end, '"--" is not allowed inside a comment');
      this.at = end + 3;
      this.count();
      const node: XmlNode = { type: "comment", text: this.body(lt + 4, end) };
      this.keepIfUnusual(node, lt, node.text);
    } else if (s.startsWith("<![CDATA[", lt)) {
      if (this.stack.length === 0) throw this.fail(lt, "a CDATA section outside the root element");
      const end = s.indexOf("]]>", lt + 9);
      if (end < 0) throw this.fail(s.length, "the input ends inside a CDATA section");
      this.at = end + 3;
      this.count();
      const node: XmlNode = { type: "cdata", text: this.body(lt + 9, end) };
      this.keepIfUnusual(node, lt, node.text);
    } else if (s.startsWith("<!DOCTYPE", lt) && !this.seenRoot) {
      throw unsafe(this.file, this.part);
    } else {
      throw this.fail(lt, '"<!" must start a comment or a CDATA section');
    }
  }

  /** `<?target body?>`, anywhere but at the very start (that is the declaration). */
  private processingInstruction(): void {
    const s = this.source;
    const lt = this.at;
    const stop = nameEnd(s, lt + 2);
    if (stop === lt + 2) throw this.fail(lt + 2, "a processing instruction must start with a name");
    const target = s.slice(lt + 2, stop);
    // scanning bytes, a name outside ASCII is left to the scan of the decoded text (see `name`); the
    // byte after the name too, since nameEnd takes some bytes of UTF-8 (C0-FF, B7) for name characters
    if (this.utf8 !== null && !this.ascii(lt + 2, stop + 1)) throw READ_AS_TEXT;
    if (target.toLowerCase() === "xml") throw this.fail(lt, "an XML declaration is only allowed at the very start");
    const end = s.indexOf("?>", stop);
    if (end < 0) throw this.fail(s.length, "the input ends inside a processing instruction");
    if (end > stop && !isSpace(s.charCodeAt(stop))) throw this.fail(stop, "a processing instruction's name must be followed by whitespace or ?>");
    this.at = end + 2;
    this.count();
    const body = this.body(this.skipSpace(stop), end);
    const node: XmlNode = { type: "pi", target, body };
    const raw = this.spelling(lt, end + 2);
    if (raw !== (body ? `<?${target} ${body}?>` : `<?${target}?>`)) this.keep(node, { kind: "chars", raw, value: `${target} ${body}` });
    this.nodes[this.nodeCount++] = node;
  }

  /** Adds a comment or CDATA node read from `start` up to `this.at`, keeping its spelling if `body` found a carriage return. */
  private keepIfUnusual(node: XmlNode, start: number, value: string): void {
    if (!this.canonicalChars) this.keep(node, { kind: "chars", raw: this.spelling(start, this.at), value });
    this.nodes[this.nodeCount++] = node;
  }

  /** The content of a comment, CDATA section or processing instruction: checked, with line ends read as "\n". */
  private body(start: number, end: number): string {
    const s = this.source;
    let cr = false;
    let wide = false;
    for (let at = start; at < end; at++) {
      const c = s.charCodeAt(at);
      if (c < Char.SPACE) {
        if (c === Char.CR) cr = true;
        else if (c !== Char.TAB && c !== Char.LF) throw this.badChar(at, c);
      } else if (c >= 0x80) {
        wide = true;
        if (c >= 0xd800) at = this.highUnit(at, c);
      }
    }
    this.canonicalChars = !cr;
    const raw = this.slice(start, end, wide);
    return cr ? raw.replace(/\r\n?/g, "\n") : raw;
  }

  /**
   * Text or an attribute value with references resolved and line ends
   * normalised; `canonicalChars` says whether escape.ts would spell the
   * result the same way (only `&amp;`-style references it writes itself,
   * no literal carriage return, and in attributes no literal tab or line end).
   */
  private decode(start: number, end: number, inAttribute: boolean, wide: boolean): string {
    const s = this.source;
    let out = "";
    let from = start;
    let canonical = true;
    for (let at = start; at < end; at++) {
      const c = s.charCodeAt(at);
      if (c === Char.AMP) {
        const char = this.reference(at);
        const spelled = escapedSpelling(char, inAttribute);
        if (spelled === null || this.referenceEnd - at !== spelled.length || !s.startsWith(spelled, at)) canonical = false;
        out += this.slice(from, at, wide) + char;
        from = this.referenceEnd;
        at = from - 1;
      } else if (c === Char.CR || (inAttribute && (c === Char.LF || c === Char.TAB))) {
        out += this.slice(from, at, wide) + (inAttribute ? " " : "\n");
        if (c === Char.CR && s.charCodeAt(at + 1) === Char.LF) at++;
        from = at + 1;
        canonical = false;
      }
    }
    this.canonicalChars = canonical;
    return out + this.slice(from, end, wide);
  }

  /**
   * The characters of the source from `start` to `end`, which the scan
   * found to hold one outside ASCII (`wide`) or not: only when scanning bytes
   * does that make a difference, where they are decoded.
   */
  private slice(start: number, end: number, wide: boolean): string {
    return wide && this.utf8 !== null ? this.fromBytes(start, end) : this.source.slice(start, end);
  }

  /** The characters of the source from `start` to `end`, for a spelling kept as read (rawForms), which no loop has looked at for characters outside ASCII. */
  private spelling(start: number, end: number): string {
    return this.slice(start, end, this.utf8 !== null && !this.ascii(start, end));
  }

  private ascii(start: number, end: number): boolean {
    const s = this.source;
    for (let at = start; at < end; at++) if (s.charCodeAt(at) >= 0x80) return false;
    return true;
  }

  /**
   * The bytes from `start` to `end` decoded. Bytes that are not UTF-8 stop
   * the scan, as do U+FFFE and U+FFFF, the only characters UTF-8 can spell
   * that XML does not allow outside ASCII: the scan of the decoded text then
   * reports them with their line and column.
   */
  private fromBytes(start: number, end: number): string {
    let text: string;
    try {
      text = decodeUtf8(this.utf8!.subarray(start, end));
    } catch {
      throw READ_AS_TEXT;
    }
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0xfffe) throw READ_AS_TEXT;
    return text;
  }

  /** The character an entity or character reference at `amp` stands for; sets `referenceEnd`. */
  private reference(amp: number): string {
    const s = this.source;
    if (s.charCodeAt(amp + 1) === Char.HASH) {
      const hex = s.charCodeAt(amp + 2) === Char.LOWER_X;
      const digits = amp + (hex ? 3 : 2);
      let code = 0;
      let at = digits;
      for (; ; at++) {
        const c = s.charCodeAt(at);
        const digit = hex ? hexDigit(c) : c >= 0x30 && c <= 0x39 ? c - 0x30 : -1;
        if (digit < 0) break;
        // stop adding past the largest code point, so that no run of digits can wrap around to a valid one
        if (code <= 0x10ffff) code = code * (hex ? 16 : 10) + digit;
      }
      if (at === digits || s.charCodeAt(at) !== Char.SEMICOLON) throw this.fail(amp, 'a character reference must be "&#" digits ";" or "&#x" hex digits ";"');
      if (!isXmlChar(code)) throw this.fail(amp, `${shown(s.slice(amp, at + 1))} refers to a character XML does not allow`);
      this.referenceEnd = at + 1;
      return String.fromCodePoint(code);
    }
    for (const [spelled, char] of ENTITIES) {
      if (s.startsWith(spelled, amp)) {
        this.referenceEnd = amp + spelled.length;
        return char;
      }
    }
    const stop = nameEnd(s, amp + 1);
    if (stop > amp + 1 && s.charCodeAt(stop) === Char.SEMICOLON) throw this.fail(amp, `the entity ${shown(s.slice(amp, stop + 1))} is not defined`);
    throw this.fail(amp, '"&" must start a reference such as "&amp;"');
  }

  /** Checks the character whose first code unit, `c` at `at`, is D800 or above; returns the index of its last code unit. */
  private highUnit(at: number, c: number): number {
    if (c <= 0xdbff) {
      const low = this.source.charCodeAt(at + 1);
      if (low >= 0xdc00 && low <= 0xdfff) return at + 1;
    } else if (c >= 0xe000 && c <= 0xfffd) {
      return at;
    }
    throw this.badChar(at, c);
  }

  /**
   * Reads the XML name at `start` and returns its end (`start` if no name
   * starts there); leaves a hash of it in `nameHash`, computed on the way
   * so that `cached` needs no second pass. This is the hottest loop of all
   * (half a million names in a large part): ASCII name characters are
   * tested inline, where a call would cost a check on every character.
   */
  private name(start: number): number {
    const s = this.source;
    let c = s.charCodeAt(start);
    let units = c < 0x80 ? (isAsciiNameChar(c, true) ? 1 : 0) : this.nonAsciiName(start, c, true);
    if (units === 0) return start;
    let hash = Math.imul(c, Cache.FNV_PRIME);
    let at = start + units;
    for (;;) {
      c = s.charCodeAt(at);
      // a-z A-Z : 0-9 _ - .
      if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x3a || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2d || c === 0x2e) {
        hash = Math.imul(hash ^ c, Cache.FNV_PRIME);
        at++;
        continue;
      }
      // other ASCII ends the name, as does the end of the input (charCodeAt gives NaN)
      if (c < 0x80 || c !== c) break;
      units = this.nonAsciiName(at, c, false);
      if (units === 0) break;
      hash = Math.imul(hash ^ c, Cache.FNV_PRIME);
      at += units;
    }
    this.nameHash = hash;
    return at;
  }

  /** nonAsciiNameUnits, when scanning text: scanning bytes, a name outside ASCII is left to the scan of the decoded text. */
  private nonAsciiName(at: number, c: number, first: boolean): number {
    if (this.utf8 !== null && c === c) throw READ_AS_TEXT;
    return nonAsciiNameUnits(this.source, at, c, first);
  }

  /**
   * `source.slice(start, end)`, from the cache if it is a name or a short
   * value seen before. `hash` mixes its code units (names skip the second
   * half of a surrogate pair): any hash is correct, since a hit is checked
   * character by character; a poor one only costs misses.
   */
  private cached(start: number, end: number, hash: number): string {
    const s = this.source;
    const length = end - start;
    if (length > Cache.MAX_LENGTH) return s.slice(start, end);
    const slot = (hash ^ (hash >>> 15)) & this.slotMask;
    const cached = this.cache[slot];
    if (cached !== undefined && cached.length === length && s.startsWith(cached, start)) return cached;
    const fresh = s.slice(start, end);
    this.cache[slot] = fresh;
    return fresh;
  }

  /** The name at `start`, for an error message. */
  private nameAt(start: number): string {
    return shown(this.source.slice(start, nameEnd(this.source, start)));
  }

  private skipSpace(at: number): number {
    while (isSpace(this.source.charCodeAt(at))) at++;
    return at;
  }

  private count(): void {
    if (--this.budget.nodesLeft < 0) throw overBudget(this.file, this.part, `brings the document past ${this.budget.maxNodes.toLocaleString("en-US")} XML elements and text nodes`);
  }

  private badChar(at: number, c: number): RedlineError {
    return this.fail(at, `the character U+${c.toString(16).toUpperCase().padStart(4, "0")} is not allowed in XML`);
  }

  /** A "bad-xml" error at `at`, with its line (after any CRLF, CR or LF) and column (in UTF-16 units) counted from 1. */
  private fail(at: number, message: string): RedlineError {
    const s = this.source;
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < at && i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === Char.LF || (c === Char.CR && s.charCodeAt(i + 1) !== Char.LF)) {
        line++;
        lineStart = i + 1;
      }
    }
    return new RedlineError("bad-xml", this.file, `the part "${this.part}" is not well-formed XML (line ${line}, column ${at - lineStart + 1}: ${message}); the document is damaged.`);
  }
}

export function parseXml(source: string, file: string, part: string, budget: XmlBudget = defaultBudget()): XmlDocument {
  return new Scanner(source, file, part, budget).parse();
}

/**
 * Parses a part's bytes (UTF-8 or UTF-16, with or without BOM). A UTF-8
 * part is scanned as bytes (utf8View), decoding only the values with
 * characters outside ASCII; what that scan leaves (a name outside ASCII)
 * or stops at (any error) is read again from the decoded text, which gives
 * the same tree and reports an error exactly, line and column counted in
 * characters. The parse's offsets are then in bytes, which the serializer
 * copies as they are (ParsedSource.bytes).
 *
 * `reuse`: an earlier parse of a similar part (OLD's, when this is NEW) whose
 * elements of the given names are copied wherever this part spells them with
 * the same bytes, instead of being scanned again; the tree is the same as
 * without it (reuse.ts says why), only made faster.
 */
export function parseXmlBytes(bytes: Uint8Array, file: string, part: string, budget: XmlBudget = defaultBudget(), reuse: XmlReuse | null = null): XmlDocument {
  if (bytes.length > budget.maxPartBytes) {
    throw overBudget(file, part, `is ${formatBytes(bytes.length)} of XML, larger than ${formatBytes(budget.maxPartBytes)}`);
  }
  const nodesLeft = budget.nodesLeft;
  try {
    const view = utf8View(bytes);
    if (view !== null) {
      const doc = new Scanner(view.text, file, part, budget, view.bytes, reuse === null ? null : reuseIndex(reuse)).parse();
      doc.bom = view.bom;
      return doc;
    }
  } catch {
    // refusals are refused again below, at the cost of a second scan: only the decoded text can say where
    budget.nodesLeft = nodesLeft;
  }
  return parseDecoded(decodeXml(bytes, file, part), file, part, budget);
}

/** The index of what `reuse.from` holds to copy, or null if its parse did not scan bytes (nothing then to compare bytes with). */
function reuseIndex(reuse: XmlReuse): ReuseIndex | null {
  const source = sourcesRead.get(reuse.from);
  if (source === undefined || source.bytes === null) return null;
  return new ReuseIndex(reuse, source.bytes, source.id, formsKept.has(reuse.from));
}

/** Parses a part's text already decoded (decodeXml), keeping its encoding and BOM for writing it back. */
export function parseDecoded(decoded: DecodedXml, file: string, part: string, budget: XmlBudget = defaultBudget()): XmlDocument {
  const doc = parseXml(decoded.text, file, part, budget);
  doc.encoding = decoded.encoding;
  doc.bom = decoded.bom;
  return doc;
}

keepShape(new Scanner("<a/>", "", "", defaultBudget()));
