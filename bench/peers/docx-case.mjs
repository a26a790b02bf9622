/**
 * One .docx pair of the peer benchmark, in its own process:
 *
 *   node --expose-gc bench/peers/docx-case.mjs --file CORPUS.docx --fraction 0.01 --runs 3 --dir SCRATCH
 *        [--peers libreoffice,docxodus] [--no-pandoc]
 *
 * Makes NEW, a copy of the file with a fraction of its body paragraphs edited (bench/docx-edit.mjs,
 * in a process of its own, not timed), writes OLD and NEW to SCRATCH, then times:
 *
 *   redline (in process)  openPackage + readDocxPackage both, compare, writeTrackedDocx (warm-up as in
 *                         bench/docx-case.mjs: until the time settles (report.mjs warmUp), then `runs`, at least 7)
 *   redline CLI           node apps/cli/dist/main.js compare OLD NEW -o OUT --date 2024-01-01 (wall time, cold process)
 *   LibreOffice           /usr/bin/python3 bench/peers/lo-compare.py OLD NEW OUT: its own soffice per run;
 *                         wall time of the script (cold), then a run with --warm-up (soffice loads and
 *                         stores OLD and NEW once first) for its load / compare / store steps
 *   docxodus              node bench/peers/docxodus-run.mjs: its own process per run; end to end (process
 *                         start to OUT written: runtime start, reads, first compare, write), the first
 *                         compare ("cold") and one more compare of the same pair ("warm")
 *
 * The peers run interleaved with the CLI, run by run. A peer whose first run took longer than
 * SLOW_MS gets that one run only. Then, once per tool, on its output: the words its
 * revisions mark (common.mjs markedWords) and the round trip through pandoc (accept all = NEW,
 * reject all = OLD, compared as text). Also writes `redline textconv` of OLD and NEW to SCRATCH
 * for the text peers. Prints one JSON line.
 */
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { compare } from "../../packages/core/dist/index.js";
import { openPackage, readDocxPackage, writeTrackedDocx } from "../../packages/docx/dist/index.js";
import { editDocxApart } from "../docx-edit.mjs";
import { warmUp } from "../report.mjs";
import { PEER_TIMEOUT_MS, SLOW_MS, SYSTEM_PYTHON, countWords, markedWords, median, pandocText, r1, spawnWatched, textDiff, timeCommand } from "./common.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const CLI = join(here, "..", "..", "apps", "cli", "dist", "main.js");

const { values } = parseArgs({
  options: {
    file: { type: "string" },
    fraction: { type: "string" },
    runs: { type: "string", default: "3" },
    dir: { type: "string" },
    peers: { type: "string", default: "libreoffice,docxodus" },
    "no-pandoc": { type: "boolean", default: false },
  },
});
const file = values.file;
const fraction = Number(values.fraction);
const runs = Math.max(1, Number(values.runs));
const IN_PROCESS_RUNS = 7;
const dir = values.dir;
const peers = new Set(values.peers ? values.peers.split(",") : []);
const gc = globalThis.gc ?? (() => {});
const OPTIONS = { author: "redline bench", date: "2024-01-01T00:00:00Z" };

const stem = basename(file, ".docx");
const tag = `${stem}-${Math.round(fraction * 100)}`;
const oldPath = join(dir, `${stem}.docx`);
const newPath = join(dir, `${tag}-new.docx`);
const out = (tool) => join(dir, `${tag}-${tool}.docx`);

const oldBytes = new Uint8Array(readFileSync(file));
// NEW is made by bench/docx-edit.mjs in a process of its own (editDocxApart says why)
const edited = editDocxApart(file, fraction, newPath);
const editMs = edited.ms;
const newBytes = edited.bytes;
if (!existsSync(oldPath)) writeFileSync(oldPath, oldBytes);

// Words the editor changed: a replaced word is one deleted and one inserted; a deleted paragraph's
// words are deleted; a duplicated paragraph's words are inserted (the copy has as many words).
// The reading is dropped before the timed runs, which then start from a heap like a new command's: a
// reading kept alive (H.222.0: 70 MB) lets V8 set higher heap limits and changes what is timed.
function editorsWords() {
  const paragraphs = readDocxPackage(openPackage(oldBytes, "old.docx")).doc.paragraphs;
  const truth = { inserted: 0, deleted: 0 };
  for (const d of edited.done) {
    const n = countWords(paragraphs[d.old].text);
    if (d.kind === "replace") {
      truth.inserted++;
      truth.deleted++;
    } else if (d.kind === "delete") truth.deleted += n;
    else truth.inserted += n;
  }
  truth.words = truth.inserted + truth.deleted;
  return { truth, docWords: paragraphs.reduce((n, p) => n + countWords(p.text), 0) };
}
const { truth, docWords } = editorsWords();

// ---------------------------------------------------------------------------
// redline in process (the same pipeline as the CLI, without Node start-up and file I/O)

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
  return { ms, delta, bytes: written.bytes.length };
}
// warm-up as in bench/docx-case.mjs (pnpm bench): report.mjs
const warmUps = warmUp(() => {
  gc();
  pipeline();
});
const inproc = { read: [], compare: [], write: [], total: [] };
let last = null;
// In process, runs are cheap next to the peers' (0.1 s against 3 s on Q.850): at least 7, so that one
// run slowed by the machine moves the median less.
const inprocRuns = Math.max(runs, IN_PROCESS_RUNS);
for (let i = 0; i < inprocRuns; i++) {
  last = null;
  gc();
  last = pipeline();
  for (const k of Object.keys(inproc)) inproc[k].push(last.ms[k]);
}
const summary = last.delta.summary;
last = null;
gc();

// ---------------------------------------------------------------------------
// CLI and peers, run by run

const tools = {
  redline: { runs: [], status: null },
  libreoffice: peers.has("libreoffice") ? { runs: [], warmRuns: [], status: null, warmStatus: null } : null,
  docxodus: peers.has("docxodus") ? { runs: [], status: null, hung: 0 } : null,
};

function cliRun() {
  const r = timeCommand(process.execPath, [CLI, "compare", oldPath, newPath, "-o", out("redline"), "--date", "2024-01-01"], { ok: [0, 1] });
  if (r.error || r.timeout) tools.redline.status = r.timeout ? "timeout" : r.error;
  else tools.redline.runs.push({ endToEndMs: r1(r.ms) });
}

/**
 * One run of lo-compare.py. Cold (the end-to-end figure: the script's wall time) or, with `warm`, after
 * soffice has loaded and stored OLD and NEW once (lo-compare.py --warm-up): its load + compare + store
 * are the engine figure, set against redline's warmed-up in-process runs. A warm run that fails is
 * noted apart and leaves the cold runs standing.
 */
async function loRun(warm) {
  const lo = tools.libreoffice;
  const args = [join(here, "lo-compare.py"), oldPath, newPath, out("libreoffice"), "--timeout", String(PEER_TIMEOUT_MS / 1000), ...(warm ? ["--warm-up"] : [])];
  // the script's own watchdog fires first; this one is for a stuck script
  const r = await spawnWatched(SYSTEM_PYTHON, args, { limitMs: PEER_TIMEOUT_MS + 150_000 });
  const line = r.lines.at(-1);
  let failed = null;
  if (!line) failed = r.killed ? "timeout" : `no result (exit ${r.status}): ${r.stderr.trim().split("\n").at(-1) ?? ""}`;
  else if (line.timeout) failed = `timeout (${line.timeout} s, in ${line.phase})`;
  else if (line.error) failed = line.error;
  if (failed !== null) {
    if (warm) lo.warmStatus = failed;
    else lo.status = failed;
    return;
  }
  lo.version = line.version;
  const run = { endToEndMs: r1(r.ms), startMs: line.startMs, loadMs: line.loadMs, compareMs: line.compareMs, storeMs: line.storeMs, totalMs: line.totalMs, redlines: line.redlines };
  if (warm) lo.warmRuns.push({ ...run, warmUpMs: line.warmUpMs });
  else lo.runs.push(run);
}

async function dxRun(first) {
  const dx = tools.docxodus;
  let cold = null;
  const r = await spawnWatched(process.execPath, [join(here, "docxodus-run.mjs"), "--old", oldPath, "--new", newPath, "--out", out("docxodus"), "--warm", "1"], {
    limitMs: PEER_TIMEOUT_MS,
    nextLimit: (line) => {
      if (line.coldMs == null) return undefined;
      cold = line.coldMs;
      // a slow pair is timed cold only; otherwise the warm compare gets 3x the cold one (min 15 s)
      return cold > SLOW_MS ? 0 : Math.max(15_000, 3 * cold);
    },
  });
  const head = r.lines.find((l) => l.coldMs != null);
  const warm = r.lines.find((l) => l.warmMs != null);
  const err = r.lines.find((l) => l.error);
  if (!head) {
    dx.status = err ? err.error : r.killed ? "timeout" : `no result (exit ${r.status}): ${r.stderr.trim().split("\n").at(-1) ?? ""}`;
    return;
  }
  if (r.killed && !warm && cold <= SLOW_MS) dx.hung++;
  dx.runs.push({ endToEndMs: head.endToEndMs, initMs: head.initMs, coldMs: head.coldMs, warmMs: warm?.warmMs ?? null });
  if (first && cold > SLOW_MS) dx.only = true;
}

for (let i = 0; i < runs; i++) {
  cliRun();
  const lo = tools.libreoffice;
  if (lo && !lo.status && !(i > 0 && lo.runs[0]?.endToEndMs > SLOW_MS)) {
    await loRun(false);
    if (!lo.status && !lo.warmStatus) await loRun(true);
  }
  const dx = tools.docxodus;
  if (dx && !dx.status && !dx.only) await dxRun(i === 0);
}

// ---------------------------------------------------------------------------
// What each tool wrote: words marked, and the round trip through pandoc

let oldText = null;
let newText = null;
let pandocError = null;
if (!values["no-pandoc"]) {
  try {
    const cache = join(dir, `${stem}.pandoc.txt`);
    oldText = existsSync(cache) ? readFileSync(cache, "utf8") : pandocText(oldPath);
    writeFileSync(cache, oldText);
    newText = pandocText(newPath);
  } catch (e) {
    pandocError = String(e.message ?? e).split("\n")[0];
  }
}
for (const [name, tool] of Object.entries(tools)) {
  if (!tool || !tool.runs.length) continue;
  const path = out(name);
  const bytes = new Uint8Array(readFileSync(path));
  tool.bytes = bytes.length;
  try {
    tool.marked = markedWords(bytes, basename(path));
  } catch (e) {
    tool.marked = { error: String(e.message ?? e).split("\n")[0] };
  }
  if (values["no-pandoc"]) continue;
  if (pandocError) {
    tool.roundTrip = { ok: null, error: pandocError };
    continue;
  }
  try {
    const accept = textDiff(pandocText(path, "accept"), newText);
    const reject = textDiff(pandocText(path, "reject"), oldText);
    tool.roundTrip = { ok: !accept && !reject, accept: accept ?? "ok", reject: reject ?? "ok" };
  } catch (e) {
    tool.roundTrip = { ok: null, error: String(e.message ?? e).split("\n")[0] };
  }
}

// text of both sides for the text peers
const textconv = {};
for (const [side, path] of [["old", oldPath], ["new", newPath]]) {
  const txt = join(dir, `${side === "old" ? stem : `${tag}-new`}.txt`);
  const r = timeCommand(process.execPath, [CLI, "textconv", path], { ok: [0], stdout: "pipe" });
  if (r.error) textconv.error = r.error;
  else {
    writeFileSync(txt, r.stdout);
    textconv[side] = txt;
  }
}

const med = (xs) => r1(median(xs.filter((x) => x != null)));
const result = {
  file: basename(file),
  fraction,
  runs,
  bytes: { old: oldBytes.length, new: newBytes.length },
  docWords,
  paragraphs: edited.paragraphs,
  edits: edited.edits,
  editsMade: edited.editsMade,
  editMs: Math.round(editMs),
  truth,
  summary,
  inproc: {
    warmUps,
    times: inproc.total.map(r1),
    median: Object.fromEntries(Object.entries(inproc).map(([k, v]) => [k, med(v)])),
  },
  tools: Object.fromEntries(
    Object.entries(tools)
      .filter(([, v]) => v)
      .map(([k, v]) => [
        k,
        {
          ...v,
          median: {
            endToEnd: med(v.runs.map((x) => x.endToEndMs)),
            // LibreOffice's engine figures (load + compare + store, the compare step) from the warm runs, the cold ones' when none finished
            ...(k === "libreoffice"
              ? {
                  start: med(v.runs.map((x) => x.startMs)),
                  compare: med((v.warmRuns.length ? v.warmRuns : v.runs).map((x) => x.compareMs)),
                  total: med((v.warmRuns.length ? v.warmRuns : v.runs).map((x) => x.totalMs)),
                  engineCold: v.warmRuns.length === 0,
                  coldTotal: med(v.runs.map((x) => x.totalMs)),
                }
              : {}),
            ...(k === "docxodus" ? { cold: med(v.runs.map((x) => x.coldMs)), warm: med(v.runs.map((x) => x.warmMs)), init: med(v.runs.map((x) => x.initMs)) } : {}),
          },
        },
      ]),
  ),
  textconv,
};
process.stdout.write(JSON.stringify(result) + "\n");
