/**
 * How alike two clauses' texts are: the Dice coefficient of their bags of
 * lower-cased words (punctuation and labels left out), in [0, 1]. Word bags
 * ignore order, which is what we want for "is this the same clause, edited?":
 * a clause with a phrase inserted or words reordered stays close.
 */
import { isWordToken, tokenize } from "../diff/tokenize.js";

export type Bag = Map<string, number>;

export function wordBag(text: string): Bag {
  const bag: Bag = new Map();
  for (const t of tokenize(text)) {
    if (!isWordToken(t)) continue;
    const w = t.trimEnd().toLowerCase();
    bag.set(w, (bag.get(w) ?? 0) + 1);
  }
  return bag;
}

export function bagSize(bag: Bag): number {
  let n = 0;
  for (const c of bag.values()) n += c;
  return n;
}

export function dice(a: Bag, b: Bag, sizeA = bagSize(a), sizeB = bagSize(b)): number {
  if (sizeA + sizeB === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const [w, c] of small) {
    const d = large.get(w);
    if (d) shared += Math.min(c, d);
  }
  return (2 * shared) / (sizeA + sizeB);
}

/** Clause texts with their bags computed once, on demand. */
export class BagCache {
  private readonly bags: (Bag | undefined)[] = [];
  private readonly sizes: number[] = [];
  constructor(private readonly texts: readonly string[]) {}

  bag(i: number): Bag {
    let b = this.bags[i];
    if (!b) {
      b = wordBag(this.texts[i]!);
      this.bags[i] = b;
      this.sizes[i] = bagSize(b);
    }
    return b;
  }

  size(i: number): number {
    this.bag(i);
    return this.sizes[i]!;
  }
}
