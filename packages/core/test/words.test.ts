import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffWholeWords, middles } from "../src/diff/words.js";
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

describe("diffWords between the common ends", () => {
  // pieces that tokenize in every way the scanner knows: labels, numbers, joined words, punctuation, scripts without
  // spaces, a surrogate pair, and whitespace of each kind (ASCII, no-break, tab, line break), often repeated
  const piece = fc.constantFrom(
    "the", "the", "a", "a", "ITU", "members", "b)bis", "a)", "1.2", "1bis.1", "10,000", "2016", "Sector-Member's", "don't", "x_y", "_",
    "(", ")", ";", ",", ".", "é", "été", "做", "日本", "😀", " ", " ", "  ", "\t", "\n", "\u00a0", "\u2003",
  );
  const text = fc.array(piece, { maxLength: 30 }).map((p) => p.join(""));
  const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 3 }), insert: fc.array(piece, { maxLength: 4 }) });
  // NEW as OLD with a few pieces replaced, inserted or removed: what clause pairs mostly are
  const pair = fc
    .tuple(fc.array(piece, { maxLength: 30 }), fc.array(edit, { minLength: 1, maxLength: 3 }), fc.constantFrom("", " "))
    .map(([pieces, edits, join]) => {
      const next = [...pieces];
      for (const e of edits) next.splice(e.at % (next.length + 1), e.remove, ...e.insert);
      return [pieces.join(join), next.join(join)] as const;
    });

  // few pieces, so that tokens repeat and whitespace alone often tells them apart: where a cut can go wrong
  const repetitive = fc
    .tuple(fc.array(fc.constantFrom("a", "c", " ", "  "), { maxLength: 12 }), fc.array(fc.record({ at: fc.nat(), piece: fc.constantFrom("a", "c", " ", "a ", " c") }), { minLength: 1, maxLength: 2 }))
    .map(([pieces, edits]) => {
      const next: string[] = [...pieces];
      for (const e of edits) next.splice(e.at % (next.length + 1), 0, e.piece);
      return [pieces.join(""), next.join("")] as const;
    });

  it("gives exactly what diffing the whole texts gives", () => {
    fc.assert(
      fc.property(fc.oneof(pair, repetitive), ([a, b]) => {
        expect(diffWords(a, b)).toEqual(diffWholeWords(a, b));
      }),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(diffWords(a, b)).toEqual(diffWholeWords(a, b));
      }),
      { numRuns: 1000 },
    );
  });

  it("cuts off common ends, and diffs the whole where a cut would pair the tail otherwise", () => {
    expect(middles("x c d e f", "x c c d e f")).toEqual({ a: ["d "], b: ["c ", "d "], head: "x c ", tail: "e f" });
    // a space more after the first "a": the whole diff pairs both old "a"s with the first two new ones and inserts the
    // third, while the cut would keep the last "a" as the common tail
    const repeated = ["a a", "a  a a"] as const;
    expect(middles(...repeated)).toBeNull();
    expect(diffWords(...repeated)).toEqual(diffWholeWords(...repeated));
    let cut = 0;
    let whole = 0;
    fc.assert(
      fc.property(fc.oneof(pair, repetitive), ([a, b]) => {
        const m = middles(a, b);
        if (m === null) whole++;
        else if (m.head !== "" || m.tail !== "") cut++;
      }),
      { numRuns: 2000, seed: 1 },
    );
    // both ways are taken often enough for the property above to hold each of them to the whole diff
    expect(cut).toBeGreaterThan(800);
    expect(whole).toBeGreaterThan(20);
  });
});
