/**
 * One benchmark case, run in its own process so its peak RSS is its own:
 *
 *   node --expose-gc bench/case.mjs --words 100000 --fraction 0.01 --runs 5 [--seed 1]
 *
 * Generates a book and an edited copy (not timed), then times text -> Delta,
 * `compare(readText(old), readText(new), { profile: "itu-resolution" })`:
 * a warm-up until the time settles (report.mjs warmUp), then `runs` timed
 * runs. Prints one JSON line on stdout.
 */
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { align, compare, readText, structure, toDelta } from "../packages/core/dist/index.js";
import { checkDelta } from "./check.mjs";
import { median as medianOf, warmUp } from "./report.mjs";
import { editBookDetailed } from "./edit.mjs";
import { generateBook, wordCount } from "./generate.mjs";

const { values } = parseArgs({
  options: {
    words: { type: "string" },
    fraction: { type: "string" },
    runs: { type: "string", default: "5" },
    seed: { type: "string", default: "1" },
  },
});
const targetWords = Number(values.words);
const fraction = Number(values.fraction);
const runs = Math.max(1, Number(values.runs));
const seed = Number(values.seed);
const PROFILE = "itu-resolution";
const gc = globalThis.gc ?? (() => {});

let t = performance.now();
const oldText = generateBook(targetWords, seed);
const generateMs = performance.now() - t;
t = performance.now();
// the edit seed depends on the fraction so the 1% and 30% cases edit different clauses
const edited = editBookDetailed(oldText, fraction, seed * 1000 + Math.round(fraction * 100));
const editMs = performance.now() - t;
const newText = edited.text;

const countWords = (text) => text.split("\n\n").reduce((n, p) => n + wordCount(p), 0);

function once() {
  const start = performance.now();
  const delta = compare(readText(oldText, { name: "old.txt" }), readText(newText, { name: "new.txt" }), { profile: PROFILE });
  const ms = performance.now() - start;
  return { delta, ms, heap: process.memoryUsage().heapUsed };
}

// one warm-up run left the 10k- and 100k-word cases twice as slow as once compiled
const warmUps = warmUp(() => {
  gc();
  once();
});
const times = [];
let heapPeak = 0;
let delta = null;
for (let i = 0; i < runs; i++) {
  delta = null;
  gc();
  const r = once();
  times.push(r.ms);
  heapPeak = Math.max(heapPeak, r.heap);
  delta = r.delta;
}
const median = medianOf(times);

// Where the time goes (one extra, separately timed pass; not part of the median).
gc();
const stages = {};
const lap = (name, f) => {
  const s = performance.now();
  const v = f();
  stages[name] = Math.round(performance.now() - s);
  return v;
};
const oldDoc = lap("read", () => readText(oldText, { name: "old.txt" }));
const newDoc = readText(newText, { name: "new.txt" });
const trees = lap("structure", () => [structure(oldDoc, PROFILE), structure(newDoc, PROFILE)]);
const alignment = lap("align", () => align(trees[0], trees[1]));
lap("delta", () => toDelta(alignment));

const s = delta.summary;
const movedOnly = delta.clauses.filter((c) => c.moved && c.status === "unchanged").length;
const check = checkDelta(delta, edited.expected);
const editsMade = Object.values(edited.edits).reduce((a, b) => a + b, 0);

const result = {
  targetWords,
  fraction,
  runs,
  warmUps,
  seed,
  wordsOld: countWords(oldText),
  wordsNew: countWords(newText),
  charsOld: oldText.length,
  clauses: edited.clauses,
  entries: { old: trees[0].clauses.length, new: trees[1].clauses.length },
  edits: edited.edits,
  editsMade,
  generateMs: Math.round(generateMs),
  editMs: Math.round(editMs),
  times: times.map((x) => Math.round(x * 10) / 10),
  medianMs: Math.round(median * 10) / 10,
  stages,
  heapUsedMB: Math.round((heapPeak / 1048576) * 10) / 10,
  // maxRSS is in kilobytes
  peakRssMB: Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10,
  summary: s,
  notes: delta.notes,
  reportedChanges: s.modified + s.added + s.deleted + movedOnly,
  check,
};
process.stdout.write(JSON.stringify(result) + "\n");
