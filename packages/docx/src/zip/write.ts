import { crc32 } from "./crc32.js";
import { deflateRaw } from "./deflate.js";
import type { DocxPackage } from "./package.js";
import { keepShape } from "@redline/core";

/**
 * Re-zips a package with some parts replaced. The output depends only on
 * the inputs: fixed timestamps (1980-01-01 00:00, the earliest DOS date), no
 * extra fields or comments, replaced parts deflated by our own compressor
 * (deflate.ts), untouched parts copied compressed as they were, and the
 * source's entry order with [Content_Types].xml first (some consumers sniff
 * it there). Same inputs give byte-identical archives.
 *
 * deflate.ts rather than fflate's deflateSync, which took twice as long at
 * any level (on H.222.0's 7.9 MB document.xml, about 110 ms against 58: the
 * largest single cost of writing) and at level 4 made that part 2% larger
 * than deflate.ts does. zlib would be faster still, but Node bundles
 * Chromium's zlib fork, whose output has changed between Node releases and
 * differs from other zlib builds; the same inputs must give the same bytes
 * everywhere, the browser viewer included.
 */

const CONTENT_TYPES = "[Content_Types].xml";
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1; // year 1980 + 0, January, day 1
const VERSION = 20; // 2.0: DEFLATE, MS-DOS attributes

interface Prepared {
  name: Uint8Array;
  utf8: boolean;
  method: number;
  crc: number;
  size: number;
  data: Uint8Array;
  offset: number;
}

function encodeName(name: string): { bytes: Uint8Array; utf8: boolean } {
  const utf8 = /[^\x20-\x7e]/.test(name);
  if (!utf8) return { bytes: Uint8Array.from(name, (c) => c.charCodeAt(0)), utf8 };
  const Encoder = (globalThis as unknown as { TextEncoder: new () => { encode(s: string): Uint8Array } }).TextEncoder;
  return { bytes: new Encoder().encode(name), utf8 };
}

function entryOrder(pkg: DocxPackage, replaced: Map<string, Uint8Array>): string[] {
  const names = pkg.names.filter((n) => n !== CONTENT_TYPES);
  if (pkg.names.includes(CONTENT_TYPES) || replaced.has(CONTENT_TYPES)) names.unshift(CONTENT_TYPES);
  for (const name of replaced.keys()) if (!pkg.has(name) && name !== CONTENT_TYPES) names.push(name);
  return names;
}

/** Replacement bytes by stored name, matching names as OPC does (ignoring case). */
function replacementsByStoredName(pkg: DocxPackage, replaced: Map<string, Uint8Array>): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const [name, data] of replaced) out.set(pkg.resolve(name) ?? name.replace(/^\//, ""), data);
  return out;
}

function prepare(name: string, data: Uint8Array): Prepared {
  const { bytes, utf8 } = encodeName(name);
  const directory = name.endsWith("/");
  const compressed = directory ? data : deflateRaw(data);
  return { name: bytes, utf8, method: directory ? 0 : 8, crc: crc32(data), size: data.length, data: compressed, offset: 0 };
}

class Writer {
  readonly bytes: Uint8Array;
  at = 0;
  constructor(length: number) {
    this.bytes = new Uint8Array(length);
  }
  u16(v: number): void {
    this.bytes[this.at++] = v & 0xff;
    this.bytes[this.at++] = (v >>> 8) & 0xff;
  }
  u32(v: number): void {
    this.u16(v & 0xffff);
    this.u16(v >>> 16);
  }
  raw(b: Uint8Array): void {
    this.bytes.set(b, this.at);
    this.at += b.length;
  }
}

function writeCommon(w: Writer, e: Prepared): void {
  w.u16(VERSION);
  w.u16(e.utf8 ? 0x800 : 0);
  w.u16(e.method);
  w.u16(DOS_TIME);
  w.u16(DOS_DATE);
  w.u32(e.crc);
  w.u32(e.data.length);
  w.u32(e.size);
  w.u16(e.name.length);
  w.u16(0); // extra field length
}

export function writePackage(pkg: DocxPackage, replacedParts: Map<string, Uint8Array> = new Map()): Uint8Array {
  const replaced = replacementsByStoredName(pkg, replacedParts);
  const entries = entryOrder(pkg, replaced).map((name) => {
    const data = replaced.get(name);
    if (data) return prepare(name, data);
    // untouched parts are copied as they were compressed: no inflating and deflating images again
    const stored = pkg.stored(name);
    if (stored && !name.endsWith("/")) {
      const { bytes, utf8 } = encodeName(name);
      return { name: bytes, utf8, method: stored.method, crc: stored.crc, size: stored.size, data: stored.data, offset: 0 };
    }
    return prepare(name, pkg.get(name) ?? new Uint8Array(0));
  });
  let localSize = 0;
  let centralSize = 0;
  for (const e of entries) {
    e.offset = localSize;
    localSize += 30 + e.name.length + e.data.length;
    centralSize += 46 + e.name.length;
  }
  const w = new Writer(localSize + centralSize + 22);
  for (const e of entries) {
    w.u32(0x04034b50);
    writeCommon(w, e);
    w.raw(e.name);
    w.raw(e.data);
  }
  for (const e of entries) {
    w.u32(0x02014b50);
    w.u16(VERSION); // made by: MS-DOS, 2.0
    writeCommon(w, e);
    w.u16(0); // comment length
    w.u16(0); // disk number
    w.u16(0); // internal attributes
    w.u32(0); // external attributes
    w.u32(e.offset);
    w.raw(e.name);
  }
  w.u32(0x06054b50);
  w.u16(0);
  w.u16(0);
  w.u16(entries.length);
  w.u16(entries.length);
  w.u32(centralSize);
  w.u32(localSize);
  w.u16(0);
  return w.bytes;
}

keepShape(new Writer(0));
