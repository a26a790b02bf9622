/// <reference types="node" />
import path from "node:path";
import { pathToFileURL } from "node:url";
import fc, { type Arbitrary } from "fast-check";
import { expect, it } from "vitest";
import { compare, isRedlineError, readMarkdown, readText } from "@redline/core";
import { openPackage, readDocxPackage, readDocxViews, writeTrackedDocx } from "../src/index.js";
import { corpusAvailable, describeCorpus, readCorpus, repoRoot } from "./corpus.js";

/**
 * Property-based fuzzing of the readers: real packages from the shared
 * corpora, damaged at the byte, zip-entry and XML level by the mutators in
 * scripts/hostile/mutate.mjs, must each either read into a Doc or be refused
 * with a RedlineError that has a code. `pnpm fuzz` runs the same mutators for
 * minutes and through the whole pipeline; what it finds is replayed here.
 */

interface Seed {
  name: string;
  bytes: Uint8Array;
}
interface Mutation {
  file: string;
  level: "bytes" | "entries" | "xml";
}
interface Mutate {
  seedOf(name: string, bytes: Uint8Array): Seed;
  mutatedPackage(seeds: Seed[]): Arbitrary<{ mutation: Mutation; bytes: Uint8Array }>;
  applyMutation(seeds: Seed[], mutation: unknown): Uint8Array;
}

const mutate = (await import(pathToFileURL(path.join(repoRoot, "scripts/hostile/mutate.mjs")).href)) as Mutate;

/** Small and varied: numbering, tables, notes, text boxes, fields, tracked changes, an ITU resolution. */
const SEEDS = [
  "itu/T-RES-T.1-2016-MSW-E.docx",
  "fixtures/python-redlines/original.docx",
  "fixtures/docx4j/unmarshallFromTemplateDirtyExample.docx",
  "wmlcomparer/WC/WC043-Nested-Table-Mod.docx",
  "wmlcomparer/WC/WC063-Footnote-Mod.docx",
  "wmlcomparer/WC/WC048-Text-Box-in-Cell.docx",
  "wmlcomparer/WC/WC050-Table-in-Text-Box.docx",
  "wmlcomparer/RP/RP020-Inserted-Field-Code.docx",
  "wmlcomparer/RP/RP034-Deleted-Cells-Accepted.docx",
  "wmlcomparer/CA/CA005-Table.docx",
];

/** "doc", or the code of the RedlineError that refused the package; anything else thrown fails the property. */
function readsOrRefuses(bytes: Uint8Array): string {
  try {
    const views = readDocxViews(bytes, { name: "fuzzed.docx" });
    for (const doc of [views.accepted, views.rejected]) {
      if (doc.type !== "doc" || !Array.isArray(doc.paragraphs)) throw new Error("the reader returned something that is not a Doc");
    }
    return "doc";
  } catch (e) {
    if (isRedlineError(e) && typeof e.code === "string" && e.message.startsWith("fuzzed.docx: ")) return e.code;
    throw e;
  }
}

describeCorpus("fuzzed corpus packages read into a Doc or are refused with a RedlineError", () => {
  const seeds = corpusAvailable ? SEEDS.map((name) => mutate.seedOf(name, readCorpus(name))) : [];
  const outcomes = new Map<string, number>();

  it.each(["bytes", "entries", "xml"] as const)("at the %s level", (level) => {
    const arbitrary = mutate.mutatedPackage(seeds).filter((m) => m.mutation.level === level);
    fc.assert(
      fc.property(arbitrary, ({ bytes }) => {
        const outcome = readsOrRefuses(bytes);
        outcomes.set(`${level}:${outcome}`, (outcomes.get(`${level}:${outcome}`) ?? 0) + 1);
      }),
      { numRuns: level === "xml" ? 250 : 150, seed: 20241015 },
    );
    // the mutators must reach past the archive checks, or the readers behind them go untested
    if (level !== "bytes") expect(outcomes.get(`${level}:doc`) ?? 0).toBeGreaterThan(10);
  });

  // pnpm fuzz, seed 1001: a main part stored as "WORD/DOCUMENT.XML" holding no paragraphs.
  // The reader is right (the package has no body text); the tracked writer guesses the
  // main part's name from NEW's first paragraph and throws a TypeError.
  it("regression: a case-renamed main part without paragraphs can be written as a tracked .docx", () => {
    const mutation = { file: "wmlcomparer/WC/WC050-Table-in-Text-Box.docx", level: "entries", ops: [{ op: "drop", i: 3 }, { op: "rename", i: 0, name: "WORD/DOCUMENT.XML" }] };
    const damaged = mutate.applyMutation(seeds, mutation);
    expect(readsOrRefuses(damaged)).toBe("doc");
    const original = seeds.find((s) => s.name === mutation.file)!.bytes;
    const [oldPkg, newPkg] = [openPackage(original, "old.docx"), openPackage(damaged, "new.docx")];
    const [oldR, newR] = [readDocxPackage(oldPkg), readDocxPackage(newPkg)];
    const delta = compare(oldR.doc, newR.doc);
    expect(() => writeTrackedDocx(oldPkg, newPkg, delta, { author: "fuzz", date: "2024-10-15T00:00:00Z" }, { old: oldR, new: newR })).not.toThrow();
  });
});

it("reads any bytes as text or Markdown, or refuses them with a RedlineError", () => {
  const bytes = fc.oneof(
    fc.uint8Array({ maxLength: 512 }),
    fc.string({ unit: "binary", maxLength: 256 }).map((s) => new TextEncoder().encode(s)),
    fc.array(fc.constantFrom("a) ", "1\t", "\n", "\r\n", "\r", "\n\n", "> ", "# ", "* ", "[^1]: ", "| a | b |", "```", "\uFEFF", "\u0000", "é", "😀", "\uD800"), { maxLength: 64 }).map((parts) => new TextEncoder().encode(parts.join(""))),
  );
  fc.assert(
    fc.property(bytes, (b) => {
      for (const read of [readText, readMarkdown]) {
        try {
          expect(read(b, { name: "fuzzed.txt" }).type).toBe("doc");
        } catch (e) {
          if (!isRedlineError(e)) throw e;
        }
      }
    }),
    { numRuns: 400, seed: 20241015 },
  );
});
