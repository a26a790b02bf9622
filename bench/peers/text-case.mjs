/**
 * One text pair of the peer benchmark, in its own process:
 *
 *   node --expose-gc bench/peers/text-case.mjs --words 100000 --fraction 0.01 --runs 3 --dir SCRATCH [--seed 1]
 *   node --expose-gc bench/peers/text-case.mjs --old OLD.txt --new NEW.txt --runs 3 --dir SCRATCH
 *
 * The first form generates a book (bench/generate.mjs) and an edited copy (bench/edit.mjs, the
 * same seeds as bench/case.mjs); the second takes two text files (`redline textconv` of a .docx
 * pair). Both texts are written to SCRATCH, then timed, `runs` times each:
 *
 *   redline   compare(readText(old), readText(new), { profile: "itu-resolution" }) in this process
 *   git       git diff --no-index --no-color --word-diff=porcelain OLD NEW
 *   wdiff     wdiff OLD NEW
 *   dwdiff    dwdiff OLD NEW
 *
 * (peers: wall time of the child, output to /dev/null). redline warms up until its time settles
 * (report.mjs warmUp, as in pnpm bench); every peer gets one untimed warm-up run first, unless that
 * run took longer than SLOW_MS: then it is the tool's only run. redline's timed runs come first, one
 * after another, then the peers' run by run: interleaved with the peers, a redline run right after a
 * peer's process (which blocks this one for up to 17 s: dwdiff at 1M words) took 300-370 ms instead of
 * about 245 (1M x 1%), and so did the next one or two; the same after 5 s of sleep. V8 sizes its heap
 * from how the process ran lately, and a process that compares pair after pair never idles. Also, once:
 * `redline compare OLD NEW --format json` end to end (Node start-up included). Prints one JSON line.
 */
import { writeFileSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { compare, readText } from "../../packages/core/dist/index.js";
import { editBookDetailed } from "../edit.mjs";
import { generateBook } from "../generate.mjs";
import { PEER_TIMEOUT_MS, SLOW_MS, countWords, median, r1, timeCommand } from "./common.mjs";
import { warmUp } from "../report.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const CLI = join(here, "..", "..", "apps", "cli", "dist", "main.js");

const { values } = parseArgs({
  options: {
    words: { type: "string" },
    fraction: { type: "string" },
    seed: { type: "string", default: "1" },
    old: { type: "string" },
    new: { type: "string" },
    runs: { type: "string", default: "3" },
    dir: { type: "string" },
    peers: { type: "string", default: "git,wdiff,dwdiff" },
  },
});
const runs = Math.max(1, Number(values.runs));
const gc = globalThis.gc ?? (() => {});
const PROFILE = "itu-resolution";

let oldText;
let newText;
let oldPath;
let newPath;
if (values.old) {
  oldPath = values.old;
  newPath = values.new;
  oldText = readFileSync(oldPath, "utf8");
  newText = readFileSync(newPath, "utf8");
} else {
  const words = Number(values.words);
  const fraction = Number(values.fraction);
  const seed = Number(values.seed);
  oldText = generateBook(words, seed);
  newText = editBookDetailed(oldText, fraction, seed * 1000 + Math.round(fraction * 100)).text;
  oldPath = join(values.dir, `book-${words}.txt`);
  newPath = join(values.dir, `book-${words}-${fraction}.txt`);
  writeFileSync(oldPath, oldText);
  writeFileSync(newPath, newText);
}

function ours() {
  gc();
  const s = performance.now();
  const delta = compare(readText(oldText, { name: "old.txt" }), readText(newText, { name: "new.txt" }), { profile: PROFILE });
  return { ms: performance.now() - s, delta };
}

const commands = {
  git: ["git", ["diff", "--no-index", "--no-color", "--word-diff=porcelain", oldPath, newPath]],
  wdiff: ["wdiff", [oldPath, newPath]],
  dwdiff: ["dwdiff", [oldPath, newPath]],
};
const peers = values.peers ? values.peers.split(",").filter((p) => commands[p]) : [];

const times = { redline: [] };
const status = {}; // peer -> "timeout" | error text
const only = new Set(); // peers whose warm-up was their only run
for (const p of peers) times[p] = [];

// warm-up: redline's code is compiled as it runs (one run left the 10k- and 100k-word pairs twice as
// slow as once compiled); the peers are native programs
let summary = null;
const warmUps = warmUp(() => {
  summary = ours().delta.summary;
});
for (let i = 0; i < runs; i++) times.redline.push(ours().ms);
for (const p of peers) {
  const r = timeCommand(...commands[p], { timeoutMs: PEER_TIMEOUT_MS });
  if (r.timeout) status[p] = "timeout";
  else if (r.error) status[p] = r.error;
  else if (r.ms > SLOW_MS) {
    times[p].push(r.ms);
    only.add(p);
  }
}
for (let i = 0; i < runs; i++) {
  for (const p of peers) {
    if (status[p] || only.has(p)) continue;
    const r = timeCommand(...commands[p]);
    if (r.timeout) status[p] = "timeout";
    else if (r.error) status[p] = r.error;
    else times[p].push(r.ms);
  }
}

const cli = timeCommand(process.execPath, [CLI, "compare", oldPath, newPath, "--format", "json"]);

const countText = (t) => countWords(t.replace(/^[^\t\n]*\t/gm, (m) => m)); // labels count as words, like any token
const result = {
  wordsOld: countText(oldText),
  wordsNew: countText(newText),
  bytesOld: Buffer.byteLength(oldText),
  runs,
  warmUps,
  times: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, v.map(r1)])),
  median: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, r1(median(v))])),
  status,
  only: [...only],
  cli: cli.error ? { error: cli.error } : { ms: r1(cli.ms) },
  summary: { modified: summary.modified, added: summary.added, deleted: summary.deleted, moved: summary.moved, insertedWords: summary.insertedWords, deletedWords: summary.deletedWords },
};
process.stdout.write(JSON.stringify(result) + "\n");
