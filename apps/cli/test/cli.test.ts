import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { deltaSchema } from "@redline/core";

const root = resolve(__dirname, "../../..");
const cli = join(root, "apps/cli/dist/main.js");
const OLD = join(root, "examples/res-99-in-force.txt");
const NEW = join(root, "examples/res-99-proposed.txt");

function redline(args: string[], opts: { input?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: root,
    input: opts.input,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "", FORCE_COLOR: "", ...opts.env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const tmp = () => mkdtempSync(join(tmpdir(), "redline-cli-"));

describe("redline compare", () => {
  it("prints the redline of the example and exits 1 (differences found)", () => {
    const r = redline(["compare", OLD, NEW, "--color", "never"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("MOD resolves/5");
    expect(r.stdout).toContain("[-encourage-]{+promote+}");
    expect(r.stdout).toMatch(/12 modified, 6 added, 2 deleted, 1 moved, 16 renumbered/);
  });

  it("exits 0 and says so when the inputs are the same", () => {
    const r = redline(["compare", OLD, OLD]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("0 modified, 0 added, 0 deleted");
  });

  it("prints a Delta that validates against the schema, with the inputs' names and hashes", () => {
    const r = redline(["compare", OLD, NEW, "--format", "json"]);
    expect(r.status).toBe(1);
    const delta = JSON.parse(r.stdout);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- ajv's CJS default export shape differs between builds
    const Ajv = ((Ajv2020 as any).default ?? Ajv2020) as typeof Ajv2020;
    expect(new Ajv({ strict: false }).validate(deltaSchema, delta)).toBe(true);
    expect(delta.old).toEqual({ name: "res-99-in-force.txt", sha256: createHash("sha256").update(readFileSync(OLD)).digest("hex") });
    expect(delta.new.name).toBe("res-99-proposed.txt");
  });

  it("reads NEW from stdin when it is '-'", () => {
    const r = redline(["compare", OLD, "-", "--format", "json"], { input: readFileSync(NEW, "utf8") });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).summary.modified).toBe(12);
  });

  it("reads Markdown by its extension", () => {
    const dir = tmp();
    writeFileSync(join(dir, "a.md"), "*resolves*\n\n1. to publish documents;\n2. to report.\n");
    writeFileSync(join(dir, "b.md"), "*resolves*\n\n1. to publish all documents;\n2. to report.\n");
    const r = redline(["compare", join(dir, "a.md"), join(dir, "b.md"), "--format", "md"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("to publish <ins>all </ins>documents;");
  });

  it("colours words on request and never when NO_COLOR is set", () => {
    expect(redline(["compare", OLD, NEW, "--color", "always"]).stdout).toContain("\u001b[");
    expect(redline(["compare", OLD, NEW], { env: { NO_COLOR: "1" } }).stdout).not.toContain("\u001b[");
  });

  it("folds unchanged clauses with --context", () => {
    const r = redline(["compare", OLD, NEW, "--context", "0", "--color", "never"]);
    expect(r.stdout).toMatch(/⋯ \d+ unchanged clause/);
    expect(r.stdout).not.toContain("that the effective participation of experts");
  });

  it("prints only the summary with --stat and nothing with --quiet", () => {
    const stat = redline(["compare", OLD, NEW, "--stat", "--color", "never"]);
    expect(stat.stdout).toContain("resolves/5");
    expect(stat.stdout).not.toContain("[-encourage-]");
    const quiet = redline(["compare", OLD, NEW, "--quiet"]);
    expect([quiet.status, quiet.stdout, quiet.stderr]).toEqual([1, "", ""]);
  });

  it("writes -o atomically in the format of its extension, leaving no temporary files", () => {
    const dir = tmp();
    for (const [file, check] of [
      ["d.json", (s: string) => JSON.parse(s).format === "redline-delta"],
      ["r.html", (s: string) => s.startsWith("<!DOCTYPE html>")],
      ["r.md", (s: string) => s.includes("<del>encourage</del>")],
    ] as const) {
      const r = redline(["compare", OLD, NEW, "-o", join(dir, file)]);
      expect(r.status).toBe(1);
      expect(r.stdout).toBe("");
      expect(check(readFileSync(join(dir, file), "utf8"))).toBe(true);
    }
    expect(readdirSync(dir).sort()).toEqual(["d.json", "r.html", "r.md"]);
  });

  it("gives byte-identical outputs for the same inputs", () => {
    for (const f of ["json", "md", "html", "text"]) {
      expect(redline(["compare", OLD, NEW, "--format", f, "--color", "never"]).stdout).toBe(redline(["compare", OLD, NEW, "--format", f, "--color", "never"]).stdout);
    }
  });
});

describe("trouble: one line naming the file, exit 2, nothing written", () => {
  it.each([
    [["compare", "missing.txt", "examples/res-99-proposed.txt"], /^redline: missing\.txt: no such file\n$/],
    [["compare", "examples"], /^redline: compare needs two files/],
    [["compare", "examples", "examples/res-99-proposed.txt"], /^redline: examples: is a folder, not a file\n$/],
    [["compare", "a", "b", "--bogus"], /^redline: compare: unknown option '--bogus'/],
    [["compare", "a", "b", "--format", "pdf"], /^redline: --format must be one of/],
    [["compare", "a", "b", "--date", "yesterday"], /^redline: --date must be an ISO 8601 date/],
    [["frobnicate"], /^redline: unknown command 'frobnicate'/],
  ])("%j", (args, message) => {
    const r = redline(args as string[]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message as RegExp);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("refuses binary files passed as text, and invalid UTF-8", () => {
    const dir = tmp();
    writeFileSync(join(dir, "x.txt"), Buffer.from([0x61, 0xff, 0xfe, 0x62]));
    const r = redline(["compare", join(dir, "x.txt"), OLD]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/x\.txt: is not valid UTF-8/);
  });

  it("writes nothing when an input is bad, and refuses to overwrite an input", () => {
    const dir = tmp();
    const out = join(dir, "out.json");
    expect(redline(["compare", "missing.txt", NEW, "-o", out]).status).toBe(2);
    expect(existsSync(out)).toBe(false);
    const before = readFileSync(NEW);
    const r = redline(["compare", OLD, NEW, "-o", NEW]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/is also an input/);
    expect(readFileSync(NEW).equals(before)).toBe(true);
  });
});

describe("redline textconv, --help, --version", () => {
  it("prints one paragraph per line with tab-separated labels", () => {
    const r = redline(["textconv", NEW]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("2bis\tthat draft Recommendations");
  });

  it("has help with examples for every command, and a version", () => {
    for (const c of [["--help"], ["compare", "--help"], ["textconv", "--help"]]) {
      const r = redline(c);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/Usage:|Examples?:/);
    }
    expect(redline(["--version"]).stdout).toMatch(/^redline \d+\.\d+\.\d+\n$/);
  });
});
