import { describe, it } from "vitest";
import { renderHtml, renderMarkdown, renderSummary, renderTerminal } from "../src/index.js";
import { exampleDelta, expectFixture } from "./helpers.js";

// Golden outputs for examples/res-99-*.txt. After an intended change, rewrite
// them with UPDATE_FIXTURES=1 and review the diff like any other change.
describe("golden outputs for the Resolution 99 example", () => {
  const delta = exampleDelta();

  it("HTML", () => expectFixture("res-99.html", renderHtml(delta)));
  it("Markdown", () => expectFixture("res-99.md", renderMarkdown(delta)));
  it("terminal, no colour, 2 entries of context, 80 columns", () => expectFixture("res-99.txt", renderTerminal(delta, { color: false, context: 2, width: 80 })));
  it("summary, no colour", () => expectFixture("res-99.stat.txt", renderSummary(delta, { color: false })));
});
