/**
 * dist/main.js runs the command from the single-file bundle with V8's code
 * cache (src/bundle.ts), and from the ES modules when there is no bundle.
 * Both must behave the same, and the cache the build made must fit.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = resolve(__dirname, "../../..");
const dist = join(root, "apps/cli/dist");
const OLD = join(root, "examples/res-99-in-force.txt");
const NEW = join(root, "examples/res-99-proposed.txt");
const work = mkdtempSync(join(tmpdir(), "redline-bundle-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Path = "bundle" | "modules";

/** Runs a command line through dist/main.js (the bundle) or by importing dist/cli.js (the ES modules). */
function run(path: Path, args: string[]) {
  const node =
    path === "bundle"
      ? [join(dist, "main.js"), ...args]
      : ["--input-type=module", "-e", `const m = await import(${JSON.stringify(pathToFileURL(join(dist, "cli.js")).href)}); process.exitCode = await m.runCli(${JSON.stringify(args)});`];
  const r = spawnSync(process.execPath, node, { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "", FORCE_COLOR: "" } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Loaded {
  used: boolean;
  rejected: boolean;
  status: number;
  out: string;
}

/** Loads the bundle in `folder` in a new process and runs `--version` from it. */
function loadIn(folder: string): Loaded {
  const r = spawnSync(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `const { loadBundle } = await import(${JSON.stringify(pathToFileURL(join(dist, "bundle.js")).href)});
       const b = loadBundle(${JSON.stringify(folder)});
       let out = "";
       const write = process.stdout.write.bind(process.stdout);
       process.stdout.write = (chunk) => ((out += chunk), true);
       const status = await b.cli.runCli(["--version"]);
       process.stdout.write = write;
       console.log(JSON.stringify({ used: b.cacheUsed, rejected: b.cacheRejected, status, out: out.split(" ")[0] }));`,
    ],
    { encoding: "utf8" },
  );
  expect(r.signal).toBe(null);
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout) as Loaded;
}

describe("the cached bundle", () => {
  it("is what the build made, and V8 accepts its code cache", () => {
    expect(loadIn(dist)).toEqual({ used: true, rejected: false, status: 0, out: "redline" });
  });

  // V8 itself takes a stale cache whose source has the same length, and crashes on a damaged one
  it.each([
    ["damaged", (cache: Buffer) => Buffer.concat([cache.subarray(0, cache.length - 5000), Buffer.from(cache.subarray(cache.length - 5000)).map((b) => b ^ 0x5a)])],
    ["cut short", (cache: Buffer) => cache.subarray(0, cache.length >> 1)],
    ["made for another Node", (cache: Buffer) => Buffer.from(cache.toString("latin1").replace(`"node":"${process.version}"`, '"node":"v0.0.0"'), "latin1")],
    ["not a cache at all", () => Buffer.from("garbage")],
  ])("is compiled from source when its cache is %s, and still runs", (_, spoil) => {
    const folder = mkdtempSync(join(work, "spoilt-"));
    copyFileSync(join(dist, "redline.cjs"), join(folder, "redline.cjs"));
    writeFileSync(join(folder, "redline.cache"), spoil(readFileSync(join(dist, "redline.cache"))));
    expect(loadIn(folder)).toEqual({ used: false, rejected: false, status: 0, out: "redline" });
  });

  it("is compiled from source when its cache was made for a different bundle of the same length", () => {
    const folder = mkdtempSync(join(work, "stale-"));
    const source = readFileSync(join(dist, "redline.cjs"), "utf8");
    const edited = source.replace("internal error", "internal-error");
    expect(edited.length).toBe(source.length);
    writeFileSync(join(folder, "redline.cjs"), edited);
    copyFileSync(join(dist, "redline.cache"), join(folder, "redline.cache"));
    expect(loadIn(folder)).toEqual({ used: false, rejected: false, status: 0, out: "redline" });
  });

  // two plain .docx files, made by the command itself from the example texts
  const oldDocx = join(work, "old.docx");
  const newDocx = join(work, "new.docx");
  beforeAll(() => {
    expect(run("bundle", ["compare", OLD, OLD, "-o", oldDocx, "--date", "2024-01-01"]).status).toBe(0);
    expect(run("bundle", ["compare", NEW, NEW, "-o", newDocx, "--date", "2024-01-01"]).status).toBe(0);
  });

  it.each([
    ["text to the terminal", ["compare", OLD, NEW, "--color", "never"], null, 1],
    ["text to JSON", ["compare", OLD, NEW, "-o", "delta.json"], "delta.json", 1],
    ["text to a tracked .docx", ["compare", OLD, NEW, "-o", "tracked.docx", "--date", "2024-01-01"], "tracked.docx", 1],
    [".docx to a tracked .docx", ["compare", oldDocx, newDocx, "-o", "tracked.docx", "--date", "2024-01-01"], "tracked.docx", 1],
    ["a missing input", ["compare", join(work, "missing.txt"), NEW], null, 2],
    ["an unknown command", ["frobnicate"], null, 2],
  ] as const)("gives the same result as the ES modules for %s", (_, args, output, status) => {
    const results = (["bundle", "modules"] as const).map((path) => {
      const out = output ? join(work, `${path}-${output}`) : null;
      const r = run(path, out ? args.map((a) => (a === output ? out : a)) : [...args]);
      return { ...r, bytes: out ? readFileSync(out).toString("base64") : null };
    });
    expect(results[0]!.status).toBe(status);
    expect(results[1]).toEqual(results[0]);
  });
});
