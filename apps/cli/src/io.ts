/**
 * The CLI's only contact with the file system: reading inputs (read-only,
 * never modified), hashing them, and writing outputs atomically (a temporary
 * file in the same folder, then a rename) so a failed or interrupted run never
 * leaves a partial file behind.
 */
import { createHash, randomBytes } from "node:crypto";
import { closeSync, fsync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
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
  const temp = writeTemp(path, data);
  try {
    fsyncSync(temp.fd);
  } catch (e) {
    throw abandon(temp, e);
  }
  commit(temp);
}

/**
 * writeAtomic without waiting for the disk on this thread: the temporary file
 * is written here (into the page cache, quickly), the fsync runs on libuv's
 * thread pool, and the rename follows once it is done. A batch compares its
 * next pair meanwhile; waiting for each fsync cost it about a millisecond per
 * file, a tenth of its time. The file appears at `path` only once its bytes
 * are on disk, as with writeAtomic. The fsync's completion is handled only
 * when this thread's event loop gets a turn. Returns the temporary file's
 * path, for removing it should the thread die before the rename.
 */
export function writeAtomicSoon(path: string, data: string | Uint8Array): { temp: string; written: Promise<void> } {
  const temp = writeTemp(path, data);
  const written = new Promise<void>((done, failed) => {
    fsync(temp.fd, (e) => {
      try {
        if (e) throw abandon(temp, e);
        commit(temp);
        done();
      } catch (error) {
        failed(error);
      }
    });
  });
  return { temp: temp.tmp, written };
}

interface Temp {
  path: string;
  tmp: string;
  /** open until commit or abandon */
  fd: number;
}

/** `data` in a new temporary file next to `path`, still open. */
function writeTemp(path: string, data: string | Uint8Array): Temp {
  const dir = dirname(resolve(path));
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  let fd: number;
  try {
    fd = openSync(tmp, "wx", 0o644);
  } catch (e) {
    throw writeError(path, e);
  }
  const temp = { path, tmp, fd };
  try {
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
  } catch (e) {
    throw abandon(temp, e);
  }
  return temp;
}

/** Close the synced temporary file and move it into place. */
function commit(temp: Temp): void {
  try {
    closeSync(temp.fd);
    renameSync(temp.tmp, temp.path);
  } catch (e) {
    // closed already, or failing to close: abandon only removes the temporary file
    throw abandon(temp, e, false);
  }
}

/** Remove the temporary file after `e`, and say what went wrong with `path`. */
function abandon(temp: Temp, e: unknown, open = true): RedlineError {
  try {
    if (open) closeSync(temp.fd);
  } catch {
    /* the error worth reporting is `e` */
  }
  try {
    unlinkSync(temp.tmp);
  } catch {
    /* the temp file may not exist */
  }
  return writeError(temp.path, e);
}

function writeError(path: string, e: unknown): RedlineError {
  const code = (e as NodeJS.ErrnoException).code;
  return new RedlineError("unreadable", path, code === "ENOENT" ? "its folder does not exist" : code === "EACCES" ? "permission denied" : `could not be written (${code ?? String(e)})`, { cause: e });
}
