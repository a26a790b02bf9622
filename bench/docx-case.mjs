/**
 * One .docx benchmark case, run in its own process so its peak RSS is its own:
 *
 *   node --expose-gc bench/docx-case.mjs --file CORPUS.docx --fraction 0.01 --runs 5 [--no-pandoc]
 *
 * Makes an edited copy of the file (bench/docx-edit.mjs, in a process of its own, not timed), then times,
 * after a warm-up until the time settles (report.mjs warmUp), `runs` times each:
 *   floor    openPackage both + get the main part + parseXmlBytes both (the least any reader must do)
 *   read     openPackage + readDocxPackage both
 *   compare  compare(old.doc, new.doc)
 *   write    writeTrackedDocx(oldPkg, newPkg, delta, ..., { old, new }) (the readings just made)
 * and then, once each, the CLI end to end (`redline compare OLD NEW -o out.docx`)
 * and a pandoc round trip of the written document (accept all = NEW, reject all = OLD), compared
 * paragraph by paragraph (whitespace normalised) and as text in reading order (whitespace dropped).
 * Prints one JSON line on stdout.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { basename, dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { compare } from "../packages/core/dist/index.js";
import { openPackage, parseXmlBytes, readDocxPackage, writeTrackedDocx } from "../packages/docx/dist/index.js";
import { pandocParagraphs } from "../scripts/pandoc-paragraphs.mjs";
import { editDocxApart } from "./docx-edit.mjs";
import { median, warmUp } from "./report.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const CLI = join(here, "..", "apps", "cli", "dist", "main.js");

const { values } = parseArgs({
  options: {
    file: { type: "string" },
    fraction: { type: "string" },
    runs: { type: "string", default: "5" },
    "no-pandoc": { type: "boolean", default: false },
  },
});
const file = values.file;
const fraction = Number(values.fraction);
const runs = Math.max(1, Number(values.runs));
const gc = globalThis.gc ?? (() => {});
const OPTIONS = { author: "redline bench", date: "2024-01-01T00:00:00Z" };

const oldBytes = new Uint8Array(readFileSync(file));
// NEW is made in a process of its own (docx-edit.mjs, editDocxApart says why), into the folder the CLI's run uses later
const dir = mkdtempSync(join(os.tmpdir(), "redline-docx-bench-"));
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
// an interrupted run leaves no folder behind either: exiting runs the handler above
for (const [signal, status] of [["SIGINT", 130], ["SIGTERM", 143]]) process.on(signal, () => process.exit(status));
const edited = editDocxApart(file, fraction, join(dir, "new.docx"));
const editMs = edited.ms;
const newBytes = edited.bytes;

function floor() {
  const s = performance.now();
  for (const [bytes, name] of [[oldBytes, "old.docx"], [newBytes, "new.docx"]]) {
    const pkg = openPackage(bytes, name);
    parseXmlBytes(pkg.get(pkg.mainPart), name, pkg.mainPart);
  }
  return performance.now() - s;
}

function pipeline() {
  const ms = {};
  let s = performance.now();
  const oldPkg = openPackage(oldBytes, "old.docx");
  const oldR = readDocxPackage(oldPkg);
  const newPkg = openPackage(newBytes, "new.docx");
  const newR = readDocxPackage(newPkg, { sharePartsWith: oldR });
  ms.read = performance.now() - s;
  s = performance.now();
  const delta = compare(oldR.doc, newR.doc);
  ms.compare = performance.now() - s;
  s = performance.now();
  const written = writeTrackedDocx(oldPkg, newPkg, delta, OPTIONS, { old: oldR, new: newR });
  ms.write = performance.now() - s;
  ms.total = ms.read + ms.compare + ms.write;
  return { ms, delta, written, paragraphs: { old: oldR.doc.paragraphs.length, new: newR.doc.paragraphs.length } };
}

const r1 = (x) => Math.round(x * 10) / 10;
// Warm-up (report.mjs), the same for the floor and the pipeline: the floor, a few tight loops, is compiled long
// before the pipeline is.
const warmUps = warmUp(() => {
  gc();
  floor();
  gc();
  pipeline();
});

const floors = [];
const stages = { read: [], compare: [], write: [], total: [] };
let last = null;
for (let i = 0; i < runs; i++) {
  last = null;
  gc();
  floors.push(floor());
  gc();
  last = pipeline();
  for (const k of Object.keys(stages)) stages[k].push(last.ms[k]);
}
const heapUsedMB = r1(process.memoryUsage().heapUsed / 1048576);
// maxRSS is in kilobytes; it covers this process only, not the CLI or pandoc children below
const peakRssMB = r1(process.resourceUsage().maxRSS / 1024);

// ---------------------------------------------------------------------------
// What the Delta reports against what the editor did.

const { delta, written } = last;
const editedOld = new Set(edited.editedOld);
const editedNew = new Set(edited.editedNew);
const reported = delta.clauses.filter((c) => c.status !== "unchanged" || c.moved);
const touches = (c) => (c.old?.paragraphs ?? []).some((i) => editedOld.has(i)) || (c.new?.paragraphs ?? []).some((i) => editedNew.has(i));
const unexpected = reported.filter((c) => !touches(c));
const coveredOld = new Set(reported.flatMap((c) => c.old?.paragraphs ?? []));
const coveredNew = new Set(reported.flatMap((c) => c.new?.paragraphs ?? []));
// an edit is seen when a reported entry holds its paragraph on either side
let shift = 0;
let missed = 0;
for (const d of edited.done) {
  const seen = coveredOld.has(d.old) || (d.kind !== "delete" && (coveredNew.has(d.old + shift) || (d.kind === "duplicate" && coveredNew.has(d.old + shift + 1))));
  if (!seen) missed++;
  if (d.kind === "duplicate") shift++;
  else if (d.kind === "delete") shift--;
}

// ---------------------------------------------------------------------------
// Once: the CLI end to end, and a pandoc round trip of what the writer made.

const notes = [...delta.notes, ...written.messages.slice(0, 3)];
let cli = null;
let roundTrip = null;
try {
  const oldPath = join(dir, "old.docx");
  const newPath = join(dir, "new.docx");
  const outPath = join(dir, "out.docx");
  const cliOut = join(dir, "cli.docx");
  // NEW is there already: editDocxApart wrote it
  writeFileSync(oldPath, oldBytes);
  writeFileSync(outPath, written.bytes);

  let s = performance.now();
  const run = spawnSync(process.execPath, [CLI, "compare", oldPath, newPath, "-o", cliOut, "--date", "2024-01-01"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const wallMs = performance.now() - s;
  // exit status 1 = differences found
  if (run.status === 0 || run.status === 1) {
    cli = { ms: r1(wallMs), status: run.status, bytes: readFileSync(cliOut).length };
  } else {
    cli = { ms: r1(wallMs), status: run.status, error: (run.stderr || String(run.error)).trim().split("\n")[0] };
  }

  if (!values["no-pandoc"]) {
    // Each document is parsed by pandoc once, to its JSON document tree, and both checks read that tree.
    const ast = (path, trackChanges) => {
      const args = ["-t", "json", path];
      if (trackChanges) args.unshift(`--track-changes=${trackChanges}`);
      const p = spawnSync("pandoc", args, { encoding: "utf8", maxBuffer: 1024 * 1024 * 1024, timeout: 600_000 });
      if (p.error) throw p.error;
      if (p.status !== 0) throw new Error(`pandoc ${args.join(" ")}: ${p.stderr.trim().split("\n")[0]}`);
      return p.stdout;
    };
    // The text paragraph by paragraph (table cells included, rows without text and table borders not),
    // spaces and tabs collapsed, empty paragraphs dropped: one paragraph per line.
    const paragraphs = (json) =>
      pandocParagraphs(json)
        .map((p) => p.replace(/[ \t]+/g, " ").trim())
        .filter((p) => p !== "")
        .join("\n");
    // The text in reading order, whitespace and paragraph breaks dropped, pictures as "[img]": what is left
    // when table layout (grid cells interleave line by line), empty rows and paragraph splits are set aside.
    const readingOrder = (json) => {
      const out = [];
      const walk = (node) => {
        if (Array.isArray(node)) return node.forEach(walk);
        if (!node || typeof node !== "object") return;
        if (node.t === "Str") out.push(node.c);
        else if (node.t === "Code" || node.t === "Math" || node.t === "RawInline") out.push(node.c[1]);
        else if (node.t === "Image") out.push("[img]");
        else {
          if ("c" in node) walk(node.c);
          if ("blocks" in node) walk(node.blocks);
        }
      };
      walk(JSON.parse(json));
      return out.join("").replace(/\s+/g, "");
    };
    const firstDiff = (a, b) => {
      let i = 0;
      while (i < a.length && i < b.length && a[i] === b[i]) i++;
      return i === a.length && i === b.length ? null : { at: i, got: a.slice(Math.max(0, i - 30), i + 50), want: b.slice(Math.max(0, i - 30), i + 50) };
    };
    try {
      s = performance.now();
      const views = { accept: ast(outPath, "accept"), reject: ast(outPath, "reject"), new: ast(newPath, null), old: ast(oldPath, null) };
      const paragraphDiff = { accept: firstDiff(paragraphs(views.accept), paragraphs(views.new)), reject: firstDiff(paragraphs(views.reject), paragraphs(views.old)) };
      const orderDiff = { accept: firstDiff(readingOrder(views.accept), readingOrder(views.new)), reject: firstDiff(readingOrder(views.reject), readingOrder(views.old)) };
      roundTrip = {
        ok: !paragraphDiff.accept && !paragraphDiff.reject,
        readingOrderOk: !orderDiff.accept && !orderDiff.reject,
        paragraphs: { accept: paragraphDiff.accept ?? "ok", reject: paragraphDiff.reject ?? "ok" },
        readingOrder: { accept: orderDiff.accept ?? "ok", reject: orderDiff.reject ?? "ok" },
        ms: Math.round(performance.now() - s),
      };
    } catch (e) {
      roundTrip = { ok: null, error: e.code === "ENOENT" ? "pandoc not found" : String(e.message ?? e).split("\n")[0] };
    }
  }
} finally {
  // the exit handler would too; removed here, the folder is gone before the result is printed
  rmSync(dir, { recursive: true, force: true });
}

const result = {
  file: basename(file),
  fraction,
  runs,
  bytes: { old: oldBytes.length, new: newBytes.length, out: written.bytes.length },
  paragraphs: last.paragraphs,
  bodyParagraphs: edited.paragraphs,
  edits: edited.edits,
  editsMade: edited.editsMade,
  editMs: Math.round(editMs),
  warmUps,
  floors: floors.map(r1),
  totals: stages.total.map(r1),
  median: Object.fromEntries([["floor", r1(median(floors))], ...Object.entries(stages).map(([k, xs]) => [k, r1(median(xs))])]),
  ratio: Math.round((median(stages.total) / median(floors)) * 100) / 100,
  heapUsedMB,
  peakRssMB,
  summary: delta.summary,
  check: { reported: reported.length, unexpected: unexpected.length, missed },
  cli,
  roundTrip,
  notes,
};
process.stdout.write(JSON.stringify(result) + "\n");
