/**
 * `pnpm bench`: text -> Delta on generated ITU resolution books.
 *
 *   node bench/run.mjs            10k, 100k, 1M words x 1% and 30% of clauses edited; writes docs/benchmarks.md
 *   node bench/run.mjs --quick    10k and 100k only, 1 timed run each
 *   node bench/run.mjs --no-write print only
 *   node bench/run.mjs --no-docx  skip the .docx cases (bench/docx.mjs), which otherwise run after the text cases
 *   node bench/run.mjs --docx-only run only the .docx cases
 *
 * Each case runs in a child process (`node --expose-gc bench/case.mjs ...`)
 * so its peak RSS is its own. Uses the BUILT core (packages/core/dist).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { runDocxBench } from "./docx.mjs";
import { WARM_UP_RULE, fmt, codeLine, machineLine, mdTable, pct, textTable, writeSection } from "./report.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const DOCS = join(root, "docs", "benchmarks.md");
const START = "<!-- text-bench:start -->";
const END = "<!-- text-bench:end -->";

const { values: opts } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    "no-write": { type: "boolean", default: false },
    "no-docx": { type: "boolean", default: false },
    "docx-only": { type: "boolean", default: false },
  },
});

const docxCommand = (extra) => `pnpm bench${opts.quick ? " --quick" : ""}${extra}`;
if (opts["docx-only"]) process.exit(runDocxBench({ quick: opts.quick, write: !opts["no-write"], command: docxCommand(" --docx-only") }));

if (!existsSync(join(root, "packages", "core", "dist", "index.js"))) {
  console.error("bench: packages/core/dist/index.js is missing; build it first (pnpm build, or cd packages/core && npx tsup)");
  process.exit(2);
}

const SIZES = opts.quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
const FRACTIONS = [0.01, 0.3];
const runsFor = (words) => (opts.quick ? 1 : words >= 1_000_000 ? 3 : 5);
const SEED = 1;

const TARGETS = [
  { name: "1M words, 1% of clauses edited", words: 1_000_000, fraction: 0.01, limitMs: 2000 },
  { name: "1M words, 30% of clauses edited", words: 1_000_000, fraction: 0.3, limitMs: 6000 },
];
const MEMORY_LIMIT_MB = 1024;

const label = (words) => (words >= 1_000_000 ? `${words / 1_000_000}M` : `${words / 1000}k`);

const loadBefore = os.loadavg()[0];
const results = [];
for (const words of SIZES) {
  for (const fraction of FRACTIONS) {
    const name = `${label(words)} × ${pct(fraction)}`;
    process.stderr.write(`bench: ${name} ...`);
    const args = ["--expose-gc", join(here, "case.mjs"), "--words", String(words), "--fraction", String(fraction), "--runs", String(runsFor(words)), "--seed", String(SEED)];
    const child = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (child.status !== 0) {
      process.stderr.write(" FAILED\n");
      console.error(child.stderr || child.error?.message);
      results.push({ name, words, fraction, error: (child.stderr || String(child.error)).trim().split("\n")[0] });
      continue;
    }
    const r = JSON.parse(child.stdout.trim().split("\n").pop());
    r.name = name;
    results.push(r);
    process.stderr.write(` ${fmt(r.medianMs, 1)} ms, ${fmt(r.peakRssMB)} MB\n`);
  }
}

// ---------------------------------------------------------------------------
// Report

const ok = results.filter((r) => !r.error);
const header = ["Case", "Words old / new", "Clauses", "Edited", "Median ms", "ms / 1k words", "Peak RSS MB", "Heap used MB", "Modified / added / deleted / moved", "Edits made / reported"];
const rows = results.map((r) =>
  r.error
    ? [r.name, "", "", "", "failed", "", "", "", r.error, ""]
    : [
        r.name,
        `${fmt(r.wordsOld)} / ${fmt(r.wordsNew)}`,
        fmt(r.clauses),
        `${pct(r.fraction)} (${fmt(r.editsMade)})`,
        fmt(r.medianMs, 1),
        fmt(r.medianMs / (r.wordsOld / 1000), 2),
        fmt(r.peakRssMB),
        fmt(r.heapUsedMB),
        `${r.summary.modified} / ${r.summary.added} / ${r.summary.deleted} / ${r.summary.moved}`,
        `${r.editsMade} / ${r.reportedChanges}`,
      ],
);

const precisionHeader = ["Case", "Modified exp / rep / unexp / missed", "Added exp / rep / unexp / missed", "Deleted exp / rep / unexp / missed", "Moved exp / rep / unexp / missed", "Renumbered exp / rep", "Notes"];
const precisionRows = ok.map((r) => {
  const c = r.check;
  const t = (x) => `${x.expected} / ${x.reported} / ${x.unexpected} / ${x.missed}`;
  const kinds = [c.modified, c.added, c.deleted, c.moved];
  const unexpected = kinds.reduce((n, x) => n + x.unexpected, 0);
  const glued = kinds.reduce((n, x) => n + x.gluedHead, 0);
  const notes = [...r.notes];
  if (unexpected) notes.push(`${glued} of ${unexpected} unexpected entries involve a clause carrying a later resolution's head lines (on either side)`);
  return [r.name, t(c.modified), t(c.added), t(c.deleted), t(c.moved), `${c.renumbered.expected} / ${c.renumbered.reported}`, notes.join("; ")];
});

const stageHeader = ["Case", "Runs (ms)", "read", "structure", "align", "delta", "Generate ms", "Entries old / new"];
const stageRows = ok.map((r) => [r.name, r.times.map((x) => fmt(x, 0)).join(", "), r.stages.read, r.stages.structure, r.stages.align, r.stages.delta, r.generateMs, `${fmt(r.entries.old)} / ${fmt(r.entries.new)}`]);

const anyGlued = ok.some((r) => ["modified", "added", "deleted", "moved"].some((k) => r.check[k].gluedHead > 0));

const verdicts = TARGETS.map((t) => {
  const r = ok.find((x) => x.targetWords === t.words && x.fraction === t.fraction);
  if (!r) return { name: `${t.name} < ${t.limitMs / 1000} s`, value: "not run", pass: null };
  return { name: `${t.name} < ${t.limitMs / 1000} s`, value: `${fmt(r.medianMs, 0)} ms`, pass: r.medianMs < t.limitMs };
});
if (ok.length) {
  const worst = ok.reduce((a, b) => (b.peakRssMB > a.peakRssMB ? b : a));
  verdicts.push({ name: "Peak memory < 1 GB (every case)", value: `${fmt(worst.peakRssMB)} MB (${worst.name})`, pass: worst.peakRssMB < MEMORY_LIMIT_MB });
}
const verdictHeader = ["Target", "Measured", "Result"];
const verdictRows = verdicts.map((v) => [v.name, v.value, v.pass === null ? "–" : v.pass ? "pass" : "**fail**"]);



console.log("\nText -> Delta, itu-resolution profile (median of timed runs after a warm-up)\n");
console.log(textTable(header, rows));
console.log("\nPrecision (exp = edits made by bench/edit.mjs, rep = reported by the Delta, unexp = reported entries the editor did not touch)\n");
console.log(textTable(precisionHeader, precisionRows));
console.log("\nStages (one extra pass, ms)\n");
console.log(textTable(stageHeader, stageRows));
console.log("\nTargets\n");
console.log(textTable(verdictHeader, verdictRows));

const unexpected = ok.flatMap((r) =>
  ["modified", "added", "deleted", "moved"].flatMap((k) => r.check[k].samples.map((s) => ({ case: r.name, kind: k, ...s }))),
);
if (unexpected.length) {
  console.log("\nUnexpected entries (samples, up to 5 per case and kind):");
  for (const u of unexpected) console.log(JSON.stringify(u));
}

// ---------------------------------------------------------------------------
// docs/benchmarks.md

if (!opts["no-write"]) {
  const machine = machineLine();
  const command = opts.quick ? "pnpm bench --quick" : "pnpm bench";
  const section = [
    START,
    "## Text to Delta",
    "",
    "_This section is generated by `bench/run.mjs`; edits inside the markers are overwritten._",
    "",
    `- Machine: ${machine}`,
    `- Date: ${new Date().toISOString().slice(0, 10)}`,
    `- Code: ${codeLine()}`,
    `- Load average (1 min) before / after the run: ${fmt(loadBefore, 2)} / ${fmt(os.loadavg()[0], 2)} (other work on the machine slows the timings)`,
    `- Command: \`${command}\`${opts.quick ? " (quick: 10k and 100k words, 1 timed run)" : ""}`,
    "",
    "Input: a generated book of ITU resolutions (`bench/generate.mjs`, seed 1) and a copy with a fraction of its",
    "clauses edited (`bench/edit.mjs`: one-word replacements, phrase insertions and deletions, clause",
    "insertions and deletions with relabelling, moves within a section). Timed:",
    '`compare(readText(old), readText(new), { profile: "itu-resolution" })`, median of 5 runs (3 for 1M words)',
    `after a warm-up until the time settles ${WARM_UP_RULE} (one warm-up run left the 10k- and 100k-word`,
    "cases about twice as slow as once compiled), each case in its own `node --expose-gc` process. Peak RSS is the child's",
    "`process.resourceUsage().maxRSS` (it includes generating both texts); heap used is the largest",
    "`heapUsed` seen right after a run, with the Delta still alive. Clauses: labelled clauses in the old",
    "text. Edits made / reported: the editor's edits, and the Delta's modified + added + deleted entries plus",
    "entries that are only moved (each edit touches one clause, so a precise Delta reports one entry per edit).",
    "",
    mdTable(header, rows),
    "",
    "### Targets",
    "",
    mdTable(verdictHeader, verdictRows),
    "",
    "### Precision",
    "",
    "What the Delta reports compared with what the editor did (expected / reported / reported but not an",
    "edit). A swap of two neighbouring clauses counts as right whichever of the two is reported moved.",
    "",
    mdTable(precisionHeader, precisionRows),
    ...(anyGlued
      ? [
          "",
          "Unexpected entries marked as carrying a later resolution's head lines: with the text reader, the",
          "`itu-resolution` profile recognises a number line, title, history line and opening line only at the top",
          "of a document, so in a book each later resolution's head is joined to the last clause before it. Moving",
          "or deleting that clause moves the head lines to another clause, which then reads as modified (or, when the",
          "shared head words dominate, pairs with the wrong clause).",
        ]
      : []),
    "",
    "### Stages",
    "",
    "One extra pass per case, timed stage by stage (`readText` of the old text, `structure` of both,",
    "`align`, `toDelta`).",
    "",
    mdTable(stageHeader, stageRows),
    END,
  ].join("\n");

  writeSection(DOCS, START, END, section);
  console.log(`\nwrote ${DOCS}`);
}

const textStatus = results.some((r) => r.error) ? 1 : 0;
const docxStatus = opts["no-docx"] ? 0 : runDocxBench({ quick: opts.quick, write: !opts["no-write"], command: docxCommand("") });
if (textStatus || docxStatus) process.exit(textStatus || docxStatus);
