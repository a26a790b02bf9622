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
import { wordTokens } from "../diff/tokenize.js";
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

/** Numbers words; one per comparison, shared by both sides so equal words get equal numbers. */
export class Vocabulary {
  private readonly ids = new Map<string, number>();
  /** per word number, a running count while summing bags; all zero in between */
  private scratch = new Int32Array(0);

  bag(text: string): Bag {
    const found: number[] = [];
    for (const t of wordTokens(text)) {
      const w = t.toLowerCase();
      let id = this.ids.get(w);
      if (id === undefined) {
        id = this.ids.size;
        this.ids.set(w, id);
      }
      found.push(id);
    }
    return fromWords(found);
  }

  /** The bag of several texts joined with spaces: the sum of their bags (no word spans a space). */
  sum(bags: readonly Bag[]): Bag {
    if (this.scratch.length < this.ids.size) this.scratch = new Int32Array(Math.max(this.ids.size, 2 * this.scratch.length));
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

function fromWords(found: number[]): Bag {
  if (found.length === 0) return EMPTY;
  found.sort((a, b) => a - b);
  let distinct = 1;
  for (let i = 1; i < found.length; i++) if (found[i] !== found[i - 1]) distinct++;
  const words = new Int32Array(distinct);
  const counts = new Int32Array(distinct);
  let k = 0;
  words[0] = found[0]!;
  counts[0] = 1;
  for (let i = 1; i < found.length; i++) {
    if (found[i] === found[i - 1]) counts[k]!++;
    else {
      k++;
      words[k] = found[i]!;
      counts[k] = 1;
    }
  }
  return { words, counts, size: found.length };
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
