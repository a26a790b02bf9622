/**
 * The page's engine and view model without a browser: the same results as
 * the CLI's code path for the same bytes, the same error messages, a SHA-256
 * that agrees with node:crypto where Web Crypto is missing, and the
 * structure, filters and folds the page shows.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { compare, readText, type DeltaClause } from "@redline/core";
import { generateTrackedDocx, readDocx } from "@redline/docx";
import { renderHtml } from "@redline/render";
import { describe, expect, it } from "vitest";
import type { Input } from "../src/engine/input.js";
import { checkJson, checkPair, comparePair, correctedDocx, EXAMPLE_UNMARKED, exampleProposal, exportDelta, InputErrors } from "../src/engine/pipeline.js";
import { sha256, sha256Hex } from "../src/engine/sha256.js";
import { CATEGORIES, changeIndices, docRows, filterChanges, NO_FILTERS, sectionTree } from "../src/lib/model.js";
import { APP } from "./tools/build.js";

const EXAMPLES = join(APP, "..", "..", "examples");
const hex = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const input = (name: string, bytes: Uint8Array): Input => ({ name, bytes, sha256: hex(bytes) });
const oldIn = input("res-99-in-force.txt", readFileSync(join(EXAMPLES, "res-99-in-force.txt")));
const newIn = input("res-99-proposed.txt", readFileSync(join(EXAMPLES, "res-99-proposed.txt")));
const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** The per-file messages of an InputErrors thrown by `fn`. */
function errorsOf(fn: () => unknown): InputErrors["errors"] {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputErrors) return e.errors;
    throw e;
  }
  throw new Error("expected InputErrors, nothing was thrown");
}

describe("the page's engine", () => {
  it("gives the Delta the CLI gives, and its exports", async () => {
    const c = comparePair(oldIn, newIn, "auto");
    const direct = compare(readText(oldIn.bytes, { name: oldIn.name }), readText(newIn.bytes, { name: newIn.name }), {
      profile: "auto",
      old: { name: oldIn.name, sha256: oldIn.sha256 },
      new: { name: newIn.name, sha256: newIn.sha256 },
    });
    expect(c.delta).toEqual(direct);
    const opts = { author: "TSB", date: "2024-10-15T00:00:00Z", moves: true };
    expect(text((await exportDelta(c, "json", opts)).bytes)).toBe(`${JSON.stringify(direct, null, 2)}\n`);
    expect(text((await exportDelta(c, "html", opts)).bytes)).toBe(renderHtml(direct));
    const docx = await exportDelta(c, "docx", opts);
    expect(docx.bytes).toEqual(await generateTrackedDocx(direct, opts));
    const accepted = readDocx(docx.bytes, { name: "r.docx", view: "accepted" }).paragraphs.map((p) => p.text);
    expect(accepted).toEqual(readText(newIn.bytes, { name: "n" }).paragraphs.map((p) => p.text));
  });

  it("writes the same tracked document each time a comparison of two Word documents is exported", async () => {
    // the worker keeps one comparison and exports from it as often as the user asks (another author, moves on or off)
    const asDocx = async (t: string, name: string) => {
      const doc = readText(utf8(t), { name });
      return input(name.replace(/\.txt$/, ".docx"), await generateTrackedDocx(compare(doc, doc), { author: "x", date: "2024-10-15T00:00:00Z", moves: true }));
    };
    const c = comparePair(await asDocx(text(oldIn.bytes), oldIn.name), await asDocx(text(newIn.bytes), newIn.name), "auto");
    const opts = { author: "TSB", date: "2024-10-15T00:00:00Z", moves: true };
    const first = await exportDelta(c, "docx", opts);
    const other = await exportDelta(c, "docx", { ...opts, author: "Another", moves: false });
    const again = await exportDelta(c, "docx", opts);
    expect(Buffer.from(again.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    for (const bytes of [first.bytes, other.bytes]) {
      expect(readDocx(bytes, { name: "r.docx", view: "accepted" }).paragraphs.map((p) => p.text)).toEqual(readText(newIn.bytes, { name: "n" }).paragraphs.map((p) => p.text));
      expect(readDocx(bytes, { name: "r.docx", view: "rejected" }).paragraphs.map((p) => p.text)).toEqual(readText(oldIn.bytes, { name: "o" }).paragraphs.map((p) => p.text));
    }
  });

  it("says what is wrong with each file, in the CLI's words", () => {
    const bad = input("bad.docx", utf8("not a zip"));
    const empty = input("empty.md", new Uint8Array(0));
    const pdf = input("scan.txt", utf8("%PDF-1.7 ..."));
    const errors = errorsOf(() => comparePair(bad, empty, "auto"));
    expect(errors.old).toMatch(/^bad\.docx: /);
    expect(errors.new).toBe("empty.md: is empty");
    expect(errorsOf(() => comparePair(pdf, newIn, "auto"))).toEqual({ old: "scan.txt: is not a text file, a Markdown file or a Word (.docx) document" });
    expect(errorsOf(() => checkPair(oldIn, newIn, { profile: "auto", strictSpacing: false })).new).toMatch(
      /^res-99-proposed\.txt: is not a Word document: a text or Markdown proposal cannot carry revision marks/,
    );
  });

  it("finds the unmarked edit in the check example and writes the corrected document", async () => {
    const bytes = await exampleProposal(text(oldIn.bytes), text(newIn.bytes));
    const checked = checkPair(oldIn, input("proposal.docx", bytes), { profile: "auto", strictSpacing: false });
    expect(checked.result.clean).toBe(false);
    expect(checked.result.unmarked).toHaveLength(1);
    const only = checked.result.unmarked[0]!;
    expect(only.old?.text).toContain(EXAMPLE_UNMARKED.from);
    expect(only.new?.text).toContain(EXAMPLE_UNMARKED.to);
    expect(JSON.parse(text(checkJson(checked).bytes))).toEqual(checked.result);
    const corrected = await correctedDocx(checked, { author: "TSB", date: "2024-10-15T00:00:00Z", moves: true });
    expect(corrected.notes[0]).toMatch(/generated from the texts in ITU styles/);
    const accepted = readDocx(corrected.bytes, { name: "c.docx", view: "accepted" }).paragraphs.map((p) => p.text);
    const rejected = readDocx(corrected.bytes, { name: "c.docx", view: "rejected" }).paragraphs.map((p) => p.text);
    expect(accepted).toEqual(readText(newIn.bytes, { name: "n" }).paragraphs.map((p) => p.text));
    expect(rejected).toEqual(readText(oldIn.bytes, { name: "o" }).paragraphs.map((p) => p.text));
  });

  it("hashes like node:crypto without Web Crypto, at every padding boundary", async () => {
    for (const n of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000, 100_003]) {
      const b = new Uint8Array(n).map((_, i) => (i * 31 + 7) & 0xff);
      expect(Buffer.from(sha256(b)).toString("hex")).toBe(hex(b));
    }
    expect(await sha256Hex(oldIn.bytes)).toBe(oldIn.sha256);
  });
});

describe("the page's view model", () => {
  const delta = comparePair(oldIn, newIn, "auto").delta;

  it("nests sections by key and names them by their headings", () => {
    const root = sectionTree(delta.clauses);
    const titles = root.children.map((s) => s.title);
    expect(titles.slice(0, 3)).toEqual(["Title", "considering", "recognizing"]);
    expect(root.size).toBe(delta.clauses.length);
    expect(root.changes).toBe(36);
    const book: DeltaClause[] = ["res-1/head", "res-1/considering", "res-2/head"].map((section, i) => ({
      status: "unchanged",
      marker: "NOC",
      moved: false,
      renumbered: false,
      approximate: false,
      inline: [],
      old: null,
      new: { id: `${section}/${i}`, section, label: null, text: i === 0 ? "RESOLUTION 1 (Rev. Geneva, 2024)" : "x", kind: i === 0 ? "number-line" : "paragraph", paragraphs: [i] },
    }));
    const nested = sectionTree(book);
    expect(nested.children.map((s) => [s.key, s.title, s.children.map((c) => c.key)])).toEqual([
      ["res-1", "RESOLUTION 1 (Rev. Geneva, 2024)", ["res-1/head", "res-1/considering"]],
      ["res-2", "Res 2", ["res-2/head"]],
    ]);
  });

  it("filters changes by kind, section and text", () => {
    const all = changeIndices(delta.clauses);
    expect(filterChanges(delta.clauses, all, NO_FILTERS)).toEqual(all);
    expect(filterChanges(delta.clauses, all, { ...NO_FILTERS, categories: new Set(["added"]) })).toHaveLength(delta.summary.added);
    expect(filterChanges(delta.clauses, all, { ...NO_FILTERS, categories: new Set(["moved"]) })).toHaveLength(delta.summary.moved);
    expect(filterChanges(delta.clauses, all, { ...NO_FILTERS, section: "considering" })).toHaveLength(7);
    expect(filterChanges(delta.clauses, all, { ...NO_FILTERS, query: "  BROADBAND " })).toHaveLength(1);
    expect(filterChanges(delta.clauses, all, { categories: new Set(CATEGORIES), section: "resolves", query: "promote" })).toHaveLength(1);
  });

  it("lists an entry whose only change is a note reference among the modified ones", () => {
    const side = { id: "considering/a", section: "considering", label: "a)", text: "that the fees are published;", kind: "clause" as const, paragraphs: [3] };
    const refOnly: DeltaClause = { status: "unchanged", marker: "MOD", moved: false, renumbered: false, old: side, new: side, inline: [{ op: "equal", text: side.text }], approximate: false, noteReferences: { added: [], removed: ["1"] } };
    const clauses = [...delta.clauses, refOnly];
    const all = changeIndices(clauses);
    expect(all).toContain(clauses.length - 1);
    expect(filterChanges(clauses, all, { ...NO_FILTERS, categories: new Set(["modified"]) })).toContain(clauses.length - 1);
  });

  it("folds the unchanged entries between changes, and unfolds the runs asked for", () => {
    const rows = docRows(delta.clauses, false, new Set());
    const entries = rows.filter((r) => r.type === "entry").length;
    expect(entries).toBe(36);
    const folds = rows.filter((r) => r.type === "fold");
    expect(folds.reduce((n, r) => n + (r.type === "fold" ? r.count : 0), 0)).toBe(delta.clauses.length - 36);
    const first = folds[0]!;
    const opened = docRows(delta.clauses, false, new Set([first.index]));
    expect(opened.length).toBe(rows.length - 1 + (first.type === "fold" ? first.count : 0));
    expect(docRows(delta.clauses, true, new Set())).toHaveLength(delta.clauses.length);
  });
});
