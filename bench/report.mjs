/**
 * What every benchmark runner shares: number formatting, medians, the
 * tables printed to the terminal and written to docs/benchmarks.md, the
 * machine and code lines, and replacing a runner's own marked section of that file
 * (each runner owns the text between its START and END markers only, so
 * runners can be run separately and in any order).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** A number with thousands separators and `d` decimals; a dash for a missing value. */
export const fmt = (n, d = 0) => (n == null || Number.isNaN(n) ? "–" : n.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d }));

export const pct = (f) => `${Math.round(f * 100)}%`;

/** The median of some numbers; null for none. */
export function median(xs) {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** warmUp's rule in words, for the documents the benches write (one wording, so that they cannot drift apart). */
export const WARM_UP_RULE =
  "(until three rounds in a row have not beaten the best round before them by more than 10% and 1 s has passed, so at least 4 rounds; at most 30 rounds, none started after 30 s)";

/**
 * Runs `round` until its time has settled, so that the timed runs measure compiled code: until three rounds
 * in a row have not beaten the best round before them by more than 10% (so at least 4 rounds) and 1 s has
 * passed, unless 30 rounds come first; no round starts after 30 s. A fixed 3 rounds and 1 s left Q.850 x 30%
 * still speeding up through the timed runs (418, 247, 200 ms; it settles near 155 after about 8 rounds).
 * Each round's time includes whatever the caller runs in it (the callers' `gc()` too). Returns the rounds run.
 * WARM_UP_RULE says the same for the documents the benches write.
 */
export function warmUp(round) {
  const start = performance.now();
  const times = [];
  const settled = () => times.length > 3 && Math.min(...times.slice(-3)) >= 0.9 * Math.min(...times.slice(0, -3));
  while (times.length < 30 && performance.now() - start < 30_000 && (times.length < 3 || performance.now() - start < 1000 || !settled())) {
    const t = performance.now();
    round();
    times.push(performance.now() - t);
  }
  return times.length;
}

/** A table aligned for the terminal: first and last columns left-aligned, the rest right-aligned. */
/**
 * What went wrong in a child process (a spawnSync result), in one line: the "...Error: ..." line Node
 * prints for an uncaught error (its first lines are the source location, its last the Node version),
 * else the first line of stderr, else the spawn error, the signal or the exit status.
 */
export function childFailure(r) {
  const lines = (r.stderr || "").split("\n").map((l) => l.trim()).filter(Boolean);
  const thrown = lines.find((l) => /^[\w.]*(Error|Exception)\b[^:]*:/.test(l));
  return thrown ?? lines[0] ?? r.error?.message ?? (r.signal ? `killed by ${r.signal}` : `exit ${r.status}`);
}

export function textTable(header, rows) {
  const all = [header, ...rows].map((row) => row.map((c) => String(c).replace(/\*\*/g, "")));
  const w = header.map((_, i) => Math.max(...all.map((row) => row[i].length)));
  const line = (row) => row.map((c, i) => (i === 0 || i === row.length - 1 ? c.padEnd(w[i]) : c.padStart(w[i]))).join("  ");
  return [line(all[0]), w.map((x) => "-".repeat(x)).join("  "), ...all.slice(1).map(line)].join("\n");
}

/** A Markdown table: the first column left-aligned, the others right-aligned (they hold figures). */
export function mdTable(header, rows) {
  const esc = (c) => String(c).replace(/\|/g, "\\|");
  return [
    `| ${header.map(esc).join(" | ")} |`,
    `|${header.map((_, i) => (i === 0 ? " --- " : " ---: ")).join("|")}|`,
    ...rows.map((r) => `| ${r.map(esc).join(" | ")} |`),
  ].join("\n");
}

/** "Intel(R) Xeon(R) ..., 2 cores, 23.5 GB RAM, Linux ... (x64), Node v20..." for a section's header. */
export function machineLine({ available = false } = {}) {
  const cpus = os.cpus();
  const cores = `${cpus.length} cores${available ? ` (${os.availableParallelism()} available)` : ""}`;
  return `${cpus[0]?.model?.trim() ?? "unknown CPU"}, ${cores}, ${fmt(os.totalmem() / 1024 ** 3, 1)} GB RAM, ${os.type()} ${os.release()} (${os.arch()}), Node ${process.version}`;
}

/**
 * "commit 80ee293" (and "with uncommitted changes" when the sources differ from it) for a
 * section's header, so a figure can be tied to the code that made it. The files the benchmarks
 * write themselves (docs/benchmarks.md, the chart) do not count as changes.
 */
export function codeLine() {
  const git = (...args) => spawnSync("git", args, { cwd: ROOT, encoding: "utf8" });
  const head = git("rev-parse", "--short", "HEAD");
  if (head.status !== 0) return "not a git checkout";
  const changed = git("status", "--porcelain", "--untracked-files=no")
    .stdout.split("\n")
    .filter((l) => l.trim() !== "" && !/ docs\/(benchmarks\.md|images\/)/.test(l));
  return `commit ${head.stdout.trim()}${changed.length > 0 ? " with uncommitted changes" : ""}`;
}

const TEMPLATE_HEAD = ["# Benchmarks", "", "How fast redline turns two documents into a Delta, and how much memory it takes.", ""];

/**
 * Puts `section` (which begins with `start` and ends with `end`) in place of
 * the file's text between those markers, or appends it when the markers are
 * missing; written through a temporary file and a rename, so an interrupted
 * run never leaves half a file.
 */
export function writeSection(file, start, end, section) {
  let doc = existsSync(file) ? readFileSync(file, "utf8") : [...TEMPLATE_HEAD, start, end, ""].join("\n");
  const a = doc.indexOf(start);
  const b = doc.indexOf(end);
  if (a >= 0 && b > a) doc = doc.slice(0, a) + section + doc.slice(b + end.length);
  else doc = `${doc.replace(/\s*$/, "\n\n")}${section}\n`;
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, doc);
  renameSync(tmp, file);
}
