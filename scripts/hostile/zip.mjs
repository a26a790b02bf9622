/**
 * Zip archives that say whatever a hostile-input case needs: declared sizes,
 * checksums, names and offsets that no honest zip writer would produce
 * (APPNOTE.TXT 4.3.7 local header, 4.3.12 central directory, 4.3.16 end
 * record). Built with node:zlib only, so the corpus generator needs nothing
 * the repository does not already have.
 */
import zlib, { constants, deflateRawSync, inflateRawSync } from "node:zlib";

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 of `bytes`, continuing from `previous` (the CRC of what came before them). */
export function crc32(bytes, previous = 0) {
  if (typeof zlib.crc32 === "function") return zlib.crc32(bytes, previous); // Node >= 20.15, much faster
  let crc = (previous ^ 0xffffffff) >>> 0;
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export function utf8(text) {
  return new Uint8Array(Buffer.from(text, "utf8"));
}

export function concat(chunks) {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export function deflate(bytes) {
  return new Uint8Array(deflateRawSync(bytes, { level: 9 }));
}

/**
 * A DEFLATE stream that inflates to `copies` repetitions of `chunk`, built
 * without ever holding the result: the chunk is compressed once and flushed
 * to a byte boundary (so copies concatenate into one valid stream), repeated,
 * then closed by an empty final block. 1 MiB of zeros compresses to ~1 KiB,
 * so a gibibyte costs about a megabyte.
 */
export function repeatedDeflate(chunk, copies) {
  const block = new Uint8Array(deflateRawSync(chunk, { level: 9, finishFlush: constants.Z_SYNC_FLUSH }));
  const out = new Uint8Array(block.length * copies + 2);
  for (let i = 0; i < copies; i++) out.set(block, i * block.length);
  out.set([0x03, 0x00], block.length * copies); // final fixed-Huffman block holding only end-of-block
  return out;
}

/**
 * An entry whose content is `head`, then `chunk` repeated `copies` times, then
 * `tail`, with its true size and CRC, built without holding the content: a
 * part that honestly declares hundreds of megabytes in a file of a few.
 */
export function repeatedEntry(name, head, chunk, copies, tail) {
  const [h, c, t] = [head, chunk, tail].map((x) => (typeof x === "string" ? utf8(x) : x));
  const flushed = (b) => new Uint8Array(deflateRawSync(b, { level: 9, finishFlush: constants.Z_SYNC_FLUSH }));
  const block = flushed(c);
  const data = concat([flushed(h), ...Array.from({ length: copies }, () => block), deflate(t)]);
  let crc = crc32(h);
  for (let i = 0; i < copies; i++) crc = crc32(c, crc);
  crc = crc32(t, crc);
  return { name, data, method: 8, size: h.length + c.length * copies + t.length, crc, flags: 0 };
}

/** `repeatedDeflate` over zeros: the classic zip bomb payload. */
export function zeroBomb(mebibytes) {
  return repeatedDeflate(new Uint8Array(1 << 20), mebibytes);
}

/**
 * An entry as it will be stored. `data` is the stored bytes (already
 * compressed when `method` is 8); `size`, `crc` and `compressedSize` default
 * to the truth and can be set to lie.
 */
export function entry(name, content, { method = 8, ...overrides } = {}) {
  const plain = typeof content === "string" ? utf8(content) : content;
  return { name, data: method === 8 ? deflate(plain) : plain, method, size: plain.length, crc: crc32(plain), flags: 0, ...overrides };
}

class Writer {
  chunks = [];
  length = 0;
  u16(v) {
    this.raw(new Uint8Array([v & 0xff, (v >>> 8) & 0xff]));
  }
  u32(v) {
    this.raw(new Uint8Array([v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff]));
  }
  raw(b) {
    this.chunks.push(b);
    this.length += b.length;
  }
  bytes() {
    return concat(this.chunks);
  }
}

/**
 * Serialises `entries` as a zip archive. An entry with `sharesDataOf: k`
 * writes no local header or data of its own and points at entry k's instead
 * (the overlapping-files bomb of D. Fifield, "A better zip bomb", 2019).
 * `count` overrides the end record's entry count.
 */
export function zip(entries, { count, comment = "" } = {}) {
  const body = new Writer();
  const central = new Writer();
  const offsets = [];
  for (const e of entries) {
    const name = utf8(e.name);
    const compressedSize = e.compressedSize ?? e.data.length;
    let offset;
    if (e.sharesDataOf !== undefined) {
      offset = offsets[e.sharesDataOf];
    } else {
      offset = body.length;
      body.u32(0x04034b50);
      body.u16(20);
      body.u16(e.flags);
      body.u16(e.method);
      body.u16(0);
      body.u16(0x21); // 1980-01-01
      body.u32(e.crc);
      body.u32(compressedSize);
      body.u32(e.size);
      body.u16(name.length);
      body.u16(0);
      body.raw(name);
      body.raw(e.data);
    }
    offsets.push(offset);
    central.u32(0x02014b50);
    central.u16(20);
    central.u16(20);
    central.u16(e.flags);
    central.u16(e.method);
    central.u16(0);
    central.u16(0x21);
    central.u32(e.crc);
    central.u32(compressedSize);
    central.u32(e.size);
    central.u16(name.length);
    central.u16(0);
    central.u16(0);
    central.u16(0);
    central.u16(0);
    central.u32(0);
    central.u32(offset);
    central.raw(name);
  }
  const directory = central.bytes();
  const end = new Writer();
  const n = count ?? entries.length;
  const note = utf8(comment);
  end.u32(0x06054b50);
  end.u16(0);
  end.u16(0);
  end.u16(Math.min(n, 0xffff));
  end.u16(Math.min(n, 0xffff));
  end.u32(directory.length);
  end.u32(body.length);
  end.u16(note.length);
  end.raw(note);
  return concat([body.bytes(), directory, end.bytes()]);
}

/** Where the structures of an archive written by `zip` start: for cutting and corrupting at each class of offset. */
export function layout(archive) {
  const view = (at) => archive[at] | (archive[at + 1] << 8) | (archive[at + 2] << 16) | ((archive[at + 3] << 24) >>> 0);
  let eocd = archive.length - 22;
  while (eocd >= 0 && view(eocd) >>> 0 !== 0x06054b50) eocd--;
  const u16 = (at) => archive[at] | (archive[at + 1] << 8);
  const directory = view(eocd + 16) >>> 0;
  const locals = [];
  for (let at = directory; at < eocd; ) {
    const nameLength = u16(at + 28);
    const extra = u16(at + 30);
    const commentLength = u16(at + 32);
    const local = view(at + 42) >>> 0;
    const name = Buffer.from(archive.subarray(at + 46, at + 46 + nameLength)).toString("utf8");
    const dataStart = local + 30 + u16(local + 26) + u16(local + 28);
    locals.push({ name, central: at, local, dataStart, dataEnd: dataStart + (view(at + 20) >>> 0) });
    at += 46 + nameLength + extra + commentLength;
  }
  return { directory, eocd, entries: locals };
}

/**
 * The entries of a well-formed archive, inflated: for taking real documents
 * apart before mutating them (the product's reader is what is under test, so
 * this one trusts its input and is not used on hostile bytes).
 */
export function unzip(archive) {
  return layout(archive).entries.map((e) => {
    const method = archive[e.central + 10] | (archive[e.central + 11] << 8);
    const stored = archive.subarray(e.dataStart, e.dataEnd);
    return { name: e.name, method, stored, data: method === 8 ? new Uint8Array(inflateRawSync(stored)) : stored.slice() };
  });
}
