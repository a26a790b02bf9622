import { Char } from "./chars.js";
import { decodeUtf8, encodeXml, utf8Spelling } from "./encoding.js";
import { escapeAttr, escapeOf, escapeText } from "./escape.js";
import { sourceRead, type ParsedSource } from "./parse.js";
import { elementSignature, rawForms, type RawElementForm } from "./raw-forms.js";
import type { XmlCData, XmlComment, XmlDocument, XmlElement, XmlNode, XmlProcessingInstruction } from "./tree.js";
import { keepShape } from "@redline/core";

/**
 * Writes a tree back to text. Unedited nodes come out exactly as they were
 * read (a subtree nothing has changed in is copied from the parsed text in
 * one piece); edited or new nodes are written the way Word writes them.
 */

/** Where serialized pieces go: a string, or UTF-8 bytes directly. */
interface Sink {
  /** Markup or a kept source spelling, written as it is. */
  put(piece: string): void;
  /** A value written canonically: escaped as text content, or as an attribute value. */
  putEscaped(value: string, inAttribute: boolean): void;
  /**
   * An unchanged subtree's source, written as it is: `text.slice(from, to)`, or where the
   * parse read bytes (ParsedSource.bytes), `bytes.subarray(from, to)`, which `text` spells.
   */
  putSource(text: string, bytes: Uint8Array | null, from: number, to: number): void;
}

class StringSink implements Sink {
  out = "";
  put(piece: string): void {
    this.out += piece;
  }
  putEscaped(value: string, inAttribute: boolean): void {
    this.out += inAttribute ? escapeAttr(value) : escapeText(value);
  }
  putSource(text: string, bytes: Uint8Array | null, from: number, to: number): void {
    this.out += bytes === null ? text.slice(from, to) : decodeUtf8(bytes.subarray(from, to));
  }
}

const encoder = new TextEncoder();

/**
 * Called as `charCodeAt.call(s, i)`: in a process that has compared documents, strings reach these
 * loops in a dozen representations (sliced, flat, two-byte, internalized...), and the property load
 * in `s.charCodeAt(i)` turns megamorphic, which keeps V8 from inlining the call; through a constant
 * the call is inlined whatever the string. A micro-benchmark: 48 ms against 18 after such pollution.
 */
const charCodeAt = String.prototype.charCodeAt;

/**
 * UTF-8 bytes written as the pieces come. Appending a million pieces to one
 * string keeps a million-node rope alive until the end, and on a large part
 * the garbage collector spent most of the serializing time copying it; bytes
 * in one growing buffer are a single object. OOXML is almost all ASCII, so
 * `put` and `putEscaped` are a short loop over ASCII each, which V8 inlines
 * at the calls; the first other character hands the rest of the piece to
 * `encode`. Values are escaped in the same pass, as escape.ts spells them,
 * instead of a regular expression test and a new string per value (a
 * fresh process writes Q.850's document.xml in 7.4 ms instead of 9.8,
 * H.222.0's in 60 ms instead of 68). Lone surrogates become U+FFFD, as
 * TextEncoder writes them, so the bytes equal `TextEncoder.encode` of the
 * string form.
 */
class Utf8Sink implements Sink {
  bytes: Uint8Array;
  length = 0;

  constructor(capacity: number) {
    this.bytes = new Uint8Array(Math.max(capacity, 1024));
  }

  put(piece: string): void {
    const n = piece.length;
    // at most 3 bytes per UTF-16 unit (a surrogate pair, two units, makes 4)
    if (this.length + 3 * n > this.bytes.length) this.grow(this.length + 3 * n);
    const out = this.bytes;
    let at = this.length;
    for (let i = 0; i < n; i++) {
      const c = charCodeAt.call(piece, i);
      if (c >= 0x80) {
        this.length = this.encode(piece, i, at, Escape.NONE);
        return;
      }
      out[at++] = c;
    }
    this.length = at;
  }

  putEscaped(value: string, inAttribute: boolean): void {
    const n = value.length;
    // an escape is at most 6 bytes (&quot;) for one unit
    if (this.length + 6 * n > this.bytes.length) this.grow(this.length + 6 * n);
    const out = this.bytes;
    let at = this.length;
    const plain = inAttribute ? PLAIN_IN_ATTRIBUTE : PLAIN_IN_TEXT;
    for (let i = 0; i < n; i++) {
      const c = charCodeAt.call(value, i);
      if (c < 0x80 && plain[c] === 1) out[at++] = c;
      else {
        this.length = this.encode(value, i, at, inAttribute ? Escape.ATTRIBUTE : Escape.TEXT);
        return;
      }
    }
    this.length = at;
  }

  putSource(text: string, bytes: Uint8Array | null, from: number, to: number): void {
    if (bytes !== null) {
      // the source's own UTF-8, copied
      if (this.length + to - from > this.bytes.length) this.grow(this.length + to - from);
      this.bytes.set(bytes.subarray(from, to), this.length);
      this.length += to - from;
      return;
    }
    // native encoding of a slice (a sliced string, not a copy): about 1 ms a megabyte, where writing the nodes took 15
    let piece = text.substring(from, to);
    // room for one byte a unit, which ASCII needs: asking for the most (3) would make a copied megabyte grow the buffer to 3 MB
    if (this.length + piece.length > this.bytes.length) this.grow(this.length + piece.length);
    for (;;) {
      const done = encoder.encodeInto(piece, this.bytes.subarray(this.length));
      this.length += done.written;
      if (done.read === piece.length) return;
      // encodeInto stops before a character that does not fit: the rest gets room for the most it can need
      piece = piece.substring(done.read);
      this.grow(this.length + 3 * piece.length);
    }
  }

  /** Writes `piece` from unit `from` on at byte `at`, escaped as `escape` says; returns the end. */
  private encode(piece: string, from: number, at: number, escape: Escape): number {
    const out = this.bytes;
    const n = piece.length;
    for (let i = from; i < n; i++) {
      let c = charCodeAt.call(piece, i);
      if (c < 0x80) {
        const spelled = escape === Escape.NONE ? null : escapeOf(c, escape === Escape.ATTRIBUTE);
        if (spelled === null) out[at++] = c;
        else for (let k = 0; k < spelled.length; k++) out[at++] = spelled.charCodeAt(k);
      } else if (c < 0x800) {
        out[at++] = 0xc0 | (c >> 6);
        out[at++] = 0x80 | (c & 0x3f);
      } else {
        if (c >= 0xd800 && c <= 0xdfff) {
          const next = i + 1 < n ? charCodeAt.call(piece, i + 1) : 0;
          if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
            const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
            out[at++] = 0xf0 | (cp >> 18);
            out[at++] = 0x80 | ((cp >> 12) & 0x3f);
            out[at++] = 0x80 | ((cp >> 6) & 0x3f);
            out[at++] = 0x80 | (cp & 0x3f);
            i++;
            continue;
          }
          c = 0xfffd;
        }
        out[at++] = 0xe0 | (c >> 12);
        out[at++] = 0x80 | ((c >> 6) & 0x3f);
        out[at++] = 0x80 | (c & 0x3f);
      }
    }
    return at;
  }

  private grow(needed: number): void {
    const bigger = new Uint8Array(Math.max(needed, this.bytes.length * 2));
    bigger.set(this.bytes.subarray(0, this.length));
    this.bytes = bigger;
  }

  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

/** 1 for the ASCII characters written as they are (escapeOf gives null), in text and in attribute values. */
function plainTable(inAttribute: boolean): Uint8Array {
  const table = new Uint8Array(0x80);
  for (let c = 0; c < 0x80; c++) table[c] = escapeOf(c, inAttribute) === null ? 1 : 0;
  return table;
}
const PLAIN_IN_TEXT = plainTable(false);
const PLAIN_IN_ATTRIBUTE = plainTable(true);

const enum Escape {
  NONE,
  TEXT,
  ATTRIBUTE,
}

const NOT_ASCII = /[\u0080-\uffff]/;

/** The node's source spelling, if the parser kept one and the node still holds the value it was read with; null to write it canonically. */
function rawChars(node: XmlNode, value: string): string | null {
  const form = rawForms.get(node);
  return form?.kind === "chars" && form.value === value ? form.raw : null;
}

class Writer {
  /** The text the document was parsed from, and its parse's number: elements of that parse can be copied from it. */
  private readonly text: string;
  private readonly id: number;
  /** The bytes `text` spells one character each, if the parse read bytes (ParsedSource.bytes). */
  private readonly bytes: Uint8Array | null;

  constructor(
    private readonly sink: Sink,
    source: ParsedSource | null = null,
  ) {
    this.text = source?.text ?? "";
    this.bytes = source?.bytes ?? null;
    this.id = source !== null && copyingSources ? source.id : -1;
  }

  /** Writes an element: its source, if nothing in it has changed since the parse (see `unchanged`), else node by node. */
  element(el: XmlElement): void {
    if (el.doc === this.id && this.unchanged(el)) this.sink.putSource(this.text, this.bytes, el.from!, el.to!);
    else this.write(el);
  }

  /**
   * Whether `el`, an element of this document's parse, still spells exactly
   * its source `[from, to)`. Its name and attributes are unchanged unless
   * `forgetSource` was called (which sets `doc` to 0). Its children are
   * checked against the source: starting right after the open tag, each
   * child must begin where the one before ended (an element of the same
   * parse at that offset and itself unchanged; text, comments and the like
   * spelled there as the writer would spell them), and the last must end
   * where its own close tag begins. Only one element starts at any offset,
   * and nodes starting where a sibling ends are siblings, so this holds
   * exactly when the children are the parsed elements, in order, none added
   * or removed, and the other nodes spell what the source has between them
   * (text, comments and the like are matched by their spelling, not by
   * identity: one that spells the same is as good).
   * Anything else (an edit, an insertion, a node from another document) makes
   * the element be written node by node, where its unchanged descendants are
   * copied in turn. Checking costs a walk over the subtree without writing,
   * stopping at the first change.
   */
  private unchanged(el: XmlElement): boolean {
    const s = this.text;
    const name = el.name;
    // renamed without forgetSource: the open tag must still spell the name
    const next = s.charCodeAt(el.from! + 1 + name.length);
    if (!s.startsWith(name, el.from! + 1) || !(next === Char.GT || next === Char.SLASH || next === Char.SPACE || next === Char.TAB || next === Char.LF || next === Char.CR)) return false;
    const children = el.children;
    const inner = el.inner!;
    // <a/>: the next offset is a sibling's, which a moved-in child could start at
    if (inner === el.to) return children.length === 0;
    let at = inner;
    for (let i = 0; i < children.length; i++) {
      const c = children[i]!;
      if (c.type === "element") {
        if (c.doc !== this.id || c.from !== at || !this.unchanged(c)) return false;
        at = c.to!;
      } else {
        at = this.spelledAt(c, at);
        if (at < 0) return false;
      }
    }
    return this.closesAt(el, at);
  }

  /**
   * Whether `el`'s own close tag starts at `at`, ending at `el.to`. The children's ends alone
   * are not enough: a comment's text changed to "x--></a>..." spells past the close tag.
   */
  private closesAt(el: XmlElement, at: number): boolean {
    const s = this.text;
    const to = el.to!;
    const name = el.name;
    if (s.charCodeAt(at) !== Char.LT || s.charCodeAt(at + 1) !== Char.SLASH || !s.startsWith(name, at + 2)) return false;
    if (to === at + name.length + 3) return true;
    // a close tag spelled with spaces before its ">" (kept in rawForms)
    const form = rawForms.get(el);
    return form?.kind === "element" && form.close !== null && to === at + form.close.length && s.startsWith(form.close, at);
  }

  /** Where a text, comment, CDATA or PI node spelled at `at` in the source ends, if it is spelled there as `node` would write it; -1 if not. */
  private spelledAt(node: Exclude<XmlNode, XmlElement>, at: number): number {
    const s = this.text;
    if (node.type === "text") {
      // the writer's spelling: a kept one (a node read as "&#x62;" stays so, wherever it is moved), or canonical
      // (escapeText hands back the text itself when nothing needs escaping); found whole at `at`, since a text
      // node runs up to the next "<"
      const end = this.spelledHere(rawChars(node, node.text) ?? escapeText(node.text), at);
      return end >= 0 && (end === s.length || s.charCodeAt(end) === Char.LT) ? end : -1;
    }
    return this.spelledHere(charsSpelling(node), at);
  }

  /**
   * Where `spelled` ends if the source spells it at `at`; -1 if not. Where the parse read bytes,
   * the source spells a character outside ASCII in UTF-8, one character a byte, and only that
   * spelling may be compared: "Ã©" as it stands matches the bytes of "é".
   */
  private spelledHere(spelled: string, at: number): number {
    const inSource = this.bytes !== null && NOT_ASCII.test(spelled) ? utf8Spelling(spelled) : spelled;
    return this.text.startsWith(inSource, at) ? at + inSource.length : -1;
  }

  /** Writes an element node by node: open tag, children (runs of unchanged elements copied from the source in one piece), close tag. */
  private write(el: XmlElement): void {
    const sink = this.sink;
    const found = rawForms.get(el);
    const form: RawElementForm | null = found?.kind === "element" && found.signature === elementSignature(el) ? found : null;
    if (form?.head != null) {
      sink.put(form.head);
    } else {
      // the canonical open tag: one space before each attribute, values in double quotes (escapeAttr)
      sink.put("<");
      sink.put(el.name);
      const attrs = el.attrs;
      for (let i = 0; i < attrs.length; i++) {
        const attr = attrs[i]!;
        sink.put(" ");
        sink.put(attr[0]);
        sink.put('="');
        sink.putEscaped(attr[1], true);
        sink.put('"');
      }
    }
    const children = el.children;
    if (children.length === 0 && !form?.emptyPair) {
      sink.put("/>");
      return;
    }
    sink.put(">");
    // unchanged elements that follow one another in the source are copied as one slice
    let from = -1;
    let to = -1;
    for (let i = 0; i < children.length; i++) {
      const c = children[i]!;
      if (c.type === "element" && c.doc === this.id && this.unchanged(c)) {
        if (from < 0 || c.from !== to) {
          if (from >= 0) sink.putSource(this.text, this.bytes, from, to);
          from = c.from!;
        }
        to = c.to!;
        continue;
      }
      if (from >= 0) {
        sink.putSource(this.text, this.bytes, from, to);
        from = -1;
      }
      if (c.type === "element") this.write(c);
      else this.node(c);
    }
    if (from >= 0) sink.putSource(this.text, this.bytes, from, to);
    if (form?.close != null) {
      sink.put(form.close);
    } else {
      sink.put("</");
      sink.put(el.name);
      sink.put(">");
    }
  }

  node(node: XmlNode): void {
    if (node.type === "element") this.element(node);
    else if (node.type === "text") {
      const raw = rawChars(node, node.text);
      if (raw === null) this.sink.putEscaped(node.text, false);
      else this.sink.put(raw);
    } else this.sink.put(charsSpelling(node));
  }

  document(doc: XmlDocument): void {
    if (doc.declaration !== null) this.sink.put(doc.declaration);
    for (const child of doc.children) this.node(child);
  }
}

/** How the writer spells a comment, CDATA section or processing instruction: as read, if unchanged and spelled unusually; else canonically. */
function charsSpelling(node: XmlComment | XmlCData | XmlProcessingInstruction): string {
  switch (node.type) {
    case "comment":
      return rawChars(node, node.text) ?? `<!--${node.text}-->`;
    case "cdata":
      return rawChars(node, node.text) ?? `<![CDATA[${node.text}]]>`;
    case "pi":
      return rawChars(node, `${node.target} ${node.body}`) ?? (node.body ? `<?${node.target} ${node.body}?>` : `<?${node.target}?>`);
  }
}

let copyingSources = true;

/**
 * Whether unchanged subtrees are copied from the source (the default) or
 * written node by node like the rest. The output is the same either way:
 * tests turn copying off to check exactly that.
 */
export function copySources(on: boolean): void {
  copyingSources = on;
}

/** Serializes a document (declaration included) or a single node. */
export function serializeXml(node: XmlDocument | XmlNode): string {
  const sink = new StringSink();
  const writer = new Writer(sink, node.type === "document" ? sourceRead(node) : null);
  if (node.type === "document") writer.document(node);
  else writer.node(node);
  return sink.out;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** Serializes a document and encodes it as its source was encoded (BOM included). */
export function serializeXmlBytes(doc: XmlDocument): Uint8Array {
  if (doc.encoding !== "utf-8") return encodeXml(serializeXml(doc), doc.encoding, doc.bom);
  const source = sourceRead(doc);
  // a part written back mostly as it was read takes about as many bytes as its text has units
  const sink = new Utf8Sink(source === null ? 0 : source.text.length + (source.text.length >> 5));
  if (doc.bom) for (const b of UTF8_BOM) sink.bytes[sink.length++] = b;
  new Writer(sink, source).document(doc);
  return sink.result();
}

keepShape(new Writer(new Utf8Sink(0)));
keepShape(new Writer(new StringSink()));
