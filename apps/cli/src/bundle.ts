/**
 * The command as one CommonJS file (dist/redline.cjs, every package but
 * Node's own inside) compiled with V8's code cache (dist/redline.cache).
 *
 * Why: a redline process lives for one comparison, so its start-up counts.
 * Node 20 resolves, reads and compiles each ES module file by itself and
 * has no cache for their compiled code; one file compiled from a cache
 * skips the resolving and most of the compiling (the T.1 pair: 360 -> 280 ms
 * for the whole process). The cache is made at build time (code-cache.ts) by
 * running the bundle on a few comparisons, so it holds the functions those
 * compiled too, not just the top level.
 *
 * The cache is an optimisation only: V8 checks it against the source and
 * its own version and flags, and compiles from source if it does not fit
 * (a different Node, a damaged file). Without the bundle (a build that did
 * not make it) launch.ts imports the ES modules instead.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Script } from "node:vm";

export const BUNDLE_FILE = "redline.cjs";
export const CACHE_FILE = "redline.cache";

/** What the bundle exports: cli.ts's public function. */
export interface CliModule {
  runCli(argv: string[]): Promise<number>;
}

export interface LoadedBundle {
  cli: CliModule;
  /** The compiled script, for createCachedData. */
  script: Script;
  /** Whether V8 refused the cache it was given (false when there was none). */
  cacheRejected: boolean;
}

function readOrNull(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch {
    return null;
  }
}

/**
 * Compiles and runs the bundle in `dir` (with its cache unless `useCache` is
 * false), or returns null if there is no bundle there. The wrapper is
 * CommonJS's own, so the bundle sees the usual exports, require, module,
 * __filename and __dirname; require resolves from the bundle's folder. Its
 * "use strict" comes first: the sources are ES modules, always strict, and
 * the bundle's own directive follows a banner line, where it does nothing.
 */
export function loadBundle(dir: string, useCache = true): LoadedBundle | null {
  const file = join(dir, BUNDLE_FILE);
  const source = readOrNull(file);
  if (source === null) return null;
  const cachedData = useCache ? (readOrNull(join(dir, CACHE_FILE)) ?? undefined) : undefined;
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {"use strict";${source.toString("utf8")}\n})`, { filename: file, cachedData });
  const wrapper = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: { exports: object }, filename: string, dirname: string) => void;
  const module = { exports: {} };
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return { cli: module.exports as CliModule, script, cacheRejected: cachedData !== undefined && script.cachedDataRejected === true };
}
