import { RedlineError } from "@redline/core";
import { formatBytes, type PackageLimits } from "./limits.js";

/**
 * The zip central directory (APPNOTE.TXT 4.3.12-4.3.16), read by hand rather
 * than through fflate's unzip so that every size is known, and every limit
 * checked, before a single byte is inflated.
 */

export interface ZipEntry {
  name: string;
  /** General purpose flags; bit 0 = encrypted, bit 11 = UTF-8 name. */
  flags: number;
  /** 0 = stored, 8 = deflated. */
  method: number;
  crc: number;
  compressedSize: number;
  /** Declared uncompressed size: a claim, verified while inflating. */
  size: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const EOCD64_LOCATOR_SIGNATURE = 0x07064b50;
const EOCD64_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const EOCD_SIZE = 22;

function damaged(file: string, detail: string): RedlineError {
  return new RedlineError("truncated", file, `the file is damaged or incomplete (${detail}); save it again from Word and try again.`);
}

function u16(b: Uint8Array, at: number): number {
  return (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
}

function u32(b: Uint8Array, at: number): number {
  return (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;
}

/** 64-bit little-endian; exact below 2^53, which is all a Uint8Array can index anyway. */
function u64(b: Uint8Array, at: number): number {
  return u32(b, at) + u32(b, at + 4) * 0x1_0000_0000;
}

function findEndRecord(bytes: Uint8Array): number {
  // the record is the last thing in the file, followed only by a comment of at most 65535 bytes
  const lowest = Math.max(0, bytes.length - EOCD_SIZE - 0xffff);
  for (let at = bytes.length - EOCD_SIZE; at >= lowest; at--) {
    if (u32(bytes, at) === EOCD_SIGNATURE && at + EOCD_SIZE + u16(bytes, at + 20) <= bytes.length) return at;
  }
  return -1;
}

interface DirectoryBounds {
  count: number;
  offset: number;
  size: number;
}

function readBounds(bytes: Uint8Array, eocd: number, file: string): DirectoryBounds {
  let count = u16(bytes, eocd + 10);
  let size = u32(bytes, eocd + 12);
  let offset = u32(bytes, eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || u32(bytes, locator) !== EOCD64_LOCATOR_SIGNATURE) throw damaged(file, "the zip64 directory locator is missing");
    const record = u64(bytes, locator + 8);
    if (record + 56 > bytes.length || u32(bytes, record) !== EOCD64_SIGNATURE) throw damaged(file, "the zip64 directory is missing");
    count = u64(bytes, record + 32);
    size = u64(bytes, record + 40);
    offset = u64(bytes, record + 48);
  }
  if (offset + size > bytes.length) throw damaged(file, "the archive directory points past the end of the file");
  return { count, offset, size };
}

/** Values saturated at 0xFFFFFFFF live in the zip64 extra field, in this order. */
function applyZip64(bytes: Uint8Array, extraStart: number, extraEnd: number, entry: ZipEntry): void {
  for (let at = extraStart; at + 4 <= extraEnd; ) {
    const id = u16(bytes, at);
    const length = u16(bytes, at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      if (entry.size === 0xffffffff) {
        entry.size = u64(bytes, field);
        field += 8;
      }
      if (entry.compressedSize === 0xffffffff) {
        entry.compressedSize = u64(bytes, field);
        field += 8;
      }
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = u64(bytes, field);
      return;
    }
    at += 4 + length;
  }
}

function decodeName(raw: Uint8Array, utf8: boolean): string {
  // Office writes ASCII names; the flag only matters for exotic producers
  let out = "";
  for (const b of raw) {
    if (b >= 0x80) return utf8 ? decodeUtf8Name(raw) : String.fromCharCode(...raw);
    out += String.fromCharCode(b);
  }
  return out;
}

function decodeUtf8Name(raw: Uint8Array): string {
  const Decoder = (globalThis as unknown as { TextDecoder: new () => { decode(b: Uint8Array): string } }).TextDecoder;
  return new Decoder().decode(raw);
}

/**
 * Lists the entries of a zip archive in directory order and checks the
 * declared sizes and the entry count against `limits`.
 */
export function readCentralDirectory(bytes: Uint8Array, file: string, limits: PackageLimits): ZipEntry[] {
  const eocd = findEndRecord(bytes);
  if (eocd < 0) throw damaged(file, "the end of the zip archive is missing");
  const bounds = readBounds(bytes, eocd, file);
  if (bounds.count > limits.maxEntries) {
    throw new RedlineError("too-large", file, `the package lists ${bounds.count} parts, more than the ${limits.maxEntries} allowed; it was not opened.`);
  }
  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  let declaredTotal = 0;
  let at = bounds.offset;
  for (let i = 0; i < bounds.count; i++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== CENTRAL_SIGNATURE) throw damaged(file, "the archive directory is cut short");
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    const nameStart = at + 46;
    const extraEnd = nameStart + nameLength + extraLength;
    if (extraEnd + commentLength > bytes.length) throw damaged(file, "the archive directory is cut short");
    const flags = u16(bytes, at + 8);
    const entry: ZipEntry = {
      name: decodeName(bytes.subarray(nameStart, nameStart + nameLength), (flags & 0x800) !== 0),
      flags,
      method: u16(bytes, at + 10),
      crc: u32(bytes, at + 16),
      compressedSize: u32(bytes, at + 20),
      size: u32(bytes, at + 24),
      localHeaderOffset: u32(bytes, at + 42),
    };
    applyZip64(bytes, nameStart + nameLength, extraEnd, entry);
    // part names are case-insensitive in OPC (ECMA-376-2 9.1.1.1), so "A.xml" and "a.xml" collide
    const key = entry.name.toLowerCase();
    if (seen.has(key)) throw damaged(file, `the part "${entry.name}" appears twice`);
    seen.add(key);
    if (entry.size > limits.maxPartBytes) {
      throw new RedlineError(
        "too-large",
        file,
        `the part "${entry.name}" would expand to ${formatBytes(entry.size)}, more than the ${formatBytes(limits.maxPartBytes)} allowed; it was not opened.`,
      );
    }
    declaredTotal += entry.size;
    if (declaredTotal > limits.maxTotalBytes) {
      throw new RedlineError(
        "too-large",
        file,
        `the document would expand to more than the ${formatBytes(limits.maxTotalBytes)} allowed; it was not opened.`,
      );
    }
    entries.push(entry);
    at = extraEnd + commentLength;
  }
  return entries;
}
