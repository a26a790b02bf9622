import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countWords, tokenize } from "../src/index.js";

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
