/**
 * redline batch MANIFEST.json|--pairs DIR -o OUTDIR: many pairs at once, in
 * worker threads across the cores. Each pair writes OUTDIR/NAME.EXT (the
 * bytes `redline compare OLD NEW -o NAME.EXT` would write); one pair failing
 * does not stop the others. Progress goes to stderr, the final table to
 * stdout, and OUTDIR/summary.json records every pair.
 * Exit status: 2 if any pair failed (or the batch could not start), else 1
 * if any pair differs, else 0.
 */
import { mkdirSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { RedlineError, type ProfileOption } from "@redline/core";
import { nonNegativeInt, oneOf, parse } from "../args.js";
import { runAll } from "../batch/pool.js";
import type { PairResult, PairSettings, PairTask } from "../batch/pair.js";
import { planFromFolder, planFromManifest, planOutputs, SUMMARY_FILE } from "../batch/plan.js";
import { Progress, renderTable, summaryJson } from "../batch/report.js";
import { BATCH_HELP } from "../help.js";
import { writeAtomic } from "../io.js";
import { useColor } from "../output.js";
import { FORMATS, PROFILES, revisionDate, type HooksFor } from "./compare.js";

export async function runBatch(argv: string[], hooksFor: HooksFor = () => ({})): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      output: { type: "string", short: "o" },
      pairs: { type: "string" },
      format: { type: "string", short: "f" },
      profile: { type: "string", short: "p" },
      author: { type: "string" },
      date: { type: "string" },
      "no-moves": { type: "boolean" },
      jobs: { type: "string", short: "j" },
      color: { type: "string" },
      "max-size": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    "batch",
  );
  if (values.help) {
    process.stdout.write(BATCH_HELP);
    return 0;
  }
  const pairsDir = values.pairs;
  if (pairsDir !== undefined && positionals.length > 0) throw new RedlineError("bad-arguments", null, "batch takes a MANIFEST or --pairs DIR, not both; see 'redline batch --help'");
  if (pairsDir === undefined && positionals.length !== 1) {
    throw new RedlineError("bad-arguments", null, `batch needs one MANIFEST.json or --pairs DIR (got ${positionals.length} arguments); see 'redline batch --help'`);
  }
  const outDir = values.output;
  if (outDir === undefined || outDir === "") throw new RedlineError("bad-arguments", null, "batch writes its results into a folder: add -o OUTDIR");
  const formatFlag = values.format === undefined ? null : oneOf(values.format, FORMATS, "--format", "json");
  const profile = oneOf(values.profile, PROFILES, "--profile", "auto") as ProfileOption;
  const color = useColor(oneOf(values.color, ["always", "never", "auto"] as const, "--color", "auto"), false);
  const jobsFlag = nonNegativeInt(values.jobs, "--jobs");
  if (jobsFlag === 0) throw new RedlineError("bad-arguments", null, "--jobs must be at least 1");
  const jobs = jobsFlag ?? availableParallelism();
  const maxMb = nonNegativeInt(values["max-size"], "--max-size");
  const maxBytes = maxMb === null ? undefined : maxMb * 1024 * 1024;
  // one date for every pair, whichever worker runs it
  const date = revisionDate(values.date);

  const source = pairsDir ?? positionals[0]!;
  const plan = pairsDir !== undefined ? planFromFolder(pairsDir) : planFromManifest(source, maxBytes);
  const format = formatFlag ?? plan.format ?? "json";
  if (format === "docx" && !(await hooksFor(true)).writeDocx) throw new RedlineError("unsupported-format", null, ".docx results cannot be written: this build has no .docx writer");
  const outputs = planOutputs(plan, format, outDir, source);
  makeFolder(outDir);

  // Every thread compiles the comparison code for itself, on V8's background threads, and with every core
  // comparing, that compile time is taken from the comparisons. Without TurboFan's inlining it is about half
  // (200 pairs of 4,000 words: 450 -> 215 ms of CPU per thread, sampled with perf) and the optimised code was
  // no slower, within the noise, here or on single 100k- and 1M-word comparisons. V8 reads the flag each time
  // it optimises a function, so set now it covers this thread's pairs and the workers'.
  setFlagsFromString("--no-turbo-inlining");
  const settings: PairSettings = { format, profile, author: values.author ?? "redline", date, moves: !values["no-moves"], maxBytes };
  const tasks: PairTask[] = outputs.map((o, index) => ({ index, old: o.pair.old, new: o.pair.new, out: o.path }));
  const names = outputs.map((o) => o.pair.name);
  const progress = new Progress(names, process.stderr.isTTY === true && process.env.TERM !== "dumb");
  progress.start();
  let results: PairResult[];
  try {
    ({ results } = await runAll(tasks, { jobs, settings, hooksFor, onDone: (r) => progress.pair(r) }));
  } finally {
    progress.finish();
  }

  writeAtomic(join(outDir, SUMMARY_FILE), summaryJson(outputs, results, format));
  process.stdout.write(renderTable(names.map((name, i) => ({ name, result: results[i]! })), outDir, color));
  if (results.some((r) => r.status === "error")) return 2;
  return results.some((r) => r.status === "different") ? 1 : 0;
}

/** OUTDIR, created (with its parents) if missing. */
function makeFolder(dir: string): void {
  try {
    if (!statSync(dir).isDirectory()) throw new RedlineError("bad-arguments", dir, "is a file; -o names the folder the results go into");
    return;
  } catch (e) {
    if (e instanceof RedlineError) throw e;
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw new RedlineError("unreadable", dir, `could not be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`, { cause: e });
  }
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new RedlineError("unreadable", dir, code === "EACCES" ? "could not be created: permission denied" : code === "ENOTDIR" ? "could not be created: part of its path is a file" : `could not be created (${code ?? String(e)})`, { cause: e });
  }
}
