import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { countWords, isWordToken, tokenize } from "../src/index.js";
import { scan, TOKEN, wordTokens } from "../src/diff/tokenize.js";
import { example, repoRoot } from "./helpers.js";

describe("tokenize", () => {
  it("keeps whitespace attached to the token before it", () => {
    expect(tokenize("to encourage  members;")).toEqual(["to ", "encourage  ", "members", ";"]);
  });

  it("keeps numbers and clause labels whole", () => {
    expect(tokenize("see 1bis.1, 2.3 and b)bis of 2016")).toEqual(["see ", "1bis.1", ", ", "2.3 ", "and ", "b)bis ", "of ", "2016"]);
    expect(tokenize("10,000 documents")).toEqual(["10,000 ", "documents"]);
  });

  it("separates punctuation from words but keeps hyphenated words and apostrophes", () => {
    expect(tokenize("Sector-Member's (ITU-T).")).toEqual(["Sector-Member's ", "(", "ITU-T", ")", "."]);
  });

  it("gives each Han character its own token", () => {
    expect(tokenize("做出决议")).toEqual(["做", "出", "决", "议"]);
  });

  it("rebuilds any text exactly", () => {
    fc.assert(fc.property(fc.string({ unit: "binary" }), (s) => tokenize(s).join("") === s), { numRuns: 500 });
  });

  it("counts words, not punctuation", () => {
    expect(countWords("to promote the use of ITU-T Recommendations; 2016.")).toBe(8);
  });
});

/** What the pattern alone gives, matched over the whole text (the scanner must agree with it). */
function byPattern(text: string): string[] {
  const tokens: string[] = [];
  let start = 0;
  // a fresh copy: matchAll starts at the pattern's lastIndex, which the scanner leaves where it stopped
  for (const m of text.matchAll(new RegExp(TOKEN.source, TOKEN.flags))) {
    if (m.index > 0 && !/^\s/u.test(m[0])) {
      tokens.push(text.slice(start, m.index));
      start = m.index;
    }
  }
  if (text.length > 0) tokens.push(text.slice(start));
  return tokens;
}

const wordsByPattern = (text: string) => byPattern(text).filter(isWordToken).map((t) => t.trimEnd());

/**
 * Pieces of text where the scanner's ASCII path and the pattern could part ways (suffixes next to
 * digits, labels, joiners), and some that send a stretch to the pattern (non-ASCII letters, marks,
 * spaces and joiners). Drawn as pieces rather than characters, so "1bis2" or "b)ter" come up often.
 */
const TRICKY = ["bis", "ter", "quater", "decies", "1", "23", ".", ",", ")", "(", "b", "x", "A", "_", "'", "-", "’", "‐", " ", "\t", "\n", "\u00a0", "é", "做", "\u0301", ";"];

describe("the ASCII scanner agrees with the pattern", () => {
  const check = (text: string) => {
    expect(tokenize(text)).toEqual(byPattern(text));
    expect(wordTokens(text)).toEqual(wordsByPattern(text));
    expect(countWords(text)).toBe(wordsByPattern(text).length);
  };

  it("on labels, numbers and words at the edges of stretches", () => {
    for (const text of ["b)bis", "xb)bis", "(b)bis)", "_b)ter", "1bis.1.2,3", "1.2.", "10,000,", "1bisx", "2016abc", "a'b-c'", "__", "_a", "a_", "don't-", "-x-", "b)bisbis", "1quinquies.4", "é1bis", "a’b", "c) bis", "1. 2", "1b)bis", "1bisc)ter", "2.3a)bis", "1bis2", "1ter.5x", "3quater,4", "2,5bis.1,2"]) check(text);
  });

  it("on random text over tricky characters", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TRICKY), { maxLength: 40 }), (chars) => check(chars.join(""))),
      { numRuns: 5000 },
    );
  });

  it("on random text of any code units", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 60 }), (s) => check(s)), { numRuns: 2000 });
  });

  it("when a caller tokenizes another text while a text is being scanned", () => {
    const text = "éabc,déf;ghé x’y";
    const nested: [number, number][] = [];
    scan(text, (start, end) => {
      // a few times only: were the scanner to lose its place, it would not loop for ever
      if (nested.length < 3) tokenize("ü, ö");
      nested.push([start, end]);
    });
    const alone: [number, number][] = [];
    scan(text, (start, end) => alone.push([start, end]));
    expect(nested).toEqual(alone);
    expect(alone.map(([s, e]) => text.slice(s, e))).toEqual(byPattern(text).map((t) => t.trimEnd()));
  });

  it("on the bundled example resolutions", () => {
    for (const name of readdirSync(join(repoRoot, "examples")).filter((n) => n.endsWith(".txt") || n.endsWith(".md"))) {
      const text = example(name);
      for (const line of text.split("\n")) check(line);
      check(text);
    }
  });
});
