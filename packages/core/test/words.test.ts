import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffWords, type InlineOp } from "../src/index.js";

const oldOf = (ops: InlineOp[]) => ops.filter((o) => o.op !== "insert").map((o) => o.text).join("");
const newOf = (ops: InlineOp[]) => ops.filter((o) => o.op !== "delete").map((o) => o.text).join("");
const changes = (ops: InlineOp[]) => ops.filter((o) => o.op !== "equal");

describe("diffWords", () => {
  it("reports a one-word change inside a long clause as that word", () => {
    const a = "that study groups should encourage the preparation of contributions by experts from developing countries, including through the mentoring programme and remote participation;";
    const b = a.replace("encourage", "promote");
    expect(changes(diffWords(a, b).inline)).toEqual([
      { op: "delete", text: "encourage" },
      { op: "insert", text: "promote" },
    ]);
  });

  it("shows an inserted phrase as one insertion, with no replaced neighbours", () => {
    const a = "that delegates follow meetings through the website and remote participation;";
    const b = "that delegates follow meetings through the website, often over connections of limited bandwidth, and remote participation;";
    expect(changes(diffWords(a, b).inline)).toEqual([{ op: "insert", text: ", often over connections of limited bandwidth," }]);
  });

  it("replaces numbers as whole tokens", () => {
    expect(changes(diffWords("within 30 days of 2016", "within 45 days of 2024").inline)).toEqual([
      { op: "delete", text: "30" },
      { op: "insert", text: "45" },
      { op: "delete", text: "2016" },
      { op: "insert", text: "2024" },
    ]);
    expect(changes(diffWords("see resolves 1.2 above", "see resolves 1.3 above").inline)).toEqual([
      { op: "delete", text: "1.2" },
      { op: "insert", text: "1.3" },
    ]);
  });

  it("never splinters a word into letters", () => {
    const { inline } = diffWords("the green garden", "the red garden");
    for (const o of changes(inline)) expect(o.text).toMatch(/^(green|red)$/);
  });

  it("merges scattered small edits into a readable change", () => {
    const { inline } = diffWords("a b c d e f g h", "a x c y e z g h");
    expect(oldOf(inline)).toBe("a b c d e f g h");
    expect(changes(inline).length).toBeLessThanOrEqual(6);
  });

  it("counts inserted and deleted words", () => {
    const d = diffWords("to encourage all members;", "to promote the active participation of members;");
    expect(d.deletedWords).toBe(2);
    expect(d.insertedWords).toBe(5);
  });

  it("rebuilds both texts exactly from the inline operations", () => {
    const words = fc.constantFrom("the", "ITU", "members", "shall", "1.2", "2016", ";", ",", "  ", " ", "\n", "é", "做", "b)bis");
    const text = fc.array(words, { maxLength: 40 }).map((w) => w.join(" "));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const { inline } = diffWords(a, b);
        return oldOf(inline) === a && newOf(inline) === b && inline.every((o) => o.text.length > 0);
      }),
      { numRuns: 1000 },
    );
  });

  it("falls back to one deletion and one insertion when the edit budget is exceeded, and says so", () => {
    const a = Array.from({ length: 400 }, (_, i) => `w${i}`).join(" ");
    const b = Array.from({ length: 400 }, (_, i) => `v${i}`).join(" ");
    const d = diffWords(a, b, { maxEditLength: 10 });
    expect(d.approximate).toBe(true);
    expect(oldOf(d.inline)).toBe(a);
    expect(newOf(d.inline)).toBe(b);
  });
});
