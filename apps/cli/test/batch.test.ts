import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Progress, renderTable } from "../src/batch/report.js";

// These tests run the BUILT command (pnpm build first), like cli.test.ts.
const root = resolve(__dirname, "../../..");
const cli = join(root, "apps/cli/dist/main.js");
const EXAMPLE_OLD = join(root, "examples/res-99-in-force.txt");
const EXAMPLE_NEW = join(root, "examples/res-99-proposed.txt");
const DATE = "2024-10-15T09:30:00Z";

function redline(args: string[], opts: { input?: string; env?: Record<string, string>; cwd?: string } = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: opts.cwd ?? root,
    input: opts.input,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "", FORCE_COLOR: "", SOURCE_DATE_EPOCH: "", ...opts.env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const tmp = () => mkdtempSync(join(tmpdir(), "redline-batch-"));

/** A small ITU-style resolution; `edit` changes a word, adds a clause and drops another. */
function resolution(n: number, edit: boolean): string {
  const words = ["access", "documents", "meetings", "experts", "standards", "members", "tools", "reports"];
  const w = (i: number) => words[(n * 7 + i) % words.length]!;
  const considering = ["a", "b", "c", "d"].map((l, i) => `${l})\tthat the ${w(i)} of the Sector ${i === 1 && edit ? "strongly " : ""}support the ${w(i + 1)} of ${w(i + 2)}${i === 3 ? "," : ";"}`);
  const resolves = [1, 2, 3, 4].map((k) => `${k}\tto ${k === 2 && edit ? "promote" : "encourage"} the ${w(k + 3)} of all ${w(k + 4)} in resolution ${n}${k === 4 ? "." : ";"}`);
  if (edit) {
    resolves.splice(3, 0, `4\tto publish an annual report on the ${w(9)} of ${w(10)};`);
    resolves[4] = resolves[4]!.replace(/^4/, "5");
    considering.splice(2, 1);
    considering[2] = considering[2]!.replace(/^d\)/, "c)");
  }
  return [
    `RESOLUTION ${n} (Rev. Geneva, 2024)`,
    `Work on the ${w(0)} of ${w(5)}`,
    "(Geneva, 2020; Geneva, 2024)",
    "The World Telecommunication Standardization Assembly (Geneva, 2024),",
    "considering",
    ...considering,
    "resolves",
    ...resolves,
  ].join("\n\n") + "\n";
}

/** Every file in a folder, name -> bytes. */
function snapshot(dir: string): Record<string, Buffer> {
  return Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f))]));
}

let work: string;
let manifest: string;
const GOOD = ["res-1", "res-2", "res-3", "res-99", "same-4"];

beforeAll(() => {
  expect(existsSync(cli), "build the CLI first: pnpm build").toBe(true);
  work = tmp();
  mkdirSync(join(work, "in-force"));
  mkdirSync(join(work, "proposed"));
  copyFileSync(EXAMPLE_OLD, join(work, "in-force/res-99.txt"));
  copyFileSync(EXAMPLE_NEW, join(work, "proposed/res-99.txt"));
  for (const n of [1, 2, 3, 4]) {
    writeFileSync(join(work, `in-force/res-${n}.txt`), resolution(n, false));
    writeFileSync(join(work, `proposed/res-${n}.txt`), resolution(n, n !== 4));
  }
  writeFileSync(join(work, "proposed/latin1.txt"), Buffer.from("RESOLUTION 7\n\nr\xe9solution sans UTF-8\n", "latin1"));
  manifest = join(work, "manifest.json");
  writeFileSync(
    manifest,
    JSON.stringify({
      pairs: [
        { old: "in-force/res-99.txt", new: "proposed/res-99.txt" },
        { old: "in-force/res-1.txt", new: "proposed/res-1.txt" },
        { old: "in-force/res-2.txt", new: "proposed/res-2.txt" },
        { old: "in-force/res-3.txt", new: "proposed/res-3.txt" },
        { old: "in-force/res-4.txt", new: "proposed/res-4.txt", name: "same-4" },
        { old: "in-force/res-5.txt", new: "proposed/res-5.txt", name: "missing-5" },
        { old: "in-force/res-1.txt", new: "proposed/latin1.txt", name: "latin1" },
      ],
    }),
  );
});

describe("redline batch MANIFEST", () => {
  it("compares every pair, goes on past failures, and exits 2 when one failed", () => {
    const out = join(work, "out-json");
    const r = redline(["batch", manifest, "-o", out, "--jobs", "2"]);
    expect(r.status).toBe(2);
    // results for the good pairs, and summary.json; nothing for the failed ones, no temporary files
    expect(readdirSync(out).sort()).toEqual([...GOOD.map((n) => `${n}.json`), "summary.json"].sort());

    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(summary.format).toBe("redline-batch");
    expect(summary.totals).toEqual({ pairs: 7, same: 1, different: 4, error: 2 });
    expect(summary.pairs.map((p: { name: string }) => p.name)).toEqual(["latin1", "missing-5", "res-1", "res-2", "res-3", "res-99", "same-4"]);
    const byName = Object.fromEntries(summary.pairs.map((p: { name: string }) => [p.name, p]));
    expect(byName["missing-5"]).toMatchObject({ status: "error", output: null, summary: null, error: "in-force/res-5.txt: no such file" });
    expect(byName["latin1"]).toMatchObject({ status: "error", output: null, error: expect.stringMatching(/latin1\.txt: is not valid UTF-8/) });
    expect(byName["same-4"]).toMatchObject({ status: "same", output: "same-4.json", error: null });
    expect(byName["res-99"]).toMatchObject({ status: "different", old: "in-force/res-99.txt", new: "proposed/res-99.txt", output: "res-99.json" });
    expect(byName["res-99"].summary).toMatchObject({ modified: 12, added: 6, deleted: 2, moved: 1, renumbered: 16 });

    // stderr (not a terminal): one line per pair; stdout: the table, sorted by name
    expect(r.stderr).toMatch(/^FAIL missing-5 +in-force\/res-5\.txt: no such file$/m);
    expect(r.stderr).toMatch(/^ok {3}res-99 +12 modified, 6 added, 2 deleted, 1 moved, 16 renumbered/m);
    expect(r.stderr).toMatch(/^ok {3}same-4 +no differences$/m);
    expect(r.stderr.trim().split("\n")).toHaveLength(7);
    const rows = r.stdout.split("\n");
    expect(rows[0]).toMatch(/^pair +result +modified +added +deleted +moved +renumbered +words$/);
    expect(rows.slice(1, 8).map((l) => l.split(/\s+/)[0])).toEqual(["latin1", "missing-5", "res-1", "res-2", "res-3", "res-99", "same-4"]);
    expect(r.stdout).toMatch(/^missing-5 +error +in-force\/res-5\.txt: no such file$/m);
    expect(r.stdout).toContain("7 pairs: 1 same, 4 different, 2 failed");
    expect(r.stdout).not.toContain("\u001b[");
  });

  it.each(["json", "html", "md", "text", "docx"])("writes, for --format %s, the bytes 'redline compare -o' writes", (format) => {
    const out = join(work, `out-${format}-same`);
    const r = redline(["batch", manifest, "-o", out, "--format", format, "--date", DATE, "--author", "TSB"]);
    expect(r.status).toBe(2);
    const ext = { json: "json", html: "html", md: "md", text: "txt", docx: "docx" }[format]!;
    const single = join(work, `single-${format}`);
    mkdirSync(single);
    for (const [name, o, n] of [
      ["res-99", "in-force/res-99.txt", "proposed/res-99.txt"],
      ["res-2", "in-force/res-2.txt", "proposed/res-2.txt"],
      ["same-4", "in-force/res-4.txt", "proposed/res-4.txt"],
    ] as const) {
      const file = join(single, `${name}.${ext}`);
      const c = redline(["compare", o, n, "-o", file, "--format", format, "--date", DATE, "--author", "TSB"], { cwd: work });
      expect(c.status).toBe(name === "same-4" ? 0 : 1);
      expect(readFileSync(join(out, `${name}.${ext}`)).equals(readFileSync(file)), `${name}.${ext}`).toBe(true);
    }
  });

  it("gives byte-identical results whatever --jobs says", () => {
    for (const format of ["json", "docx"]) {
      const one = join(work, `jobs1-${format}`);
      const two = join(work, `jobs2-${format}`);
      expect(redline(["batch", manifest, "-o", one, "--jobs", "1", "--format", format, "--date", DATE]).status).toBe(2);
      expect(redline(["batch", manifest, "-o", two, "--jobs", "2", "--format", format], { env: { SOURCE_DATE_EPOCH: String(Date.parse(DATE) / 1000) } }).status).toBe(2);
      const a = snapshot(one);
      const b = snapshot(two);
      expect(Object.keys(a)).toEqual(Object.keys(b));
      for (const f of Object.keys(a)) expect(a[f]!.equals(b[f]!), f).toBe(true);
    }
  });

  it("exits 1 when pairs differ and none failed, 0 when all are the same; accepts a bare list and reads it from stdin", () => {
    const list = [
      { old: "in-force/res-1.txt", new: "proposed/res-1.txt" },
      { old: "in-force/res-4.txt", new: "proposed/res-4.txt" },
    ];
    const bare = join(work, "bare.json");
    writeFileSync(bare, JSON.stringify(list));
    const r1 = redline(["batch", bare, "-o", join(work, "out-bare"), "--color", "never"]);
    expect(r1.status).toBe(1);
    expect(r1.stdout).toContain("2 pairs: 1 same, 1 different, 0 failed");
    const r0 = redline(["batch", "-", "-o", join(work, "out-stdin")], { input: JSON.stringify([list[1]]), cwd: work });
    expect(r0.status).toBe(0);
    expect(readdirSync(join(work, "out-stdin")).sort()).toEqual(["res-4.json", "summary.json"]);
  });

  it("takes its format from the manifest unless --format says otherwise", () => {
    const m = join(work, "html-manifest.json");
    writeFileSync(m, JSON.stringify({ format: "html", pairs: [{ old: "in-force/res-1.txt", new: "proposed/res-1.txt", name: "one" }] }));
    expect(redline(["batch", m, "-o", join(work, "out-m-html")]).status).toBe(1);
    expect(readdirSync(join(work, "out-m-html")).sort()).toEqual(["one.html", "summary.json"]);
    expect(redline(["batch", m, "-o", join(work, "out-m-md"), "-f", "md"]).status).toBe(1);
    expect(readdirSync(join(work, "out-m-md")).sort()).toEqual(["one.md", "summary.json"]);
  });

  it("colours the table only when asked", () => {
    const r = redline(["batch", manifest, "-o", join(work, "out-color"), "--color", "always"]);
    expect(r.stdout).toContain("\u001b[1;31merror");
    expect(r.stderr).not.toContain("\u001b[");
  });
});

describe("redline batch --pairs DIR", () => {
  it("compares DIR/old/NAME.* with DIR/new/NAME.*, and fails a NAME found on one side only", () => {
    const dir = join(work, "pairs");
    mkdirSync(join(dir, "old"), { recursive: true });
    mkdirSync(join(dir, "new"), { recursive: true });
    copyFileSync(EXAMPLE_OLD, join(dir, "old/res-99.txt"));
    copyFileSync(EXAMPLE_NEW, join(dir, "new/res-99.md")); // extensions may differ
    writeFileSync(join(dir, "old/res-1.txt"), resolution(1, false));
    writeFileSync(join(dir, "new/res-1.txt"), resolution(1, true));
    writeFileSync(join(dir, "old/res-8.txt"), resolution(8, false)); // no new/res-8.*
    writeFileSync(join(dir, "old/README"), "not a document");
    writeFileSync(join(dir, "new/~$res-1.docx"), "a Word lock file");
    writeFileSync(join(dir, "new/.hidden.txt"), "hidden");
    const out = join(work, "out-pairs");
    const r = redline(["batch", "--pairs", dir, "-o", out, "--jobs", "2"]);
    expect(r.status).toBe(2);
    expect(readdirSync(out).sort()).toEqual(["res-1.json", "res-99.json", "summary.json"]);
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(summary.pairs.map((p: { name: string; old: string; new: string; status: string }) => [p.name, p.old, p.new, p.status])).toEqual([
      ["res-1", "old/res-1.txt", "new/res-1.txt", "different"],
      ["res-8", "old/res-8.txt", "new/res-8.txt", "error"],
      ["res-99", "old/res-99.txt", "new/res-99.md", "different"],
    ]);
    expect(summary.pairs[1].error).toBe("new/res-8.txt: no such file");
  });

  it("refuses a folder without old/ and new/, and two documents with one NAME", () => {
    const dir = tmp();
    let r = redline(["batch", "--pairs", dir, "-o", join(dir, "out")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^redline: .*\/old: no such folder; --pairs DIR compares DIR\/old\/NAME with DIR\/new\/NAME/);
    mkdirSync(join(dir, "old"));
    mkdirSync(join(dir, "new"));
    writeFileSync(join(dir, "old/a.txt"), "x\n");
    writeFileSync(join(dir, "old/a.md"), "x\n");
    r = redline(["batch", "--pairs", dir, "-o", join(dir, "out")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/old: has both a\.md and a\.txt; keep one document per name\n$/);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });
});

describe("trouble before the batch starts: one line, exit 2, nothing written", () => {
  const cases: [string, unknown, string[], RegExp][] = [
    ["no -o", null, [], /^redline: batch writes its results into a folder: add -o OUTDIR\n$/],
    ["--jobs 0", null, ["--jobs", "0"], /^redline: --jobs must be at least 1\n$/],
    ["a bad --format", null, ["--format", "pdf"], /^redline: --format must be one of/],
    ["invalid JSON", "{ pairs: [", [], /^redline: .*bad\.json: is not valid JSON/],
    ["no pairs", { pairs: [] }, [], /bad\.json: lists no pairs to compare\n$/],
    ["an unknown key", { pairs: [{ old: "a.txt", nwe: "b.txt" }] }, [], /bad\.json: pair 1 has an unknown key "nwe"/],
    ["a pair without new", [{ old: "a.txt" }], [], /bad\.json: pair 1 needs "new"/],
    ["a bad format", { format: "pdf", pairs: [{ old: "a.txt", new: "b.txt" }] }, [], /bad\.json: "format" must be one of/],
    ["a name with a folder", [{ old: "a.txt", new: "b.txt", name: "../x" }], [], /bad\.json: pair 1: the name "\.\.\/x" has a folder separator/],
    ["two pairs writing one file", [{ old: "a.txt", new: "x/b.txt" }, { old: "a.txt", new: "y/B.txt" }], [], /bad\.json: the pairs named "b" and "B" would both write B\.json/],
    ["a pair named summary", [{ old: "a.txt", new: "summary.txt" }], [], /would overwrite summary\.json/],
  ];
  it.each(cases)("%s", (_what, content, extra, message) => {
    const dir = tmp();
    const m = join(dir, "bad.json");
    if (content !== null) writeFileSync(m, typeof content === "string" ? content : JSON.stringify(content));
    const args = ["batch", m, ...(_what === "no -o" ? [] : ["-o", join(dir, "out")]), ...extra];
    const r = redline(args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("refuses to write a result over an input", () => {
    const dir = tmp();
    writeFileSync(join(dir, "a.txt"), resolution(1, false));
    writeFileSync(join(dir, "b.txt"), resolution(1, true));
    const before = readFileSync(join(dir, "b.txt"));
    writeFileSync(join(dir, "m.json"), JSON.stringify([{ old: "a.txt", new: "b.txt" }]));
    const r = redline(["batch", join(dir, "m.json"), "-o", dir, "--format", "text"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/b\.txt: would overwrite an input; choose another output folder\n$/);
    expect(readFileSync(join(dir, "b.txt")).equals(before)).toBe(true);
    expect(existsSync(join(dir, "summary.json"))).toBe(false);
  });

  it("has help with examples", () => {
    const r = redline(["batch", "--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: redline batch MANIFEST\.json -o OUTDIR/);
    expect(r.stdout).toContain("Examples:");
  });
});

describe("progress and table (in-process)", () => {
  const ok = { status: "different" as const, summary: { unchanged: 1, modified: 2, added: 1, deleted: 0, moved: 0, renumbered: 0, insertedWords: 3, deletedWords: 1 }, error: null, notes: [] };

  it("redraws one bar in place on a terminal, failures scrolling above it", () => {
    let s = "";
    const p = new Progress(["a", "b", "c", "d"], true, (x) => (s += x), 80);
    p.start();
    p.pair({ index: 0, ...ok });
    p.pair({ index: 1, status: "error", summary: null, error: "b.txt: no such file", notes: [] });
    expect(s).toBe(
      "[--------------------] 0/4 pairs, 0 failed" +
        "\r\u001b[K[#####---------------] 1/4 pairs, 0 failed" +
        "\r\u001b[KFAIL b  b.txt: no such file\n[##########----------] 2/4 pairs, 1 failed",
    );
    p.finish();
    expect(s.endsWith("\r\u001b[K")).toBe(true);
  });

  it("logs one line per pair otherwise, and never prints control characters from names", () => {
    let s = "";
    const p = new Progress(["res-1", "bad\u001b[2Jname"], false, (x) => (s += x));
    p.pair({ index: 0, ...ok });
    p.pair({ index: 1, status: "error", summary: null, error: "x: is empty", notes: [] });
    expect(s).toBe("ok   res-1        2 modified, 1 added, 0 deleted, 0 moved, 0 renumbered; +3 −1 words\nFAIL bad\u241b[2Jname  x: is empty\n");
    expect(renderTable([{ name: "bad\u001bname", result: { index: 0, ...ok } }], "out", false)).not.toContain("\u001b");
  });
});
