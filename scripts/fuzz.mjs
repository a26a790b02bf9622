/**
 * Long fuzz run over the shared corpora: damages real .docx packages (bytes,
 * zip entries, XML; see scripts/hostile/mutate.mjs) and feeds them to the
 * BUILT packages, asserting that reading either gives a Doc or throws a
 * RedlineError with a code. With --pipeline (the default) a package that
 * reads is also compared with its undamaged original, rendered to HTML and
 * terminal text and written as a tracked-change .docx, so the stages after
 * the reader see damaged-but-readable input too.
 *
 *   pnpm fuzz                      # 10 minutes
 *   pnpm fuzz --minutes 30 --seed 7 --out /tmp/findings
 *
 * Each finding (an unhandled exception, or one input taking longer than
 * --slow seconds) is written to --out as NAME.docx plus NAME.json (the
 * replayable mutation, the stage and the stack), and a summary is printed at
 * the end. Findings become regression cases in packages/docx/test/fuzz.test.ts.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import fc from "fast-check";
import { compare, isRedlineError } from "../packages/core/dist/index.js";
import { openPackage, readDocxPackage, writeTrackedDocx } from "../packages/docx/dist/index.js";
import { renderHtml, renderTerminal } from "../packages/render/dist/index.js";
import { mutatedPackage, seedOf } from "./hostile/mutate.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: {
    minutes: { type: "string", default: "10" },
    seed: { type: "string", default: String(Date.now() % 1_000_000) },
    out: { type: "string", default: join(tmpdir(), "redline-fuzz-findings") },
    corpus: { type: "string", default: resolve(root, "../shared/corpora") },
    "max-kb": { type: "string", default: "400" },
    slow: { type: "string", default: "10" },
    "no-pipeline": { type: "boolean", default: false },
  },
});
const budgetMs = Number(values.minutes) * 60_000;
const slowMs = Number(values.slow) * 1000;
const pipeline = !values["no-pipeline"];
let seed = Number(values.seed);
mkdirSync(values.out, { recursive: true });

function docxFiles(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...docxFiles(p));
    else if (/\.docx$/i.test(e.name) && statSync(p).size <= Number(values["max-kb"]) * 1024) out.push(p);
  }
  return out.sort();
}

const seeds = [];
for (const path of docxFiles(values.corpus)) {
  try {
    const bytes = new Uint8Array(readFileSync(path));
    // only seeds the reader accepts as they are: damage must be what makes a case interesting
    readDocxPackage(openPackage(bytes, path));
    seeds.push(seedOf(relative(values.corpus, path), bytes));
  } catch {
    /* a corpus file the reader refuses on purpose (e.g. a damaged sample) is not a seed */
  }
}
if (seeds.length === 0) {
  console.error(`fuzz: no seed documents under ${values.corpus}`);
  process.exit(2);
}

const outcomes = new Map();
const findings = [];
let executions = 0;
let slowest = { ms: 0, mutation: null };

class Finding extends Error {
  constructor(stage, cause) {
    super(`${stage}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.stage = stage;
  }
}

/** Runs one stage; a RedlineError ends the case as handled, anything else is a finding. */
function stage(name, run) {
  try {
    return { value: run() };
  } catch (e) {
    if (isRedlineError(e) && typeof e.code === "string") return { refused: e.code };
    throw new Finding(name, e);
  }
}

function count(key) {
  outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
}

/** The stages, in order; returns the outcome to count. */
function stages({ mutation, bytes }) {
  const name = `fuzzed-${mutation.file.replace(/[^\w.-]+/g, "_")}`;
  const opened = stage("open", () => openPackage(bytes, name));
  if (opened.refused) return `refused:${opened.refused}`;
  const read = stage("read", () => readDocxPackage(opened.value));
  if (read.refused) return `refused:${read.refused}`;
  const doc = read.value.doc;
  if (doc.type !== "doc" || !Array.isArray(doc.paragraphs)) throw new Finding("read", new Error("the reader returned something that is not a Doc"));
  if (!pipeline) return "read";
  const seed = seeds.find((s) => s.name === mutation.file);
  const oldPkg = openPackage(seed.bytes, mutation.file);
  const oldReading = readDocxPackage(oldPkg);
  const delta = stage("compare", () => compare(oldReading.doc, doc, { old: { name: "old.docx", sha256: "0" }, new: { name, sha256: "0" } }));
  if (delta.refused) return `refused:${delta.refused}`;
  const rendered = stage("render", () => [renderHtml(delta.value), renderTerminal(delta.value, { color: false, context: 1 })]);
  if (rendered.refused) return `refused:${rendered.refused}`;
  const written = stage("write", () =>
    writeTrackedDocx(oldPkg, opened.value, delta.value, { author: "fuzz", date: "2024-01-01T00:00:00Z", moves: true }, { old: oldReading, new: read.value }),
  );
  if (written.refused) return `refused-by-writer:${written.refused}`;
  return "compared";
}

function runCase(example) {
  executions++;
  const started = performance.now();
  let outcome;
  try {
    outcome = stages(example);
  } finally {
    const ms = performance.now() - started;
    if (ms > slowest.ms) slowest = { ms, mutation: example.mutation };
  }
  count(outcome);
  const ms = performance.now() - started;
  if (ms > slowMs) throw new Finding("slow", new Error(`one input took ${Math.round(ms)} ms`));
}

const started = Date.now();
let nextReport = started + 60_000;
while (Date.now() - started < budgetMs) {
  const left = budgetMs - (Date.now() - started);
  const result = fc.check(fc.property(mutatedPackage(seeds), runCase), {
    seed,
    numRuns: Number.MAX_SAFE_INTEGER,
    interruptAfterTimeLimit: Math.min(left, 60_000),
    markInterruptAsFailure: false,
  });
  if (result.failed && result.counterexample) {
    const [example] = result.counterexample;
    const error = result.errorInstance;
    const id = `finding-${seed}-${findings.length + 1}`;
    writeFileSync(join(values.out, `${id}.docx`), example.bytes);
    const record = {
      id,
      seed,
      path: result.counterexamplePath,
      stage: error?.stage ?? "unknown",
      message: error instanceof Error ? error.message : String(error),
      stack: error?.cause?.stack ?? error?.stack ?? null,
      mutation: example.mutation,
    };
    writeFileSync(join(values.out, `${id}.json`), `${JSON.stringify(record, null, 2)}\n`);
    findings.push(record);
    console.log(`finding ${id} [${record.stage}] ${record.message}`);
  }
  seed++;
  if (Date.now() >= nextReport) {
    nextReport += 60_000;
    console.log(`${Math.round((Date.now() - started) / 60_000)} min: ${executions} executions, ${findings.length} findings`);
  }
}

const summary = {
  minutes: Math.round((Date.now() - started) / 600) / 100,
  seeds: seeds.length,
  executions,
  findings: findings.length,
  pipeline,
  outcomes: Object.fromEntries([...outcomes].sort((a, b) => b[1] - a[1])),
  slowestMs: Math.round(slowest.ms),
  slowestMutation: slowest.mutation,
  findingsDir: values.out,
};
console.log(JSON.stringify(summary, null, 2));
process.exitCode = findings.length === 0 ? 0 : 1;
