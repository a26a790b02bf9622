import Ajv2020 from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { apply, canonicalText, compareTexts, deltaSchema, invert, readText, structure, type Delta } from "../src/index.js";
import { example, golden } from "./helpers.js";

const OLD = example("res-99-in-force.txt");
const NEW = example("res-99-proposed.txt");
const opts = { old: { name: "res-99-in-force.txt" }, new: { name: "res-99-proposed.txt" } };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- ajv's CJS default export shape differs between builds
const Ajv = ((Ajv2020 as any).default ?? Ajv2020) as typeof Ajv2020;
const validate = new Ajv({ allErrors: true, strict: false }).compile(deltaSchema);

describe("Delta v1 of the bundled example", () => {
  const delta = compareTexts(OLD, NEW, opts);

  it("matches the golden Delta", () => {
    golden("res-99.delta.json", `${JSON.stringify(delta, null, 2)}\n`);
  });

  it("has the summary the example's README lists", () => {
    expect(delta.summary).toMatchObject({ modified: 12, added: 6, deleted: 2, moved: 1, renumbered: 16 });
  });

  it("validates against the shipped JSON Schema", () => {
    expect(validate(delta), JSON.stringify(validate.errors)).toBe(true);
  });

  it("keeps every paragraph of each document in exactly one entry", () => {
    for (const [side, text] of [["old", OLD], ["new", NEW]] as const) {
      const n = readText(text).paragraphs.length;
      const seen = delta.clauses.flatMap((c) => c[side]?.paragraphs ?? []).sort((a, b) => a - b);
      expect(seen).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });

  it("has ids unique on each side, and inline operations that rebuild both texts", () => {
    for (const side of ["old", "new"] as const) {
      const ids = delta.clauses.flatMap((c) => (c[side] ? [c[side]!.id] : []));
      expect(new Set(ids).size).toBe(ids.length);
    }
    for (const c of delta.clauses) {
      const oldText = c.inline.filter((o) => o.op !== "insert").map((o) => o.text).join("");
      const newText = c.inline.filter((o) => o.op !== "delete").map((o) => o.text).join("");
      expect(oldText).toBe(c.old?.text ?? "");
      expect(newText).toBe(c.new?.text ?? "");
    }
  });

  it("applies to the old text to give the new one", () => {
    expect(apply(OLD, delta)).toBe(canonicalText(structure(readText(NEW), delta.profile)));
  });

  it("inverts: the inverse applies to the new text to give the old one, and inverting twice is the identity", () => {
    const back = invert(delta);
    expect(validate(back)).toBe(true);
    expect(apply(NEW, back)).toBe(canonicalText(structure(readText(OLD), delta.profile)));
    expect(invert(back)).toEqual(delta);
  });

  it("refuses to apply to a text it does not describe", () => {
    expect(() => apply(OLD.replace("encourage", "urge"), delta)).toThrow(/does not fit/);
  });
});

// Random resolutions: lettered and numbered clauses drawn from a pool, then edited.
const POOL = [
  "that experts need timely access to documents", "that remote participation depends on bandwidth", "that the volume of contributions grows",
  "that translation helps newcomers", "to publish working documents openly", "to keep restricted documents for members",
  "to report on downloads every year", "to review the arrangements at the next assembly", "to train delegates in the use of tools",
  "to encourage regional workshops on standardization", "to maintain statistics by region", "to consult the advisory group on fees",
];
const WORDS = ["promote", "all", "regional", "annual", "members", "2024", "1.2", "and", "the", ";", ","];

const resolution = fc.record({
  pre: fc.array(fc.constantFrom(...POOL), { minLength: 1, maxLength: 6 }),
  op: fc.array(fc.constantFrom(...POOL), { minLength: 1, maxLength: 6 }),
});
const render = (r: { pre: string[]; op: string[] }) =>
  `RESOLUTION 9 (Geneva, 2024)\nA title\nconsidering\n${r.pre.map((t, i) => `${String.fromCharCode(97 + i)})\t${t};`).join("\n")}\nresolves\n${r.op.map((t, i) => `${i + 1}\t${t};`).join("\n")}\n`;
const edit = fc.tuple(resolution, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...WORDS)), { maxLength: 5 }), fc.array(fc.nat(), { maxLength: 3 })).map(([r, inserts, drops]) => {
  const pre = r.pre.slice();
  const op = r.op.slice();
  for (const [at, w] of inserts) {
    const list = at % 2 ? pre : op;
    const i = at % list.length;
    const words = list[i]!.split(" ");
    words.splice(at % (words.length + 1), 0, w);
    list[i] = words.join(" ");
  }
  for (const d of drops) if (op.length > 1) op.splice(d % op.length, 1);
  return [render(r), render({ pre, op })] as const;
});

describe("Delta properties", () => {
  const check = (a: string, b: string, d: Delta) => apply(a, d) === canonicalText(structure(readText(b), d.profile));

  it("apply(old, compare(old, new)) = new", () => {
    fc.assert(fc.property(edit, ([a, b]) => check(a, b, compareTexts(a, b, { profile: "itu-resolution" }))), { numRuns: 300 });
  });

  it("compare(x, x) has no changes", () => {
    fc.assert(
      fc.property(resolution, (r) => {
        const t = render(r);
        const d = compareTexts(t, t);
        return d.clauses.every((c) => c.status === "unchanged" && !c.moved && !c.renumbered && c.marker === "NOC");
      }),
      { numRuns: 200 },
    );
  });

  it("invert twice is the identity, and the inverse applies backwards", () => {
    fc.assert(
      fc.property(edit, ([a, b]) => {
        const d = compareTexts(a, b, { profile: "itu-resolution" });
        const back = invert(d);
        expect(invert(back)).toEqual(d);
        return check(b, a, back);
      }),
      { numRuns: 300 },
    );
  });
});
