import { deflateRawSync, inflateRawSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync, inflateSync } from "fflate";
import { describe, expect, it } from "vitest";
import { codeLengths, deflateRaw } from "../src/zip/deflate.js";
import { openPackage } from "../src/index.js";
import { corpusAvailable, corpusFiles, describeCorpus, isXmlPart, readCorpus, repoRoot } from "./corpus.js";

/** A deterministic byte generator (xorshift32), so failures reproduce. */
function randomBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed | 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Inflated by two independent decoders (zlib's, fflate's), both must give the input back. */
function expectRoundTrip(data: Uint8Array): Uint8Array {
  const packed = deflateRaw(data);
  expect(Buffer.compare(inflateRawSync(packed), Buffer.from(data))).toBe(0);
  expect(Buffer.compare(Buffer.from(inflateSync(packed)), Buffer.from(data))).toBe(0);
  return packed;
}

/** BTYPE of the first block: 0 stored, 1 fixed Huffman, 2 dynamic Huffman. */
const firstBlockType = (packed: Uint8Array): number => (packed[0]! >> 1) & 3;

function wordLikeXml(paragraphs: number, seed: number): string {
  const words = ["Recommendation", "ITU-T", "resolves", "considering", "noting", "the", "of", "and", "Study", "Group", "instructs"];
  const bytes = randomBytes(paragraphs * 8, seed);
  let out = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<w:document><w:body>';
  for (let p = 0; p < paragraphs; p++) {
    out += `<w:p w:rsidR="00${(bytes[p]! * 7919).toString(16).toUpperCase()}"><w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r><w:t xml:space="preserve">`;
    for (let k = 0; k < 8; k++) out += `${words[bytes[p * 8 + k]! % words.length]} `;
    out += "</w:t></w:r></w:p>";
  }
  return `${out}</w:body></w:document>`;
}

describe("deflateRaw", () => {
  it("writes an empty input as one final fixed block, the two bytes zlib writes", () => {
    const packed = expectRoundTrip(new Uint8Array(0));
    expect([...packed]).toEqual([0x03, 0x00]);
  });

  it("round-trips one byte, a few bytes and every byte value", () => {
    expectRoundTrip(Uint8Array.of(0x41));
    expectRoundTrip(utf8("abc"));
    expectRoundTrip(Uint8Array.from({ length: 256 }, (_, i) => i));
  });

  it("codes a run longer than the longest match (258) as matches at distance 1", () => {
    const data = new Uint8Array(100_000).fill(0x20);
    const packed = expectRoundTrip(data);
    expect(packed.length).toBeLessThan(1_000);
  });

  it("stores incompressible data, 5 bytes of framing per block of 16,384 bytes", () => {
    const data = randomBytes(300_000, 7);
    const packed = expectRoundTrip(data);
    expect(firstBlockType(packed)).toBe(0);
    expect(packed.length).toBeLessThanOrEqual(data.length + 5 * Math.ceil(data.length / 16_384));
  });

  it("finds matches at the farthest distance DEFLATE allows (32,768) and none beyond", () => {
    const block = randomBytes(32_768, 11);
    const twice = new Uint8Array(65_536);
    twice.set(block, 0);
    twice.set(block, 32_768);
    // the second copy is all one match after another, 32,768 bytes back
    expect(expectRoundTrip(twice).length).toBeLessThan(32_768 + 2_000);
    const gap = new Uint8Array(32_769 + 32_768);
    gap.set(block, 0);
    gap.set(block, 32_769);
    // one byte farther, and the second copy must be stored again
    expect(expectRoundTrip(gap).length).toBeGreaterThan(65_536);
  });

  it("compresses Word-like XML across many blocks with dynamic codes, as well as zlib within a few per cent", () => {
    const data = utf8(wordLikeXml(20_000, 3));
    const packed = expectRoundTrip(data);
    expect(firstBlockType(packed)).toBe(2);
    const zlibSize = deflateRawSync(data, { level: 6 }).length;
    expect(packed.length).toBeLessThan(zlibSize * 1.25);
  });

  it("round-trips mixed data: text, random stretches, long runs and repeats at every distance", () => {
    const parts: Uint8Array[] = [];
    const rand = randomBytes(200_000, 5);
    for (let k = 0; k < 40; k++) {
      parts.push(utf8(wordLikeXml(20 + k, k)));
      parts.push(rand.subarray(k * 1_000, k * 1_000 + 37 * k));
      parts.push(new Uint8Array(k * 13).fill(k));
      parts.push(rand.subarray(0, 300 + k));
    }
    const data = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      data.set(p, at);
      at += p.length;
    }
    expectRoundTrip(data);
  });

  it("gives the same bytes for the same input", () => {
    const data = utf8(wordLikeXml(3_000, 9));
    expect(Buffer.compare(Buffer.from(deflateRaw(data)), Buffer.from(deflateRaw(data.slice())))).toBe(0);
  });

  it("round-trips the bundled example's text", () => {
    expectRoundTrip(new Uint8Array(readFileSync(join(repoRoot, "examples", "res-99-in-force.txt"))));
  });
});

describe("codeLengths", () => {
  const kraft = (lengths: Uint8Array): number => [...lengths].reduce((sum, len) => (len > 0 ? sum + 2 ** -len : sum), 0);

  it("keeps codes within the limit when a plain Huffman code would be deeper, and keeps the code complete", () => {
    // Fibonacci frequencies make the deepest possible Huffman tree: 29 symbols would need 28 bits
    const freq: number[] = [1, 1];
    while (freq.length < 29) freq.push(freq.at(-1)! + freq.at(-2)!);
    for (const limit of [7, 15]) {
      const lengths = codeLengths(freq, limit);
      expect(Math.max(...lengths)).toBe(limit);
      expect(Math.min(...lengths)).toBeGreaterThan(0);
      expect(kraft(lengths)).toBe(1);
      // more frequent symbols never get longer codes
      for (let s = 1; s < freq.length; s++) expect(lengths[s]!).toBeLessThanOrEqual(lengths[s - 1]!);
    }
  });

  it("gives a lone symbol, or none, two one-bit codes, as zlib does", () => {
    expect([...codeLengths([0, 0, 5, 0], 15)]).toEqual([1, 0, 1, 0]);
    expect([...codeLengths([0, 0, 0], 15)]).toEqual([1, 1, 0]);
    expect([...codeLengths([4, 0, 0], 15)]).toEqual([1, 1, 0]);
  });

  it("gives a complete code for ordinary frequencies", () => {
    const freq = Array.from(randomBytes(286, 13), (b, i) => (i % 3 === 0 ? 0 : b));
    const lengths = codeLengths(freq, 15);
    expect(kraft(lengths)).toBe(1);
    freq.forEach((f, s) => expect(lengths[s]! > 0).toBe(f > 0));
  });
});

describeCorpus("deflateRaw over the corpus's XML parts", () => {
  const files = corpusAvailable ? corpusFiles("itu", /\.docx$/) : [];

  it.each(files)("round-trips every XML part of %s, within 5% of fflate's level 4", (file) => {
    const pkg = openPackage(readCorpus("itu", file), file);
    for (const name of pkg.names.filter(isXmlPart)) {
      const data = pkg.get(name) as Uint8Array;
      const packed = expectRoundTrip(data);
      expect(packed.length, name).toBeLessThanOrEqual(Math.max(deflateSync(data, { level: 4 }).length * 1.05, 64));
    }
  });
});
