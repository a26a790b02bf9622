import { RedlineError } from "@redline/core";
import { nodeBuiltin } from "../builtin.js";
import type { XmlEncoding } from "./tree.js";

/**
 * Bytes <-> text for XML parts. TextDecoder and TextEncoder exist in Node and
 * in browsers but are not in the ES2022 lib this package compiles against, so
 * they are reached through globalThis with the little typing we need.
 */

interface Decoder {
  decode(input: Uint8Array): string;
}
interface Encoder {
  encode(input: string): Uint8Array;
}
interface TextCodecs {
  TextDecoder: new (label: string, options: { fatal: boolean; ignoreBOM: boolean }) => Decoder;
  TextEncoder: new () => Encoder;
}

const codecs = globalThis as unknown as TextCodecs;
const decoders = new Map<XmlEncoding, Decoder>();
let encoder: Encoder | null = null;

function decoderFor(encoding: XmlEncoding): Decoder {
  let decoder = decoders.get(encoding);
  if (!decoder) {
    // we strip the BOM ourselves, so that its presence can be recorded and written back
    decoder = new codecs.TextDecoder(encoding, { fatal: true, ignoreBOM: true });
    decoders.set(encoding, decoder);
  }
  return decoder;
}

export interface DecodedXml {
  text: string;
  encoding: XmlEncoding;
  bom: boolean;
}

/** The encoding XML 1.0 Appendix F detects (from a BOM, or the shape of "<?"), and the length of the BOM. */
function detect(bytes: Uint8Array): { encoding: XmlEncoding; bomLength: number } {
  const [b0, b1, b2, b3] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: "utf-8", bomLength: 3 };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: "utf-16le", bomLength: 2 };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: "utf-16be", bomLength: 2 };
  if (b0 === 0x3c && b1 === 0 && b2 === 0x3f && b3 === 0) return { encoding: "utf-16le", bomLength: 0 };
  if (b0 === 0 && b1 === 0x3c && b2 === 0 && b3 === 0x3f) return { encoding: "utf-16be", bomLength: 0 };
  return { encoding: "utf-8", bomLength: 0 };
}

/** Detects the encoding as XML 1.0 Appendix F describes (BOM, or the shape of "<?"), then decodes. */
export function decodeXml(bytes: Uint8Array, file: string, part: string): DecodedXml {
  const { encoding, bomLength } = detect(bytes);
  try {
    return { text: decoderFor(encoding).decode(bytes.subarray(bomLength)), encoding, bom: bomLength > 0 };
  } catch (e) {
    throw new RedlineError(
      "invalid-encoding",
      file,
      `the part "${part}" is not valid ${encoding.toUpperCase()} text; save the document again from Word and try again.`,
      { cause: e },
    );
  }
}

/** Decodes UTF-8 bytes (a BOM among them is kept as U+FEFF); throws on bytes that are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string {
  return decoderFor("utf-8").decode(bytes);
}

/** What we use of Node's buffer module: a byte array's view as Latin-1 text, its comparison, a string's UTF-8. */
interface NodeBytes {
  toString(encoding: "latin1"): string;
  equals(other: Uint8Array): boolean;
  compare(target: Uint8Array, targetStart: number, targetEnd: number, sourceStart: number, sourceEnd: number): number;
}
interface NodeBytesClass {
  from(buffer: ArrayBufferLike, byteOffset: number, length: number): NodeBytes;
  from(text: string, encoding: "utf8"): NodeBytes;
}

/** Node's byte array class, or null (a browser). */
const nodeBuffer = nodeBuiltin<NodeBytesClass>("node:buffer", "Buffer");

const bufferOf = (bytes: Uint8Array): NodeBytes => nodeBuffer!.from(bytes.buffer, bytes.byteOffset, bytes.length);

/** A UTF-8 part's bytes after any BOM, and the same bytes as a string of one character each (Latin-1): see utf8View. */
export interface Utf8View {
  text: string;
  bytes: Uint8Array;
  bom: boolean;
}

/**
 * The bytes of a UTF-8 part as a string of one character per byte, for the
 * parser to scan (parse.ts, parseXmlBytes); null for a UTF-16 part, or where
 * Node's buffer module is missing to make it (a browser: the part is decoded
 * instead). Markup is ASCII, which reads the same either way, so only the
 * values with other characters need decoding, and those are few: Q.850's
 * document.xml has 291 characters outside ASCII in 988,000. Decoding the
 * whole part cost 4 times as long as this view, and one character outside
 * Latin-1 made the decoded text, and every slice of it, two bytes a unit.
 */
export function utf8View(bytes: Uint8Array): Utf8View | null {
  const body = nodeBuffer === null ? null : utf8Body(bytes);
  return body === null ? null : { text: bufferOf(body).toString("latin1"), bytes: body, bom: body.length < bytes.length };
}

/** A UTF-8 part's bytes after its BOM, if it has one; null for a UTF-16 part. */
export function utf8Body(bytes: Uint8Array): Uint8Array | null {
  const { encoding, bomLength } = detect(bytes);
  return encoding === "utf-8" ? bytes.subarray(bomLength) : null;
}

/** `text` encoded in UTF-8 and read back one character per byte, as utf8View reads a part; only called where utf8View made a view. */
export function utf8Spelling(text: string): string {
  return nodeBuffer!.from(text, "utf8").toString("latin1");
}

/** Whether two byte arrays hold the same bytes (memcmp, in Node). */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  if (nodeBuffer !== null) return bufferOf(a).equals(b);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether `length` bytes of `a` from `aStart` are those of `b` from `bStart` (memcmp, in Node); both ranges must lie within their arrays. */
export function rangesEqual(a: Uint8Array, aStart: number, b: Uint8Array, bStart: number, length: number): boolean {
  if (nodeBuffer !== null) return bufferOf(a).compare(b, bStart, bStart + length, aStart, aStart + length) === 0;
  for (let i = 0; i < length; i++) if (a[aStart + i] !== b[bStart + i]) return false;
  return true;
}

export function encodeXml(text: string, encoding: XmlEncoding, bom: boolean): Uint8Array {
  if (encoding === "utf-8") {
    encoder ??= new codecs.TextEncoder();
    const body = encoder.encode(text);
    if (!bom) return body;
    const out = new Uint8Array(body.length + 3);
    out.set([0xef, 0xbb, 0xbf]);
    out.set(body, 3);
    return out;
  }
  const offset = bom ? 2 : 0;
  const out = new Uint8Array(offset + text.length * 2);
  const little = encoding === "utf-16le";
  if (bom) out.set(little ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out[offset + 2 * i + (little ? 0 : 1)] = unit & 0xff;
    out[offset + 2 * i + (little ? 1 : 0)] = unit >> 8;
  }
  return out;
}
