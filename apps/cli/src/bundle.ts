/**
 * The command as one CommonJS file (dist/redline.cjs, every package but
 * Node's own inside) compiled with V8's code cache (dist/redline.cache).
 *
 * Why: a redline process lives for one comparison, so its start-up counts.
 * Node 20 resolves, reads and compiles each ES module file by itself and
 * has no cache for their compiled code; one file compiled from a cache
 * skips the resolving and most of the compiling (the T.1 pair: 360 -> 290 ms
 * for the whole process). The cache is made at build time (code-cache.ts) by
 * running the bundle on a few comparisons, so it holds the functions those
 * compiled too, not just the top level.
 *
 * The cache is an optimisation only, and V8 cannot be trusted to refuse a
 * bad one: it compares only the source's length (a stale cache for an
 * edited bundle of the same length is taken), and a damaged cache crashes
 * the process inside V8. So the file carries a header (cacheFile) with the
 * SHA-256 of the bundle it was made for, of its own payload, and the Node
 * version and architecture; a cache that does not match is not given to V8
 * at all, and the bundle compiles from source. Without the bundle (a build
 * that did not make it) launch.ts imports the ES modules instead.
 */
import { createHash } from "node:crypto";
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
  /** The bundle's bytes, as read. */
  source: Buffer;
  /** Whether a cache matching this bundle and this Node was given to V8. */
  cacheUsed: boolean;
  /** Whether V8 refused that cache all the same. */
  cacheRejected: boolean;
}

const MAGIC = "redline code cache 1\n";

interface CacheHeader {
  source: string;
  payload: string;
  node: string;
  arch: string;
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The cache file for V8's `payload` made from `source`: the magic line, a JSON header line, the payload. */
export function cacheFile(source: Buffer, payload: Buffer): Buffer {
  const header: CacheHeader = { source: sha256(source), payload: sha256(payload), node: process.version, arch: process.arch };
  return Buffer.concat([Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`, "utf8"), payload]);
}

/** The payload of a cache file, if the file is whole and was made for `source` by this Node; undefined otherwise. */
function payloadFor(file: Buffer | null, source: Buffer): Buffer | undefined {
  if (file === null || !file.subarray(0, MAGIC.length).equals(Buffer.from(MAGIC, "utf8"))) return undefined;
  const end = file.indexOf(0x0a, MAGIC.length);
  if (end < 0) return undefined;
  let header: Partial<CacheHeader>;
  try {
    header = JSON.parse(file.subarray(MAGIC.length, end).toString("utf8")) as Partial<CacheHeader>;
  } catch {
    return undefined;
  }
  const payload = file.subarray(end + 1);
  const fits = header.node === process.version && header.arch === process.arch && header.source === sha256(source) && header.payload === sha256(payload);
  return fits ? payload : undefined;
}

function readOrNull(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch {
    return null;
  }
}

/**
 * Compiles and runs the bundle in `dir` (with its cache, if it fits, unless
 * `useCache` is false), or returns null if there is no bundle there. The
 * wrapper is CommonJS's own, so the bundle sees the usual exports, require,
 * module, __filename and __dirname; require resolves from the bundle's
 * folder. Its "use strict" comes first: the sources are ES modules, always
 * strict, and the bundle's own directive follows a banner line, where it
 * does nothing.
 */
export function loadBundle(dir: string, useCache = true): LoadedBundle | null {
  const file = join(dir, BUNDLE_FILE);
  const source = readOrNull(file);
  if (source === null) return null;
  const cachedData = useCache ? payloadFor(readOrNull(join(dir, CACHE_FILE)), source) : undefined;
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {"use strict";${source.toString("utf8")}\n})`, { filename: file, cachedData });
  const wrapper = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: { exports: object }, filename: string, dirname: string) => void;
  const module = { exports: {} };
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return { cli: module.exports as CliModule, script, source, cacheUsed: cachedData !== undefined, cacheRejected: cachedData !== undefined && script.cachedDataRejected === true };
}
