import { RedlineError } from "@redline/core";
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

/** Detects the encoding as XML 1.0 Appendix F describes (BOM, or the shape of "<?"), then decodes. */
export function decodeXml(bytes: Uint8Array, file: string, part: string): DecodedXml {
  const [b0, b1, b2, b3] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  let encoding: XmlEncoding = "utf-8";
  let bomLength = 0;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) bomLength = 3;
  else if (b0 === 0xff && b1 === 0xfe) {
    encoding = "utf-16le";
    bomLength = 2;
  } else if (b0 === 0xfe && b1 === 0xff) {
    encoding = "utf-16be";
    bomLength = 2;
  }
  else if (b0 === 0x3c && b1 === 0 && b2 === 0x3f && b3 === 0) encoding = "utf-16le";
  else if (b0 === 0 && b1 === 0x3c && b2 === 0 && b3 === 0x3f) encoding = "utf-16be";
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
