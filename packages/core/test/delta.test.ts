import Ajv2020 from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { apply, canonicalText, compare, compareTexts, deltaSchema, hasChanges, invert, readText, structure, type Delta, type Doc, type Note, type Paragraph, type RunFormat } from "../src/index.js";
import { example, golden, withRuns, type WordFormat } from "./helpers.js";

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

/**
 * Note references are not text in a Word document: a footnote added to a
 * clause, removed, or its reference moved to another clause changed no word,
 * and read as unchanged (compare said "no differences", exit 0, and the
 * secretariat's check could not see a reference moved without a mark). Such
 * an entry keeps its status and gets marker MOD with the marks it gained and
 * lost, as a renumbered one does.
 */
describe("note references added, removed and moved", () => {
  const CLAUSES = ["a\tthat the fees are published;", "b\tthat access is uneven,", "c\tthat renewals are yearly;"];
  /** A .docx-like Doc: three clauses, then the notes' paragraphs; `refs` gives each note's text and the clause (0-2) referencing it. */
  const docOf = (refs: [string, number][], clauses = CLAUSES): Doc => {
    const paragraphs: Paragraph[] = [];
    const add = (text: string, part: Paragraph["part"], noteId: string | null) =>
      paragraphs.push({ type: "paragraph", index: paragraphs.length, text, listLabel: null, style: null, styleName: null, part, noteId, table: null, runs: null, position: null, location: null });
    for (const t of clauses) add(t, "body", null);
    const notes: Note[] = refs.map(([text, from], k) => {
      add(text, "footnote", String(k + 1));
      return { type: "note", kind: "footnote", id: String(k + 1), mark: String(k + 1), referencedFrom: from };
    });
    return { type: "doc", name: null, format: "docx", paragraphs, notes, hasRevisions: false, messages: [] };
  };
  const base = docOf([["Including the fees for renewal.", 0]]);
  const touched = (d: Delta) => d.clauses.filter((c) => c.noteReferences).map((c) => [c.status, c.marker, c.new!.id, c.noteReferences]);

  it("a reference moved to another clause: the one losing it and the one gaining it, both MOD, text unchanged", () => {
    const d = compare(base, docOf([["Including the fees for renewal.", 1]]));
    expect(touched(d)).toEqual([
      ["unchanged", "MOD", "body/p1", { added: [], removed: ["1"] }],
      ["unchanged", "MOD", "body/p2", { added: ["1"], removed: [] }],
    ]);
    expect(d.summary).toMatchObject({ modified: 0, noteReferences: 2 });
    expect(hasChanges(d)).toBe(true);
    expect(new Ajv({ strict: false }).validate(deltaSchema, d)).toBe(true);
    // the other way round, the marks swap sides
    expect(touched(invert(d))).toEqual([
      ["unchanged", "MOD", "body/p1", { added: ["1"], removed: [] }],
      ["unchanged", "MOD", "body/p2", { added: [], removed: ["1"] }],
    ]);
  });

  it("a note added to a kept clause, and one removed, mark that clause; the note's own entry is added or deleted", () => {
    const added = docOf([["Including the fees for renewal.", 0], ["In developing countries.", 1]]);
    const d = compare(base, added);
    expect(touched(d)).toEqual([["unchanged", "MOD", "body/p2", { added: ["2"], removed: [] }]]);
    expect(d.clauses.filter((c) => c.status === "added").map((c) => c.new!.text)).toEqual(["In developing countries."]);
    expect(touched(compare(added, base))).toEqual([["unchanged", "MOD", "body/p2", { added: [], removed: ["2"] }]]);
  });

  it("a reference that stays in its clause while the words change, or notes renumbered by one removed before them, mark nothing more", () => {
    const reworded = docOf([["Including the fees for renewal.", 0]], ["a\tthat the fees are always published;", ...CLAUSES.slice(1)]);
    const d = compare(base, reworded);
    expect(touched(d)).toEqual([]);
    expect(d.summary.noteReferences).toBeUndefined();
    expect(JSON.stringify(d)).not.toContain("noteReferences");
    // note 1 removed: note 2 becomes note 1, its reference stays in clause c
    const two = docOf([["Including the fees for renewal.", 0], ["In developing countries.", 2]]);
    const one = docOf([["In developing countries.", 2]]);
    expect(touched(compare(two, one))).toEqual([["unchanged", "MOD", "body/p1", { added: [], removed: ["1"] }]]);
  });

  it("plain text carries no references: against it, a document's references are not read as added", () => {
    const plain = readText(CLAUSES.join("\n"), { name: "in-force.txt" });
    expect(structure(plain).references).toBeUndefined();
    expect(structure(base).references).toEqual([{ note: 3, from: 0, mark: "1" }]);
    expect(compare(plain, base).clauses.some((c) => c.noteReferences)).toBe(false);
  });
});

describe("compare: text both documents share, formatted otherwise", () => {
  const TEXT = ["resolves", "1\tto give all members free online access to working documents;", "2\tto publish temporary documents within 30 days of each meeting;", "3\tto review this policy after 2 years."];
  const docx = (paras: string[], formats: WordFormat[] = [], base?: (paragraph: number) => Partial<RunFormat>) => withRuns(readText(paras.join("\n\n"), { name: null }), formats, base);
  const base = docx(TEXT);
  const ITU = { profile: "itu-resolution" } as const;
  const touched = (d: Delta) => d.clauses.filter((c) => c.formatting).map((c) => [c.status, c.marker, c.new!.id, c.formatting]);

  it("a word made bold in an unchanged clause: that clause is MOD with what changed, its text unchanged", () => {
    const d = compare(base, docx(TEXT, [[1, "free", { bold: true }]]), ITU);
    expect(touched(d)).toEqual([["unchanged", "MOD", "resolves/1", [{ text: "free", added: ["bold"], removed: [] }]]]);
    expect(d.summary).toMatchObject({ modified: 0, unchanged: 4, formatting: 1 });
    expect(hasChanges(d)).toBe(true);
    expect(validate(d), JSON.stringify(validate.errors)).toBe(true);
    // the other way round, what was added is removed
    expect(touched(invert(d))).toEqual([["unchanged", "MOD", "resolves/1", [{ text: "free", added: [], removed: ["bold"] }]]]);
  });

  it("a single strike made double, words hidden, and a word put in all capitals, each named as itself (the schema knows the names)", () => {
    const was = docx(TEXT, [[1, "free", { strike: true }]]);
    const d = compare(was, docx(TEXT, [[1, "free", { doubleStrike: true }], [2, "within 30 days", { hidden: true }], [3, "policy", { caps: true }]]), ITU);
    expect(touched(d)).toEqual([
      ["unchanged", "MOD", "resolves/1", [{ text: "free", added: ["double strike"], removed: ["strike"] }]],
      // hidden text is gone from the page though not from the text: a clause that hides words is not unchanged
      ["unchanged", "MOD", "resolves/2", [{ text: "within 30 days", added: ["hidden"], removed: [] }]],
      ["unchanged", "MOD", "resolves/3", [{ text: "policy", added: ["all caps"], removed: [] }]],
    ]);
    expect(validate(d), JSON.stringify(validate.errors)).toBe(true);
  });

  it("values (colour, highlight, size, font, the kind of underline) named with what they are on each side; the schema knows the names", () => {
    const known = { color: null, highlight: null, size: 24, font: "Times New Roman" } as const;
    const was = docx(TEXT, [[1, "free", { color: "FF0000" }], [2, "days", { underline: true, underlineStyle: "single" }]], () => known);
    const now = docx(
      TEXT,
      [
        [1, "free", { color: "0000FF" }],
        [1, "online", { highlight: "yellow" }],
        [2, "days", { underline: true, underlineStyle: "double" }],
        [3, "policy", { size: 28, font: "Arial" }],
      ],
      () => known,
    );
    const d = compare(was, now, ITU);
    expect(touched(d)).toEqual([
      [
        "unchanged",
        "MOD",
        "resolves/1",
        [
          { text: "free", added: ["colour #0000FF"], removed: ["colour #FF0000"] },
          { text: "online", added: ["highlight yellow"], removed: [] },
        ],
      ],
      ["unchanged", "MOD", "resolves/2", [{ text: "days", added: ["underline double"], removed: ["underline"] }]],
      ["unchanged", "MOD", "resolves/3", [{ text: "policy", added: ["size 14 pt", "font Arial"], removed: ["size 12 pt", "font Times New Roman"] }]],
    ]);
    expect(validate(d), JSON.stringify(validate.errors)).toBe(true);
    expect(touched(invert(d))[0]![3]).toEqual([
      { text: "free", added: ["colour #FF0000"], removed: ["colour #0000FF"] },
      { text: "online", added: [], removed: ["highlight yellow"] },
    ]);
  });

  it("a value is compared only where both Docs give it, and a paragraph style that sizes or colours its text otherwise changes no run", () => {
    // PLAIN_FORMAT has no values, as a Doc made without them (by a library user, say) has
    const unknown = docx(TEXT, [[1, "free", { bold: true }]], () => ({}));
    const coloured = docx(TEXT, [[1, "free", { bold: true, color: "FF0000", size: 28 }]], () => ({ color: null, size: 24 }));
    expect(hasChanges(compare(unknown, coloured, ITU))).toBe(false);
    // NEW's style makes its text 11 pt and blue; the runs set nothing themselves
    const old = docx(TEXT, [], () => ({ color: null, size: 24 }));
    expect(hasChanges(compare(old, docx(TEXT, [], () => ({ color: "1F3864", size: 22 })), ITU))).toBe(false);
    // a run that sets its size itself keeps it in the old paragraph: that counts, the style's colour does not
    const sized = docx(TEXT, [[3, "policy", { size: 22 }]], () => ({ color: "1F3864", size: 22 }));
    expect(touched(compare(old, sized, ITU))).toEqual([["unchanged", "MOD", "resolves/3", [{ text: "policy", added: ["size 11 pt"], removed: ["size 12 pt"] }]]]);
  });

  it("in an edited clause, only the words both sides keep: a new word's formatting is part of the insertion", () => {
    const edited = TEXT.map((p) => p.replace("30 days", "15 days"));
    const d = compare(base, docx(edited, [[2, "15", { bold: true }], [2, "meeting", { vertAlign: "superscript" }]]), ITU);
    expect(touched(d)).toEqual([["modified", "MOD", "resolves/2", [{ text: "meeting", added: ["superscript"], removed: [] }]]]);
  });

  it("sees a new run as it would look in the old paragraph, as the tracked .docx does: a style defined otherwise changes nothing", () => {
    // NEW's template underlines its normal text: every run looks underlined, none sets it
    const restyled = docx(TEXT, [], () => ({ underline: true }));
    expect(restyled.paragraphs[1]!.runs![0]!.format.underline).toBe(true);
    const withBase = docx(TEXT, [], () => ({}));
    expect(hasChanges(compare(withBase, restyled, ITU))).toBe(false);
    // a run that sets bold itself still counts, whatever its paragraph gives
    const bolded = docx(TEXT, [[1, "free", { bold: true }]], () => ({ underline: true }));
    expect(touched(compare(withBase, bolded, ITU))).toEqual([["unchanged", "MOD", "resolves/1", [{ text: "free", added: ["bold"], removed: [] }]]]);
  });

  it("compares a typed label both sides share, and the entry's text after a blank list item", () => {
    const d = compare(docx(TEXT, [[2, "2", { italic: true }]]), docx(TEXT), ITU);
    expect(touched(d)).toEqual([["unchanged", "MOD", "resolves/2", [{ text: "2", added: [], removed: ["italic"] }]]]);
    // a list item with no text but its computed dash still takes its line in the entry's text
    const listed = ["resolves", "1\tto do this:", "BLANK", "free access to all documents"];
    const blank = (formats: WordFormat[]) => {
      const doc = docx(listed, formats);
      doc.paragraphs[2] = { ...doc.paragraphs[2]!, text: "", listLabel: "–", runs: [] };
      return doc;
    };
    const e = compare(blank([]), blank([[3, "access", { bold: true }]]), ITU);
    expect(e.clauses.find((c) => c.new?.id === "resolves/1")!.new!.text).toBe("to do this:\n–\t\nfree access to all documents");
    expect(touched(e)).toEqual([["unchanged", "MOD", "resolves/1", [{ text: "access", added: ["bold"], removed: [] }]]]);
  });

  it("records nothing where the formats agree, or where either side is plain text", () => {
    const same = compare(base, docx(TEXT));
    expect(hasChanges(same)).toBe(false);
    expect(JSON.stringify(same)).not.toContain("formatting");
    const plain = readText(TEXT.join("\n\n"), { name: null });
    expect(hasChanges(compare(plain, docx(TEXT, [[1, "free", { bold: true }]])))).toBe(false);
  });
});
