/// <reference types="node" />
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { compareTexts, isRedlineError, type Delta } from "@redline/core";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import * as generate from "../src/generate/index.js";
import { generateTrackedDocx } from "../src/generate/index.js";
import { planParagraphs } from "../src/generate/plan.js";
import { repoRoot } from "./corpus.js";
import { libreOfficeParagraphs, libreOfficeUnavailable } from "./tools/libreoffice.js";
import { pandocPath, pandocText, type TrackChangesMode } from "./tools/pandoc.js";
import { deltaParagraphs, normaliseParagraphs } from "./tools/paragraphs.js";

const AUTHOR = `TSB <check> & "review"`;
const AUTHOR_XML = "TSB &lt;check&gt; &amp; &quot;review&quot;";
const DATE = "2024-05-06T07:08:09Z";
const CI = process.env.CI === "true";

const res99 = compareTexts(
  readFileSync(path.join(repoRoot, "examples/res-99-in-force.txt"), "utf8"),
  readFileSync(path.join(repoRoot, "examples/res-99-proposed.txt"), "utf8"),
);

const work = mkdtempSync(path.join(tmpdir(), "redline-generate-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let written = 0;
function writeDocx(bytes: Uint8Array): string {
  const file = path.join(work, `out-${++written}.docx`);
  writeFileSync(file, bytes);
  return file;
}

function part(bytes: Uint8Array, name: string): string {
  const data = unzipSync(bytes)[name];
  if (data === undefined) throw new Error(`no ${name} in the package`);
  return strFromU8(data);
}

/** Every start tag of the given elements, with its attributes. */
function elements(xml: string, names: string): { name: string; attrs: Record<string, string> }[] {
  const out: { name: string; attrs: Record<string, string> }[] = [];
  for (const m of xml.matchAll(new RegExp(`<w:(${names})\\b([^>]*)>`, "g"))) {
    const attrs: Record<string, string> = {};
    for (const a of m[2]!.matchAll(/([\w:]+)="([^"]*)"/g)) attrs[a[1]!] = a[2]!;
    out.push({ name: m[1]!, attrs });
  }
  return out;
}

/** The body's paragraphs, each with its style and whether its mark is inserted or deleted. */
function paragraphs(xml: string): { style: string | null; mark: string | null; xml: string }[] {
  return [...xml.matchAll(/<w:p\b[^>]*?(?:\/>|>[\s\S]*?<\/w:p>)/g)].map(([p]) => ({
    style: /<w:pStyle w:val="([^"]*)"/.exec(p)?.[1] ?? null,
    mark: /<w:pPr>.*<w:rPr><w:(ins|del|moveFrom|moveTo)\b.*<\/w:pPr>/.exec(p)?.[1] ?? null,
    xml: p,
  }));
}

const pandocMissing = pandocPath() === null ? "pandoc is not installed" : null;
if (pandocMissing) console.warn(`generate.test: skipping the pandoc checks: ${pandocMissing}${CI ? " (fails under CI=true)" : ""}`);
const officeMissing = libreOfficeUnavailable();
if (officeMissing) console.warn(`generate.test: skipping the LibreOffice checks: ${officeMissing}`);

const MODES: TrackChangesMode[] = ["accept", "reject"];

function expectedText(delta: Delta, mode: TrackChangesMode): string[] {
  return deltaParagraphs(delta, mode === "accept" ? "new" : "old");
}

/** Pandoc's view of the document must be the new text when accepted and the old one when rejected. */
function checkWithPandoc(file: string, delta: Delta): void {
  if (pandocMissing) throw new Error(`the pandoc checks are required under CI=true: ${pandocMissing}`);
  for (const mode of MODES) expect(normaliseParagraphs(pandocText(file, mode)!), `pandoc --track-changes=${mode}`).toEqual(expectedText(delta, mode));
}

/** The style a paragraph of the accepted or rejected document must have, judged from its text alone, or null. */
function styleByText(text: string, headings: ReadonlySet<string>, notes: ReadonlySet<string>): string | null {
  if (notes.has(text)) return "Footnote";
  if (/^–\t/.test(text)) return "enumlev1";
  if (/^[ivx]+\)\t/.test(text)) return "enumlev2";
  if (/^[a-h]\)\t|^\d+(bis)?\t/.test(text)) return "Standard";
  if (headings.has(text)) return "Call";
  return null;
}

/**
 * LibreOffice's view must be the new text accepted and the old one rejected,
 * and its paragraph styles must be the ones each line has in that version.
 */
function checkWithLibreOffice(file: string, delta: Delta): void {
  const sides = delta.clauses.flatMap((c) => [c.old, c.new]).filter((s) => s !== null);
  const headings = new Set(sides.filter((s) => s.kind === "section-heading").map((s) => s.text));
  const notes = new Set(sides.filter((s) => s.kind === "note").map((s) => `${s.label}\t${s.text}`));
  for (const mode of MODES) {
    const office = libreOfficeParagraphs(file, mode)!;
    expect(normaliseParagraphs(office.map((p) => p.text)), `LibreOffice, ${mode} all`).toEqual(expectedText(delta, mode));
    const styled = office.map((p) => ({ text: p.text, style: styleByText(p.text, headings, notes) ?? p.style }));
    expect(office, `LibreOffice styles, ${mode} all`).toEqual(styled);
  }
}

function smallResolution(items: string[]): string {
  return [
    "RESOLUTION 5 (Rev. Geneva, 2024)",
    "Working documents",
    "The World Telecommunication Standardization Assembly (Geneva, 2024),",
    "considering",
    "a)\tthat one thing holds;",
    "b)\tthat the documents fall into several categories, in particular:",
    ...items.map((i) => `–\t${i}`),
    "c)\tthat another thing holds;",
  ].join("\n\n");
}

const TWO_ITEMS = smallResolution(["contributions;", "temporary documents;"]);
/** A change to TWO_ITEMS that adds or removes a line inside a clause, and how many dash-item paragraphs it shows. */
const SPLITS: [string, string, number][] = [
  ["a dash item added at the end of a clause", smallResolution(["contributions;", "temporary documents;", "liaison statements;"]), 3],
  ["a dash item inserted inside a clause", smallResolution(["contributions;", "liaison statements;", "temporary documents;"]), 3],
  ["a dash item deleted from a clause", smallResolution(["temporary documents;"]), 2],
];

function numberedResolution(clauses: string[]): string {
  const head = ["RESOLUTION 5 (Rev. Geneva, 2024)", "Working documents", "The World Telecommunication Standardization Assembly (Geneva, 2024),", "resolves"];
  return [...head, ...clauses.map((text, i) => `${i + 1}\t${text}`)].join("\n\n");
}

const LISTING = "that the documents fall into several categories, in particular:\n\n–\tcontributions;\n\n–\ttemporary documents;";
const OTHERS = [
  "that another thing holds for all study groups and their rapporteurs;",
  "that a third thing holds as well, with no exception whatsoever;",
  "that a fourth thing is written here, to make the list longer;",
];
const LAST = "that a fifth thing closes the list of things.";
const MOVE_BASE = numberedResolution([LISTING, ...OTHERS, LAST]);
/** The first clause, with its dash items, moved to fourth place and edited on the way. */
const MOVES: [string, string][] = [
  ["a clause moved and edited", numberedResolution([...OTHERS, LISTING.replace("temporary", "all temporary"), LAST])],
  ["a clause moved and shortened by a line", numberedResolution([...OTHERS, LISTING.replace("\n\n–\ttemporary documents;", ""), LAST])],
];

describe("generateTrackedDocx", () => {
  it("exports exactly the generator", () => {
    expect(Object.keys(generate)).toEqual(["generateTrackedDocx"]);
  });

  describe("on Resolution 99 (every kind of change)", async () => {
    const withMoves = await generateTrackedDocx(res99, { author: AUTHOR, date: DATE, title: "Resolution 99" });
    const withoutMoves = await generateTrackedDocx(res99, { author: AUTHOR, date: DATE, moves: false });
    const xml = part(withMoves, "word/document.xml");

    it("marks insertions and deletions with the given author and date", () => {
      const revisions = elements(xml, "ins|del");
      expect(revisions.some((r) => r.name === "ins")).toBe(true);
      expect(revisions.some((r) => r.name === "del")).toBe(true);
      for (const r of elements(xml, "ins|del|moveFrom|moveTo|moveFromRangeStart|moveToRangeStart")) {
        expect(r.attrs["w:author"]).toBe(AUTHOR_XML);
        expect(r.attrs["w:date"]).toBe(DATE);
      }
      expect(xml).toContain("<w:delText");
    });

    it("gives every revision and move range a unique id, each range end matching its start", () => {
      const ids = elements(xml, "ins|del|moveFrom|moveTo|moveFromRangeStart|moveToRangeStart").map((r) => r.attrs["w:id"]);
      expect(ids.every((id) => id !== undefined && /^\d+$/.test(id))).toBe(true);
      expect(new Set(ids).size).toBe(ids.length);
      const starts = elements(xml, "moveFromRangeStart|moveToRangeStart").map((r) => r.attrs["w:id"]);
      const ends = elements(xml, "moveFromRangeEnd|moveToRangeEnd").map((r) => r.attrs["w:id"]);
      expect(ends).toEqual(starts);
    });

    it("inserts an added entry's paragraph mark and deletes a deleted entry's", () => {
      const body = paragraphs(xml);
      const added = body.find((p) => p.xml.includes("that the cost of broadband access"))!;
      expect(added.mark).toBe("ins");
      expect(added.xml.replace(/<w:ins\b[^>]*>[\s\S]*?<\/w:ins>/g, "")).not.toContain("<w:r>");
      const deleted = body.find((p) => p.xml.includes("draft texts subject to patent declarations"))!;
      expect(deleted.mark).toBe("del");
      expect(deleted.xml).not.toContain("<w:t ");
    });

    it("shows a renumbered label as the old label deleted and the new one inserted", () => {
      const renumbered = paragraphs(xml).find((p) => p.xml.includes("that the volume of working documents"))!;
      expect(renumbered.xml).toMatch(/<w:del [^>]*><w:r><w:delText[^>]*>c\)<\/w:delText><\/w:r><\/w:del><w:ins [^>]*><w:r><w:t[^>]*>d\)<\/w:t><\/w:r><\/w:ins><w:r><w:tab\/>/);
      expect(renumbered.mark).toBeNull();
    });

    it("shows the moved clause as moved from its old place to its new one", () => {
      const body = paragraphs(xml);
      const moved = "to take into account, when planning interim rapporteur meetings";
      const at = body.map((p, i) => (p.xml.includes(moved) ? i : -1)).filter((i) => i >= 0);
      expect(at).toHaveLength(2);
      const [to, from] = [body[at[0]!]!, body[at[1]!]!];
      expect(to.xml).toMatch(new RegExp(`<w:moveTo [^>]*><w:r><w:tab/><w:t[^>]*>${moved}`));
      expect(to.mark).toBe("moveTo");
      expect(from.xml).toMatch(new RegExp(`<w:moveFrom [^>]*><w:r><w:t[^>]*>5</w:t><w:tab/><w:t[^>]*>${moved}`));
      expect(from.mark).toBe("moveFrom");
      // The old place is after old clause 4 (now 5), before the new section that follows it.
      expect(body[at[1]! - 1]!.xml).toContain("to consider, when establishing new Questions");
      const names = elements(xml, "moveFromRangeStart|moveToRangeStart").map((r) => `${r.name} ${r.attrs["w:name"]}`);
      expect(names).toEqual(["moveToRangeStart move1", "moveFromRangeStart move1"]);
    });

    it("shows the moved clause as deleted and inserted when moves are off", () => {
      const plain = part(withoutMoves, "word/document.xml");
      expect(plain).not.toMatch(/w:move/);
      const body = paragraphs(plain).filter((p) => p.xml.includes("to take into account, when planning interim"));
      expect(body.map((p) => p.mark)).toEqual(["ins", "del"]);
    });

    it("uses the ITU paragraph styles, defined in Times New Roman 12 pt", () => {
      const used = new Set(paragraphs(xml).map((p) => p.style));
      for (const style of ["ResNo", "Restitle", "Resref", "Normalaftertitle", "Call", "Normal", "enumlev1", "enumlev2", "AnnexNo", "Annextitle", "FootnoteText"]) {
        expect(used, style).toContain(style);
      }
      const styles = part(withMoves, "word/styles.xml");
      for (const style of used) expect(styles).toContain(`w:styleId="${style}"`);
      expect(styles).toMatch(/<w:style [^>]*w:styleId="Normal"[\s\S]*?<w:rFonts w:ascii="Times New Roman"[\s\S]*?<w:sz w:val="24"\/>[\s\S]*?<\/w:style>/);
      const first = paragraphs(xml).slice(0, 6).map((p) => p.style);
      expect(first).toEqual(["ResNo", "Restitle", "Resref", "Normalaftertitle", "Call", "Normal"]);
      expect(paragraphs(xml)[5]!.xml).toContain('<w:ind w:left="794" w:hanging="794"/>');
    });

    it("stamps the document with the given date and title, and turns change tracking on", () => {
      const core = part(withMoves, "docProps/core.xml");
      expect(core).toContain(`<dcterms:created xsi:type="dcterms:W3CDTF">${DATE}</dcterms:created>`);
      expect(core).toContain(`<dcterms:modified xsi:type="dcterms:W3CDTF">${DATE}</dcterms:modified>`);
      expect(core).toContain("<dc:title>Resolution 99</dc:title>");
      expect(part(withMoves, "word/settings.xml")).toContain("<w:trackRevisions/>");
    });

    it("gives byte-identical output for the same Delta and options, whatever the clock or time zone", async () => {
      const zone = process.env.TZ;
      process.env.TZ = "Pacific/Kiritimati";
      try {
        const again = await generateTrackedDocx(res99, { author: AUTHOR, date: DATE, title: "Resolution 99" });
        expect(Buffer.from(again).equals(Buffer.from(withMoves))).toBe(true);
      } finally {
        if (zone === undefined) delete process.env.TZ;
        else process.env.TZ = zone;
      }
    });

    it.skipIf(pandocMissing !== null && !CI)("reads back through pandoc as the new text accepted and the old text rejected", () => {
      checkWithPandoc(writeDocx(withMoves), res99);
      checkWithPandoc(writeDocx(withoutMoves), res99);
    });

    it.skipIf(officeMissing !== null)("reads back through LibreOffice as the new text accepted and the old text rejected", () => {
      checkWithLibreOffice(writeDocx(withMoves), res99);
      checkWithLibreOffice(writeDocx(withoutMoves), res99);
    });
  });

  describe.each(SPLITS)("on %s", async (_name, proposed, dashItems) => {
    const delta = compareTexts(TWO_ITEMS, proposed);
    const bytes = await generateTrackedDocx(delta, { author: AUTHOR, date: DATE });

    it("splits the clause into paragraphs at revised paragraph marks", () => {
      const changed = delta.clauses.filter((c) => c.status !== "unchanged");
      expect(changed).toHaveLength(1);
      expect(changed[0]!.inline.some((op) => op.op !== "equal" && op.text.includes("\n"))).toBe(true);
      const body = paragraphs(part(bytes, "word/document.xml"));
      const items = body.filter((p) => p.style === "enumlev1");
      expect(items).toHaveLength(dashItems);
      expect(items.some((p) => p.mark === "ins" || p.mark === "del")).toBe(true);
    });

    it.skipIf(pandocMissing !== null && !CI)("reads back through pandoc", () => checkWithPandoc(writeDocx(bytes), delta));
    it.skipIf(officeMissing !== null)("reads back through LibreOffice", () => checkWithLibreOffice(writeDocx(bytes), delta));
  });

  describe.each(MOVES)("on %s", async (_name, proposed) => {
    const delta = compareTexts(MOVE_BASE, proposed);
    const moved = delta.clauses.filter((c) => c.moved);
    const withMoves = await generateTrackedDocx(delta, { author: AUTHOR, date: DATE });
    const withoutMoves = await generateTrackedDocx(delta, { author: AUTHOR, date: DATE, moves: false });

    it("fences the moved paragraphs, all of them, at both ends of the move", () => {
      expect(moved).toHaveLength(1);
      expect(moved[0]!.status).toBe("modified");
      const xml = part(withMoves, "word/document.xml");
      const fenced = (side: string): string => {
        const start = xml.indexOf(`<w:${side}RangeStart `);
        return xml.slice(xml.lastIndexOf("<w:p>", start), xml.indexOf(`<w:${side}RangeEnd `));
      };
      const from = fenced("moveFrom");
      expect(paragraphs(from).map((p) => p.mark)).toEqual(["moveFrom", "moveFrom", "moveFrom"]);
      expect(from).toContain("temporary documents;");
      const to = fenced("moveTo");
      expect(paragraphs(to).every((p) => p.mark === "moveTo")).toBe(true);
      expect(to).not.toContain("<w:del ");
      expect(paragraphs(part(withoutMoves, "word/document.xml")).filter((p) => p.xml.includes("contributions;")).map((p) => p.mark)).toEqual(["del", "ins"]);
    });

    it.skipIf(pandocMissing !== null && !CI)("reads back through pandoc, with moves and without", () => {
      checkWithPandoc(writeDocx(withMoves), delta);
      checkWithPandoc(writeDocx(withoutMoves), delta);
    });
    it.skipIf(officeMissing !== null)("reads back through LibreOffice, with moves and without", () => {
      checkWithLibreOffice(writeDocx(withMoves), delta);
      checkWithLibreOffice(writeDocx(withoutMoves), delta);
    });
  });

  it("keeps the paragraph before lines added at the end of a clause whole, inserting the new line's own mark", () => {
    const delta = compareTexts(TWO_ITEMS, SPLITS[0]![1]);
    const plan = planParagraphs(delta, { moves: true });
    const at = plan.findIndex((p) => p.runs.some((r) => r.text.includes("liaison statements")));
    expect(plan[at - 1]).toMatchObject({ style: "enumlev1", mark: "none", runs: [{ revision: "none", text: "–\ttemporary documents;" }] });
    expect(plan[at]).toMatchObject({ style: "enumlev1", mark: "ins", runs: [{ revision: "ins", text: "–\tliaison statements;" }] });
  });

  it("styles Markdown headings by their depth and reads back through pandoc", async () => {
    const delta = compareTexts(
      "# Title\n\nSome text.\n\n## 1 Scope\n\nMore.\n\n## 1.1 Detail\n\nText.\n",
      "# Title\n\nSome new text.\n\n## 1 Scope\n\nMore.\n\n## 1.1 Detail\n\nText.\n\n## 2 Extra\n\nAdded.\n",
      { format: "markdown" },
    );
    const bytes = await generateTrackedDocx(delta, { author: AUTHOR, date: DATE });
    const styles = paragraphs(part(bytes, "word/document.xml")).map((p) => p.style);
    expect(styles).toEqual(["Normal", "Normal", "Heading1", "Normal", "Heading2", "Normal", "Heading1", "Normal", "Normal"]);
    if (!pandocMissing || CI) checkWithPandoc(writeDocx(bytes), delta);
  });

  it("rejects a date that is not ISO 8601", async () => {
    const error: unknown = await generateTrackedDocx(res99, { author: AUTHOR, date: "next Tuesday" }).catch((e: unknown) => e);
    expect(isRedlineError(error) && error.code).toBe("bad-arguments");
  });

  it("normalises the date to whole UTC seconds, as Word writes revision dates", async () => {
    const bytes = await generateTrackedDocx(res99, { author: AUTHOR, date: "2024-05-06T09:08:09.250+02:00" });
    const dates = new Set(elements(part(bytes, "word/document.xml"), "ins|del").map((r) => r.attrs["w:date"]));
    expect([...dates]).toEqual(["2024-05-06T07:08:09Z"]);
    // Without a zone the time is UTC, whatever the machine's zone: the output must not depend on it.
    const zoneless = await generateTrackedDocx(res99, { author: AUTHOR, date: "2024-05-06T07:08:09" });
    expect(Buffer.from(zoneless).equals(Buffer.from(await generateTrackedDocx(res99, { author: AUTHOR, date: "2024-05-06T07:08:09Z" })))).toBe(true);
  });

  it("writes a readable document for a Delta with no entries", async () => {
    const bytes = await generateTrackedDocx({ ...res99, clauses: [] }, { author: AUTHOR, date: DATE });
    expect(paragraphs(part(bytes, "word/document.xml"))).toHaveLength(1);
    if (!pandocMissing || CI) expect(normaliseParagraphs(pandocText(writeDocx(bytes), "accept")!)).toEqual([]);
  });

  it("refuses a Delta whose word changes do not turn the old text into the new one", async () => {
    const broken: Delta = structuredClone(res99);
    const entry = broken.clauses.find((c) => c.status === "modified")!;
    entry.inline = [{ op: "equal", text: "something else" }];
    const error: unknown = await generateTrackedDocx(broken, { author: AUTHOR, date: DATE }).catch((e: unknown) => e);
    expect(isRedlineError(error) && error.code).toBe("bad-delta");
  });
});
