import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { wordTokens } from "../src/diff/tokenize.js";
import { dice, Vocabulary, type Bag } from "../src/align/similarity.js";
import { example } from "./helpers.js";

/**
 * The vocabulary hashes ASCII words as it scans them, without making a
 * string per word. Its bags must be what the plain definition gives: the
 * word tokens, lower-cased, numbered in the order they are first met.
 */
function reference(texts: string[]): { words: number[]; counts: number[] }[] {
  const ids = new Map<string, number>();
  return texts.map((text) => {
    const counts = new Map<number, number>();
    for (const t of wordTokens(text)) {
      const w = t.toLowerCase();
      if (!ids.has(w)) ids.set(w, ids.size);
      const id = ids.get(w)!;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const words = [...counts.keys()].sort((a, b) => a - b);
    return { words, counts: words.map((w) => counts.get(w)!) };
  });
}

const plain = (b: Bag) => ({ words: [...b.words], counts: [...b.counts] });

function expectSameBags(texts: string[]): void {
  const v = new Vocabulary();
  expect(texts.map((t) => plain(v.bag(t)))).toEqual(reference(texts));
}

const PIECES = ["The", "the", "THE", "ITU", "itu", "Itu-T", "résolution", "Résolution", "RÉSOLUTION", "K", "\u212a", "k", "İ", "i", "ß", "SS", "1bis", "b)bis", "don't", "don’t", "做", " ", " ", "\u00a0", ",", "\n"];

describe("Vocabulary", () => {
  it("gives a word the same number whatever its case or script path", () => {
    const v = new Vocabulary();
    const a = v.bag("The ITU résolution, K");
    const b = v.bag("the itu Résolution, \u212a");
    expect(dice(a, b)).toBe(1);
    expect(v.size).toBe(4);
  });

  it("makes the bags the plain definition makes, on random texts", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((p) => p.join("")), { minLength: 1, maxLength: 8 }), (texts) => expectSameBags(texts)),
      { numRuns: 2000 },
    );
  });

  it("makes the bags the plain definition makes, on the example resolutions, past many table resizes", () => {
    const lines = [...example("res-99-in-force.txt").split("\n"), ...example("res-99-proposed.txt").split("\n")];
    // enough distinct words to grow the table several times
    const numbered = Array.from({ length: 3000 }, (_, i) => `word${i} Word${i} WORD${i % 7}`);
    expectSameBags([...lines, ...numbered, ...lines]);
  });
});
