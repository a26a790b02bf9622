/**
 * The .docx cases of `pnpm bench`: real ITU-T documents against copies with a
 * fraction of their paragraphs edited, read + compare + write, set against the
 * least any reader must do (unzip and parse both main parts).
 *
 *   runDocxBench({ quick, write, command })   called by bench/run.mjs (after the text cases; --docx-only, --no-docx)
 *
 * Each case runs in a child process (`node --expose-gc bench/docx-case.mjs ...`)
 * so its peak RSS is its own. Uses the BUILT packages (packages/{core,docx}/dist,
 * apps/cli/dist). Writes the section of docs/benchmarks.md between
 * `<!-- docx-bench:start -->` and `<!-- docx-bench:end -->`.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { WARM_UP_RULE, childFailure, fmt, codeLine, machineLine, mdTable, pct, textTable, writeSection } from "./report.mjs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const DOCS = join(root, "docs", "benchmarks.md");
const START = "<!-- docx-bench:start -->";
const END = "<!-- docx-bench:end -->";
const CORPUS = "/work/shared/corpora/itu";

const CASES = [
  { short: "H.222.0", file: "T-REC-H.222.0-201808-P-MSW-E.docx", fraction: 0.01 },
  { short: "H.222.0", file: "T-REC-H.222.0-201808-P-MSW-E.docx", fraction: 0.3 },
  { short: "T.1 (Res.)", file: "T-RES-T.1-2016-MSW-E.docx", fraction: 0.01 },
  { short: "Q.850", file: "T-REC-Q.850-201810-I-MSW-E.docx", fraction: 0.01 },
];
const TARGET = { short: "H.222.0", fraction: 0.01, limitMs: 1500, maxRatio: 4 };
/** docx -> tracked docx within this many times the parse-only floor, on every case */
const EVERY_CASE_MAX_RATIO = 3;

const mb = (bytes) => `${fmt(bytes / 1e6, 1)} MB`;



/** Runs the docx cases, prints the tables, writes docs/benchmarks.md unless `write` is false. Returns an exit code. */
export function runDocxBench({ quick = false, write = true, command = "pnpm bench --docx-only" } = {}) {
  for (const dist of ["packages/core/dist/index.js", "packages/docx/dist/index.js", "apps/cli/dist/main.js"]) {
    if (!existsSync(join(root, dist))) {
      console.error(`bench: ${dist} is missing; build it first (pnpm build)`);
      return 2;
    }
  }
  const runs = quick ? 1 : 5;
  const loadBefore = os.loadavg()[0];
  const results = [];
  for (const c of CASES) {
    const name = `${c.short} × ${pct(c.fraction)}`;
    const path = join(CORPUS, c.file);
    if (!existsSync(path)) {
      process.stderr.write(`bench: ${name} skipped (${path} not found)\n`);
      results.push({ ...c, name, skipped: `skipped: ${c.file} not found in ${CORPUS}` });
      continue;
    }
    process.stderr.write(`bench: ${name} (docx) ...`);
    const args = ["--expose-gc", join(here, "docx-case.mjs"), "--file", path, "--fraction", String(c.fraction), "--runs", String(runs)];
    const child = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (child.status !== 0) {
      process.stderr.write(" FAILED\n");
      console.error(child.stderr || child.error?.message);
      results.push({ ...c, name, error: childFailure(child) });
      continue;
    }
    const r = { ...JSON.parse(child.stdout.trim().split("\n").pop()), ...c, name };
    results.push(r);
    process.stderr.write(` ${fmt(r.median.total, 0)} ms (floor ${fmt(r.median.floor, 0)} ms), ${fmt(r.peakRssMB)} MB\n`);
  }
  const loadAfter = os.loadavg()[0];

  // -------------------------------------------------------------------------
  // Report

  const ok = results.filter((r) => !r.error && !r.skipped);
  const roundTrip = (r) =>
    !r.roundTrip
      ? "not run"
      : r.roundTrip.ok === null
        ? `not checked (${r.roundTrip.error})`
        : r.roundTrip.ok
          ? "ok"
          : r.roundTrip.readingOrderOk
            ? "paragraphs **failed**; reading order ok"
            : "paragraphs **failed**; reading order **failed**";
  const cliCell = (r) => (r.cli.error ? `failed (${r.cli.error})` : fmt(r.cli.ms, 0));

  const header = ["Case", "Size old", "Body paragraphs", "Edited", "Floor ms", "Read ms", "Compare ms", "Write ms", "Total ms", "Total / floor", "CLI ms", "Peak RSS MB"];
  const rows = results.map((r) =>
    r.skipped || r.error
      ? [r.name, "", "", "", "", "", "", "", r.skipped ? "skipped" : "failed", "", "", r.skipped ?? r.error]
      : [
          r.name,
          mb(r.bytes.old),
          fmt(r.bodyParagraphs),
          `${pct(r.fraction)} (${fmt(r.editsMade)})`,
          fmt(r.median.floor, 0),
          fmt(r.median.read, 0),
          fmt(r.median.compare, 0),
          fmt(r.median.write, 0),
          fmt(r.median.total, 0),
          `${fmt(r.ratio, 2)}×`,
          cliCell(r),
          fmt(r.peakRssMB),
        ],
  );

  const outcomeHeader = ["Case", "Replaced / deleted / duplicated", "Modified / added / deleted / moved", "Edits made / entries reported", "Unexpected entries", "Edits missed", "Round trip (pandoc)", "Notes"];
  const outcomeRows = ok.map((r) => {
    const s = r.summary;
    const notes = [...r.notes];
    if (r.roundTrip && r.roundTrip.ok === false) {
      for (const check of ["paragraphs", "readingOrder"]) {
        for (const side of ["accept", "reject"]) {
          const d = r.roundTrip[check][side];
          if (d === "ok") continue;
          const what = check === "paragraphs" ? "paragraphs" : "reading order";
          notes.push(`${what}, ${side}: first difference at character ${fmt(d.at)}: got "…${d.got}…", expected "…${d.want}…"`);
        }
      }
    }
    return [
      r.name,
      `${r.edits.replaced} / ${r.edits.deleted} / ${r.edits.duplicated}`,
      `${s.modified} / ${s.added} / ${s.deleted} / ${s.moved}`,
      `${r.editsMade} / ${r.check.reported}`,
      r.check.unexpected,
      r.check.missed,
      roundTrip(r),
      notes.join("; "),
    ];
  });

  const runsHeader = ["Case", "Warm-up rounds", "Floor runs (ms)", "Total runs (ms)", "Heap used MB", "Output size", "Edit ms (untimed)"];
  const runsRows = ok.map((r) => [r.name, fmt(r.warmUps), r.floors.map((x) => fmt(x, 0)).join(", "), r.totals.map((x) => fmt(x, 0)).join(", "), fmt(r.heapUsedMB), mb(r.bytes.out), fmt(r.editMs)]);

  const target = ok.find((r) => r.short === TARGET.short && r.fraction === TARGET.fraction);
  const verdicts = [
    {
      name: `${TARGET.short}, ${pct(TARGET.fraction)} of paragraphs edited: read + compare + write < ${TARGET.limitMs / 1000} s`,
      value: target ? `${fmt(target.median.total, 0)} ms` : "not run",
      pass: target ? target.median.total < TARGET.limitMs : null,
    },
    {
      name: `${TARGET.short}, ${pct(TARGET.fraction)}: read + compare + write ≤ ${TARGET.maxRatio}× floor (unzip + parse both)`,
      value: target ? `${fmt(target.ratio, 2)}× (${fmt(target.median.total, 0)} / ${fmt(target.median.floor, 0)} ms)` : "not run",
      pass: target ? target.ratio <= TARGET.maxRatio : null,
    },
  ];
  if (ok.length) {
    // the target for every pair, where the one above is the first issue's for H.222.0 at 1%
    const worst = ok.reduce((a, b) => (b.ratio > a.ratio ? b : a));
    verdicts.push({
      name: `Every case: read + compare + write ≤ ${EVERY_CASE_MAX_RATIO}× floor`,
      value: `highest ${fmt(worst.ratio, 2)}× (${worst.name}); ${ok.filter((r) => r.ratio <= EVERY_CASE_MAX_RATIO).length} of ${ok.length} cases within`,
      pass: ok.every((r) => r.ratio <= EVERY_CASE_MAX_RATIO),
    });
  }
  const checked = ok.filter((r) => r.roundTrip && r.roundTrip.ok !== null);
  for (const [key, what] of [
    ["ok", "paragraph by paragraph, whitespace normalised"],
    ["readingOrderOk", "text in reading order"],
  ]) {
    verdicts.push({
      name: `Tracked document round-trips through pandoc (accept all = NEW, reject all = OLD; ${what}), every case`,
      value: checked.length ? `${checked.filter((r) => r.roundTrip[key]).length} of ${checked.length} ok` : "not checked",
      pass: checked.length ? checked.every((r) => r.roundTrip[key]) : null,
    });
  }
  const verdictHeader = ["Target", "Measured", "Result"];
  const verdictRows = verdicts.map((v) => [v.name, v.value, v.pass === null ? "–" : v.pass ? "pass" : "**fail**"]);

  console.log(`\n.docx -> Delta -> tracked .docx, real ITU-T documents (median of ${runs} timed run${runs > 1 ? "s" : ""} after a warm-up)\n`);
  console.log(textTable(header, rows));
  console.log("\nWhat was reported\n");
  console.log(textTable(outcomeHeader, outcomeRows));
  console.log("\nRuns\n");
  console.log(textTable(runsHeader, runsRows));
  console.log("\nTargets\n");
  console.log(textTable(verdictHeader, verdictRows));
  console.log(`\nLoad average (1 min) before / after: ${fmt(loadBefore, 2)} / ${fmt(loadAfter, 2)}`);
  for (const r of ok) {
    if (r.roundTrip?.ok === false) console.log(`\n${r.name} round trip:`, JSON.stringify({ paragraphs: r.roundTrip.paragraphs, readingOrder: r.roundTrip.readingOrder }));
  }

  // -------------------------------------------------------------------------
  // docs/benchmarks.md

  if (write) {
    const machine = machineLine();
    const cpus = os.cpus();
    const section = [
      START,
      "## .docx to tracked .docx",
      "",
      "_This section is generated by `bench/run.mjs` (`bench/docx.mjs`); edits inside the markers are overwritten._",
      "",
      `- Machine: ${machine}`,
      `- Date: ${new Date().toISOString().slice(0, 10)}`,
      `- Code: ${codeLine()}`,
      `- Load average (1 min) before / after the run: ${fmt(loadBefore, 2)} / ${fmt(loadAfter, 2)} (the machine is shared; other work on it slows the timings)`,
      ...(Math.max(loadBefore, loadAfter) > cpus.length
        ? [
            `- The load exceeded the ${cpus.length} cores: absolute times are inflated by other processes. Floor and pipeline are timed in`,
            "  the same runs (interleaved), so their ratio is the steadier figure.",
          ]
        : []),
      `- Command: \`${command}\`${quick ? " (quick: 1 timed run)" : ""} (the docx cases run after the text cases in \`pnpm bench\`, or alone with \`--docx-only\`)`,
      "",
      `Input: ITU-T Recommendations from \`${CORPUS}\` (H.222.0 (08/2018), 3.5 MB, the largest; Resolution T.1 (2016);`,
      "Q.850 (10/2018)) and a copy with a fraction of the body's non-empty paragraphs edited (`bench/docx-edit.mjs`:",
      "every k-th paragraph; 8 edits in 10 replace one word inside a `w:t`, 1 in 10 deletes the paragraph, 1 in 10",
      "inserts a copy of it with one word replaced; deletions and copies fall back to a word replacement on",
      "paragraphs with fields, notes, bookmarks, drawings or section breaks), made in a process of its own",
      "(`editDocxApart` says why), so that the timing process runs only the steps below. Timed, each case in its own",
      `\`node --expose-gc\` process, median of ${runs} run${runs > 1 ? "s" : ""} after a warm-up of the same steps until their time`,
      `settles ${WARM_UP_RULE} (a fixed 3 rounds left Q.850 still speeding up through the timed runs while`,
      "the floor, a few tight loops, was already compiled), with a full garbage collection (`gc()`) before each floor and",
      "each pipeline run, so every run starts from a collected heap:",
      "",
      "- **Floor**: `openPackage` both + `get` the main part + `parseXmlBytes` both: unzipping and parsing the two",
      "  documents, the least any reader must do.",
      "- **Read**: `openPackage` + `readDocxPackage` both (all parts the reader needs: document, styles,",
      "  numbering, notes), NEW's with `sharePartsWith: OLD's reading`, as the CLI does: styles, numbering and",
      "  settings whose text is OLD's are not parsed again (the editor changes only the document part, so here",
      "  they never differ; two documents saved apart by Word often share their styles, rarely their settings),",
      "  and NEW's document part copies the paragraphs, tables and rows it spells with OLD's bytes from OLD's tree",
      "  instead of scanning them (the floor parses both in full).",
      "- **Compare**: `compare(old.doc, new.doc)` (profile `auto`).",
      "- **Write**: `writeTrackedDocx(oldPkg, newPkg, delta, …, { old, new })`, reusing the readings, zip included.",
      "- **Total** = read + compare + write (median of the per-run totals); **Total / floor** is its ratio to the",
      "  floor's median.",
      "- **CLI**: wall time of `node apps/cli/dist/main.js compare OLD NEW -o out.docx --date 2024-01-01`, run once",
      "  (a fresh, cold process: Node start-up, file reads and atomic write included).",
      "",
      "Peak RSS is the child's `process.resourceUsage().maxRSS` (both documents' bytes, the edited copy, and the",
      "last run's readings, Delta and output alive).",
      "",
      mdTable(header, rows),
      "",
      "### Targets",
      "",
      mdTable(verdictHeader, verdictRows),
      "",
      "### What was reported",
      "",
      "The Delta's entries are clauses, not paragraphs: several edited paragraphs in one clause make one",
      "modified entry, and a duplicated paragraph can show as an added entry or as a modified clause.",
      "Entries reported counts the entries that are modified, added, deleted or moved. Unexpected entries:",
      "reported entries holding none of the edited paragraphs (on either side). Edits missed: edits whose",
      "paragraph no reported entry holds.",
      "",
      "Round trip (pandoc): the written document read by `pandoc --track-changes=accept -t json` should give",
      "NEW's paragraphs as `pandoc -t json` reads them, and with `reject` OLD's (**paragraphs**: every paragraph,",
      "heading and table-cell paragraph in reading order, notes after, spaces collapsed, empty paragraphs",
      "dropped; `scripts/pandoc-paragraphs.mjs`, which the round-trip tests use too). Table borders are left out",
      "because pandoc does not apply row revisions (`w:trPr/w:del`, `w:trPr/w:ins`): it keeps a deleted or",
      "inserted row as an empty row, which changes its drawing of the table but not its paragraphs. pandoc",
      "also keeps paragraphs apart whose paragraph mark is deleted or inserted (`w:pPr/w:rPr/w:del`), so a",
      "paragraph merged by a revision shows as two. The second check, **reading order**, compares the text",
      "of pandoc's document tree in reading order with all whitespace and paragraph breaks dropped (pictures",
      "kept as markers, so their order counts), which sets that difference aside too, but nothing else.",
      "",
      mdTable(outcomeHeader, outcomeRows),
      "",
      "### Runs",
      "",
      mdTable(runsHeader, runsRows),
      END,
    ].join("\n");

    writeSection(DOCS, START, END, section);
    console.log(`\nwrote ${DOCS} (docx section)`);
  }

  return results.some((r) => r.error) ? 1 : 0;
}
