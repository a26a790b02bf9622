import { nodeBuiltin } from "../builtin.js";

/**
 * Node's own zlib, when this code runs in Node: inflating and checksumming
 * the parts of a large document is several times faster in zlib's C than in
 * fflate's JavaScript (all XML parts of H.222.0, warm: ~57 ms with fflate
 * and our CRC, ~25 ms with zlib).
 *
 * zlib is reached with nodeBuiltin, so browser bundles of this package never see
 * "node:zlib" and simply keep fflate. Inflating gives the same bytes either way; deflating
 * never uses zlib, because the written archive must be the same bytes in the
 * CLI and in the browser viewer (a tracked package is deflated by deflate.ts,
 * a document generated from text by fflate's zipSync, in both).
 */

const inflateRawSync = nodeBuiltin<(data: Uint8Array, options: { maxOutputLength: number }) => Uint8Array>("node:zlib", "inflateRawSync");

/** Thrown when the data would inflate past the size its entry declares. */
export class InflateOverflow extends Error {}

/**
 * Inflates raw DEFLATE data with zlib into at most `size` bytes, or returns
 * null when zlib is not available (the caller then uses fflate). zlib stops
 * as soon as the output would pass `maxOutputLength`, so a zip bomb costs
 * no more than its declared size.
 */
export function nativeInflate(data: Uint8Array, size: number): Uint8Array | null {
  // zlib refuses a maximum of 0; an empty part is left to the portable path
  if (inflateRawSync === null || size < 1) return null;
  let out: Uint8Array;
  try {
    out = inflateRawSync(data, { maxOutputLength: size });
  } catch (e) {
    if ((e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw new InflateOverflow();
    throw e;
  }
  // small Buffers can be views into Node's shared pool: give callers an array of their own
  return out.byteOffset === 0 && out.buffer.byteLength === out.length ? out : new Uint8Array(out);
}

/** zlib's CRC-32 (Node 20.15+), or null where there is none. */
export const nativeCrc32 = nodeBuiltin<(data: Uint8Array) => number>("node:zlib", "crc32");
