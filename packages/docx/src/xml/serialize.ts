import { encodeXml } from "./encoding.js";
import { escapeAttr, escapeOf, escapeText } from "./escape.js";
import { elementSignature, rawForms, type RawElementForm } from "./raw-forms.js";
import type { XmlDocument, XmlElement, XmlNode } from "./tree.js";
import { keepShape } from "@redline/core";

/**
 * Writes a tree back to text. Unedited nodes come out exactly as they were
 * read; edited or new nodes are written the way Word writes them.
 */

/** Where serialized pieces go: a string, or UTF-8 bytes directly. */
interface Sink {
  /** Markup or a kept source spelling, written as it is. */
  put(piece: string): void;
  /** A value written canonically: escaped as text content, or as an attribute value. */
  putEscaped(value: string, inAttribute: boolean): void;
}

class StringSink implements Sink {
  out = "";
  put(piece: string): void {
    this.out += piece;
  }
  putEscaped(value: string, inAttribute: boolean): void {
    this.out += inAttribute ? escapeAttr(value) : escapeText(value);
  }
}

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

/** The node's source spelling, if the parser kept one and the node still holds the value it was read with; null to write it canonically. */
function rawChars(node: XmlNode, value: string): string | null {
  const form = rawForms.get(node);
  return form?.kind === "chars" && form.value === value ? form.raw : null;
}

class Writer {
  constructor(private readonly sink: Sink) {}

  element(el: XmlElement): void {
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
    for (let i = 0; i < children.length; i++) this.node(children[i]!);
    if (form?.close != null) {
      sink.put(form.close);
    } else {
      sink.put("</");
      sink.put(el.name);
      sink.put(">");
    }
  }

  node(node: XmlNode): void {
    switch (node.type) {
      case "element":
        this.element(node);
        break;
      case "text": {
        const raw = rawChars(node, node.text);
        if (raw === null) this.sink.putEscaped(node.text, false);
        else this.sink.put(raw);
        break;
      }
      case "comment":
        this.sink.put(rawChars(node, node.text) ?? `<!--${node.text}-->`);
        break;
      case "cdata":
        this.sink.put(rawChars(node, node.text) ?? `<![CDATA[${node.text}]]>`);
        break;
      case "pi":
        this.sink.put(rawChars(node, `${node.target} ${node.body}`) ?? (node.body ? `<?${node.target} ${node.body}?>` : `<?${node.target}?>`));
        break;
    }
  }

  document(doc: XmlDocument): void {
    if (doc.declaration !== null) this.sink.put(doc.declaration);
    for (const child of doc.children) this.node(child);
  }
}

/** Serializes a document (declaration included) or a single node. */
export function serializeXml(node: XmlDocument | XmlNode): string {
  const sink = new StringSink();
  const writer = new Writer(sink);
  if (node.type === "document") writer.document(node);
  else writer.node(node);
  return sink.out;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** Serializes a document and encodes it as its source was encoded (BOM included). */
export function serializeXmlBytes(doc: XmlDocument): Uint8Array {
  if (doc.encoding !== "utf-8") return encodeXml(serializeXml(doc), doc.encoding, doc.bom);
  const sink = new Utf8Sink(0);
  if (doc.bom) for (const b of UTF8_BOM) sink.bytes[sink.length++] = b;
  new Writer(sink).document(doc);
  return sink.result();
}

keepShape(new Writer(new Utf8Sink(0)));
keepShape(new Writer(new StringSink()));
