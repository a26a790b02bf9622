/**
 * The CLI's only contact with the file system: reading inputs (read-only,
 * never modified), hashing them, and writing outputs atomically (a temporary
 * file in the same folder, then a rename) so a failed or interrupted run never
 * leaves a partial file behind.
 */
import { createHash, randomBytes } from "node:crypto";
import { closeSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { RedlineError } from "@redline/core";

export interface Input {
  /** as the user wrote it ("-" for stdin) */
  arg: string;
  /** file name without folders, for reports ("stdin" for "-") */
  name: string;
  bytes: Uint8Array;
  sha256: string;
}

/** Refuse inputs larger than this unless told otherwise (see docs/limits.md). */
export const DEFAULT_MAX_INPUT = 256 * 1024 * 1024;

export function readInput(arg: string, maxBytes = DEFAULT_MAX_INPUT): Input {
  let bytes: Uint8Array;
  if (arg === "-") {
    bytes = readStdin(maxBytes);
  } else {
    let size: number;
    try {
      const st = statSync(arg);
      if (st.isDirectory()) throw new RedlineError("unreadable", arg, "is a folder, not a file");
      size = st.size;
    } catch (e) {
      throw fsError(e, arg);
    }
    if (size > maxBytes) throw new RedlineError("too-large", arg, `is ${mb(size)}, larger than the limit of ${mb(maxBytes)} (see --max-size)`);
    try {
      bytes = readFileSync(arg);
    } catch (e) {
      throw fsError(e, arg);
    }
  }
  return { arg, name: arg === "-" ? "stdin" : basename(arg), bytes, sha256: createHash("sha256").update(bytes).digest("hex") };
}

function readStdin(maxBytes: number): Uint8Array {
  let bytes: Buffer;
  try {
    bytes = readFileSync(0);
  } catch (e) {
    throw new RedlineError("unreadable", "stdin", `could not be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`, { cause: e });
  }
  if (bytes.length > maxBytes) throw new RedlineError("too-large", "stdin", `is larger than the limit of ${mb(maxBytes)} (see --max-size)`);
  return bytes;
}

function fsError(e: unknown, file: string): RedlineError {
  if (e instanceof RedlineError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return new RedlineError("not-found", file, "no such file");
  if (code === "EACCES" || code === "EPERM") return new RedlineError("unreadable", file, "permission denied");
  if (code === "EISDIR") return new RedlineError("unreadable", file, "is a folder, not a file");
  return new RedlineError("unreadable", file, `could not be read (${code ?? "unknown error"})`, { cause: e });
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

/** Refuse to write over one of the inputs: the output would destroy what it was computed from. */
export function assertNotAnInput(out: string, inputs: string[]): void {
  const target = canonical(out);
  for (const i of inputs) {
    if (i !== "-" && canonical(i) === target) {
      throw new RedlineError("bad-arguments", out, "is also an input; choose another output file");
    }
  }
}

function canonical(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

/** Write `data` to `path` atomically: temp file in the same folder, fsync, rename. */
export function writeAtomic(path: string, data: string | Uint8Array): void {
  const dir = dirname(resolve(path));
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  let fd: number | null = null;
  try {
    fd = openSync(tmp, "wx", 0o644);
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== null) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      /* the temp file may not exist */
    }
    const code = (e as NodeJS.ErrnoException).code;
    throw new RedlineError("unreadable", path, code === "ENOENT" ? "its folder does not exist" : code === "EACCES" ? "permission denied" : `could not be written (${code ?? String(e)})`, { cause: e });
  }
}
