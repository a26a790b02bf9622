/**
 * A DEFLATE compressor (RFC 1951, raw: no zlib or gzip wrapper) built for
 * the one thing the writer compresses: the XML parts it has changed.
 *
 * Why our own: fflate's deflate took 15 ms of a warm Q.850 write (1.1 MB of
 * XML) and about 30 ms of a new process's, at any level; Node's zlib is 3 to
 * 4 times faster but is Chromium's fork, whose output differs between Node
 * releases and CPUs, and the same inputs must give the same bytes everywhere,
 * browsers included. XML repeats itself in long runs (`<w:r><w:rPr>…`), so
 * a greedy matcher that looks at a few candidates and does not index the
 * positions inside a long match does little work per byte and still finds
 * the long matches that make up most of the output.
 *
 * The output depends only on the input: no clock, no platform-dependent
 * hashing. Each block is written as stored, fixed or dynamic Huffman,
 * whichever is smallest, so incompressible data grows by 5 bytes per block
 * (a block is 16,384 symbols: at most that many bytes when nothing matches).
 */

import { keepShape } from "@redline/core";

const WINDOW = 32768;
const WINDOW_MASK = WINDOW - 1;
const HASH_BITS = 15;
const MAX_MATCH = 258;
/** matches are found through a hash of 4 bytes; a 3-byte match rarely pays for its distance code */
const MIN_MATCH = 4;
/** candidates looked at per position */
const MAX_CHAIN = 8;
/** a match this long ends the search */
const NICE_MATCH = 128;
/** a match shorter than this is checked against one starting a byte later (one step of lazy matching) */
const LAZY_LIMIT = 32;
/** positions inside a match longer than this are not indexed (XML's long repeats would index every byte) */
const MAX_INSERT = 16;
/** symbols per block: each block gets Huffman codes fitted to its own symbols */
const BLOCK_SYMBOLS = 1 << 14;
const END_OF_BLOCK = 256;
const STORED_MAX = 65535;

// Length codes 257..285 and distance codes 0..29: base values and extra bits (RFC 1951, 3.2.5).
const LEN_EXTRA = new Uint8Array(29);
const LEN_BASE = new Uint16Array(29);
const DIST_EXTRA = new Uint8Array(30);
const DIST_BASE = new Uint16Array(30);
/** length 3..258 -> length code - 257 */
const LEN_CODE = new Uint8Array(MAX_MATCH + 1);
/** distance 1..32768 -> distance code */
const DIST_CODE = new Uint8Array(WINDOW + 1);
{
  let base = 3;
  for (let c = 0; c < 28; c++) {
    LEN_EXTRA[c] = c < 8 ? 0 : (c >> 2) - 1;
    LEN_BASE[c] = base;
    for (let k = 0; k < 1 << LEN_EXTRA[c]!; k++) LEN_CODE[base + k] = c;
    base += 1 << LEN_EXTRA[c]!;
  }
  // 258 has a code of its own, without extra bits (the last range above would reach it too)
  LEN_EXTRA[28] = 0;
  LEN_BASE[28] = MAX_MATCH;
  LEN_CODE[MAX_MATCH] = 28;
  base = 1;
  for (let c = 0; c < 30; c++) {
    DIST_EXTRA[c] = c < 4 ? 0 : (c >> 1) - 1;
    DIST_BASE[c] = base;
    for (let k = 0; k < 1 << DIST_EXTRA[c]!; k++) DIST_CODE[base + k] = c;
    base += 1 << DIST_EXTRA[c]!;
  }
}

/** The fixed Huffman code lengths (RFC 1951, 3.2.6). */
const FIXED_LIT_LENGTHS = new Uint8Array(288).map((_, s) => (s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8));
const FIXED_DIST_LENGTHS = new Uint8Array(30).fill(5);
/** Order in which the code length code's lengths are sent (RFC 1951, 3.2.7). */
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/**
 * Code lengths for symbols of these frequencies, none longer than `maxBits`:
 * a Huffman code, and where that is too deep, leaves moved up under the
 * limit until the Kraft sum is exact again. Ties break by symbol number, so
 * the lengths depend only on the frequencies.
 */
export function codeLengths(freq: ArrayLike<number>, maxBits: number): Uint8Array {
  const n = freq.length;
  const lengths = new Uint8Array(n);
  const used: number[] = [];
  for (let s = 0; s < n; s++) if (freq[s]! > 0) used.push(s);
  if (used.length < 2) {
    // Zero or one symbol: two one-bit codes all the same (symbols 0 and 1 stand in), as zlib writes
    // them, since some decoders refuse a code that is incomplete or empty.
    for (let s = 0; s < n && used.length < 2; s++) if (!used.includes(s)) used.push(s);
    for (const s of used) lengths[s] = 1;
    return lengths;
  }
  used.sort((a, b) => freq[a]! - freq[b]! || a - b);
  // Two queues: leaves in order of weight, and internal nodes, made in order of weight.
  const m = used.length;
  const weight = new Float64Array(2 * m);
  const parent = new Int32Array(2 * m);
  for (let k = 0; k < m; k++) weight[k] = freq[used[k]!]!;
  let leaf = 0;
  let node = m;
  let made = m;
  const smallest = (): number => (leaf < m && (node >= made || weight[leaf]! <= weight[node]!) ? leaf++ : node++);
  while (made < 2 * m - 1) {
    const a = smallest();
    const b = smallest();
    weight[made] = weight[a]! + weight[b]!;
    parent[a] = made;
    parent[b] = made;
    made++;
  }
  // depth of each node, root (the last made) first
  const depth = new Uint8Array(2 * m);
  const counts = new Int32Array(Math.max(maxBits, m) + 1);
  for (let k = 2 * m - 3; k >= 0; k--) depth[k] = depth[parent[k]!]! + 1;
  for (let k = 0; k < m; k++) counts[Math.min(depth[k]!, maxBits)]!++;
  // Clamping made the code over-full: each round drops one leaf from the deepest level and splits a
  // shallower leaf into two one level down, which keeps the number of leaves and lowers the sum by one.
  let kraft = 0;
  for (let len = 1; len <= maxBits; len++) kraft += counts[len]! << (maxBits - len);
  while (kraft > 1 << maxBits) {
    counts[maxBits]!--;
    for (let len = maxBits - 1; len > 0; len--) {
      if (counts[len]! > 0) {
        counts[len]!--;
        counts[len + 1]! += 2;
        break;
      }
    }
    kraft--;
  }
  // the most frequent symbols get the shortest codes
  let k = m - 1;
  for (let len = 1; len <= maxBits; len++) for (let c = counts[len]!; c > 0; c--) lengths[used[k--]!] = len;
  return lengths;
}

/** Canonical codes for these lengths (RFC 1951, 3.2.2), bit-reversed: DEFLATE sends Huffman codes first bit first. */
function canonicalCodes(lengths: Uint8Array): Uint16Array {
  const count = new Uint16Array(16);
  for (const len of lengths) count[len]!++;
  count[0] = 0;
  const next = new Uint16Array(16);
  let code = 0;
  for (let len = 1; len < 16; len++) {
    code = (code + count[len - 1]!) << 1;
    next[len] = code;
  }
  const codes = new Uint16Array(lengths.length);
  for (let s = 0; s < lengths.length; s++) {
    const len = lengths[s]!;
    if (len === 0) continue;
    let c = next[len]!++;
    let reversed = 0;
    for (let b = 0; b < len; b++) {
      reversed = (reversed << 1) | (c & 1);
      c >>>= 1;
    }
    codes[s] = reversed;
  }
  return codes;
}

const FIXED_LIT_CODES = canonicalCodes(FIXED_LIT_LENGTHS);
const FIXED_DIST_CODES = canonicalCodes(FIXED_DIST_LENGTHS);

/** Bits written least significant first, as DEFLATE packs them. */
class BitWriter {
  out: Uint8Array;
  at = 0;
  private bits = 0;
  private count = 0;

  constructor(capacity: number) {
    this.out = new Uint8Array(capacity);
  }

  /** Room for `bytes` more bytes. */
  reserve(bytes: number): void {
    if (this.at + bytes + 8 <= this.out.length) return;
    const bigger = new Uint8Array(Math.max(this.out.length * 2, this.at + bytes + 8));
    bigger.set(this.out.subarray(0, this.at));
    this.out = bigger;
  }

  /** `len` (at most 16) low bits of `value`. */
  put(value: number, len: number): void {
    this.bits |= value << this.count;
    this.count += len;
    while (this.count >= 8) {
      this.out[this.at++] = this.bits & 0xff;
      this.bits >>>= 8;
      this.count -= 8;
    }
  }

  /** Pads to a byte boundary with zero bits. */
  align(): void {
    if (this.count > 0) this.out[this.at++] = this.bits & 0xff;
    this.bits = 0;
    this.count = 0;
  }

  bytes(src: Uint8Array, from: number, to: number): void {
    this.out.set(src.subarray(from, to), this.at);
    this.at += to - from;
  }

  result(): Uint8Array {
    this.align();
    return this.out.slice(0, this.at);
  }
}

/** One block's symbols: a literal byte (dist 0) or a match (length - 3 + 256, dist). */
class Symbols {
  readonly lit = new Uint16Array(BLOCK_SYMBOLS);
  readonly dist = new Uint16Array(BLOCK_SYMBOLS);
  readonly litFreq = new Uint32Array(286);
  readonly distFreq = new Uint32Array(30);
  count = 0;

  literal(byte: number): void {
    this.lit[this.count] = byte;
    this.dist[this.count++] = 0;
    this.litFreq[byte]!++;
  }

  match(length: number, distance: number): void {
    this.lit[this.count] = length - 3 + 256;
    this.dist[this.count++] = distance;
    this.litFreq[257 + LEN_CODE[length]!]!++;
    this.distFreq[DIST_CODE[distance]!]!++;
  }

  clear(): void {
    this.count = 0;
    this.litFreq.fill(0);
    this.distFreq.fill(0);
  }
}

/** The code lengths of a dynamic block's two codes, run-length coded (RFC 1951, 3.2.7). */
interface DynamicHeader {
  litCount: number;
  distCount: number;
  /** code length symbols 0..18 and their extra-bit values */
  symbols: number[];
  extras: number[];
  clLengths: Uint8Array;
  clCount: number;
  bits: number;
}

function dynamicHeader(litLengths: Uint8Array, distLengths: Uint8Array): DynamicHeader {
  let litCount = 286;
  while (litCount > 257 && litLengths[litCount - 1] === 0) litCount--;
  let distCount = 30;
  while (distCount > 1 && distLengths[distCount - 1] === 0) distCount--;
  const all = new Uint8Array(litCount + distCount);
  all.set(litLengths.subarray(0, litCount));
  all.set(distLengths.subarray(0, distCount), litCount);
  const symbols: number[] = [];
  const extras: number[] = [];
  const emit = (symbol: number, extra: number): void => {
    symbols.push(symbol);
    extras.push(extra);
  };
  for (let i = 0; i < all.length; ) {
    const v = all[i]!;
    let run = 1;
    while (i + run < all.length && all[i + run] === v) run++;
    i += run;
    if (v === 0) {
      for (; run >= 11; run -= Math.min(run, 138)) emit(18, Math.min(run, 138) - 11);
      if (run >= 3) emit(17, run - 3);
      else for (; run > 0; run--) emit(0, 0);
    } else {
      emit(v, 0);
      run--;
      for (; run >= 3; run -= Math.min(run, 6)) emit(16, Math.min(run, 6) - 3);
      for (; run > 0; run--) emit(v, 0);
    }
  }
  const clFreq = new Uint32Array(19);
  for (const s of symbols) clFreq[s]!++;
  const clLengths = codeLengths(clFreq, 7);
  let clCount = 19;
  while (clCount > 4 && clLengths[CODE_LENGTH_ORDER[clCount - 1]!] === 0) clCount--;
  let bits = 5 + 5 + 4 + 3 * clCount;
  for (const s of symbols) bits += clLengths[s]! + (s === 16 ? 2 : s === 17 ? 3 : s === 18 ? 7 : 0);
  return { litCount, distCount, symbols, extras, clLengths, clCount, bits };
}

function writeDynamicHeader(w: BitWriter, h: DynamicHeader): void {
  w.put(h.litCount - 257, 5);
  w.put(h.distCount - 1, 5);
  w.put(h.clCount - 4, 4);
  for (let k = 0; k < h.clCount; k++) w.put(h.clLengths[CODE_LENGTH_ORDER[k]!]!, 3);
  const codes = canonicalCodes(h.clLengths);
  for (let k = 0; k < h.symbols.length; k++) {
    const s = h.symbols[k]!;
    w.put(codes[s]!, h.clLengths[s]!);
    if (s === 16) w.put(h.extras[k]!, 2);
    else if (s === 17) w.put(h.extras[k]!, 3);
    else if (s === 18) w.put(h.extras[k]!, 7);
  }
}

/** Bits the block's symbols take with these code lengths (extra bits included). */
function dataBits(sym: Symbols, litLengths: Uint8Array, distLengths: Uint8Array): number {
  let bits = 0;
  for (let s = 0; s < 286; s++) bits += sym.litFreq[s]! * (litLengths[s]! + (s > 256 ? LEN_EXTRA[s - 257]! : 0));
  for (let d = 0; d < 30; d++) bits += sym.distFreq[d]! * (distLengths[d]! + DIST_EXTRA[d]!);
  return bits;
}

function writeSymbols(w: BitWriter, sym: Symbols, litLengths: Uint8Array, litCodes: Uint16Array, distLengths: Uint8Array, distCodes: Uint16Array): void {
  const { lit, dist } = sym;
  for (let k = 0; k < sym.count; k++) {
    const v = lit[k]!;
    const d = dist[k]!;
    if (d === 0) {
      w.put(litCodes[v]!, litLengths[v]!);
      continue;
    }
    const length = v - 256 + 3;
    const lc = LEN_CODE[length]!;
    w.put(litCodes[257 + lc]!, litLengths[257 + lc]!);
    if (LEN_EXTRA[lc]! > 0) w.put(length - LEN_BASE[lc]!, LEN_EXTRA[lc]!);
    const dc = DIST_CODE[d]!;
    w.put(distCodes[dc]!, distLengths[dc]!);
    if (DIST_EXTRA[dc]! > 0) w.put(d - DIST_BASE[dc]!, DIST_EXTRA[dc]!);
  }
  w.put(litCodes[END_OF_BLOCK]!, litLengths[END_OF_BLOCK]!);
}

/** Writes the block of `data[from, to)` whose symbols are `sym`, in whichever of the three forms is smallest. */
function writeBlock(w: BitWriter, data: Uint8Array, from: number, to: number, sym: Symbols, last: boolean): void {
  sym.litFreq[END_OF_BLOCK] = 1;
  const litLengths = codeLengths(sym.litFreq, 15);
  const distLengths = codeLengths(sym.distFreq, 15);
  const header = dynamicHeader(litLengths, distLengths);
  const dynamicBits = 3 + header.bits + dataBits(sym, litLengths, distLengths);
  const fixedBits = 3 + dataBits(sym, FIXED_LIT_LENGTHS, FIXED_DIST_LENGTHS);
  const raw = to - from;
  // a stored block starts on a byte boundary, and holds at most 65,535 bytes
  const storedBits = Math.max(1, Math.ceil(raw / STORED_MAX)) * (3 + 7 + 32) + 8 * raw;
  w.reserve(Math.ceil(Math.min(storedBits, dynamicBits, fixedBits) / 8) + 16);
  if (storedBits <= dynamicBits && storedBits <= fixedBits) {
    let at = from;
    do {
      const end = Math.min(at + STORED_MAX, to);
      w.put(last && end === to ? 1 : 0, 1);
      w.put(0, 2);
      w.align();
      w.put(end - at, 16);
      w.put(~(end - at) & 0xffff, 16);
      w.bytes(data, at, end);
      at = end;
    } while (at < to);
  } else if (fixedBits <= dynamicBits) {
    w.put(last ? 1 : 0, 1);
    w.put(1, 2);
    writeSymbols(w, sym, FIXED_LIT_LENGTHS, FIXED_LIT_CODES, FIXED_DIST_LENGTHS, FIXED_DIST_CODES);
  } else {
    w.put(last ? 1 : 0, 1);
    w.put(2, 2);
    writeDynamicHeader(w, header);
    writeSymbols(w, sym, litLengths, canonicalCodes(litLengths), distLengths, canonicalCodes(distLengths));
  }
  sym.clear();
}

/** The 4 bytes at `i` hashed (multiplicative hashing, the same on every platform). */
function hash4(d: Uint8Array, i: number): number {
  return Math.imul(d[i]! | (d[i + 1]! << 8) | (d[i + 2]! << 16) | (d[i + 3]! << 24), 0x9e3779b1) >>> (32 - HASH_BITS);
}

/**
 * Finds matches over a 32 KiB window: `head` holds the last position (+1) with each hash, `prev` the
 * position before it with the same hash (+1), by window slot. A position is indexed when searched from.
 */
class Matcher {
  private readonly head = new Int32Array(1 << HASH_BITS);
  private readonly prev = new Int32Array(WINDOW);
  /** the last position that can start a match (a hash reads 4 bytes) */
  readonly lastHashed: number;

  private readonly view: DataView;

  constructor(private readonly data: Uint8Array) {
    this.lastHashed = data.length - MIN_MATCH;
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }

  /** Indexes position `i` without searching from it. */
  insert(i: number): void {
    const h = hash4(this.data, i);
    this.prev[i & WINDOW_MASK] = this.head[h]!;
    this.head[h] = i + 1;
  }

  /**
   * Indexes `i` and returns the longest match found there as length + 512 * distance (0 if none
   * of at least MIN_MATCH bytes), looking at MAX_CHAIN earlier positions at most.
   */
  search(i: number): number {
    const data = this.data;
    const view = this.view;
    if (i > this.lastHashed) return 0;
    const h = hash4(data, i);
    let candidate = this.head[h]! - 1;
    this.prev[i & WINDOW_MASK] = this.head[h]!;
    this.head[h] = i + 1;
    const limit = Math.min(MAX_MATCH, data.length - i);
    let best = 0;
    let bestDist = 0;
    for (let chain = MAX_CHAIN; candidate >= 0 && i - candidate <= WINDOW && chain > 0; chain--) {
      // the byte that would make this candidate longer than the best so far, first
      if (data[candidate + best] === data[i + best]) {
        // four bytes at a time while they agree, then byte by byte
        let len = 0;
        while (len + 4 <= limit && view.getUint32(candidate + len) === view.getUint32(i + len)) len += 4;
        while (len < limit && data[candidate + len] === data[i + len]) len++;
        if (len > best) {
          best = len;
          bestDist = i - candidate;
          if (len >= NICE_MATCH || len === limit) break;
        }
      }
      const next = this.prev[candidate & WINDOW_MASK]! - 1;
      // a slot overwritten by a later position would lead forward: the chain ends there
      if (next >= candidate) break;
      candidate = next;
    }
    return best >= MIN_MATCH ? best + 512 * bestDist : 0;
  }
}

/** `data` compressed as a raw DEFLATE stream. */
export function deflateRaw(data: Uint8Array): Uint8Array {
  const n = data.length;
  const w = new BitWriter(Math.min(n + (n >> 3), n + 5 * Math.ceil(n / STORED_MAX)) + 64);
  const sym = new Symbols();
  const matcher = new Matcher(data);
  let blockStart = 0;
  let i = 0;
  let found = matcher.search(0);
  while (i < n) {
    const len = found & 511;
    if (len === 0) {
      sym.literal(data[i]!);
      i++;
      found = matcher.search(i);
    } else {
      // one step of lazy matching: a longer match starting at the next byte wins over this one
      const next = len < LAZY_LIMIT ? matcher.search(i + 1) : 0;
      if ((next & 511) > len) {
        sym.literal(data[i]!);
        i++;
        found = next;
      } else {
        sym.match(len, found >>> 9);
        const end = i + len;
        // i + 1 is indexed already if the lazy step searched from it
        if (len <= MAX_INSERT) for (let k = len < LAZY_LIMIT ? i + 2 : i + 1; k < end && k <= matcher.lastHashed; k++) matcher.insert(k);
        i = end;
        found = matcher.search(i);
      }
    }
    if (sym.count === BLOCK_SYMBOLS) {
      writeBlock(w, data, blockStart, i, sym, i === n);
      blockStart = i;
    }
  }
  if (sym.count > 0 || n === 0) writeBlock(w, data, blockStart, n, sym, true);
  return w.result();
}

keepShape(new BitWriter(0));
keepShape(new Symbols());
keepShape(new Matcher(new Uint8Array(0)));
