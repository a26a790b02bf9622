/// <reference types="node" />
import { spawnSync } from "node:child_process";
import { accessSync, constants, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Doc } from "@redline/core";
import { readDocx } from "../src/index.js";
import { corpusPath, describeCorpus, readCorpus } from "./corpus.js";

/**
 * List labels checked against an independent implementation: LibreOffice's
 * plain-text export writes each numbered paragraph's label before its text.
 * Documents with hundreds of multi-level, restarted and style-linked list
 * paragraphs. Skipped (with a note) where soffice is not installed.
 */

const FILES = [
  "fixtures/safe-docx/redline/ILPA-Model-Limited-Partnership-Agreement-WOF_v2.docx",
  "fixtures/safe-docx/nvca-regression/source.docx",
  "fixtures/docxodus/NVCA-Model-COI.docx",
  "fixtures/docxodus/VP/VP004-Legal-Contract.docx",
  "itu/T-REC-H.222.0-201808-P-MSW-E.docx",
];

function soffice(): string | null {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, "soffice");
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

/** Labelled paragraphs matched, in order, to the exported lines that contain their text. */
function compareLabels(doc: Doc, exported: string[]): { agree: number; disagree: string[]; unmatched: number } {
  let line = 0;
  let agree = 0;
  let unmatched = 0;
  const disagree: string[] = [];
  for (const p of doc.paragraphs) {
    const start = p.text.replace(/\t/g, " ").split("\u000b").join(" ").trim().slice(0, 30);
    // LibreOffice's text export writes every bullet as "•", whatever the list says: compare numbers only
    if (p.listLabel === null || !/[\p{L}\p{N}]/u.test(p.listLabel) || start.length < 8) continue;
    const found = exported.findIndex((l, k) => k >= line && l.includes(start));
    if (found < 0) {
      unmatched++;
      continue;
    }
    line = found + 1;
    const shown = (exported[found] as string).slice(0, (exported[found] as string).indexOf(start)).trim();
    // LibreOffice also prints note marks the paragraph starts with ("Tenth 87"); the label comes first
    if (shown === p.listLabel || shown.startsWith(`${p.listLabel} `)) agree++;
    else disagree.push(`ours ${JSON.stringify(p.listLabel)}, LibreOffice ${JSON.stringify(shown)}: ${start}`);
  }
  return { agree, disagree, unmatched };
}

const office = soffice();
const summary: string[] = [];
let outDir = "";

describeCorpus("list labels agree with LibreOffice", () => {
  if (!office) {
    console.log("skipping list labels against LibreOffice: soffice is not on PATH");
    it.skip("needs soffice", () => {});
    return;
  }
  beforeAll(() => {
    outDir = mkdtempSync(path.join(tmpdir(), "redline-lo-"));
  });

  it.each(FILES)("labels every numbered paragraph of %s as LibreOffice does", (file) => {
    const txt = path.join(outDir, `${path.basename(file, ".docx")}.txt`);
    const result = spawnSync(
      office,
      [`-env:UserInstallation=file://${outDir}/profile`, "--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", outDir, corpusPath(file)],
      { timeout: 120_000, stdio: "ignore" },
    );
    expect(result.status).toBe(0);
    const exported = readFileSync(txt, "utf8").replace(/^\uFEFF/, "").split(/\r?\n/).map((l) => l.replace(/\t/g, " "));
    const { agree, disagree, unmatched } = compareLabels(readDocx(readCorpus(file), { name: file }), exported);
    summary.push(`${path.basename(file)} ${agree}/${agree + disagree.length}`);
    expect(disagree).toEqual([]);
    expect(agree).toBeGreaterThan(5 * unmatched);
  });

  afterAll(() => {
    console.log(`list labels agreeing with LibreOffice: ${summary.join(", ")}`);
    rmSync(outDir, { recursive: true, force: true });
  });
});
