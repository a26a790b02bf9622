import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PairRunner } from "../src/batch/runner.js";
import { writeAtomic, writeAtomicSoon } from "../src/io.js";

const tmp = () => mkdtempSync(join(tmpdir(), "redline-write-"));

describe("writeAtomicSoon", () => {
  it("puts the complete file in place only once it is synced, and leaves no temporary file", async () => {
    const dir = tmp();
    const out = join(dir, "r.json");
    const { temp, written } = writeAtomicSoon(out, "{}\n");
    expect(readdirSync(dir)).toEqual([temp.slice(dir.length + 1)]);
    await written;
    expect(readdirSync(dir)).toEqual(["r.json"]);
    expect(readFileSync(out, "utf8")).toBe("{}\n");
  });

  it("fails as writeAtomic does, naming the file", () => {
    const out = join(tmp(), "missing", "r.json");
    expect(() => writeAtomic(out, "x")).toThrow(`${out}: its folder does not exist`);
    expect(() => writeAtomicSoon(out, "x")).toThrow(`${out}: its folder does not exist`);
  });
});

describe("PairRunner", () => {
  it("reports each pair once its file is in place, in the order run, failures included", async () => {
    const dir = tmp();
    const examples = join(__dirname, "../../../examples");
    const file = (name: string) => ({ path: join(examples, name), display: name });
    const reported: { index: number; status: string; present: boolean }[] = [];
    const runner = new PairRunner(
      { format: "json", profile: "auto", author: "redline", date: "2024-10-15T00:00:00Z", moves: true, maxBytes: undefined },
      () => ({}),
      (r) => reported.push({ index: r.index, status: r.status, present: readdirSync(dir).includes(`${r.index}.json`) }),
    );
    const pair = { old: file("res-99-in-force.txt"), new: file("res-99-proposed.txt") };
    await runner.run({ index: 0, ...pair, out: join(dir, "0.json") });
    await runner.run({ index: 1, old: file("no-such-file.txt"), new: pair.new, out: join(dir, "1.json") });
    await runner.run({ index: 2, ...pair, out: join(dir, "2.json") });
    await runner.idle();
    expect(reported).toEqual([
      { index: 0, status: "different", present: true },
      { index: 1, status: "error", present: false },
      { index: 2, status: "different", present: true },
    ]);
    expect(readdirSync(dir).sort()).toEqual(["0.json", "2.json"]);
  });
});
