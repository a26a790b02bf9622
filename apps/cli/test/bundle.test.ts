/**
 * dist/main.js runs the command from the single-file bundle with V8's code
 * cache (src/bundle.ts), and from the ES modules when there is no bundle.
 * Both must behave the same, and the cache the build made must fit.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
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

describe("the cached bundle", () => {
  it("is what the build made, and V8 accepts its code cache", () => {
    const r = spawnSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `const { loadBundle } = await import(${JSON.stringify(pathToFileURL(join(dist, "bundle.js")).href)});
         const b = loadBundle(${JSON.stringify(dist)});
         console.log(JSON.stringify({ found: b !== null, rejected: b?.cacheRejected, runCli: typeof b?.cli.runCli }));`,
      ],
      { encoding: "utf8" },
    );
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({ found: true, rejected: false, runCli: "function" });
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
