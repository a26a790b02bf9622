/**
 * Build step (dist/code-cache.js, run by `pnpm build` after tsup): makes
 * dist/redline.cache, V8's compiled code for dist/redline.cjs (bundle.ts
 * says why). It runs the bundle on the bundled example the way people use
 * the command (text to a tracked .docx, .docx to tracked .docx, text to
 * JSON and HTML) so that the cache holds the functions those compile, then
 * writes the cache atomically. The comparisons write into a temporary
 * folder, removed afterwards; the repository is not touched. Without the
 * example (a checkout that left it out) the cache holds only what loading
 * the bundle compiled: smaller gains, same behaviour.
 */
import { existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CACHE_FILE, cacheFile, loadBundle } from "./bundle.js";

const dist = dirname(fileURLToPath(import.meta.url));
const examples = resolve(dist, "../../../examples");
const inForce = join(examples, "res-99-in-force.txt");
const proposed = join(examples, "res-99-proposed.txt");

// a cache made from a cache would only hold what that one held
rmSync(join(dist, CACHE_FILE), { force: true });
const loaded = loadBundle(dist, false);
if (!loaded) {
  process.stderr.write(`code-cache: no bundle in ${dist}; nothing to do\n`);
  process.exit(1);
}
const work = mkdtempSync(join(tmpdir(), "redline-code-cache-"));
try {
  const out = (name: string) => join(work, name);
  const runs: string[][] = [
    ["compare", inForce, inForce, "-o", out("old.docx"), "--date", "2024-01-01"],
    ["compare", proposed, proposed, "-o", out("new.docx"), "--date", "2024-01-01"],
    ["compare", out("old.docx"), out("new.docx"), "-o", out("tracked.docx"), "--date", "2024-01-01"],
    ["compare", inForce, proposed, "-o", out("delta.json")],
    ["compare", inForce, proposed, "-o", out("redline.html")],
  ];
  if (!existsSync(inForce) || !existsSync(proposed)) {
    process.stderr.write(`code-cache: ${examples} has no example pair; the cache will hold only what loading the command compiles\n`);
  } else {
    for (const argv of runs) {
      const status = await loaded.cli.runCli(argv);
      // 0: no differences, 1: differences; anything else means the bundle is broken
      if (status > 1) throw new Error(`redline ${argv.join(" ")} exited with ${status}`);
    }
  }
  const temp = join(dist, `${CACHE_FILE}.tmp`);
  writeFileSync(temp, cacheFile(loaded.source, loaded.script.createCachedData()));
  renameSync(temp, join(dist, CACHE_FILE));
} finally {
  rmSync(work, { recursive: true, force: true });
}
