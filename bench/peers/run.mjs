/**
 * `pnpm bench:peers`: redline side by side with its peers, on the same pairs, in the same run.
 *
 *   node bench/peers/run.mjs              every case; writes docs/benchmarks.md (peers section) and
 *                                         docs/images/bench-time-vs-size.svg
 *   node bench/peers/run.mjs --quick      10k and 100k words, T.1 and Q.850 only, 1 timed run
 *   node bench/peers/run.mjs --no-write   print only
 *   node bench/peers/run.mjs --only text|docx
 *   node bench/peers/run.mjs --keep       keep the scratch directory (inputs and every tool's output)
 *   node bench/peers/run.mjs --save FILE  also write the raw results (JSON) to FILE
 *   node bench/peers/run.mjs --from FILE  measure nothing: tables, docs and chart from a --save'd run
 *
 * Peers (scripts/install-peers.sh installs them; a missing one is reported as absent):
 *   .docx -> tracked .docx   LibreOffice Writer's Compare Document, headless through UNO (bench/peers/lo-compare.py);
 *                            docxodus from npm (bench/peers/docxodus-run.mjs)
 *   text word diffs          git diff --no-index --word-diff=porcelain, wdiff, dwdiff
 * Each pair runs in a child process (bench/peers/text-case.mjs, bench/peers/docx-case.mjs), every
 * tool timed in the same child, run by run; a peer is its own child process per run. Ratios are
 * peer time ÷ redline time on the same pair in this run (medians of the runs). Uses the BUILT
 * packages (packages/{core,docx}/dist, apps/cli/dist).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { WARM_UP_RULE, childFailure, fmt, codeLine, machineLine, mdTable, pct, textTable, writeSection } from "../report.mjs";
import { SLOW_MS, detectPeers } from "./common.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const DOCS = join(root, "docs", "benchmarks.md");
const SVG = join(root, "docs", "images", "bench-time-vs-size.svg");
const START = "<!-- peers-bench:start -->";
const END = "<!-- peers-bench:end -->";
const CORPUS = "/work/shared/corpora/itu";

const { values: opts } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    "no-write": { type: "boolean", default: false },
    only: { type: "string" },
    keep: { type: "boolean", default: false },
    save: { type: "string" },
    from: { type: "string" },
  },
});

const saved = opts.from ? JSON.parse(readFileSync(opts.from, "utf8")) : null;
const quick = saved ? saved.quick : opts.quick;

for (const dist of ["packages/core/dist/index.js", "packages/docx/dist/index.js", "apps/cli/dist/main.js"]) {
  if (!existsSync(join(root, dist))) {
    console.error(`bench:peers: ${dist} is missing; build it first (pnpm build)`);
    process.exit(2);
  }
}

const SIZES = quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
const FRACTIONS = [0.01, 0.3];
const DOCS_IN = [
  { short: "T.1 (Res.)", file: "T-RES-T.1-2016-MSW-E.docx" },
  { short: "Q.850", file: "T-REC-Q.850-201810-I-MSW-E.docx" },
  ...(quick ? [] : [{ short: "H.222.0", file: "T-REC-H.222.0-201808-P-MSW-E.docx" }]),
];
const textRuns = (words) => (quick ? 1 : words >= 1_000_000 ? 3 : 5);
const DOCX_RUNS = quick ? 1 : 3;
const TEXT_PEERS = ["git", "wdiff", "dwdiff"];
const DOCX_PEERS = ["libreoffice", "docxodus"];
const LABEL = { redline: "redline", git: "git --word-diff", wdiff: "wdiff", dwdiff: "dwdiff", libreoffice: "LibreOffice Compare", docxodus: "docxodus" };

const label = (words) => (words >= 1_000_000 ? `${words / 1_000_000}M` : `${words / 1000}k`);
const ms = (n) => (n == null ? "–" : fmt(n, n < 100 ? 1 : 0));
const ratio = (peer, ours) => (peer == null || ours == null || ours === 0 ? null : peer / ours);
const rx = (r) => (r == null ? "–" : `${fmt(r, r < 10 ? 2 : 1)}×`);

// ---------------------------------------------------------------------------
// Peers present

const peers = saved ? saved.peers : detectPeers();
const present = (name) => peers[name]?.present;
const { textResults, docxResults, convResults, loadBefore, loadAfter, wallMin, date } = saved ?? measure();
if (opts.save && !saved) writeFileSync(opts.save, JSON.stringify({ peers, textResults, docxResults, convResults, loadBefore, loadAfter, wallMin, date, quick }, null, 1));

function measure() {
  const loadBefore = os.loadavg()[0];
  const started = performance.now();
  process.stderr.write(
    `bench:peers: ${Object.entries(peers)
      .map(([k, v]) => `${k} ${v.present ? "present" : "ABSENT"}`)
      .join(", ")}; load ${fmt(loadBefore, 2)}\n`,
  );
  const scratch = mkdtempSync(join(os.tmpdir(), "redline-peers-"));

  function child(script, args) {
    const s = performance.now();
    const c = spawnSync(process.execPath, ["--expose-gc", join(here, script), ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, timeout: 40 * 60_000 });
    const line = (c.stdout || "").trim().split("\n").filter((l) => l.startsWith("{")).pop();
    if (c.status !== 0 || !line) {
      const error = c.status === 0 ? "no result line" : childFailure(c);
      process.stderr.write(` FAILED (${error})\n`);
      return { error };
    }
    process.stderr.write(` ${fmt((performance.now() - s) / 1000, 0)} s\n`);
    return JSON.parse(line);
  }

  // ---------------------------------------------------------------------------
  // Text pairs: generated books

  const textPeers = TEXT_PEERS.filter(present);
  const textResults = [];
  if (opts.only !== "docx") {
    for (const words of SIZES) {
      for (const fraction of FRACTIONS) {
        const name = `${label(words)} × ${pct(fraction)}`;
        process.stderr.write(`bench:peers: text ${name} ...`);
        const r = child("text-case.mjs", ["--words", String(words), "--fraction", String(fraction), "--runs", String(textRuns(words)), "--dir", scratch, "--peers", textPeers.join(",")]);
        textResults.push({ ...r, name, words, fraction, generated: true });
      }
    }
  }

  // ---------------------------------------------------------------------------
  // .docx pairs (and the text peers on their `redline textconv` text)

  const docxPeers = DOCX_PEERS.filter(present);
  const docxResults = [];
  const convResults = [];
  if (opts.only !== "text") {
    for (const d of DOCS_IN) {
      for (const fraction of FRACTIONS) {
        const name = `${d.short} × ${pct(fraction)}`;
        const path = join(CORPUS, d.file);
        if (!existsSync(path)) {
          process.stderr.write(`bench:peers: ${name} skipped (${path} not found)\n`);
          docxResults.push({ ...d, name, fraction, error: `skipped: ${d.file} not found in ${CORPUS}` });
          continue;
        }
        process.stderr.write(`bench:peers: docx ${name} ...`);
        const args = ["--file", path, "--fraction", String(fraction), "--runs", String(DOCX_RUNS), "--dir", scratch, "--peers", docxPeers.join(",")];
        if (!present("pandoc")) args.push("--no-pandoc");
        const r = child("docx-case.mjs", args);
        docxResults.push({ ...r, ...d, name, fraction });
        if (r.textconv?.old && r.textconv?.new) {
          process.stderr.write(`bench:peers: text ${name} (textconv) ...`);
          const t = child("text-case.mjs", ["--old", r.textconv.old, "--new", r.textconv.new, "--runs", String(quick ? 1 : 5), "--dir", scratch, "--peers", textPeers.join(",")]);
          convResults.push({ ...t, name: `${name} (textconv)`, fraction });
        }
      }
    }
  }
  const loadAfter = os.loadavg()[0];
  const wallMin = (performance.now() - started) / 60_000;
  if (!opts.keep) rmSync(scratch, { recursive: true, force: true });
  return { textResults, docxResults, convResults, loadBefore, loadAfter, wallMin, date: new Date().toISOString().slice(0, 10), quick };
}

// ---------------------------------------------------------------------------
// Tables

const peerCell = (r, p) => {
  if (!present(p)) return "absent";
  if (r.status?.[p]) return r.status[p] === "timeout" ? "timeout" : "failed";
  return ms(r.median?.[p]) + (r.only?.includes(p) ? "¹" : "");
};

const textHeader = ["Pair", "Words old", "redline ms", ...TEXT_PEERS.map((p) => `${LABEL[p]} ms`), ...TEXT_PEERS.map((p) => `${LABEL[p]} ÷ redline`), "redline CLI ms"];
const textRow = (r) =>
  r.error
    ? [r.name, "", "failed", ...TEXT_PEERS.map(() => ""), ...TEXT_PEERS.map(() => ""), r.error]
    : [
        r.name,
        fmt(r.wordsOld),
        ms(r.median.redline),
        ...TEXT_PEERS.map((p) => peerCell(r, p)),
        ...TEXT_PEERS.map((p) => (present(p) && !r.status?.[p] ? rx(ratio(r.median[p], r.median.redline)) : "–")),
        ms(r.cli?.ms),
      ];
const textRows = textResults.map(textRow);
const convRows = convResults.map(textRow);

const okDocx = docxResults.filter((r) => !r.error);
const tool = (r, k) => r.tools?.[k];
const toolCell = (r, k, field) => {
  if (k !== "redline" && !present(k)) return "absent";
  const t = tool(r, k);
  if (!t) return "–";
  if (!t.runs.length) return t.status?.startsWith("timeout") ? "timeout" : "failed";
  return ms(t.median[field]) + (t.runs.length === 1 && DOCX_RUNS > 1 ? "¹" : "");
};
/** engine time of a peer: LibreOffice load + compare + store in a running soffice that has loaded and stored both documents once (cold when no such run finished); docxodus a warm compare (cold when that was all there was) */
const engine = (r, k) => {
  const t = tool(r, k);
  if (!t?.runs.length) return null;
  if (k === "libreoffice") return t.median.total;
  return t.median.warm ?? t.median.cold;
};
/** ³ where LibreOffice's engine figures are a cold run's: no run with a warm-up finished */
const loColdMark = (r) => (tool(r, "libreoffice")?.runs.length && tool(r, "libreoffice").median.engineCold ? "³" : "");
const e2e = (r, k) => (tool(r, k)?.runs.length ? tool(r, k).median.endToEnd : null);
const oursCli = (r) => tool(r, "redline")?.median.endToEnd ?? null;
const oursIn = (r) => r.inproc?.median.total ?? null;

const docxHeader = [
  "Pair",
  "Words",
  "Edited paragraphs",
  "redline in-process ms",
  "redline CLI ms",
  "LibreOffice end-to-end ms",
  "LibreOffice load + compare + store ms",
  "LibreOffice compare step ms",
  "docxodus end-to-end ms",
  "docxodus compare ms",
  "LibreOffice ÷ redline, end to end",
  "LibreOffice ÷ redline, engine",
  "docxodus ÷ redline, end to end",
  "docxodus ÷ redline, engine",
];
const docxRows = docxResults.map((r) =>
  r.error
    ? [r.name, "", "", "failed", "", "", "", "", "", "", "", "", "", r.error]
    : [
        r.name,
        fmt(r.docWords),
        `${fmt(r.editsMade)} of ${fmt(r.paragraphs)}`,
        ms(oursIn(r)),
        toolCell(r, "redline", "endToEnd"),
        toolCell(r, "libreoffice", "endToEnd"),
        toolCell(r, "libreoffice", "total") + loColdMark(r),
        toolCell(r, "libreoffice", "compare") + loColdMark(r),
        toolCell(r, "docxodus", "endToEnd"),
        present("docxodus") ? (tool(r, "docxodus")?.runs.length ? ms(engine(r, "docxodus")) + (tool(r, "docxodus").median.warm == null ? "²" : "") : toolCell(r, "docxodus", "endToEnd")) : "absent",
        rx(ratio(e2e(r, "libreoffice"), oursCli(r))),
        rx(ratio(engine(r, "libreoffice"), oursIn(r))),
        rx(ratio(e2e(r, "docxodus"), oursCli(r))),
        rx(ratio(engine(r, "docxodus"), oursIn(r))),
      ],
);

const rt = (r, k) => {
  if (k !== "redline" && !present(k)) return "absent";
  const t = tool(r, k);
  if (!t?.runs.length) return "–";
  if (!t.roundTrip) return "not checked";
  if (t.roundTrip.ok === null) return `not checked (${t.roundTrip.error})`;
  return t.roundTrip.ok ? "yes" : "**no**";
};
const marked = (r, k) => {
  if (k !== "redline" && !present(k)) return "absent";
  const m = tool(r, k)?.marked;
  if (!m) return "–";
  if (m.error) return `unreadable (${m.error})`;
  return `${fmt(m.words)} (${fmt(m.inserted)} + ${fmt(m.deleted)})`;
};
const markHeader = ["Pair", "Words changed (editor)", "redline Delta words", "redline marks", "LibreOffice marks", "docxodus marks", "Round trip: redline", "LibreOffice", "docxodus", "Output size redline / LibreOffice / docxodus"];
const mb = (b) => (b == null ? "–" : `${fmt(b / 1048576, 1)} MB`);
const markRows = okDocx.map((r) => [
  r.name,
  `${fmt(r.truth.words)} (${fmt(r.truth.inserted)} + ${fmt(r.truth.deleted)})`,
  `${fmt(r.summary.insertedWords + r.summary.deletedWords)} (${fmt(r.summary.insertedWords)} + ${fmt(r.summary.deletedWords)})`,
  marked(r, "redline"),
  marked(r, "libreoffice"),
  marked(r, "docxodus"),
  rt(r, "redline"),
  rt(r, "libreoffice"),
  rt(r, "docxodus"),
  ["redline", "libreoffice", "docxodus"].map((k) => mb(tool(r, k)?.bytes)).join(" / "),
]);

// round-trip failures, explained
const rtNotes = [];
for (const r of okDocx) {
  for (const k of ["redline", "libreoffice", "docxodus"]) {
    const x = tool(r, k)?.roundTrip;
    if (!x || x.ok !== false) continue;
    const sides = ["accept", "reject"].filter((s) => x[s] !== "ok");
    const d = x[sides[0]];
    const same = sides.length === 2 && x.accept.got === x.reject.got && x.accept.want === x.reject.want;
    rtNotes.push(
      `${r.name}, ${LABEL[k]}: ${sides.map((s) => `${s} differs (${fmt(x[s].words)} words)`).join(", ")}; first at “…${d.got.trim()}…” where ${sides[0] === "accept" ? "NEW" : "OLD"} has “…${d.want.trim()}…”` +
        (same ? " (the same text on both sides: the writer's export, not the comparison)" : ""),
    );
  }
}

const runsHeader = ["Pair", "redline in-process runs", "redline CLI runs", "LibreOffice runs (end to end, cold / load + compare + store, warm)", "docxodus runs (end to end / cold / warm)", "Notes"];
const runsRows = okDocx.map((r) => {
  const notes = [];
  const lo = tool(r, "libreoffice");
  const dx = tool(r, "docxodus");
  if (lo?.status) notes.push(`LibreOffice: ${lo.status}`);
  if (lo?.warmStatus) notes.push(`LibreOffice, run with a warm-up: ${lo.warmStatus}`);
  if (dx?.status) notes.push(`docxodus: ${dx.status}`);
  if (dx?.hung) notes.push(`docxodus: the warm compare did not finish in ${dx.hung} of ${dx.runs.length} runs (killed)`);
  return [
    r.name,
    `${r.inproc.times.map((x) => fmt(x, 0)).join(", ")} (after ${r.inproc.warmUps ?? 1} warm-up${(r.inproc.warmUps ?? 1) === 1 ? "" : "s"})`,
    (tool(r, "redline")?.runs ?? []).map((x) => fmt(x.endToEndMs, 0)).join(", "),
    present("libreoffice") ? (lo?.runs ?? []).map((x, i) => `${fmt(x.endToEndMs, 0)} / ${lo.warmRuns?.[i] ? fmt(lo.warmRuns[i].totalMs, 0) : "–"}`).join(", ") || "–" : "absent",
    present("docxodus") ? (dx?.runs ?? []).map((x) => `${fmt(x.endToEndMs, 0)} / ${fmt(x.coldMs, 0)} / ${x.warmMs == null ? "–" : fmt(x.warmMs, 0)}`).join(", ") || "–" : "absent",
    notes.join("; "),
  ];
});

// linear growth of text -> Delta
const okText = textResults.filter((r) => !r.error);
const perWord = (r, k = "redline") => (r.median?.[k] == null ? null : (r.median[k] / r.wordsOld) * 1000);
const linHeader = ["Edited", "Tool", ...SIZES.map((w) => `${label(w)}: ms / 1k words`), `${label(SIZES.at(-1))} ÷ ${label(SIZES[0])}`];
const linRows = [];
for (const fraction of FRACTIONS) {
  for (const k of ["redline", ...TEXT_PEERS]) {
    if (k !== "redline" && !present(k)) continue;
    const cells = SIZES.map((w) => okText.find((r) => r.words === w && r.fraction === fraction));
    const pw = cells.map((r) => (r && !r.status?.[k] ? perWord(r, k) : null));
    linRows.push([pct(fraction), LABEL[k], ...pw.map((x) => (x == null ? "–" : fmt(x, 3))), rx(ratio(pw.at(-1), pw[0]))]);
  }
}

// ---------------------------------------------------------------------------
// Targets

const verdicts = [];
const v = (name, value, pass) => verdicts.push({ name, value, pass });
for (const k of ["libreoffice", "docxodus"]) {
  if (!present(k)) {
    v(`≥ 10× faster than ${LABEL[k]} on every .docx pair`, `absent (${peers[k].reason})`, null);
    continue;
  }
  for (const [kind, f] of [
    ["end to end (CLI vs the peer's process)", (r) => ratio(e2e(r, k), oursCli(r))],
    ["engine (in-process vs the peer's work in its running runtime)", (r) => ratio(engine(r, k), oursIn(r))],
  ]) {
    const rs = okDocx.map((r) => ({ r, x: f(r) }));
    const missing = rs.filter((y) => y.x == null);
    const have = rs.filter((y) => y.x != null);
    const worst = have.reduce((a, b) => (!a || b.x < a.x ? b : a), null);
    const timeouts = okDocx.filter((r) => tool(r, k)?.status?.startsWith("timeout")).length;
    v(
      `≥ 10× faster than ${LABEL[k]}, ${kind}, every .docx pair`,
      worst ? `lowest ${rx(worst.x)} (${worst.r.name}); ${have.filter((y) => y.x >= 10).length} of ${rs.length} pairs ≥ 10×${missing.length ? `; ${missing.length} without a time${timeouts ? ` (${timeouts} timeout)` : ""}` : ""}` : "no times",
      worst ? have.every((y) => y.x >= 10) && !missing.length : null,
    );
  }
}
{
  const checked = okDocx.filter((r) => tool(r, "redline")?.roundTrip && tool(r, "redline").roundTrip.ok !== null);
  v(
    "redline's tracked .docx round-trips (pandoc: accept = NEW, reject = OLD), every pair",
    checked.length ? `${checked.filter((r) => tool(r, "redline").roundTrip.ok).length} of ${okDocx.length}` : "not checked",
    checked.length ? checked.length === okDocx.length && checked.every((r) => tool(r, "redline").roundTrip.ok) : null,
  );
}
if (present("git")) {
  const rs = okText.filter((r) => r.median.git != null).map((r) => ({ r, x: r.median.redline / r.median.git }));
  const worst = rs.reduce((a, b) => (!a || b.x > a.x ? b : a), null);
  v(
    "text → Delta within 2× of git diff --word-diff (redline ÷ git ≤ 2; redline in process, git's whole process), every generated pair",
    worst ? `highest ${rx(worst.x)} (${worst.r.name}); ${rs.filter((y) => y.x <= 2).length} of ${rs.length} pairs within 2×` : "no times",
    worst ? rs.every((y) => y.x <= 2) : null,
  );
} else v("text → Delta within 2× of git diff --word-diff", `absent (${peers.git.reason})`, null);
for (const fraction of FRACTIONS) {
  const a = okText.find((r) => r.words === SIZES[0] && r.fraction === fraction);
  const b = okText.find((r) => r.words === SIZES.at(-1) && r.fraction === fraction);
  if (!a || !b) continue;
  const x = perWord(b) / perWord(a);
  v(`Linear: time per word at ${label(SIZES.at(-1))} ≤ 2× that at ${label(SIZES[0])} (${pct(fraction)} edited)`, `${rx(x)} (${fmt(perWord(b), 3)} vs ${fmt(perWord(a), 3)} ms / 1k words)`, x <= 2);
}
const verdictHeader = ["Target", "Measured", "Result"];
const verdictRows = verdicts.map((x) => [x.name, x.value, x.pass === null ? "–" : x.pass ? "pass" : "**miss**"]);

const peersHeader = ["Peer", "Status", "Version"];
const peersRows = Object.entries(peers).map(([k, x]) => [k === "pandoc" ? "pandoc (round-trip check)" : LABEL[k], x.present ? "present" : `**absent**: ${x.reason}`, x.present ? (k === "libreoffice" ? (okDocx.map((r) => tool(r, k)?.version).find(Boolean) ?? x.version) : x.version) ?? "" : ""]);

// ---------------------------------------------------------------------------
// Print


console.log("\nPeers\n");
console.log(textTable(peersHeader, peersRows));
if (textRows.length) {
  console.log("\nText -> Delta against word diffs (generated books; ms, median; ratio = peer ÷ redline)\n");
  console.log(textTable(textHeader, textRows));
}
if (docxRows.length) {
  console.log("\n.docx -> tracked .docx (ms, median; ratio = peer ÷ redline)\n");
  console.log(textTable(docxHeader, docxRows));
  console.log("\nWhat they mark, and whether it round-trips\n");
  console.log(textTable(markHeader, markRows));
  for (const n of rtNotes) console.log(`- ${n}`);
  console.log("\nRuns (ms)\n");
  console.log(textTable(runsHeader, runsRows));
}
if (convRows.length) {
  console.log("\nText peers on `redline textconv` of the .docx pairs\n");
  console.log(textTable(textHeader, convRows));
}
if (linRows.length) {
  console.log("\nGrowth with size\n");
  console.log(textTable(linHeader, linRows));
}
console.log("\nTargets\n");
console.log(textTable(verdictHeader, verdictRows));
console.log(`\nLoad average (1 min) before / after: ${fmt(loadBefore, 2)} / ${fmt(loadAfter, 2)}; ${fmt(wallMin, 1)} min`);

// ---------------------------------------------------------------------------
// Chart: time against size, log-log, one line per tool (solid 1%, dashed 30% edited)

function chart() {
  const W = 980;
  const H = 480;
  const panels = [
    {
      title: "Text → Delta vs word diffs (generated books)",
      series: ["redline", ...TEXT_PEERS]
        .filter((k) => k === "redline" || present(k))
        .flatMap((k) =>
          FRACTIONS.map((f) => ({
            name: `${LABEL[k]}${k === "redline" ? " text → Delta" : ""}`,
            key: k,
            fraction: f,
            points: okText.filter((r) => r.fraction === f && r.median[k] != null && !r.status?.[k]).map((r) => [r.wordsOld, r.median[k]]),
          })),
        ),
    },
    {
      title: ".docx → tracked .docx (ITU-T documents)",
      series: [
        ["redline-in", "redline in-process", (r) => oursIn(r)],
        ["redline", "redline CLI", (r) => oursCli(r)],
        ["libreoffice", `${LABEL.libreoffice} (end to end)`, (r) => e2e(r, "libreoffice")],
        ["docxodus", `${LABEL.docxodus} (end to end)`, (r) => e2e(r, "docxodus")],
      ]
        .filter(([k]) => k.startsWith("redline") || present(k))
        .flatMap(([key, name, f]) =>
          FRACTIONS.map((fraction) => ({
            name,
            key,
            fraction,
            points: okDocx
              .filter((r) => r.fraction === fraction && f(r) != null)
              .map((r) => [r.docWords, f(r)])
              .sort((a, b) => a[0] - b[0]),
          })),
        ),
    },
  ].filter((p) => p.series.some((s) => s.points.length));
  const COLORS = { redline: "#c0392b", "redline-in": "#e67e22", git: "#2c3e50", wdiff: "#27ae60", dwdiff: "#8e44ad", libreoffice: "#2980b9", docxodus: "#7f8c8d" };
  const pw = (W - 40) / Math.max(1, panels.length);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${W / 2}" y="18" text-anchor="middle" font-size="14" font-weight="bold">Time against document size (log–log; solid: 1% edited, dashed: 30%)</text>`,
  ];
  panels.forEach((p, i) => {
    const x0 = 20 + i * pw + 58;
    const x1 = 20 + (i + 1) * pw - 14;
    const y0 = H - 62;
    const y1 = 120;
    const xs = p.series.flatMap((s) => s.points.map((q) => q[0]));
    const ys = p.series.flatMap((s) => s.points.map((q) => q[1]));
    // log ranges padded a little around the data; labelled ticks at 1, 2 and 5 times a power of ten
    const lx0 = Math.log10(Math.min(...xs)) - 0.12;
    const lx1 = Math.log10(Math.max(...xs)) + 0.12;
    const ly0 = Math.floor(Math.log10(Math.min(...ys)) - 0.05);
    const ly1 = Math.ceil(Math.log10(Math.max(...ys)) + 0.05);
    const X = (x) => x0 + ((Math.log10(x) - lx0) / (lx1 - lx0)) * (x1 - x0);
    const Y = (y) => y0 - ((Math.log10(y) - ly0) / (ly1 - ly0)) * (y0 - y1);
    out.push(`<text x="${(x0 + x1) / 2}" y="40" text-anchor="middle" font-size="12" font-weight="bold">${esc(p.title)}</text>`);
    for (let e = Math.floor(lx0); e <= Math.ceil(lx1); e++) {
      for (let m = 1; m < 10; m++) {
        const v = m * 10 ** e;
        const l = Math.log10(v);
        if (l < lx0 || l > lx1) continue;
        const x = X(v).toFixed(1);
        if (m === 1 || m === 2 || m === 5) {
          out.push(`<line x1="${x}" y1="${y1}" x2="${x}" y2="${y0}" stroke="${m === 1 ? "#ccc" : "#eee"}"/>`);
          out.push(`<text x="${x}" y="${y0 + 14}" text-anchor="middle"${m === 1 ? "" : ' fill="#777"'}>${esc(tick(v))}</text>`);
        } else out.push(`<line x1="${x}" y1="${y0}" x2="${x}" y2="${y0 - 4}" stroke="#999"/>`);
      }
    }
    for (let e = ly0; e <= ly1; e++) {
      const y = Y(10 ** e);
      out.push(`<line x1="${x0}" y1="${y.toFixed(1)}" x2="${x1}" y2="${y.toFixed(1)}" stroke="#ccc"/>`);
      out.push(`<text x="${x0 - 6}" y="${(y + 4).toFixed(1)}" text-anchor="end">${esc(tickMs(10 ** e))}</text>`);
      for (let m = 2; m < 10 && e < ly1; m++) out.push(`<line x1="${x0}" y1="${Y(m * 10 ** e).toFixed(1)}" x2="${x0 + 4}" y2="${Y(m * 10 ** e).toFixed(1)}" stroke="#999"/>`);
    }
    out.push(`<rect x="${x0}" y="${y1}" width="${x1 - x0}" height="${y0 - y1}" fill="none" stroke="#555"/>`);
    out.push(`<text x="${(x0 + x1) / 2}" y="${y0 + 30}" text-anchor="middle">words in the old document</text>`);
    out.push(`<text transform="translate(${x0 - 46} ${(y0 + y1) / 2}) rotate(-90)" text-anchor="middle">time (median)</text>`);
    for (const s of p.series) {
      if (!s.points.length) continue;
      const c = COLORS[s.key] ?? "#000";
      const d = s.points.map((q, j) => `${j ? "L" : "M"}${X(q[0]).toFixed(1)},${Y(q[1]).toFixed(1)}`).join(" ");
      out.push(`<path d="${d}" fill="none" stroke="${c}" stroke-width="2"${s.fraction > 0.05 ? ' stroke-dasharray="6 4"' : ""}/>`);
      for (const q of s.points) out.push(`<circle cx="${X(q[0]).toFixed(1)}" cy="${Y(q[1]).toFixed(1)}" r="3" fill="${s.fraction > 0.05 ? "#fff" : c}" stroke="${c}" stroke-width="1.5"><title>${esc(`${s.name}, ${pct(s.fraction)} edited: ${fmt(q[0])} words, ${ms(q[1])} ms`)}</title></circle>`);
    }
    // legend
    const names = [...new Map(p.series.map((s) => [s.key, s.name])).entries()];
    names.forEach(([k, n], j) => {
      const lx = x0 + (j % 2) * ((x1 - x0) / 2) + 4;
      const ly = 58 + Math.floor(j / 2) * 16;
      out.push(`<line x1="${lx}" y1="${ly}" x2="${lx + 22}" y2="${ly}" stroke="${COLORS[k] ?? "#000"}" stroke-width="2"/>`);
      out.push(`<text x="${lx + 28}" y="${ly + 4}">${esc(n)}</text>`);
    });
  });
  out.push(`<text x="${W - 8}" y="${H - 8}" text-anchor="end" fill="#777" font-size="10">${esc(`pnpm bench:peers, ${date}, load ${fmt(loadBefore, 1)}–${fmt(loadAfter, 1)} on ${os.cpus().length} cores`)}</text>`);
  out.push("</svg>");
  return out.join("\n") + "\n";
}
function esc(s) {
  return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
function tick(x) {
  const r = (v) => String(Math.round(v * 1000) / 1000);
  return x >= 1e6 ? `${r(x / 1e6)}M` : x >= 1e3 ? `${r(x / 1e3)}k` : r(x);
}
function tickMs(x) {
  const r = (v) => String(Math.round(v * 1000) / 1000);
  return x >= 1000 ? `${r(x / 1000)} s` : x >= 1 ? `${r(x)} ms` : `${r(x * 1000)} µs`;
}

// ---------------------------------------------------------------------------
// docs/benchmarks.md and the chart

if (!opts["no-write"]) {
  const machine = machineLine();
  const cpus = os.cpus();
  const busy = Math.max(loadBefore, loadAfter) > cpus.length;
  const anyCold = okDocx.some((r) => tool(r, "docxodus")?.runs.length && tool(r, "docxodus").median.warm == null);
  const anyLoCold = okDocx.some((r) => loColdMark(r) !== "");
  const section = [
    START,
    "## Side by side with peers",
    "",
    "_This section is generated by `bench/peers/run.mjs` (`pnpm bench:peers`); edits inside the markers are overwritten._",
    "",
    `- Machine: ${machine}`,
    `- Date: ${date}`,
    `- Code: ${codeLine()}`,
    `- Load average (1 min) before / after the run: ${fmt(loadBefore, 2)} / ${fmt(loadAfter, 2)}${busy ? ` — **more than the ${cpus.length} cores**: other work was running on the machine (at the start, at least), so times here are inflated, peers' and ours alike (all tools of a pair run in the same minutes, so the ratios suffer less than the times)` : ""}`,
    `- Command: \`scripts/install-peers.sh && pnpm bench:peers\`${quick ? " with `--quick`" : ""} (${fmt(wallMin, 0)} min)`,
    "",
    mdTable(peersHeader, peersRows),
    "",
    "Every pair is timed in one child process (`bench/peers/text-case.mjs`, `bench/peers/docx-case.mjs`); each peer",
    "run is a process of its own. redline in process runs first (its warm-up, then its timed runs, one after",
    "another), then the peers (and, for .docx pairs, the redline CLI) alternate run by run; so the in-process",
    "figures and the peers' are taken seconds to minutes apart. Interleaved with the peers, an in-process run",
    "right after a peer's process (which keeps this one idle for up to 17 s) took 300–370 ms instead of about 245",
    "(1M × 1%), and so did the next one or two: V8 sizes its heap from how the process ran lately. Ratios are",
    "peer time ÷ redline time on the",
    "same pair in this run, from the medians. ¹ one run only: the tool's first run took longer than",
    `${SLOW_MS / 1000} s, so it counted as the single timed run (and had no warm-up).`,
    "",
    "### .docx → tracked .docx",
    "",
    `Pairs: ITU-T documents from \`${CORPUS}\` (Resolution T.1 (2016), Q.850 (10/2018), H.222.0 (08/2018), the`,
    "largest) against a copy with 1% or 30% of their body paragraphs edited by `bench/docx-edit.mjs` (8 edits in 10",
    "replace one word, 1 deletes the paragraph, 1 inserts a copy with one word replaced), made in a process of its own",
    "(`editDocxApart`): with the editor run first in the process that times redline, Q.850 × 30% ran 1–8% slower there.",
    DOCX_RUNS > 1 ? `Medians of ${DOCX_RUNS} runs (redline in process: of at least 7).` : "One run each (`--quick`; redline in process: 7).",
    "",
    "- **redline in-process**: `openPackage` + `readDocxPackage` both (NEW's sharing OLD's parts whose text is the same, as",
    "  the CLI does: here styles, numbering and settings, always, because the editor copies every part but the main",
    "  one; two documents saved apart by Word often share their styles, rarely their settings, and on Q.850 the",
    "  sharing saves about 4 ms; NEW's document part copies from OLD's tree the paragraphs, tables and rows it spells",
    "  with OLD's bytes, which the editor leaves as they were: in the WmlComparer pairs, made in Word from one another,",
    "  60 of the 86 paragraphs of NEW that have one of OLD's texts also have its bytes; in two agreements saved apart",
    "  none of 576 does), `compare`, `writeTrackedDocx`, after a warm-up as in",
    `  \`pnpm bench\`: until its time settles ${WARM_UP_RULE}. A fixed 3 rounds left Q.850 × 30% speeding up`,
    "  through the timed runs (418, 247, 200 ms). Then at least 7 timed runs (0.1 s each on Q.850, against 3 s for",
    "  LibreOffice's), so that one run slowed by the machine moves the median less.",
    "- **redline CLI**: wall time of `node apps/cli/dist/main.js compare OLD NEW -o OUT.docx --date 2024-01-01`",
    "  (a cold process: Node start-up and file I/O included; the command loads from its single-file bundle with V8's",
    "  code cache, docs/architecture.md).",
    "- **LibreOffice**: `bench/peers/lo-compare.py` (system python with python3-uno) starts its own headless soffice",
    "  (private profile), loads NEW, dispatches `.uno:CompareDocuments` with `URL` = OLD (LibreOffice marks in the",
    "  loaded document what changed since the given one, so accept = NEW, reject = OLD) and stores the result with",
    "  the \"MS Word 2007 XML\" filter. End to end = wall time of the script, cold: Python and its UNO bridge",
    "  (about 30 ms), soffice start-up with a new private profile (a reused profile saved 100–300 ms but made every",
    "  other compare crash), load, compare, store, quit, and removing the profile. Load + compare + store = the",
    "  same steps in a second run of the script whose soffice has first loaded OLD and NEW and stored each with",
    "  the same filter (`--warm-up`, untimed; T.1: 870 → 690 ms with it), the counterpart of redline's warm-up;",
    "  compare step = the dispatch alone in that run (it includes LibreOffice loading OLD). The compare itself",
    "  cannot be warmed: a second `.uno:CompareDocuments` in the same soffice 7.4 process crashed it, so each",
    `  run is a soffice of its own. Watchdog: 300 s per run${anyLoCold ? "; ³ no run with a warm-up finished: the cold run's steps" : ""}.`,
    "- **docxodus**: `bench/peers/docxodus-run.mjs` imports `docxodus/core` (from `/tmp/peers`, outside the repo),",
    "  `initialize()`s its .NET WebAssembly runtime (shipped in the package, no network), reads both files,",
    "  `compareDocuments(old, new)` and writes the result. End to end = process start to file written (the first,",
    "  \"cold\", compare included); compare = a second compare of the same pair in the same process (\"warm\", the",
    "  README's steady state). The warm compare sometimes never finishes (docxodus 12.6.2 spins in it): it gets 3×",
    `  the cold one's time (at least 15 s), then the process is killed and the run keeps its cold numbers${anyCold ? "; ² no warm compare finished (or the pair was too slow for one): the cold compare" : ""}.`,
    "- **end to end** ratios set the peer's process against the redline CLI; **engine** ratios set the peer's work",
    "  in its already running runtime against redline in-process.",
    "",
    mdTable(docxHeader, docxRows),
    "",
    "What each tool's tracked document marks, and whether it round-trips. Words changed: from the editor's record",
    "(a replaced word is one deleted and one inserted word; a deleted or inserted paragraph counts its words);",
    "redline Delta words: the Delta's `insertedWords` + `deletedWords` (redline's own word count).",
    "Marks: words inside the main part's `w:ins` / `w:moveTo` (inserted) and `w:del` / `w:moveFrom` (deleted),",
    "neighbouring marked text joined first; words are runs of letters and digits. Round trip:",
    "`pandoc --track-changes=accept` of the output has NEW's text and `--track-changes=reject` has OLD's",
    "(`pandoc -t html`, tags dropped, whitespace collapsed: pandoc's plain-text tables depend on column widths).",
    "",
    mdTable(markHeader, markRows),
    ...(rtNotes.length ? ["", ...rtNotes.map((n) => `- ${n}`)] : []),
    "",
    mdTable(runsHeader, runsRows),
    "",
    "### Text → Delta against word diffs",
    "",
    "redline: `compare(readText(old), readText(new), { profile: \"itu-resolution\" })` in process (after a warm-up until",
    "its time settles, as for the .docx pairs);",
    "git: `git diff --no-index --no-color --word-diff=porcelain OLD NEW`; `wdiff OLD NEW`; `dwdiff OLD NEW`: wall",
    "time of the process (output to /dev/null; process start and file reads included, which redline's",
    "in-process time leaves out: the redline CLI column has them). Pairs: generated ITU resolution books",
    "(`bench/generate.mjs`, seed 1) against a copy with 1% or 30% of clauses edited (`bench/edit.mjs`), the same",
    `pairs as \`pnpm bench\`; medians of ${quick ? 1 : 5} runs (3 at 1M words) after a warm-up.`,
    "",
    mdTable(textHeader, textRows),
    ...(convRows.length
      ? ["", "The same tools on the text of the .docx pairs (`redline textconv OLD.docx` / `NEW.docx`, one paragraph per line):", "", mdTable(textHeader, convRows)]
      : []),
    "",
    "Time per word as the document grows (generated books):",
    "",
    mdTable(linHeader, linRows),
    "",
    "![Time against document size, log-log, one line per tool](images/bench-time-vs-size.svg)",
    "",
    "### Targets",
    "",
    mdTable(verdictHeader, verdictRows),
    END,
  ].join("\n");

  writeSection(DOCS, START, END, section);
  mkdirSync(dirname(SVG), { recursive: true });
  writeFileSync(SVG, chart());
  console.log(`\nwrote ${DOCS} (peers section) and ${SVG}`);
}

const failed = [...textResults, ...docxResults, ...convResults].some((r) => r.error && !String(r.error).startsWith("skipped"));
process.exit(failed ? 1 : 0);
