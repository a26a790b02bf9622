/// <reference types="node" />
import { describe, expect, it } from "vitest";
import { readMarkdown, readText, RedlineError } from "../src/index.js";

const texts = (s: string | Uint8Array, o = {}) => readText(s, o).paragraphs.map((p) => p.text);

describe("readText", () => {
  it("reads one paragraph per line, with CRLF, CR or LF", () => {
    expect(texts("a)\tone;\r\nb)\ttwo;\rc)\tthree,\n")).toEqual(["a)\tone;", "b)\ttwo;", "c)\tthree,"]);
  });

  it("drops a UTF-8 byte order mark and keeps positions", () => {
    const doc = readText(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("noting\n\na)\tthat x;\n")]));
    expect(doc.paragraphs.map((p) => p.text)).toEqual(["noting", "a)\tthat x;"]);
    expect(doc.paragraphs[1]!.position).toEqual({ start: { line: 3, column: 1, offset: 8 }, end: { line: 3, column: 11, offset: 18 } });
  });

  it("joins hard-wrapped lines between blank lines, but starts a paragraph at every label", () => {
    const t = "considering\n\na)\tthat the study groups\nmeet often;\nb)\tthat documents\nare many,\n\nresolves\n";
    expect(texts(t)).toEqual(["considering", "a)\tthat the study groups meet often;", "b)\tthat documents are many,", "resolves"]);
  });

  it("accepts the 'label text' form with spaces", () => {
    expect(texts("1 to publish;\n2 to report.\n")).toEqual(["1 to publish;", "2 to report."]);
  });

  it("decodes UTF-16 with a byte order mark", () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x29, 0x00, 0x09, 0x00, 0xe9, 0x00]);
    expect(texts(bytes)).toEqual(["a)\té"]);
  });

  it("refuses invalid UTF-8 and NUL bytes with a RedlineError naming the file", () => {
    expect(() => readText(new Uint8Array([0x61, 0xff, 0x62]), { name: "bad.txt" })).toThrow(/bad\.txt: is not valid UTF-8/);
    try {
      readText("a\u0000b", { name: "nul.txt" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RedlineError);
      expect((e as RedlineError).code).toBe("invalid-encoding");
    }
  });
});

describe("readMarkdown", () => {
  it("reads headings, list items with their labels, emphasis and footnotes", () => {
    const md = [
      "# RESOLUTION 99 (Rev. Geneva, 2024)",
      "",
      "*considering*",
      "",
      "a) that **documents** are [many](https://example.org);",
      "b) that access is uneven[^1],",
      "",
      "*resolves*",
      "",
      "1. to publish them;",
      "2. to report.",
      "",
      "[^1]: Including developing countries.",
    ].join("\n");
    const doc = readMarkdown(md, { name: "r.md" });
    expect(doc.paragraphs.map((p) => [p.style, p.text, p.part])).toEqual([
      ["Heading1", "RESOLUTION 99 (Rev. Geneva, 2024)", "body"],
      [null, "considering", "body"],
      [null, "a)\tthat documents are many;", "body"],
      [null, "b)\tthat access is uneven1,", "body"],
      [null, "resolves", "body"],
      [null, "1\tto publish them;", "body"],
      [null, "2\tto report.", "body"],
      [null, "Including developing countries.", "footnote"],
    ]);
    expect(doc.notes).toEqual([{ type: "note", kind: "footnote", id: "1", mark: "1", referencedFrom: 3 }]);
  });

  it("turns pipe-table cells into paragraphs with their table position", () => {
    const doc = readMarkdown("| a | b |\n|---|---|\n| 1 | 2 |\n");
    expect(doc.paragraphs.map((p) => [p.text, p.table])).toEqual([
      ["a", { table: 0, row: 0, cell: 0 }],
      ["b", { table: 0, row: 0, cell: 1 }],
      ["1", { table: 0, row: 1, cell: 0 }],
      ["2", { table: 0, row: 1, cell: 1 }],
    ]);
  });
});
