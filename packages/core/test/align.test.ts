import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareTexts, normalizeKey, type Delta, type DeltaClause } from "../src/index.js";

const HEAD = "RESOLUTION 5 (Rev. Geneva, 2024)\nWorking documents\nThe World Telecommunication Standardization Assembly (Geneva, 2024),\n";
const PREAMBLE = [
  "a)\tthat the effective participation of experts requires timely access to documents;",
  "b)\tthat many delegates follow meetings remotely through the website;",
  "c)\tthat the volume of contributions grows every study period;",
  "d)\tthat translation of working documents helps newcomers from all regions,",
];
const OPERATIVE = [
  "1\tto publish working documents without password protection;",
  "2\tto keep restricted documents available to members only;",
  "3\tto report on document downloads to the advisory group every year;",
  "4\tto review these arrangements at the next assembly.",
];
const doc = (pre: string[], op: string[], heading = "considering") => `${HEAD}${heading}\n${pre.join("\n")}\nresolves\n${op.join("\n")}\n`;
const byNewId = (d: Delta, id: string) => d.clauses.find((c) => c.new?.id === id)!;
const touched = (d: Delta) => d.clauses.filter((c) => c.status !== "unchanged" || c.moved || c.renumbered);
const brief = (c: DeltaClause) => [c.status, c.old?.id ?? null, c.new?.id ?? null, c.moved, c.renumbered];

describe("clause alignment", () => {
  it("reports an inserted lettered clause as added and the following ones as renumbered", () => {
    const pre = [...PREAMBLE];
    const relabelled = [pre[0]!, pre[1]!, "c)\tthat remote participation needs reliable bandwidth in every region;", ...pre.slice(2).map((p) => p.replace(/^c\)/, "d)").replace(/^d\)\tthat translation/, "e)\tthat translation"))];
    const d = compareTexts(doc(PREAMBLE, OPERATIVE), doc(relabelled, OPERATIVE));
    expect(touched(d).map(brief)).toEqual([
      ["added", null, "considering/c", false, false],
      ["unchanged", "considering/c", "considering/d", false, true],
      ["unchanged", "considering/d", "considering/e", false, true],
    ]);
    expect(byNewId(d, "considering/d").marker).toBe("MOD");
    expect(d.summary).toMatchObject({ added: 1, renumbered: 2, modified: 0, deleted: 0, moved: 0 });
  });

  it("reports a deleted numbered clause as deleted, placed where it stood, and renumbers the rest", () => {
    const op = [OPERATIVE[0]!, OPERATIVE[2]!.replace(/^3/, "2"), OPERATIVE[3]!.replace(/^4/, "3")];
    const d = compareTexts(doc(PREAMBLE, OPERATIVE), doc(PREAMBLE, op));
    expect(touched(d).map(brief)).toEqual([
      ["deleted", "resolves/2", null, false, false],
      ["unchanged", "resolves/3", "resolves/2", false, true],
      ["unchanged", "resolves/4", "resolves/3", false, true],
    ]);
    const order = d.clauses.map((c) => (c.new ?? c.old)!.id);
    expect(order.indexOf("resolves/2")).toBe(order.indexOf("resolves/1") + 1);
    expect(byNewId(d, "resolves/2").marker).toBe("MOD");
    expect(d.clauses.find((c) => c.status === "deleted")!.marker).toBe("SUP");
  });

  it("reports a clause that changed place as moved, and only that one", () => {
    const op = [OPERATIVE[0]!, OPERATIVE[3]!.replace(/^4/, "2").replace(".", ";"), OPERATIVE[1]!.replace(/^2/, "3"), OPERATIVE[2]!.replace(/^3/, "4").replace(";", ".")];
    const d = compareTexts(doc(PREAMBLE, OPERATIVE), doc(PREAMBLE, op));
    const moved = d.clauses.filter((c) => c.moved);
    expect(moved.map((c) => [c.old!.id, c.new!.id])).toEqual([["resolves/4", "resolves/2"]]);
    expect(d.summary.moved).toBe(1);
  });

  it("reports a renamed section heading as a modified heading whose clauses still align", () => {
    const d = compareTexts(doc(PREAMBLE, OPERATIVE), doc(PREAMBLE, OPERATIVE, "noting with satisfaction"));
    expect(touched(d).map(brief)).toEqual([["modified", "considering", "noting-with-satisfaction", false, false]]);
    expect(byNewId(d, "noting-with-satisfaction/b").old!.id).toBe("considering/b");
  });

  it("reports a one-word change inside a long clause as that word", () => {
    const op = [...OPERATIVE];
    op[2] = op[2]!.replace("every year", "every two years");
    const d = compareTexts(doc(PREAMBLE, OPERATIVE), doc(PREAMBLE, op));
    expect(touched(d).map(brief)).toEqual([["modified", "resolves/3", "resolves/3", false, false]]);
    expect(byNewId(d, "resolves/3").inline.filter((o) => o.op !== "equal")).toEqual([
      { op: "delete", text: "year" },
      { op: "insert", text: "two years" },
    ]);
  });

  it("reports a split clause as one modified and one added", () => {
    const op = [OPERATIVE[0]!, "2\tto keep restricted documents available;", "3\tto make them available to members only;", OPERATIVE[2]!.replace(/^3/, "4"), OPERATIVE[3]!.replace(/^4/, "5")];
    const d = compareTexts(doc(PREAMBLE, OPERATIVE), doc(PREAMBLE, op));
    const statuses = touched(d).map((c) => c.status);
    expect(statuses.filter((s) => s === "modified")).toHaveLength(1);
    expect(statuses.filter((s) => s === "added")).toHaveLength(1);
    expect(statuses).not.toContain("deleted");
  });

  it("reports a merged clause as one modified and one deleted", () => {
    const op = [OPERATIVE[0]!, "2\tto keep restricted documents available to members only and to report on document downloads every year;", OPERATIVE[3]!.replace(/^4/, "3")];
    const d = compareTexts(doc(PREAMBLE, OPERATIVE), doc(PREAMBLE, op));
    const statuses = touched(d).map((c) => c.status);
    expect(statuses.filter((s) => s === "modified")).toHaveLength(1);
    expect(statuses.filter((s) => s === "deleted")).toHaveLength(1);
    expect(statuses).not.toContain("added");
  });

  it("finds no change between a text and itself", () => {
    const t = doc(PREAMBLE, OPERATIVE);
    const d = compareTexts(t, t);
    expect(touched(d)).toEqual([]);
    expect(d.summary.unchanged).toBe(d.clauses.length);
  });

  it("pairs repeated headings within their own stretch of text", () => {
    const book = (extra: string) => `${doc(PREAMBLE, OPERATIVE)}${doc(PREAMBLE.map((p) => p.replace("that", "that, for the second resolution,")), OPERATIVE.map((p) => p.replace("to ", `to${extra} `)))}`;
    const d = compareTexts(book(""), book(" also"));
    expect(d.summary).toMatchObject({ modified: 4, added: 0, deleted: 0, moved: 0 });
  });
});

describe("normalizeKey", () => {
  it("makes every whitespace run one space and trims, for every kind of whitespace", () => {
    // every character \s matches, and two that look like it and are not (NEL, Mongolian vowel separator)
    const piece = fc.constantFrom("a", "b", "1", ";", "é", "做", " ", " ", "  ", "\t", "\n", "\r\n", "\v", "\f", "\u00a0", "\u1680", "\u2000", "\u200a", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000", "\ufeff", "\u0085", "\u180e");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
        const text = pieces.join("");
        expect(normalizeKey(text)).toBe(text.replace(/\s+/gu, " ").trim());
      }),
      { numRuns: 5000 },
    );
  });
});
