import { describe, expect, it } from "vitest";
import * as render from "../src/index.js";
import { readSource, sourceFiles } from "./helpers.js";

describe("the public API", () => {
  it("exports exactly these names", () => {
    expect(Object.keys(render).sort()).toEqual([
      "address",
      "describeFormatting",
      "describeUnmarkedFormatting",
      "displayOps",
      "foldUnchanged",
      "isTouched",
      "paragraphs",
      "renderHtml",
      "renderMarkdown",
      "renderSummary",
      "renderTerminal",
      "sideOps",
      "summaryLine",
      "tags",
    ]);
  });

  it("keeps src platform-neutral: no Node built-ins, no DOM, no imports but @redline/core and its own files", () => {
    for (const file of sourceFiles()) {
      const text = readSource(file);
      for (const m of text.matchAll(/\bfrom\s+"([^"]+)"/g)) {
        expect([file, m[1]!.startsWith(".") || m[1] === "@redline/core"]).toEqual([file, true]);
      }
      expect([file, /\b(?:require\(|process\.|document\.|window\.)/.test(text)]).toEqual([file, false]);
    }
  });
});
