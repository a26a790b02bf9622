import { describe, expect, it } from "vitest";
import { readDocx } from "../src/index.js";
import { listPara, makeDocx, para } from "./make-docx.js";

/** An abstract list whose levels are [numFmt, lvlText, start?, extra?]. */
function abstractNum(id: number, levels: [string, string, number?, string?][]): string {
  const lvls = levels
    .map(([fmt, text, start = 1, extra = ""], ilvl) => `<w:lvl w:ilvl="${ilvl}"><w:start w:val="${start}"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/>${extra}</w:lvl>`)
    .join("");
  return `<w:abstractNum w:abstractNumId="${id}">${lvls}</w:abstractNum>`;
}

function num(numId: number, abstractId: number, overrides = ""): string {
  return `<w:num w:numId="${numId}"><w:abstractNumId w:val="${abstractId}"/>${overrides}</w:num>`;
}

function labels(body: string, numbering: string, styles = ""): (string | null)[] {
  return readDocx(makeDocx({ body, numbering, styles }), { name: "list.docx" }).paragraphs.map((p) => p.listLabel);
}

describe("list labels", () => {
  it("numbers a decimal list, leaving the typed text alone", () => {
    const doc = readDocx(makeDocx({ body: listPara("first", 1) + listPara("second", 1) + listPara("third", 1), numbering: abstractNum(0, [["decimal", "%1."]]) + num(1, 0) }), {
      name: "list.docx",
    });
    expect(doc.paragraphs.map((p) => [p.listLabel, p.text])).toEqual([
      ["1.", "first"],
      ["2.", "second"],
      ["3.", "third"],
    ]);
  });

  it("formats letters, roman numerals and parentheses", () => {
    const numbering =
      abstractNum(0, [["lowerLetter", "%1)"]]) + abstractNum(1, [["upperRoman", "%1"]]) + abstractNum(2, [["lowerRoman", "(%1)", 3]]) + num(1, 0) + num(2, 1) + num(3, 2);
    const body = [1, 1, 2, 2, 2, 2, 3, 3].map((n) => listPara("x", n)).join("");
    expect(labels(body, numbering)).toEqual(["a)", "b)", "I", "II", "III", "IV", "(iii)", "(iv)"]);
  });

  it("writes numbers as English words for cardinalText and ordinalText", () => {
    const numbering = abstractNum(0, [["ordinalText", "%1:"]]) + abstractNum(1, [["cardinalText", "%1", 20]]) + num(1, 0) + num(2, 1);
    const body = [1, 1, 1, 2, 2].map((n) => listPara("x", n)).join("");
    expect(labels(body, numbering)).toEqual(["First:", "Second:", "Third:", "Twenty", "Twenty-one"]);
  });

  it("repeats letters past z, as Word does", () => {
    const body = Array.from({ length: 28 }, () => listPara("x", 1)).join("");
    expect(labels(body, abstractNum(0, [["lowerLetter", "%1)"]]) + num(1, 0)).slice(24)).toEqual(["y)", "z)", "aa)", "bb)"]);
  });

  it("builds multi-level labels and restarts a level after a higher one", () => {
    const numbering = abstractNum(0, [["decimal", "%1."], ["decimal", "%1.%2"], ["lowerLetter", "%3)"]]) + num(1, 0);
    const body = [0, 1, 1, 2, 2, 0, 1, 2].map((ilvl) => listPara("x", 1, ilvl)).join("");
    expect(labels(body, numbering)).toEqual(["1.", "1.1", "1.2", "a)", "b)", "2.", "2.1", "a)"]);
  });

  it("does not restart a level whose w:lvlRestart is 0", () => {
    const numbering = abstractNum(0, [["decimal", "%1."], ["decimal", "(%2)", 1, '<w:lvlRestart w:val="0"/>']]) + num(1, 0);
    const body = [0, 1, 1, 0, 1].map((ilvl) => listPara("x", 1, ilvl)).join("");
    expect(labels(body, numbering)).toEqual(["1.", "(1)", "(2)", "2.", "(3)"]);
  });

  it("shows every level in decimal under w:isLgl", () => {
    const numbering = abstractNum(0, [["upperRoman", "%1."], ["decimal", "%1.%2", 1, "<w:isLgl/>"]]) + num(1, 0);
    expect(labels(listPara("x", 1, 0) + listPara("x", 1, 0) + listPara("x", 1, 1), numbering)).toEqual(["I.", "II.", "2.1"]);
  });

  it("continues a list across instances of one abstract list, and restarts it where an instance overrides the start", () => {
    const numbering = abstractNum(0, [["decimal", "%1."]]) + num(1, 0) + num(2, 0) + num(3, 0, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>');
    const body = [1, 1, para("between"), 2, 3, 3, 1].map((n) => (typeof n === "number" ? listPara("x", n) : n)).join("");
    expect(labels(body, numbering)).toEqual(["1.", "2.", null, "3.", "1.", "2.", "3."]);
  });

  it("uses a replacement level from w:lvlOverride", () => {
    const numbering = abstractNum(0, [["decimal", "%1."]]) + num(1, 0, '<w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="5"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1 -"/></w:lvl></w:lvlOverride>');
    expect(labels(listPara("x", 1) + listPara("x", 1), numbering)).toEqual(["E -", "F -"]);
  });

  it("shows bullets, Symbol-font bullets as their Unicode look-alike", () => {
    const numbering = abstractNum(0, [["bullet", "\uf0b7"]]) + abstractNum(1, [["bullet", "–"]]) + num(1, 0) + num(2, 1);
    expect(labels(listPara("x", 1) + listPara("x", 2), numbering)).toEqual(["\u2022", "–"]);
  });

  it("takes numbering from the paragraph style, up its basedOn chain, and lets numId 0 switch it off", () => {
    const styles =
      '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>' +
      '<w:style w:type="paragraph" w:styleId="ListBase"><w:name w:val="List Base"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>' +
      '<w:style w:type="paragraph" w:styleId="enumlev1"><w:name w:val="enumlev1"/><w:basedOn w:val="ListBase"/></w:style>';
    const numbering = abstractNum(0, [["decimal", "%1)"]]) + num(1, 0);
    const body = para("a", "enumlev1") + para("b", "enumlev1") + para("off", "enumlev1", '<w:numPr><w:numId w:val="0"/></w:numPr>') + para("c", "enumlev1") + para("plain");
    expect(labels(body, numbering, styles)).toEqual(["1)", "2)", null, "3)", null]);
  });

  it("finds the level a style is linked to when the style gives no level", () => {
    const styles =
      '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>' +
      '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>';
    const numbering = abstractNum(0, [["decimal", "%1", 1, '<w:pStyle w:val="Heading1"/>'], ["decimal", "%1.%2", 1, '<w:pStyle w:val="Heading2"/>']]) + num(1, 0);
    expect(labels(para("Scope", "Heading1") + para("General", "Heading2") + para("Details", "Heading2") + para("References", "Heading1"), numbering, styles)).toEqual([
      "1",
      "1.1",
      "1.2",
      "2",
    ]);
  });
});
