import { compareTexts } from "@redline/core";
import { describe, expect, it } from "vitest";
import { renderSummary, renderTerminal } from "../src/index.js";
import { displayWidth, wrap } from "../src/terminal/wrap.js";
import { exampleDelta } from "./helpers.js";

const ESC = "\u001b";
const delta = exampleDelta();
const blocks = (out: string) => out.trimEnd().split("\n\n");
const HEADER = /^(MOD|ADD|SUP|NOC) \S/;
const FOLD = /^⋯ (\d+) unchanged clauses?$/;

describe("renderTerminal without colour", () => {
  const out = renderTerminal(delta, { color: false, context: null });

  it("writes no escape character at all", () => {
    expect(out).not.toContain(ESC);
  });

  it("marks word changes like git's --word-diff=plain", () => {
    expect(out).toContain("5 that study groups should [-encourage-]{+promote+} the preparation");
    expect(out).toContain("at least [-30-]{+45+} calendar days");
    expect(out).toContain("online[-, in their original form and with their original numbering,-] for at least two");
  });

  it("heads each touched entry with its ITU marker, its address and its tags", () => {
    expect(out).toContain("\nMOD resolves/5\n");
    expect(out).toContain("\nADD considering/c\n");
    expect(out).toContain("\nSUP recognizing/d\n");
    expect(out).toContain("\nMOD considering/c → considering/d [renumbered c) → d)]\n");
    expect(out).toContain("\nMOD instructs-the-study-groups/5 → instructs-the-study-groups/2 [moved] [renumbered 5 → 2]\n");
    expect(out).toContain("\nMOD noting → noting-with-satisfaction\n    noting{+ with satisfaction+}\n");
  });

  it("shows a renumbering as a change of the label, and an added clause as one insertion", () => {
    expect(out).toContain("[-c)-]{+d)+} that the volume of working documents");
    expect(out).toContain("{+c) that the cost of broadband access");
    expect(out).toContain("[-d) that some documents, such as draft texts");
  });

  it("puts each continuation paragraph on its own line", () => {
    expect(out).toContain("in particular:\n    – contributions submitted by members");
    expect(out).toContain("\n    – liaison statements received from [-other-]{+external+} standards development organizations;\n");
  });

  it("shows every entry when context is null, with no fold lines", () => {
    expect(out).not.toContain("⋯");
    expect(blocks(out)).toHaveLength(1 + delta.clauses.length + 1);
  });

  it("ends with the summary line", () => {
    expect(out.trimEnd().split("\n").at(-1)).toBe("12 modified, 6 added, 2 deleted, 1 moved, 16 renumbered; +169 −67 words");
  });
});

describe("context folding", () => {
  const touched = delta.clauses.filter((c) => c.marker !== "NOC" || c.moved || c.renumbered).length;

  it("with context 0 shows only the touched entries and fold lines", () => {
    const body = blocks(renderTerminal(delta, { color: false, context: 0 })).slice(1, -1);
    let folded = 0;
    for (const b of body) {
      const fold = FOLD.exec(b);
      if (fold) folded += Number(fold[1]);
      else expect(b).toMatch(HEADER);
    }
    expect(body.filter((b) => HEADER.test(b))).toHaveLength(touched);
    expect(folded + touched).toBe(delta.clauses.length);
    expect(body).toContain("⋯ 6 unchanged clauses");
  });

  it("keeps n unchanged entries on each side of a change", () => {
    const body = blocks(renderTerminal(delta, { color: false, context: 1 })).slice(1, -1);
    const i = body.findIndex((b) => b.startsWith("MOD resolves/5\n"));
    expect(body[i - 1]).toMatch(/^ {4}4 that TSB shall make it easier/);
    expect(body[i + 1]).toMatch(/^ {4}6 that documents subject to restricted distribution/);
    expect(body[i - 2]).toMatch(/^ {4}3 that the electronic document management system/);
    const folds = body.filter((b) => FOLD.test(b)).map((b) => Number(FOLD.exec(b)![1]));
    const shown = body.filter((b) => !FOLD.test(b)).length;
    expect(shown + folds.reduce((a, b) => a + b, 0)).toBe(delta.clauses.length);
  });

  it("folds a Delta without differences into one line", () => {
    const same = compareTexts("a\n\nb\n", "a\n\nb\n", { profile: "plain" });
    expect(renderTerminal(same, { color: false, context: 3 })).toBe(
      "old document → new document\n\n⋯ 2 unchanged clauses\n\n0 modified, 0 added, 0 deleted, 0 moved, 0 renumbered; +0 −0 words\n",
    );
  });

  it("refuses a negative or fractional context", () => {
    expect(() => renderTerminal(delta, { color: false, context: -1 })).toThrow(RangeError);
    expect(() => renderTerminal(delta, { color: false, context: 1.5 })).toThrow(RangeError);
  });
});

describe("renderTerminal with colour", () => {
  const out = renderTerminal(delta, { color: true, context: 2 });

  it("strikes deletions through in red and underlines insertions in green", () => {
    expect(out).toContain(`should ${ESC}[31;9mencourage${ESC}[0m${ESC}[32;4mpromote${ESC}[0m the preparation`);
  });

  it("colours the markers and dims the fold lines", () => {
    expect(out).toContain(`${ESC}[1;33mMOD${ESC}[0m ${ESC}[1mresolves/5${ESC}[0m`);
    expect(out).toContain(`${ESC}[1;32mADD${ESC}[0m`);
    expect(out).toContain(`${ESC}[1;31mSUP${ESC}[0m`);
    expect(out).toMatch(new RegExp(`${ESC}\\[2m⋯ \\d+ unchanged clauses?${ESC}\\[0m`));
  });

  it("prints the same text once the escapes are removed, apart from the word-diff brackets", () => {
    // eslint-disable-next-line no-control-regex -- stripping SGR sequences
    const plain = out.replace(/\u001b\[[\d;]*m/g, "");
    const noColor = renderTerminal(delta, { color: false, context: 2 }).replace(/\[-|-\]|\{\+|\+\}/g, "");
    expect(plain).toBe(noColor);
  });
});

// Any C0 control but "\n", DEL, or any C1 control.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe("hostile text on a terminal", () => {
  const d = compareTexts("Title\n\nsafe text\n", `Title\n\nsafe \u001b]0;pwned\u0007 text \u001b[2J\u009b31m\n`, { profile: "plain" });

  it("shows control characters as visible pictures, never as escapes", () => {
    const out = renderTerminal(d, { color: false, context: null });
    expect(out).not.toMatch(CONTROL);
    expect(out).toContain("␛]0;pwned␇");
    expect(out).toContain("␛[2J");
  });

  it("lets only its own escapes through when colour is on", () => {
    const out = renderTerminal(d, { color: true, context: null });
    // eslint-disable-next-line no-control-regex -- every ESC must start one of our SGR sequences
    expect(out.replace(/\u001b\[[\d;]*m/g, "")).not.toMatch(CONTROL);
  });
});

describe("wrapping", () => {
  it("keeps every text line within the width and loses no word", () => {
    const out = renderTerminal(delta, { color: false, context: null, width: 60 });
    const textLines = out.split("\n").filter((l) => l.startsWith("    "));
    for (const l of textLines) expect(displayWidth(l)).toBeLessThanOrEqual(60);
    const words = (s: string) => s.split(/\s+/).filter(Boolean);
    expect(words(out)).toEqual(words(renderTerminal(delta, { color: false, context: null })));
  });

  it("measures width without escape codes, and restyles each line on its own", () => {
    const out = renderTerminal(delta, { color: true, context: 0, width: 50 });
    // eslint-disable-next-line no-control-regex -- stripping SGR sequences
    const strip = (s: string) => s.replace(/\u001b\[[\d;]*m/g, "");
    for (const l of out.split("\n").filter((x) => x.startsWith("    "))) {
      expect(displayWidth(strip(l))).toBeLessThanOrEqual(50);
      expect(l.lastIndexOf(`${ESC}[`)).toBeLessThanOrEqual(Math.max(l.lastIndexOf(`${ESC}[0m`), -1));
    }
  });

  it("breaks Chinese text between characters and counts them two columns wide", () => {
    const lines = wrap([{ text: "认识到国际电信联盟电信标准化部门的工作文件对发展中国家的专家十分重要", style: null }], 20);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(displayWidth(l.map((f) => f.text).join(""))).toBeLessThanOrEqual(20);
  });

  it("gives a word longer than the width a line of its own", () => {
    const lines = wrap([{ text: "a supercalifragilistic b", style: null }], 8).map((l) => l.map((f) => f.text).join(""));
    expect(lines).toEqual(["a", "supercalifragilistic", "b"]);
  });
});

describe("renderSummary", () => {
  it("tabulates the counts and lists the touched entries with their markers and word counts", () => {
    const out = renderSummary(delta, { color: false });
    expect(out).not.toContain(ESC);
    expect(out).toMatch(/^ {2}modified +12$/m);
    expect(out).toMatch(/^ {2}renumbered +16$/m);
    expect(out).toMatch(/^ {2}words inserted +169$/m);
    expect(out).toMatch(/^ {2}MOD +\+1 +−1 +resolves\/5$/m);
    expect(out).toMatch(/^ {2}ADD +\+30 +considering\/c$/m);
    expect(out).toMatch(/^ {2}SUP +−24 +recognizing\/d$/m);
    expect(out).toMatch(/^ {2}MOD +instructs-the-study-groups\/5 → instructs-the-study-groups\/2 {2}\[moved\] {2}\[renumbered 5 → 2\]$/m);
    expect(out.match(/^ {2}(MOD|ADD|SUP|NOC) /gm)).toHaveLength(36);
    expect(out.trimEnd().split("\n").at(-1)).toBe("12 modified, 6 added, 2 deleted, 1 moved, 16 renumbered; +169 −67 words");
  });

  it("uses ANSI only when asked", () => {
    expect(renderSummary(delta, { color: true })).toContain(`${ESC}[1;31mSUP${ESC}[0m`);
  });

  it("adds up its per-entry word counts to the Delta's totals", () => {
    const out = renderSummary(delta, { color: false });
    const sum = (re: RegExp) => Array.from(out.matchAll(re), (m) => Number(m[1])).reduce((a, b) => a + b, 0);
    expect(sum(/^ {2}[A-Z]{3} +\+(\d+)/gm)).toBe(delta.summary.insertedWords);
    expect(sum(/^ {2}[A-Z]{3} [^\n]*?−(\d+)/gm)).toBe(delta.summary.deletedWords);
  });
});
