import { nativeCrc32 } from "./native.js";

/**
 * CRC-32 (IEEE 802.3, the zip checksum), "slicing by 4": four table lookups
 * per four input bytes, several times faster than the byte-at-a-time loop on
 * multi-megabyte parts. fflate keeps its own CRC private. In Node, zlib's
 * own (native.ts) is faster still.
 */

const TABLES = buildTables();

function buildTables(): Uint32Array[] {
  const base = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    base[n] = c >>> 0;
  }
  const tables = [base];
  for (let t = 1; t < 4; t++) {
    const previous = tables[t - 1] as Uint32Array;
    const table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) table[n] = (base[(previous[n] as number) & 0xff] as number) ^ ((previous[n] as number) >>> 8);
    tables.push(table);
  }
  return tables;
}

export function crc32(data: Uint8Array): number {
  if (nativeCrc32 !== null) return nativeCrc32(data);
  const [t0, t1, t2, t3] = TABLES as [Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  let crc = 0xffffffff;
  let i = 0;
  for (const last = data.length - 3; i < last; i += 4) {
    crc ^= (data[i] as number) | ((data[i + 1] as number) << 8) | ((data[i + 2] as number) << 16) | ((data[i + 3] as number) << 24);
    crc =
      (t3[crc & 0xff] as number) ^ (t2[(crc >>> 8) & 0xff] as number) ^ (t1[(crc >>> 16) & 0xff] as number) ^ (t0[crc >>> 24] as number);
  }
  for (; i < data.length; i++) crc = (t0[(crc ^ (data[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
