/// <reference types="node" />
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, watch, writeFileSync, type FSWatcher } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * Nothing lost when the command is killed: `redline compare OLD NEW -o
 * out.html` is killed with SIGKILL at random moments, most of them inside the
 * few milliseconds in which it writes its output, and out.html must then be
 * either the previous version, byte for byte, or the complete new report,
 * never a truncated file. A kill between creating the temporary file and
 * renaming it leaves that file behind (nothing runs after SIGKILL): that is
 * accepted only for a hidden ".out.html.PID.RAND.tmp" next to the output.
 */

const root = resolve(fileURLToPath(import.meta.url), "../../../..");
const cli = join(root, "apps/cli/dist/main.js");
const KILLS = 100;
const PARALLEL = 2;
const TEMP = /^\.out\.html\.\d+\.[0-9a-f]{8}\.tmp$/;
const PREVIOUS = Buffer.from("<!-- the previous report, complete -->\n".repeat(2000));
const ARGS = ["big-old.txt", "big-new.txt", "-o", "out.html", "--date", "2024-10-15T00:00:00Z"];

let work = "";
let expected = Buffer.alloc(0);
/** A full run's length, and how long after the temporary file appears the run ends (ms). */
let fullMs = 0;
let writeMs = 0;

interface Kill {
  /**
   * aimed at a random moment of the write (after the temporary file appears), at the moment the
   * temporary file appears, just after the rename, or anywhere in the run
   */
  phase: "write" | "temp" | "renamed" | "anywhere";
  delayMs: number;
  /** the exit status when the run finished before the kill, else null */
  exited: number | null;
  result: "previous" | "complete" | "other";
  temps: string[];
}
const kills: Kill[] = [];

const INPUTS = new Set(["big-old.txt", "big-new.txt"]);

function prepare(dir: string): void {
  for (const f of readdirSync(dir)) if (!INPUTS.has(f)) unlinkSync(join(dir, f));
  writeFileSync(join(dir, "out.html"), PREVIOUS);
}

/**
 * One run in `dir`, killed `anywhere` in its run time, or (`write`) at a random moment
 * within 1.2 write times after its temporary output file appears. `phase: null` lets it finish.
 */
async function runOnce(dir: string, phase: Kill["phase"] | null): Promise<Kill & { tempAt: number; ms: number; stderr: string }> {
  prepare(dir);
  const started = performance.now();
  const now = () => performance.now() - started;
  const child = spawn(process.execPath, [cli, "compare", ...ARGS], { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (b: Buffer) => (stderr += b.toString()));
  let delayMs = 0;
  let timer: NodeJS.Timeout | undefined;
  const killAt = (ms: number): void => {
    delayMs = ms;
    clearTimeout(timer);
    timer = setTimeout(() => child.kill("SIGKILL"), Math.max(0, ms - now()));
  };
  let tempAt = 0;
  const watcher: FSWatcher = watch(dir, (_event, name) => {
    // the rename shows as an event for out.html: kill at once, while the process is still finishing
    if (phase === "renamed" && tempAt && name?.toString() === "out.html") killAt(now());
    if (tempAt || !name || !TEMP.test(name.toString())) return;
    tempAt = now();
    if (phase === "write") killAt(tempAt + Math.random() * writeMs * 1.2);
    if (phase === "temp") killAt(tempAt);
  });
  if (phase === "anywhere") killAt(Math.random() * fullMs);
  // should the temporary file go unseen, still kill, a little after a full run's time
  else if (phase !== null) killAt(fullMs * 1.5 + 200);
  const exited = await new Promise<number | null>((done) => child.on("close", (code) => done(code)));
  const ms = now();
  clearTimeout(timer);
  watcher.close();
  const out = readFileSync(join(dir, "out.html"));
  const result = out.equals(PREVIOUS) ? "previous" : out.equals(expected) ? "complete" : "other";
  const temps = readdirSync(dir).filter((f) => !INPUTS.has(f) && f !== "out.html");
  return { phase: phase ?? "anywhere", delayMs: Math.round(delayMs), exited, result, temps, tempAt, ms, stderr };
}

describe("killing redline while it writes -o", () => {
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "redline-kill-"));
    const { generateBook } = (await import(pathToFileURL(join(root, "bench/generate.mjs")).href)) as { generateBook(words: number, seed: number): string };
    const { editBook } = (await import(pathToFileURL(join(root, "bench/edit.mjs")).href)) as { editBook(text: string, fraction: number, seed: number): string };
    const old = generateBook(100_000, 1);
    const edited = editBook(old, 0.05, 1);
    const dirs = Array.from({ length: PARALLEL }, (_, i) => join(work, `run${i}`));
    for (const dir of dirs) {
      mkdirSync(dir);
      writeFileSync(join(dir, "big-old.txt"), old);
      writeFileSync(join(dir, "big-new.txt"), edited);
    }
    // one uninterrupted run: the complete report, and the timings the kills aim at
    expected = Buffer.alloc(0);
    const calibration = await runOnce(dirs[0]!, null);
    expect(calibration.exited, calibration.stderr).toBe(1);
    expected = readFileSync(join(dirs[0]!, "out.html"));
    expect(expected.length).toBeGreaterThan(1_000_000);
    expect(calibration.tempAt, "the temporary output file was never seen").toBeGreaterThan(0);
    fullMs = calibration.ms;
    writeMs = Math.max(5, calibration.ms - calibration.tempAt);

    // two in five at a random moment of the write, one as the temporary file appears, one just after the rename, one anywhere
    const PHASES: Kill["phase"][] = ["write", "write", "temp", "renamed", "anywhere"];
    const plan: Kill["phase"][] = Array.from({ length: KILLS }, (_, i) => PHASES[i % PHASES.length]!);
    const worker = async (dir: string): Promise<void> => {
      for (let phase = plan.shift(); phase; phase = plan.shift()) {
        const { tempAt: _t, ms: _m, stderr: _s, ...kill } = await runOnce(dir, phase);
        kills.push(kill);
      }
    };
    await Promise.all(dirs.map(worker));
  }, 120_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
    if (kills.length === 0) return;
    const n = (f: (k: Kill) => boolean) => kills.filter(f).length;
    console.log(
      `kill test: ${kills.length} runs killed with SIGKILL (${n((k) => k.phase === "write")} within ${Math.round(writeMs * 1.2)} ms of the temporary file appearing, ` +
        `${n((k) => k.phase === "temp")} as it appeared, ${n((k) => k.phase === "renamed")} as soon as out.html was renamed into place, ` +
        `${n((k) => k.phase === "anywhere")} at any moment of a ${Math.round(fullMs)} ms run; output ${expected.length} bytes): ` +
        `${n((k) => k.result === "previous")} left the previous out.html, ${n((k) => k.result === "complete")} the complete new one, ` +
        `${n((k) => k.result === "other")} anything else; ${n((k) => k.temps.length > 0)} left a hidden temporary file; ` +
        `${n((k) => k.exited !== null)} finished before the kill landed`,
    );
  });

  it("leaves out.html as the previous version or the complete new one, never truncated", () => {
    expect(kills).toHaveLength(KILLS);
    expect(kills.filter((k) => k.result === "other")).toEqual([]);
  });

  it("leaves nothing behind but hidden .out.html.PID.RAND.tmp files", () => {
    expect(kills.flatMap((k) => k.temps).filter((f) => !TEMP.test(f))).toEqual([]);
  });

  it("really lands kills on both sides of the rename", () => {
    // otherwise the test proves nothing about the write
    // random moments alone proved too chancy on a loaded machine (a slow fsync in the one calibration run
    // stretches the window), hence the kills aimed at the temporary file's appearance and at the rename
    expect(kills.filter((k) => k.phase !== "anywhere" && k.exited === null && k.result === "previous").length).toBeGreaterThan(5);
    expect(kills.filter((k) => k.exited === null && k.result === "complete").length).toBeGreaterThan(5);
  });
});
