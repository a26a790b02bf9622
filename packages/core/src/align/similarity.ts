/**
 * How alike two clauses' texts are: the Dice coefficient of their bags of
 * lower-cased words (punctuation and labels left out), in [0, 1]. Word bags
 * ignore order, which is what we want for "is this the same clause, edited?":
 * a clause with a phrase inserted or words reordered stays close.
 *
 * A bag is a sorted array of word numbers with their counts, the numbers
 * given by a vocabulary shared by both documents: comparing two bags is then
 * a merge of two integer arrays, where a Map per bag cost a string hash and a
 * lookup per word. Tables compare every table with every other and every row
 * with every row, so this is most of what aligning a large .docx costs.
 */
import { scan } from "../diff/tokenize.js";
import { keepShape } from "../runtime/keep-shape.js";

export interface Bag {
  /** word numbers, ascending, each once */
  words: Int32Array;
  /** how often each of `words` occurs */
  counts: Int32Array;
  /** total number of words (the sum of `counts`) */
  size: number;
}

const EMPTY: Bag = { words: new Int32Array(0), counts: new Int32Array(0), size: 0 };

const FNV_PRIME = 0x01000193;

/**
 * Numbers words; one per comparison, shared by both sides so equal words get
 * equal numbers (in the order they are first met). A bag is built straight
 * from the text: a word the scanner cut as ASCII is hashed and looked up
 * lower-cased character by character, with no string made for it unless it
 * is new, where slicing, lower-casing and a Map lookup per word took half
 * of aligning a large document. Other words are sliced and lower-cased
 * (toLowerCase knows all of Unicode), then looked up the same way.
 */
export class Vocabulary {
  /** word number -> the word, lower-cased */
  private readonly words: string[] = [];
  /** word number -> its hash */
  private hashes = new Int32Array(256);
  /** open addressing: slot -> word number + 1 (0 = empty) */
  private slots = new Int32Array(512);
  /** per word number, a running count while summing bags; all zero in between */
  private scratch = new Int32Array(0);
  /** the word numbers of the bag being built */
  private found = new Int32Array(256);
  private count = 0;
  private readonly onToken = (start: number, end: number, word: boolean, ascii: boolean): void => {
    if (!word) return;
    const id = ascii ? this.asciiWord(this.text, start, end) : this.word(this.text.slice(start, end).toLowerCase());
    if (this.count === this.found.length) {
      const bigger = new Int32Array(2 * this.found.length);
      bigger.set(this.found);
      this.found = bigger;
    }
    this.found[this.count++] = id;
  };
  private text = "";

  get size(): number {
    return this.words.length;
  }

  bag(text: string): Bag {
    this.text = text;
    this.count = 0;
    scan(text, this.onToken);
    this.text = "";
    return fromWords(this.found, this.count);
  }

  /** The number of text[start, end), all ASCII, lower-cased. */
  private asciiWord(text: string, start: number, end: number): number {
    let hash = 0;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ lower(text.charCodeAt(i)), FNV_PRIME);
    const mask = this.slots.length - 1;
    const length = end - start;
    for (let slot = (hash ^ (hash >>> 15)) & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[slot]! - 1;
      if (id < 0) return this.add(text.slice(start, end).toLowerCase(), hash);
      const w = this.words[id]!;
      if (this.hashes[id] !== hash || w.length !== length) continue;
      let k = 0;
      while (k < length && w.charCodeAt(k) === lower(text.charCodeAt(start + k))) k++;
      if (k === length) return id;
    }
  }

  /** The number of a lower-cased word. */
  private word(w: string): number {
    let hash = 0;
    for (let i = 0; i < w.length; i++) hash = Math.imul(hash ^ w.charCodeAt(i), FNV_PRIME);
    const mask = this.slots.length - 1;
    for (let slot = (hash ^ (hash >>> 15)) & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[slot]! - 1;
      if (id < 0) return this.add(w, hash);
      if (this.hashes[id] === hash && this.words[id] === w) return id;
    }
  }

  private add(w: string, hash: number): number {
    const id = this.words.length;
    this.words.push(w);
    if (id === this.hashes.length) {
      const bigger = new Int32Array(2 * id);
      bigger.set(this.hashes);
      this.hashes = bigger;
    }
    this.hashes[id] = hash;
    // at most half full, so probes stay short
    if (2 * this.words.length > this.slots.length) this.rehash(2 * this.slots.length);
    else this.place(id);
    return id;
  }

  private place(id: number): void {
    const hash = this.hashes[id]!;
    const mask = this.slots.length - 1;
    let slot = (hash ^ (hash >>> 15)) & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = id + 1;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    for (let id = 0; id < this.words.length; id++) this.place(id);
  }

  /** The bag of several texts joined with spaces: the sum of their bags (no word spans a space). */
  sum(bags: readonly Bag[]): Bag {
    if (this.scratch.length < this.words.length) this.scratch = new Int32Array(Math.max(this.words.length, 2 * this.scratch.length));
    const count = this.scratch;
    const words: number[] = [];
    let size = 0;
    for (const b of bags) {
      size += b.size;
      for (let i = 0; i < b.words.length; i++) {
        const w = b.words[i]!;
        if (count[w] === 0) words.push(w);
        count[w]! += b.counts[i]!;
      }
    }
    if (words.length === 0) return EMPTY;
    words.sort((a, b) => a - b);
    const out: Bag = { words: Int32Array.from(words), counts: new Int32Array(words.length), size };
    for (let i = 0; i < words.length; i++) {
      out.counts[i] = count[words[i]!]!;
      count[words[i]!] = 0;
    }
    return out;
  }
}

/** A–Z to a–z; any other code unit as it is. */
function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** The bag of the word numbers found[0, n): sorted in place (a typed array sorts numerically, natively). */
function fromWords(found: Int32Array, n: number): Bag {
  if (n === 0) return EMPTY;
  const sorted = found.subarray(0, n).sort();
  let distinct = 1;
  for (let i = 1; i < n; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  const words = new Int32Array(distinct);
  const counts = new Int32Array(distinct);
  let k = 0;
  words[0] = sorted[0]!;
  counts[0] = 1;
  for (let i = 1; i < n; i++) {
    if (sorted[i] === sorted[i - 1]) counts[k]!++;
    else {
      k++;
      words[k] = sorted[i]!;
      counts[k] = 1;
    }
  }
  return { words, counts, size: n };
}

/**
 * The most dice(a, b) can be for bags of these sizes: every word of the smaller shared. For a fixed
 * divisor, rounding keeps order, so `upperBound < t` proves `dice < t` without comparing the words.
 */
export function diceBound(a: Bag, b: Bag): number {
  return (2 * Math.min(a.size, b.size)) / (a.size + b.size);
}

export function dice(a: Bag, b: Bag): number {
  if (a.size + b.size === 0) return 1;
  return (2 * sharedWords(a, b)) / (a.size + b.size);
}

/** Sum over the words of both bags of the smaller count. */
function sharedWords(a: Bag, b: Bag): number {
  const [small, large] = a.words.length <= b.words.length ? [a, b] : [b, a];
  const sw = small.words;
  const lw = large.words;
  let shared = 0;
  if (sw.length * 8 < lw.length) {
    // far smaller: look each word up (binary search) rather than walk the large bag
    let lo = 0;
    for (let i = 0; i < sw.length; i++) {
      const w = sw[i]!;
      let hi = lw.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (lw[mid]! < w) lo = mid + 1;
        else hi = mid;
      }
      if (lo < lw.length && lw[lo] === w) shared += Math.min(small.counts[i]!, large.counts[lo]!);
    }
    return shared;
  }
  let i = 0;
  let j = 0;
  while (i < sw.length && j < lw.length) {
    const x = sw[i]!;
    const y = lw[j]!;
    if (x === y) {
      shared += Math.min(small.counts[i]!, large.counts[j]!);
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared;
}

/** Clause texts with their bags computed once, on demand. */
export class BagCache {
  private readonly bags: (Bag | undefined)[];
  constructor(
    private readonly texts: readonly string[],
    private readonly vocabulary: Vocabulary,
  ) {
    this.bags = new Array<Bag | undefined>(texts.length).fill(undefined);
  }

  bag(i: number): Bag {
    let b = this.bags[i];
    if (b === undefined) {
      b = this.vocabulary.bag(this.texts[i]!);
      this.bags[i] = b;
    }
    return b;
  }
}

keepShape(new BagCache([], new Vocabulary()));
