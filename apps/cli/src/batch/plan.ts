/**
 * What a batch compares: the pairs of a manifest, or of a --pairs folder,
 * each with the output file it writes. Everything is checked here, before
 * anything is read or written: a bad manifest, two pairs writing the same
 * file, or an output that would overwrite an input stop the whole batch
 * (exit 2, nothing written). A pair whose files are missing or unreadable is
 * not a planning error: it fails on its own and the others go on.
 */
import { readdirSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, extname, isAbsolute, join, resolve } from "node:path";
import { RedlineError } from "@redline/core";
import { FORMATS, type Format } from "../commands/compare.js";
import { readInput } from "../io.js";

/** One side of a pair: where to read it, and how to name it in messages and in summary.json. */
export interface PairFile {
  /** absolute path */
  path: string;
  /** as written in the manifest, or old/NAME.EXT under a --pairs folder (relative to its folder) */
  display: string;
}

export interface PlannedPair {
  name: string;
  old: PairFile;
  new: PairFile;
}

export interface Plan {
  pairs: PlannedPair[];
  /** the manifest's "format", if it says one */
  format: Format | null;
  /** files that are inputs besides the pairs' (the manifest), which no output may overwrite */
  inputs: string[];
}

/** The extension redline gives each output format. */
export const OUTPUT_EXT: Record<Format, string> = { text: "txt", md: "md", json: "json", html: "html", docx: "docx" };

export const SUMMARY_FILE = "summary.json";

/** Files a --pairs folder may hold; others (README, notes, Word's ~$lock files, hidden files) are not documents to compare. */
const DOCUMENT_EXT = new Set([".docx", ".docm", ".doc", ".txt", ".text", ".md", ".markdown"]);

// ---------------------------------------------------------------------------
// MANIFEST.json

export function planFromManifest(manifestArg: string, maxBytes: number | undefined): Plan {
  const input = readInput(manifestArg, maxBytes);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(input.bytes).replace(/^\uFEFF/, "");
  } catch {
    throw new RedlineError("invalid-encoding", input.name === "stdin" ? "stdin" : manifestArg, "is not valid UTF-8");
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new RedlineError("bad-arguments", input.name === "stdin" ? "stdin" : manifestArg, `is not valid JSON (${(e as Error).message})`);
  }
  const bad = (what: string): never => {
    throw new RedlineError("bad-arguments", input.name === "stdin" ? "stdin" : manifestArg, what);
  };

  let list: unknown;
  let format: Format | null = null;
  if (Array.isArray(json)) {
    list = json;
  } else if (isObject(json)) {
    for (const key of Object.keys(json)) {
      if (key !== "pairs" && key !== "format") bad(`has an unknown key "${key}" (a manifest has "pairs" and, optionally, "format")`);
    }
    list = json.pairs;
    if (!Array.isArray(list)) bad(`needs a "pairs" list: { "pairs": [ { "old": "in-force.docx", "new": "proposed.docx" } ] }`);
    if (json.format !== undefined) {
      if (typeof json.format !== "string" || !(FORMATS as readonly string[]).includes(json.format)) bad(`"format" must be one of ${FORMATS.join(", ")} (got ${JSON.stringify(json.format)})`);
      format = json.format as Format;
    }
  } else {
    bad(`must be a list of pairs or an object with a "pairs" list: { "pairs": [ { "old": "in-force.docx", "new": "proposed.docx" } ] }`);
  }
  const entries = list as unknown[];
  if (entries.length === 0) bad("lists no pairs to compare");

  // paths start at the manifest's folder; from stdin, at the current folder
  const stdin = manifestArg === "-";
  const base = stdin ? process.cwd() : dirname(resolve(manifestArg));
  const pairs = entries.map((entry, i): PlannedPair => {
    const where = `pair ${i + 1}`;
    if (!isObject(entry)) return bad(`${where} must be an object such as { "old": "in-force.docx", "new": "proposed.docx" }`);
    for (const key of Object.keys(entry)) {
      if (key !== "old" && key !== "new" && key !== "name") bad(`${where} has an unknown key "${key}" (a pair has "old", "new" and, optionally, "name")`);
    }
    const side = (key: "old" | "new"): PairFile => {
      const p = entry[key];
      if (typeof p !== "string" || p === "") return bad(`${where} needs "${key}": the path of the ${key === "old" ? "in-force" : "revised"} document`);
      return { path: isAbsolute(p) ? p : resolve(base, p), display: p };
    };
    const oldFile = side("old");
    const newFile = side("new");
    let name: string;
    if (entry.name === undefined) {
      name = stem(basename(newFile.display));
    } else {
      if (typeof entry.name !== "string") return bad(`${where}: "name" must be a string`);
      name = entry.name;
    }
    const problem = nameProblem(name);
    if (problem) bad(`${where}: the name ${JSON.stringify(name)} ${problem}`);
    return { name, old: oldFile, new: newFile };
  });
  return { pairs, format, inputs: stdin ? [] : [resolve(manifestArg)] };
}

// ---------------------------------------------------------------------------
// --pairs DIR: DIR/old/NAME.EXT with DIR/new/NAME.EXT

export function planFromFolder(dir: string): Plan {
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new RedlineError("not-found", dir, "no such folder");
    throw new RedlineError("unreadable", dir, `could not be read (${code ?? String(e)})`, { cause: e });
  }
  if (!isDir) throw new RedlineError("bad-arguments", dir, "is a file; --pairs needs a folder holding old/ and new/");
  const oldFiles = scan(dir, "old");
  const newFiles = scan(dir, "new");
  const names = [...new Set([...oldFiles.keys(), ...newFiles.keys()])].sort(byCodeUnits);
  if (names.length === 0) throw new RedlineError("bad-arguments", dir, "has no documents (.docx, .txt or .md) in old/ and new/");
  const pairs = names.map((name): PlannedPair => {
    const o = oldFiles.get(name);
    const n = newFiles.get(name);
    // a file on one side only: the pair still runs, and fails naming the file it lacks
    const oldFile = o ?? `${name}${extname(n!)}`;
    const newFile = n ?? `${name}${extname(o!)}`;
    return {
      name,
      old: { path: resolve(dir, "old", oldFile), display: `old/${oldFile}` },
      new: { path: resolve(dir, "new", newFile), display: `new/${newFile}` },
    };
  });
  return { pairs, format: null, inputs: [] };
}

/** NAME -> file name, for the documents in DIR/SIDE. */
function scan(dir: string, side: "old" | "new"): Map<string, string> {
  const folder = join(dir, side);
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new RedlineError("not-found", folder, `no such folder; --pairs DIR compares DIR/old/NAME with DIR/new/NAME (see 'redline batch --help')`);
    if (code === "ENOTDIR") throw new RedlineError("bad-arguments", folder, "is a file, not a folder");
    throw new RedlineError("unreadable", folder, `could not be read (${code ?? String(e)})`, { cause: e });
  }
  const found = new Map<string, string>();
  for (const file of entries.sort(byCodeUnits)) {
    if (file.startsWith(".") || file.startsWith("~$") || !DOCUMENT_EXT.has(extname(file).toLowerCase())) continue;
    let isFile = false;
    try {
      isFile = statSync(join(folder, file)).isFile();
    } catch {
      isFile = true; // a broken link: let the pair fail and say why
    }
    if (!isFile) continue;
    const name = stem(file);
    const before = found.get(name);
    if (before !== undefined) throw new RedlineError("bad-arguments", folder, `has both ${before} and ${file}; keep one document per name`);
    const problem = nameProblem(name);
    if (problem) throw new RedlineError("bad-arguments", join(folder, file), `cannot name an output: the name ${JSON.stringify(name)} ${problem}`);
    found.set(name, file);
  }
  return found;
}

// ---------------------------------------------------------------------------
// outputs

export interface PlannedOutput {
  pair: PlannedPair;
  /** file name inside OUTDIR */
  file: string;
  /** OUTDIR/file as the user wrote OUTDIR (for writing, and for messages) */
  path: string;
}

/**
 * Where each pair's result goes. Refuses two pairs writing one file (names
 * compared without case, as macOS and Windows do), a pair writing over
 * summary.json, and any output that would overwrite an input.
 */
export function planOutputs(plan: Plan, format: Format, outDir: string, source: string): PlannedOutput[] {
  const ext = OUTPUT_EXT[format];
  const byKey = new Map<string, PlannedPair>();
  const outputs = plan.pairs.map((pair): PlannedOutput => {
    const file = `${pair.name}.${ext}`;
    const key = file.toLowerCase();
    if (key === SUMMARY_FILE) throw new RedlineError("bad-arguments", source, `the pair named "${pair.name}" would overwrite ${SUMMARY_FILE}; give it another name`);
    const other = byKey.get(key);
    if (other) throw new RedlineError("bad-arguments", source, `the pairs named "${other.name}" and "${pair.name}" would both write ${file}; give them different names`);
    byKey.set(key, pair);
    return { pair, file, path: join(outDir, file) };
  });

  const inputs = new Map<string, string>();
  for (const p of plan.inputs) inputs.set(canonical(p), p);
  for (const pair of plan.pairs) {
    inputs.set(canonical(pair.old.path), pair.old.display);
    inputs.set(canonical(pair.new.path), pair.new.display);
  }
  const dir = canonical(outDir);
  for (const file of [...outputs.map((o) => o.file), SUMMARY_FILE]) {
    if (inputs.has(join(dir, file))) throw new RedlineError("bad-arguments", join(outDir, file), "would overwrite an input; choose another output folder");
  }
  return outputs;
}

// ---------------------------------------------------------------------------

/** Why a name cannot be an output file's base name, or null if it can. */
function nameProblem(name: string): string | null {
  if (name === "" || name === "." || name === "..") return "is not a file name";
  if (/[/\\]/.test(name)) return "has a folder separator; names are file names in OUTDIR";
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(name)) return "has a control character";
  return null;
}

function stem(file: string): string {
  const ext = extname(file);
  return ext ? file.slice(0, -ext.length) : file;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Locale-independent order, the same on every machine. */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function canonical(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    const parent = dirname(resolve(p));
    if (parent === resolve(p)) return parent;
    return join(canonical(parent), basename(p));
  }
}
