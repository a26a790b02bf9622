import { compareTexts } from "@redline/core";
import { describe, expect, it } from "vitest";
import { renderHtml, renderMarkdown, renderTerminal } from "../src/index.js";

/** The .docx reader shows a picture as U+FFFC; every report says "[picture]" there instead. */
describe("a picture's placeholder", () => {
  const delta = compareTexts("RESOLUTION 1\n\nThe logo \ufffc stays.\n", "RESOLUTION 1\n\nThe logo stays.\n", { old: { name: "a.txt" }, new: { name: "b.txt" } });

  it("reads [picture] in HTML, Markdown and terminal text, and the character itself never shows", () => {
    const outputs = [renderHtml(delta), renderMarkdown(delta), renderTerminal(delta, { color: false, context: null })];
    for (const out of outputs) expect(out).not.toContain("\ufffc");
    expect(outputs[0]).toContain("[picture]");
    expect(outputs[1]).toContain("\\[picture\\]");
    expect(outputs[2]).toContain("[picture]");
  });
});
