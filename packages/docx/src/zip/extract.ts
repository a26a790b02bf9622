import { RedlineError } from "@redline/core";
import { Inflate } from "fflate";
import { crc32 } from "./crc32.js";
import { InflateOverflow, nativeInflate } from "./native.js";
import type { ZipEntry } from "./central-directory.js";

/**
 * Inflates one entry without trusting its declared size: output goes into a
 * buffer of exactly the declared size, compressed input is fed in small slices,
 * and the first byte beyond the declaration stops everything. One slice can
 * expand at most ~1032-fold (the DEFLATE maximum), so a lying entry costs at
 * most a few MiB before it is refused, whatever it would inflate to.
 */

const LOCAL_SIGNATURE = 0x04034b50;
const INPUT_SLICE = 16 * 1024;

function u16(b: Uint8Array, at: number): number {
  return (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
}

function u32(b: Uint8Array, at: number): number {
  return (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;
}

function damaged(file: string, entry: ZipEntry, detail: string, cause?: unknown): RedlineError {
  return new RedlineError(
    "truncated",
    file,
    `the file is damaged or incomplete (the part "${entry.name}" ${detail}); save it again from Word and try again.`,
    { cause },
  );
}

class Overflow extends Error {}

export function compressedData(bytes: Uint8Array, entry: ZipEntry, file: string): Uint8Array {
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || u32(bytes, at) !== LOCAL_SIGNATURE) {
    throw damaged(file, entry, "cannot be found");
  }
  // the local header's own name and extra lengths decide where the data starts
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw damaged(file, entry, "is cut short");
  return bytes.subarray(start, end);
}

function inflateBounded(data: Uint8Array, size: number): Uint8Array {
  const native = nativeInflate(data, size);
  if (native !== null) return native;
  const out = new Uint8Array(size);
  let written = 0;
  const inflater = new Inflate((chunk) => {
    if (written + chunk.length > size) throw new Overflow();
    out.set(chunk, written);
    written += chunk.length;
  });
  if (data.length === 0) inflater.push(data, true);
  for (let at = 0; at < data.length; at += INPUT_SLICE) {
    const end = Math.min(at + INPUT_SLICE, data.length);
    inflater.push(data.subarray(at, end), end === data.length);
  }
  return written === size ? out : out.subarray(0, written);
}

export function extractEntry(bytes: Uint8Array, entry: ZipEntry, file: string): Uint8Array {
  if (entry.flags & 1) {
    throw new RedlineError("encrypted", file, "the package is encrypted; save it without a password and try again.");
  }
  const data = compressedData(bytes, entry, file);
  let out: Uint8Array;
  if (entry.method === 0) {
    if (data.length !== entry.size) throw damaged(file, entry, "has the wrong length");
    out = data.slice();
  } else if (entry.method === 8) {
    try {
      out = inflateBounded(data, entry.size);
    } catch (e) {
      if (e instanceof Overflow || e instanceof InflateOverflow) {
        throw new RedlineError(
          "too-large",
          file,
          `the part "${entry.name}" expands beyond the size it declares, as a "zip bomb" does; it was not opened.`,
        );
      }
      throw damaged(file, entry, "cannot be decompressed", e);
    }
    if (out.length !== entry.size) throw damaged(file, entry, "is shorter than declared");
  } else {
    throw new RedlineError(
      "unsupported-format",
      file,
      `the part "${entry.name}" uses a compression method (${entry.method}) that Word does not write; save the document again from Word and try again.`,
    );
  }
  if (crc32(out) !== entry.crc) throw damaged(file, entry, "fails its checksum");
  return out;
}
