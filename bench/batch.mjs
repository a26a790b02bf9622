/**
 * `node bench/batch.mjs`: `redline batch` with one job against two.
 *
 *   node bench/batch.mjs              200 pairs, median of 3 runs each; writes docs/benchmarks.md
 *   node bench/batch.mjs --pairs 50   fewer pairs
 *   node bench/batch.mjs --no-write   print only
 *   node bench/batch.mjs --serial-cli 20  the separate-processes reference on a sample of 20 pairs, extrapolated (default: all of them; 0: none)
 *
 * Generates PAIRS resolution books of 3,000-5,000 words (bench/generate.mjs,
 * one seed per pair) and an edited copy of each (bench/edit.mjs, 5% of the
 * clauses) as DIR/old/res-NNN.txt and DIR/new/res-NNN.txt in a temporary
 * folder, then times the BUILT command (apps/cli/dist/main.js)
 * `redline batch --pairs DIR -o OUT --jobs 1` and `--jobs 2`, runs
 * interleaved (1, 2, 1, 2, ...) after one warm-up of each so that load from
 * other work hits both alike. Checks that both write byte-identical folders.
 *
 * For reference, what batch saves over a shell loop: the pairs (all of
 * them, or with --serial-cli N a sample of N evenly spread over the sizes,
 * extrapolated and labelled as such) run as separate
 * `redline compare OLD NEW -o OUT/NAME.json --date ...` processes one after
 * another, each paying Node's start-up, module loading and a cold JIT.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { editBook } from "./edit.mjs";
import { generateBook } from "./generate.mjs";
import { fmt, codeLine, machineLine, median, writeSection } from "./report.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const CLI = join(root, "apps", "cli", "dist", "main.js");
const DOCS = join(root, "docs", "benchmarks.md");
const START = "<!-- batch-bench:start -->";
const END = "<!-- batch-bench:end -->";
const TARGET = 1.6;

const { values: opts } = parseArgs({
  options: {
    pairs: { type: "string", default: "200" },
    runs: { type: "string", default: "3" },
    "serial-cli": { type: "string", default: "all" },
    "no-write": { type: "boolean", default: false },
  },
});
const PAIRS = Number(opts.pairs);
const RUNS = Number(opts.runs);
const SAMPLE = opts["serial-cli"] === "all" ? PAIRS : Math.min(Number(opts["serial-cli"]), PAIRS);
const ALL = SAMPLE === PAIRS;
if (!Number.isInteger(PAIRS) || PAIRS < 1 || !Number.isInteger(RUNS) || RUNS < 1 || !Number.isInteger(SAMPLE) || SAMPLE < 0) {
  console.error("bench: --pairs and --runs must be whole numbers of at least 1, --serial-cli \"all\" or one of at least 0");
  process.exit(2);
}

if (!existsSync(CLI)) {
  console.error("bench: apps/cli/dist/main.js is missing; build it first (pnpm build)");
  process.exit(2);
}
const help = spawnSync(process.execPath, [CLI, "batch", "--help"], { encoding: "utf8" });
if (help.status !== 0) {
  console.error(`bench: this build has no 'redline batch' (${help.stderr.trim()})`);
  process.exit(2);
}


// ---------------------------------------------------------------------------
// inputs

const work = mkdtempSync(join(os.tmpdir(), "redline-batch-bench-"));
const dir = join(work, "pairs");
mkdirSync(join(dir, "old"), { recursive: true });
mkdirSync(join(dir, "new"), { recursive: true });
process.stderr.write(`bench: generating ${PAIRS} pairs in ${dir} ...`);
let totalWords = 0;
let totalBytes = 0;
const pairWords = [];
for (let i = 1; i <= PAIRS; i++) {
  const words = 3000 + ((i * 7919) % 2001); // 3,000-5,000 words, spread evenly
  const old = generateBook(words, i);
  const edited = editBook(old, 0.05, i);
  const name = `res-${String(i).padStart(3, "0")}.txt`;
  writeFileSync(join(dir, "old", name), old);
  writeFileSync(join(dir, "new", name), edited);
  pairWords.push(old.split(/\s+/).filter(Boolean).length);
  totalWords += pairWords.at(-1);
  totalBytes += Buffer.byteLength(old) + Buffer.byteLength(edited);
}
process.stderr.write(` ${fmt(totalWords)} words in the old texts\n`);

// ---------------------------------------------------------------------------
// how much parallelism the machine gives right now: the same fixed pure-JS
// work done twice on one thread, then once on each of two threads at once

const PROBE = `const { parentPort, workerData } = require("node:worker_threads");
let x = 0;
for (let u = 0; u < workerData; u++) for (let i = 0; i < 4e7; i++) x = (x * 31 + i) | 0;
parentPort.postMessage(x);`;
const probeThread = (units) =>
  new Promise((res, rej) => {
    const w = new Worker(PROBE, { eval: true, workerData: units });
    w.once("message", () => void w.terminate().then(res));
    w.once("error", rej);
  });
async function probe() {
  let t = performance.now();
  await probeThread(2);
  const one = performance.now() - t;
  t = performance.now();
  await Promise.all([probeThread(1), probeThread(1)]);
  return one / (performance.now() - t);
}

// ---------------------------------------------------------------------------
// runs

const DATE = "2024-10-15T00:00:00Z";
const loadBefore = os.loadavg();
const probeBefore = await probe();
process.stderr.write(`bench: CPU probe: two threads did ${fmt(probeBefore, 2)}x the work of one\n`);
const times = { 1: [], 2: [] };
const cpu = { 1: [], 2: [] };
let outN = 0;
/** CPU seconds (user + system) of the waited-for children so far: /proc/self/stat's cutime and cstime (Linux; null elsewhere). */
function childCpu() {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[13]) + Number(f[14])) / 100; // fields 16 and 17, in clock ticks (USER_HZ = 100 on Linux)
  } catch {
    return null;
  }
}

function run(jobs) {
  const out = join(work, `out-${++outN}`);
  const cpu0 = childCpu();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [CLI, "batch", "--pairs", dir, "-o", out, "--jobs", String(jobs), "--date", DATE], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu1 = childCpu();
  const cpuMs = cpu0 === null || cpu1 === null ? null : (cpu1 - cpu0) * 1000;
  if (r.status !== 1) {
    console.error(`bench: redline batch --jobs ${jobs} exited ${r.status} (expected 1: differences found)\n${r.stderr.split("\n").slice(-5).join("\n")}`);
    process.exit(1);
  }
  return { ms, cpuMs, out };
}

// the reference: SAMPLE pairs spread evenly over the list (their sizes are spread over 3,000-5,000 words
// pseudo-randomly by index), each as its own `redline compare` process, one after another
const sample = Array.from({ length: SAMPLE }, (_, k) => Math.floor(((k + 0.5) * PAIRS) / SAMPLE) + 1);
const sampleName = (i) => `res-${String(i).padStart(3, "0")}`;
const serialTimes = [];
const serialCpu = [];
function runSerial() {
  const out = join(work, `serial-${++outN}`);
  mkdirSync(out);
  const cpu0 = childCpu();
  const t0 = process.hrtime.bigint();
  for (const i of sample) {
    const name = sampleName(i);
    const r = spawnSync(process.execPath, [CLI, "compare", join(dir, "old", `${name}.txt`), join(dir, "new", `${name}.txt`), "-o", join(out, `${name}.json`), "--date", DATE], {
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
    });
    if (r.status !== 0 && r.status !== 1) {
      console.error(`bench: redline compare ${name} exited ${r.status}\n${r.stderr.trim()}`);
      process.exit(1);
    }
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu1 = childCpu();
  return { ms, cpuMs: cpu0 === null || cpu1 === null ? null : (cpu1 - cpu0) * 1000, out };
}

function sameFolders(a, b) {
  const fa = readdirSync(a).sort();
  const fb = readdirSync(b).sort();
  return fa.length === fb.length && fa.every((f, i) => f === fb[i] && readFileSync(join(a, f)).equals(readFileSync(join(b, f))));
}

process.stderr.write("bench: warm-up ...");
const warm1 = run(1);
const warm2 = run(2);
const identical = sameFolders(warm1.out, warm2.out);
process.stderr.write(` ${fmt(warm1.ms)} / ${fmt(warm2.ms)} ms; outputs of --jobs 1 and 2 ${identical ? "byte-identical" : "DIFFER"}\n`);
if (!identical) {
  console.error("bench: --jobs 1 and --jobs 2 wrote different files");
  process.exit(1);
}
const outputs = readdirSync(warm1.out).length;
if (SAMPLE > 0) {
  // warms the page cache for a separate process's start; also checks that batch wrote what compare -o writes
  const warm = runSerial();
  const differ = sample.map(sampleName).filter((n) => !readFileSync(join(warm.out, `${n}.json`)).equals(readFileSync(join(warm1.out, `${n}.json`))));
  process.stderr.write(`bench: ${SAMPLE} separate compare processes: ${fmt(warm.ms)} ms; their results ${differ.length ? `DIFFER from batch's (${differ.join(", ")})` : "are byte-identical to batch's"}\n`);
  if (differ.length) process.exit(1);
  rmSync(warm.out, { recursive: true });
}
rmSync(warm1.out, { recursive: true });
rmSync(warm2.out, { recursive: true });

for (let i = 0; i < RUNS; i++) {
  for (const jobs of [1, 2]) {
    const { ms, cpuMs, out } = run(jobs);
    times[jobs].push(ms);
    if (cpuMs !== null) cpu[jobs].push(cpuMs);
    rmSync(out, { recursive: true });
    process.stderr.write(`bench: --jobs ${jobs} run ${i + 1}: ${fmt(ms)} ms${cpuMs === null ? "" : ` (CPU ${fmt(cpuMs)} ms)`}\n`);
  }
  if (SAMPLE > 0) {
    const { ms, cpuMs, out } = runSerial();
    serialTimes.push(ms);
    if (cpuMs !== null) serialCpu.push(cpuMs);
    rmSync(out, { recursive: true });
    process.stderr.write(`bench: ${SAMPLE} separate compare processes, run ${i + 1}: ${fmt(ms)} ms${cpuMs === null ? "" : ` (CPU ${fmt(cpuMs)} ms)`}\n`);
  }
}
const loadAfter = os.loadavg();
const probeAfter = await probe();
rmSync(work, { recursive: true, force: true });

const m1 = median(times[1]);
const m2 = median(times[2]);
const speedup = m1 / m2;
const pass = speedup >= TARGET;
console.log(`redline batch, ${PAIRS} pairs: --jobs 1 ${fmt(m1)} ms, --jobs 2 ${fmt(m2)} ms (medians of ${RUNS}): ${fmt(speedup, 2)}x faster (target ${TARGET}x: ${pass ? "pass" : "FAIL"})`);
const sampleWords = sample.reduce((n, i) => n + pairWords[i - 1], 0) / Math.max(1, SAMPLE);
const serialPerPair = SAMPLE > 0 ? median(serialTimes) / SAMPLE : null;
const serialAll = serialPerPair === null ? null : serialPerPair * PAIRS;
if (serialPerPair !== null) {
  console.log(
    ALL
      ? `separate compare processes, all ${PAIRS} pairs one after another: ${fmt(median(serialTimes))} ms (median of ${RUNS}); batch --jobs 1 ${fmt(serialAll / m1, 1)}x, --jobs 2 ${fmt(serialAll / m2, 1)}x faster`
      : `separate compare processes, ${SAMPLE}-pair sample: ${fmt(median(serialTimes))} ms (median of ${RUNS}), ${fmt(serialPerPair, 1)} ms per pair; ` +
          `extrapolated to ${PAIRS} pairs: ~${fmt(serialAll)} ms (batch --jobs 1 ${fmt(serialAll / m1, 1)}x, --jobs 2 ${fmt(serialAll / m2, 1)}x faster)`,
  );
}
console.log(`load average (1, 5, 15 min) before: ${loadBefore.map((l) => fmt(l, 2)).join(", ")}; after: ${loadAfter.map((l) => fmt(l, 2)).join(", ")}`);
console.log(`CPU probe, two threads against one: ${fmt(probeBefore, 2)}x before, ${fmt(probeAfter, 2)}x after`);

// ---------------------------------------------------------------------------
// docs/benchmarks.md

if (!opts["no-write"]) {
  const machine = machineLine({ available: true });
  const command = `node bench/batch.mjs${PAIRS !== 200 ? ` --pairs ${PAIRS}` : ""}${RUNS !== 3 ? ` --runs ${RUNS}` : ""}`;
  const cpuCell = (jobs) => (cpu[jobs].length ? fmt(median(cpu[jobs])) : "n/a");
  const row = (jobs, m) => `| ${jobs} | ${times[jobs].map((t) => fmt(t)).join(", ")} | ${fmt(m)} | ${cpuCell(jobs)} | ${fmt(m / PAIRS, 1)} | ${fmt((PAIRS / m) * 1000, 1)} |`;
  const section = [
    START,
    "## Batch: many pairs, one job or two",
    "",
    "_This section is generated by `bench/batch.mjs`; edits inside the markers are overwritten._",
    "",
    `- Machine: ${machine}`,
    `- Date: ${new Date().toISOString().slice(0, 10)}`,
    `- Code: ${codeLine()}`,
    `- Load average (1, 5, 15 min) before: ${loadBefore.map((l) => fmt(l, 2)).join(", ")}; after: ${loadAfter.map((l) => fmt(l, 2)).join(", ")}. ` +
      "The machine is shared: a load near or above the number of cores means other work took CPU time from the runs, most of all from the two-job ones.",
    `- CPU probe (the same fixed pure-JS work twice on one thread, then once on each of two threads at once): two threads did ${fmt(probeBefore, 2)}x the work of one before the runs, ${fmt(probeAfter, 2)}x after. This is the most any two-thread program could gain at that moment; 2 on an idle two-core machine.`,
    `- Command: \`${command}\``,
    "",
    `Input: ${PAIRS} pairs in one \`--pairs\` folder: a generated book of ITU resolutions of 3,000 to 5,000 words`,
    `(\`bench/generate.mjs\`, one seed per pair; ${fmt(totalWords)} words and ${fmt(totalBytes / 1024 / 1024, 1)} MB of text in all) and a copy with 5% of its`,
    "clauses edited (`bench/edit.mjs`). Timed: the built `redline batch --pairs DIR -o OUT --jobs N --date ...` as a child",
    `process, wall clock from spawn to exit (JSON results, ${fmt(outputs)} files written atomically with fsync, the table on stdout), median`,
    `of ${RUNS} runs for each N, interleaved after one warm-up run of each. \`--jobs 1\` compares the pairs one after another in the`,
    "main thread; `--jobs 2` in the main thread and one worker thread at once. The two warm-up runs wrote byte-identical folders.",
    "",
    "| Jobs | Runs (ms) | Median ms | Median CPU ms (user + system) | ms / pair | Pairs / s |",
    "| ---: | ---: | ---: | ---: | ---: | ---: |",
    row(1, m1),
    row(2, m2),
    "",
    `Speedup with 2 jobs over 1: **${fmt(speedup, 2)}x** (target: at least ${TARGET}x): ${pass ? "pass" : "fail"}.`,
    ...(serialPerPair !== null && ALL
      ? [
          "",
          `Against the pairs run one after another as one \`redline compare OLD NEW -o NAME.json\` process each (what a shell loop`,
          `does), all ${PAIRS} of them, measured: ${serialTimes.map((t) => fmt(t)).join(", ")} ms (median ${fmt(median(serialTimes))} ms${serialCpu.length ? `, CPU ${fmt(median(serialCpu))} ms` : ""}),`,
          `${fmt(serialPerPair, 1)} ms per pair. \`batch --jobs 2\` is **${fmt(serialAll / m2, 1)}x** faster than that (target: at least ${TARGET}x): ${serialAll / m2 >= TARGET ? "pass" : "fail"};`,
          `\`--jobs 1\` ${fmt(serialAll / m1, 1)}x. Each process pays Node's start-up, loading the code and a cold JIT for one pair.`,
        ]
      : []),
    ...(serialPerPair !== null && !ALL
      ? [
          "",
          `For reference, the same work as one \`redline compare OLD NEW -o NAME.json\` process per pair, one after another (what a shell`,
          `loop does): a sample of ${SAMPLE} of the pairs (spread evenly over the list; ${fmt(sampleWords)} words per old text on average against`,
          `${fmt(totalWords / PAIRS)} for all) took ${serialTimes.map((t) => fmt(t)).join(", ")} ms (median ${fmt(median(serialTimes))} ms${serialCpu.length ? `, CPU ${fmt(median(serialCpu))} ms` : ""}), ${fmt(serialPerPair, 1)} ms per pair;`,
          `**extrapolated, not measured**: about ${fmt(serialPerPair * PAIRS)} ms for all ${PAIRS} pairs, ${fmt((serialPerPair * PAIRS) / m1, 1)}x the time of \`batch --jobs 1\``,
          `and ${fmt((serialPerPair * PAIRS) / m2, 1)}x that of \`--jobs 2\`. Each process pays Node's start-up, loading the code and a cold JIT for one pair.`,
        ]
      : []),
    ...(cpu[1].length && cpu[2].length
      ? [
          "",
          `Where the time goes: with one job the process already kept ${fmt(median(cpu[1]) / m1, 2)} cores busy, and two jobs took`,
          `${fmt((median(cpu[2]) / median(cpu[1]) - 1) * 100)}% more CPU time than one. V8 compiles optimised code on background threads, so one job`,
          "already uses part of the second core; and every thread pays for itself what one job pays once: starting a worker and",
          "loading the code into it, running the first pairs in V8's interpreter (the first ten or so take several times as long",
          "as later ones) and compiling the hot functions again. Two cores cannot do",
          `${fmt(median(cpu[2]))} ms of CPU work in less than ${fmt(median(cpu[2]) / 2)} ms, so for this workload the speedup on`,
          `${os.availableParallelism()} cores cannot exceed about ${fmt(m1 / (median(cpu[2]) / os.availableParallelism()), 2)}x, however idle the machine.`,
        ]
      : []),
    END,
  ].join("\n");

  writeSection(DOCS, START, END, section);
  console.log(`wrote ${DOCS}`);
}
