/**
 * The viewer's build for the browser tests: `pnpm test` builds it first
 * (turbo), but a test run on its own may find no dist/, or one older than
 * the sources or the packages it bundles; then it is built here (a few
 * seconds). Test files run in parallel processes, so one builds while the
 * others wait for it (a lock directory).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const APP = fileURLToPath(new URL("../../", import.meta.url));
export const DIST = join(APP, "dist");
const PACKAGES = join(APP, "..", "..", "packages");
const LOCK = join(tmpdir(), "redline-web-build.lock");

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = 0;
  for (const entry of readdirSync(path)) t = Math.max(t, newest(join(path, entry)));
  return t;
}

function fresh(): boolean {
  const index = join(DIST, "index.html");
  if (!existsSync(index)) return false;
  const inputs = [join(APP, "src"), join(APP, "index.html"), join(APP, "vite.config.ts"), ...["core", "docx", "render"].map((p) => join(PACKAGES, p, "dist"))];
  return statSync(index).mtimeMs >= Math.max(...inputs.map(newest));
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Builds the viewer unless dist/ is there and newer than everything it is built from. */
export function ensureBuilt(): void {
  if (fresh()) return;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // a build that died leaves its lock behind; no build takes two minutes
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 120_000) rmSync(LOCK, { recursive: true, force: true });
      sleep(250);
    }
  }
  try {
    if (fresh()) return;
    const vite = join(dirname(createRequire(join(APP, "package.json")).resolve("vite/package.json")), "bin", "vite.js");
    const r = spawnSync(process.execPath, [vite, "build", "--logLevel", "warn"], { cwd: APP, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`vite build failed:\n${r.stdout}\n${r.stderr}`);
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
