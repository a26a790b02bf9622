import type { DeltaClause, DeltaSide, FormatName } from "@redline/core";
import { describe, expect, it } from "vitest";
import { address, describeUnmarkedFormatting, foldUnchanged, isTouched, tags } from "../src/index.js";
import { displayOps, paragraphs, sideOps } from "../src/common/entries.js";

const side = (id: string, label: string | null, text: string): DeltaSide => ({ id, section: id.split("/")[0]!, label, text, kind: "clause", paragraphs: [0] });

function entry(over: Partial<DeltaClause>): DeltaClause {
  return { status: "unchanged", marker: "NOC", moved: false, renumbered: false, old: null, new: null, inline: [], approximate: false, ...over };
}

describe("what is said about one entry", () => {
  it("reports a clause that only moved, keeping its label, although its marker is NOC", () => {
    const c = entry({ moved: true, old: side("body/p3", null, "x"), new: side("body/p1", null, "x"), inline: [{ op: "equal", text: "x" }] });
    expect(isTouched(c)).toBe(true);
    expect(tags(c)).toEqual(["moved"]);
    expect(address(c)).toBe("body/p3 → body/p1");
  });

  it("names an added entry by its new id and a deleted one by its old id", () => {
    expect(address(entry({ status: "added", marker: "ADD", new: side("resolves/2bis", "2bis", "t") }))).toBe("resolves/2bis");
    expect(address(entry({ status: "deleted", marker: "SUP", old: side("recognizing/d", "d)", "t") }))).toBe("recognizing/d");
  });

  it("says what a renumbering changed, and that a diff is approximate", () => {
    const c = entry({ marker: "MOD", renumbered: true, approximate: true, old: side("considering/c", "c)", "t"), new: side("considering/d", "d)", "t") });
    expect(tags(c)).toEqual(["renumbered c) → d)", "approximate"]);
  });

  it("says which note references an entry gained and lost", () => {
    const c = entry({ marker: "MOD", old: side("resolves/1", "1", "t"), new: side("resolves/1", "1", "t"), noteReferences: { added: ["2", "3"], removed: ["1"] } });
    expect(isTouched(c)).toBe(true);
    expect(tags(c)).toEqual(["note reference 1 removed", "note references 2, 3 added"]);
  });

  it("says how an entry's text was formatted otherwise, the first three stretches by name", () => {
    const f = (text: string, added: FormatName[], removed: FormatName[] = []) => ({ text, added, removed });
    const c = entry({ marker: "MOD", old: side("resolves/1", "1", "t"), new: side("resolves/1", "1", "t"), formatting: [f("10³", ["superscript"]), f("shall", ["bold"], ["italic"])] });
    expect(isTouched(c)).toBe(true);
    expect(tags(c)).toEqual(["formatting: “10³” superscript; “shall” bold, not italic"]);
    const many = entry({ ...c, formatting: ["a", "b", "c", "d", "e"].map((t) => f(t, [], ["underline"])) });
    expect(tags(many)).toEqual(["formatting: “a” not underline; “b” not underline; “c” not underline (and 2 more)"]);
    expect(describeUnmarkedFormatting(f("shall", ["bold"], ["italic"]))).toBe("bold in the proposal; italic in force");
  });

  it("prints the label before the text, its change marked like any other edit", () => {
    const c = entry({ marker: "MOD", renumbered: true, old: side("x/c", "c)", "text"), new: side("x/d", "d)", "text"), inline: [{ op: "equal", text: "text" }] });
    expect(displayOps(c)).toEqual([
      { op: "delete", text: "c)" },
      { op: "insert", text: "d)" },
      { op: "equal", text: " text" },
    ]);
    expect(sideOps(displayOps(c), "old")).toEqual([{ op: "delete", text: "c)" }, { op: "equal", text: " text" }]);
  });

  it("makes an added clause one insertion, label included", () => {
    const c = entry({ status: "added", marker: "ADD", new: side("x/c", "c)", "new text"), inline: [{ op: "insert", text: "new text" }] });
    expect(displayOps(c)).toEqual([{ op: "insert", text: "c) new text" }]);
  });

  it("cuts a change that spans a paragraph break into one piece per paragraph", () => {
    expect(paragraphs([{ op: "equal", text: "a " }, { op: "insert", text: "b\nc" }, { op: "equal", text: "\nd" }])).toEqual([
      [{ op: "equal", text: "a " }, { op: "insert", text: "b" }],
      [{ op: "insert", text: "c" }],
      [{ op: "equal", text: "d" }],
    ]);
  });
});

describe("foldUnchanged", () => {
  const e = (touched: boolean) => entry(touched ? { marker: "MOD", status: "modified" } : {});
  const list = [e(false), e(false), e(false), e(true), e(false), e(false), e(false), e(false), e(true), e(false)];

  it("keeps n entries around each change and folds each other run", () => {
    expect(foldUnchanged(list, 1)).toEqual([
      { kind: "fold", index: 0, count: 2 },
      { kind: "entry", index: 2 },
      { kind: "entry", index: 3 },
      { kind: "entry", index: 4 },
      { kind: "fold", index: 5, count: 2 },
      { kind: "entry", index: 7 },
      { kind: "entry", index: 8 },
      { kind: "entry", index: 9 },
    ]);
  });

  it("keeps everything with null and folds everything unchanged with 0", () => {
    expect(foldUnchanged(list, null).every((i) => i.kind === "entry")).toBe(true);
    expect(foldUnchanged(list, 0).filter((i) => i.kind === "entry").map((i) => i.index)).toEqual([3, 8]);
  });
});
