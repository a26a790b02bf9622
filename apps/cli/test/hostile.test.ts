/// <reference types="node" />
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Delta } from "@redline/core";
import { readDocx, readDocxViews } from "@redline/docx";

/**
 * The hostile-input corpus (scripts/hostile/cases.mjs), generated into a
 * temporary folder and run through the BUILT command line, each case in its
 * own process with a time limit and a memory bound. Every case must end as
 * its defined outcome: one line on stderr naming the file and exit 2, or a
 * correct comparison; never a stack trace, a hang, memory past the bound, a
 * partial or stray output file, or a modified input. The figures printed at
 * the end are the ones recorded in docs/limits.md.
 */

const root = resolve(fileURLToPath(import.meta.url), "../../../..");
const cli = join(root, "apps/cli/dist/main.js");
const TIME_LIMIT_MS = 20_000;
const HEAP_MB = 1024;
/** Peak resident memory allowed: the 1 GiB heap plus buffers outside it (inputs, inflated parts, output). */
const RSS_LIMIT_MB = 1536;
const PARALLEL = 2;
const GNU_TIME = "/usr/bin/time";

type Expect =
  | { status: 2; blame: string; message: RegExp }
  | { status: 0 | 1; inserted?: string[]; deleted?: string[]; summary?: Record<string, number>; outputFormat?: "json" | "docx" };

interface HostileCase {
  group: string;
  id: string;
  what: string;
  files: Record<string, unknown>;
  args: string[];
  output: string | null;
  expect: Expect;
  knownBug?: string;
}

interface Generator {
  hostileCases(): HostileCase[];
  writeCase(dir: string, c: HostileCase): Promise<void>;
}

const generator = (await import(pathToFileURL(join(root, "scripts/hostile/cases.mjs")).href)) as Generator;
const cases = generator.hostileCases();

type Verdict = "handled" | "crash" | "hang" | "memory" | "partial" | "wrong";

interface Run {
  status: number | null;
  signal: string | null;
  stdout: Buffer;
  stderr: string;
  ms: number;
  rssMb: number | null;
  timedOut: boolean;
}

interface Result {
  c: HostileCase;
  verdict: Verdict;
  problems: string[];
  runs: Run[];
}

let work = "";
let preload = "";
const results = new Map<string, Result>();

function sha(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

/** Hashes of the case's regular input files, to prove afterwards that none was modified. */
function inputHashes(dir: string, c: HostileCase): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, spec] of Object.entries(c.files)) {
    const path = join(dir, name);
    const sparse = typeof spec === "object" && spec !== null && "sparse" in spec;
    if (!sparse && existsSync(path) && lstatSync(path).isFile()) out.set(name, sha(path));
  }
  return out;
}

/** Hidden temporary files (".NAME.PID.RAND.tmp") anywhere in the case folder: the sign of a write that was not cleaned up. */
function strayTemps(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => /(^|\/)\.[^/]*\.tmp$/.test(f));
}

function runCli(dir: string, args: string[]): Promise<Run> {
  const rssFile = join(dir, `.rss-${Math.random().toString(36).slice(2)}`);
  const node = [process.execPath, `--max-old-space-size=${HEAP_MB}`];
  const useTime = existsSync(GNU_TIME);
  const [command, ...argv] = useTime
    ? [GNU_TIME, "-f", "%M", "-o", rssFile, ...node, cli, "compare", ...args]
    : [...node, "--import", preload, cli, "compare", ...args];
  const started = performance.now();
  return new Promise((done) => {
    // detached: a process group of its own, so a hang is killed together with node under /usr/bin/time
    const child = spawn(command!, argv, {
      cwd: dir,
      detached: true,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "", REDLINE_RSS_FILE: rssFile },
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => stdout.push(b));
    child.stderr.on("data", (b: Buffer) => stderr.push(b));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* already gone */
      }
    }, TIME_LIMIT_MS);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      let rssMb: number | null = null;
      if (existsSync(rssFile)) {
        // GNU time writes "Command exited with non-zero status N" before the figure when N is not 0
        const kb = Number(readFileSync(rssFile, "utf8").trim().split("\n").pop());
        if (Number.isFinite(kb)) rssMb = Math.round(kb / 1024);
        rmSync(rssFile);
      }
      // GNU time reports a child killed by a signal as its own exit status 128 + N
      const killed = useTime && code !== null && code > 128 ? `SIG${code - 128}` : null;
      done({
        status: killed ? null : code,
        signal: signal ?? killed,
        stdout: Buffer.concat(stdout),
        stderr: Buffer.concat(stderr).toString("utf8"),
        ms: Math.round(performance.now() - started),
        rssMb,
        timedOut,
      });
    });
  });
}

/** The Delta's own invariants, and the words the case says it must find. */
function checkDelta(delta: Delta, c: HostileCase, expect: Extract<Expect, { status: 0 | 1 }>, dir: string): string[] {
  const problems: string[] = [];
  if (delta.format !== "redline-delta" || delta.version !== 1) problems.push("output is not a version 1 Delta");
  const [oldArg, newArg] = c.args as [string, string];
  if (delta.old.sha256 !== sha(join(dir, oldArg)) || delta.new.sha256 !== sha(join(dir, newArg))) problems.push("the Delta's input hashes are not the inputs'");
  for (const clause of delta.clauses) {
    const join2 = (ops: string[]) => clause.inline.filter((o) => ops.includes(o.op)).map((o) => o.text).join("");
    if (clause.old && clause.new && join2(["equal", "delete"]) !== clause.old.text) problems.push(`${clause.old.id}: equal+delete is not the old text`);
    if (clause.old && clause.new && join2(["equal", "insert"]) !== clause.new.text) problems.push(`${clause.new.id}: equal+insert is not the new text`);
  }
  const ops = delta.clauses.flatMap((cl) => cl.inline);
  for (const w of expect.inserted ?? []) if (!ops.some((o) => o.op === "insert" && o.text.includes(w))) problems.push(`no insertion of "${w}"`);
  for (const w of expect.deleted ?? []) if (!ops.some((o) => o.op === "delete" && o.text.includes(w))) problems.push(`no deletion of "${w}"`);
  for (const [key, min] of Object.entries(expect.summary ?? {})) {
    const got = (delta.summary as unknown as Record<string, number>)[key] ?? 0;
    if (got < min) problems.push(`summary.${key} is ${got}, expected at least ${min}`);
  }
  return problems;
}

/** A tracked .docx must accept to NEW's text and reject to OLD's. */
function checkTrackedDocx(path: string, c: HostileCase, dir: string): string[] {
  const bytes = new Uint8Array(readFileSync(path));
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return ["the .docx output is not a zip package"];
  const [oldArg, newArg] = c.args as [string, string];
  const texts = (d: { paragraphs: { text: string }[] }) => d.paragraphs.map((p) => p.text).filter((t) => t !== "");
  const views = readDocxViews(bytes, { name: "out.docx" });
  const problems: string[] = [];
  if (JSON.stringify(texts(views.accepted)) !== JSON.stringify(texts(readDocx(readFileSync(join(dir, newArg)), { name: newArg })))) problems.push("accepting all revisions does not give NEW");
  if (JSON.stringify(texts(views.rejected)) !== JSON.stringify(texts(readDocx(readFileSync(join(dir, oldArg)), { name: oldArg })))) problems.push("rejecting all revisions does not give OLD");
  return problems;
}

async function runCase(c: HostileCase): Promise<Result> {
  const dir = join(work, c.id);
  await generator.writeCase(dir, c);
  const before = inputHashes(dir, c);
  const problems: Record<Verdict, string[]> = { handled: [], crash: [], hang: [], memory: [], partial: [], wrong: [] };
  const runs: Run[] = [];
  const base = [...c.args, "--date", "2024-10-15T00:00:00Z"];
  // with -o (the output must appear only on success, complete), and, for trouble, without it (stdout must stay empty)
  const variants = c.output === null ? [base] : c.expect.status === 2 ? [[...base, "-o", c.output], base] : [[...base, "-o", c.output]];
  for (const args of variants) {
    const r = await runCli(dir, args);
    runs.push(r);
    const withOutput = c.output !== null && args.includes("-o");
    const outPath = c.output === null ? null : join(dir, c.output);
    if (r.timedOut) problems.hang.push(`no answer within ${TIME_LIMIT_MS / 1000} s`);
    else if (r.status === null || ![0, 1, 2].includes(r.status)) problems.crash.push(`exit ${r.status ?? r.signal}`);
    if (/^\s+at /m.test(r.stderr) || /internal error|FATAL ERROR|Error: /.test(r.stderr)) problems.crash.push(`stack trace or internal error on stderr: ${r.stderr.slice(0, 300)}`);
    if (r.rssMb !== null && r.rssMb > RSS_LIMIT_MB) problems.memory.push(`peak RSS ${r.rssMb} MB > ${RSS_LIMIT_MB} MB`);
    const temps = strayTemps(dir);
    if (temps.length) problems.partial.push(`temporary files left: ${temps.join(", ")}`);
    if (r.timedOut || r.status === null) continue;
    const e = c.expect;
    if (e.status === 2) {
      if (r.status !== 2) problems.wrong.push(`exit ${r.status}, expected 2`);
      const lines = r.stderr.replace(/\n$/, "").split("\n");
      if (lines.length !== 1 || !lines[0]!.startsWith("redline: ")) problems.wrong.push(`stderr is not one "redline: " line: ${JSON.stringify(r.stderr.slice(0, 300))}`);
      if (!r.stderr.includes(e.blame)) problems.wrong.push(`stderr does not name ${e.blame}: ${r.stderr.trim()}`);
      if (!e.message.test(r.stderr)) problems.wrong.push(`stderr does not match ${e.message}: ${r.stderr.trim()}`);
      if (r.stdout.length) problems.partial.push(`${r.stdout.length} bytes on stdout`);
      if (withOutput && outPath && existsSync(outPath)) problems.partial.push(`${c.output} was written although the run failed`);
    } else {
      if (r.status !== e.status) problems.wrong.push(`exit ${r.status}, expected ${e.status}: ${r.stderr.trim().slice(0, 300)}`);
      const stray = r.stderr.split("\n").filter((l) => l && !l.startsWith("redline: note: "));
      if (stray.length) problems.wrong.push(`unexpected stderr: ${stray.join(" | ").slice(0, 300)}`);
      if (r.stdout.length) problems.partial.push(`${r.stdout.length} bytes on stdout despite -o`);
      if (r.status !== e.status || !outPath) continue;
      if (!existsSync(outPath)) {
        problems.partial.push(`${c.output} is missing`);
        continue;
      }
      try {
        if ((e.outputFormat ?? "json") === "json") problems.wrong.push(...checkDelta(JSON.parse(readFileSync(outPath, "utf8")) as Delta, c, e, dir));
        else problems.wrong.push(...checkTrackedDocx(outPath, c, dir));
      } catch (err) {
        problems.partial.push(`${c.output} cannot be read back: ${String(err)}`);
      }
      rmSync(outPath);
    }
  }
  for (const [name, hash] of before) if (sha(join(dir, name)) !== hash) problems.wrong.push(`input ${name} was modified`);
  rmSync(dir, { recursive: true, force: true });
  const order: Verdict[] = ["crash", "hang", "memory", "partial", "wrong"];
  const verdict = order.find((v) => problems[v].length > 0) ?? "handled";
  return { c, verdict, problems: order.flatMap((v) => problems[v].map((p) => `${v}: ${p}`)), runs };
}

describe("the hostile-input corpus, through the built CLI", () => {
  beforeAll(async () => {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: build first (pnpm build)`);
    work = mkdtempSync(join(tmpdir(), "redline-hostile-"));
    preload = join(work, "rss.mjs");
    // without GNU time, the child reports its own peak RSS (KB, like %M) as it exits
    writeFileSync(preload, 'import { writeFileSync } from "node:fs";\nprocess.on("exit", () => writeFileSync(process.env.REDLINE_RSS_FILE, String(process.resourceUsage().maxRSS)));\n');
    const queue = [...cases];
    const worker = async (): Promise<void> => {
      for (let c = queue.shift(); c; c = queue.shift()) results.set(c.id, await runCase(c));
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
  }, 600_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
    const all = [...results.values()];
    if (all.length === 0) return;
    const known = all.filter((r) => r.c.knownBug);
    const count = (v: Verdict) => all.filter((r) => r.verdict === v && !r.c.knownBug).length;
    const rows = all.map((r) => {
      const last = r.runs[0];
      const outcome = !last || last.timedOut ? "no answer (killed)" : last.status === 2 ? `exit 2: ${last.stderr.trim().replace(/^redline: [^:]+: /, "").slice(0, 90)}` : `exit ${last.status ?? last.signal}: compared`;
      const ms = Math.max(...r.runs.map((x) => x.ms));
      const rss = Math.max(...r.runs.map((x) => x.rssMb ?? 0));
      const verdict = r.c.knownBug ? `${r.verdict} (known bug)` : r.verdict;
      return `| ${r.c.group} | ${r.c.id} | ${outcome.replace(/\|/g, "\\|")} | ${verdict} | ${ms} | ${rss} |`;
    });
    for (const r of all) if (r.problems.length) console.log(`${r.c.id}${r.c.knownBug ? " (known bug)" : ""}: ${r.problems.join("; ")}`);
    console.log(["| group | case | outcome | verdict | ms | peak RSS MB |", "| --- | --- | --- | --- | ---: | ---: |", ...rows].join("\n"));
    const slowest = all.reduce((a, b) => (Math.max(...a.runs.map((x) => x.ms)) >= Math.max(...b.runs.map((x) => x.ms)) ? a : b));
    const hungriest = all.reduce((a, b) => (Math.max(...a.runs.map((x) => x.rssMb ?? 0)) >= Math.max(...b.runs.map((x) => x.rssMb ?? 0)) ? a : b));
    console.log(
      `hostile corpus: ${all.length} cases tried (${all.reduce((n, r) => n + r.runs.length, 0)} runs), ${count("handled")} handled as defined, ` +
        `${count("crash")} crashes, ${count("hang")} hangs, ${count("memory")} over the memory bound, ${count("partial")} partial outputs, ${count("wrong")} wrong outcomes; ` +
        `${known.length} known bugs (expected to fail until fixed: ${known.map((r) => `${r.c.id} ${r.verdict}`).join(", ") || "none"}); ` +
        `slowest ${slowest.c.id} ${Math.max(...slowest.runs.map((x) => x.ms))} ms, most memory ${hungriest.c.id} ${Math.max(...hungriest.runs.map((x) => x.rssMb ?? 0))} MB ` +
        `(limits: ${TIME_LIMIT_MS / 1000} s, heap ${HEAP_MB} MB, RSS ${RSS_LIMIT_MB} MB, ${existsSync(GNU_TIME) ? "RSS by GNU time" : "RSS by process.resourceUsage"})`,
    );
  });

  for (const c of cases) {
    // a known bug is expected to fail; once it is fixed this turns red, and the case's knownBug goes
    (c.knownBug ? it.fails : it)(c.knownBug ? `${c.id} (known bug: ${c.knownBug})` : c.id, () => {
      const result = results.get(c.id);
      expect(result, "the case was not run").toBeDefined();
      expect(result!.problems, c.what).toEqual([]);
    });
  }
});
