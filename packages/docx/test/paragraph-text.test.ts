import { describe, expect, it } from "vitest";
import { createTextContext, documentElement, parseXml, paragraphText, textContent, type View, type XmlElement } from "../src/index.js";
import { NS } from "./make-docx.js";

function p(inner: string): XmlElement {
  return documentElement(parseXml(`<w:p ${NS}>${inner}</w:p>`, "test.docx", "word/document.xml"));
}

function text(inner: string, view: View = "accepted"): string {
  return paragraphText(p(inner), createTextContext(view)).text;
}

const r = (inner: string): string => `<w:r>${inner}</w:r>`;
const t = (value: string): string => r(`<w:t xml:space="preserve">${value}</w:t>`);
const fld = (type: string): string => r(`<w:fldChar w:fldCharType="${type}"/>`);
const instr = (code: string): string => r(`<w:instrText xml:space="preserve">${code}</w:instrText>`);

describe("paragraphText", () => {
  it("maps every piece of the text back to the node it came from", () => {
    const result = paragraphText(p(`${t("to ")}<w:hyperlink r:id="rId4">${t("encourage")}</w:hyperlink>${r("<w:tab/>")}`), createTextContext());
    expect(result.text).toBe("to encourage\t");
    expect(result.pieces.map((piece) => [result.text.slice(piece.start, piece.end), piece.node.name, piece.parent.name])).toEqual([
      ["to ", "w:t", "w:p"],
      ["encourage", "w:t", "w:hyperlink"],
      ["\t", "w:tab", "w:p"],
    ]);
    for (const piece of result.pieces) {
      if (piece.node.name === "w:t") expect(textContent(piece.node)).toBe(result.text.slice(piece.start, piece.end));
      expect(piece.run.name).toBe("w:r");
      expect(piece.paragraph.name).toBe("w:p");
    }
  });

  it("turns tabs, breaks and special hyphens into characters, and drops soft hyphens", () => {
    const inner = r(
      '<w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:br w:type="page"/><w:cr/><w:t>co</w:t><w:softHyphen/><w:t>op</w:t><w:noBreakHyphen/><w:t>x</w:t><w:ptab w:relativeTo="margin" w:alignment="right" w:leader="none"/>',
    );
    expect(text(inner)).toBe("a\tb\u000bc\u000b\u000bcoop\u2011x\t");
  });

  it("reads a symbol from its character code", () => {
    expect(text(r('<w:sym w:font="Symbol" w:char="F0B7"/><w:sym w:font="Wingdings" w:char="2014"/>'))).toBe("\uf0b7\u2014");
  });

  it("shows a field's result, never its instruction", () => {
    expect(text(`${t("see page ")}${fld("begin")}${instr(" PAGEREF _Toc1 \\h ")}${fld("separate")}${t("12")}${fld("end")}`)).toBe("see page 12");
  });

  it("hides fields nested in another field's instruction, and fields without a result", () => {
    const nested = `${fld("begin")}${instr(" IF ")}${fld("begin")}${instr(" DATE ")}${fld("separate")}${t("2016")}${fld("end")}${instr(' = 1 "a" "b" ')}${fld("separate")}${t("shown")}${fld("end")}`;
    expect(text(nested + fld("begin") + instr(' XE "index" ') + fld("end") + t("."))).toBe("shown.");
  });

  it("keeps a field's state across paragraphs, as a table of contents needs", () => {
    const ctx = createTextContext();
    const first = paragraphText(p(`${fld("begin")}${instr(" TOC \\o ")}${fld("separate")}${t("1 Scope")}`), ctx).text;
    const second = paragraphText(p(`${t("2 References")}${fld("end")}${t(" after")}`), ctx).text;
    expect([first, second]).toEqual(["1 Scope", "2 References after"]);
    expect(ctx.fields).toEqual([]);
  });

  it("reads simple fields, smart tags, custom XML, content controls and bidi wrappers as their runs", () => {
    const inner =
      `<w:fldSimple w:instr=" SEQ Table ">${t("1")}</w:fldSimple>` +
      `<w:smartTag w:element="place">${t(" Geneva")}</w:smartTag>` +
      `<w:customXml w:element="x">${t(",")}</w:customXml>` +
      `<w:sdt><w:sdtPr><w:text/></w:sdtPr><w:sdtContent>${t(" 2016")}</w:sdtContent></w:sdt>` +
      `<w:dir w:val="rtl">${t("!")}</w:dir>`;
    expect(text(inner)).toBe("1 Geneva, 2016!");
  });

  it("ignores bookmarks, proofing marks, comment anchors and permissions", () => {
    const inner = `<w:bookmarkStart w:id="1" w:name="x"/><w:proofErr w:type="spellStart"/>${t("text")}<w:proofErr w:type="spellEnd"/><w:commentRangeStart w:id="2"/><w:permStart w:id="3"/><w:bookmarkEnd w:id="1"/>${r('<w:commentReference w:id="2"/>')}`;
    expect(text(inner)).toBe("text");
  });

  it("shows insertions and hides deletions when accepting, and the opposite when rejecting", () => {
    const inner = `${t("to ")}<w:del w:id="1" w:author="A" w:date="2016-01-01T00:00:00Z">${r("<w:delText>encourage</w:delText>")}</w:del><w:ins w:id="2" w:author="A" w:date="2016-01-01T00:00:00Z">${t("promote")}</w:ins>`;
    expect(text(inner, "accepted")).toBe("to promote");
    expect(text(inner, "rejected")).toBe("to encourage");
  });

  it("treats moves like deletions at the source and insertions at the destination", () => {
    const inner = `<w:moveFrom w:id="1" w:author="A">${t("old place ")}</w:moveFrom><w:moveTo w:id="2" w:author="A">${t("new place")}</w:moveTo>`;
    expect(text(inner, "accepted")).toBe("new place");
    expect(text(inner, "rejected")).toBe("old place ");
  });

  it("reads math as the text of its runs, revisions inside math runs included", () => {
    const math = `<m:oMath><m:r><m:t>A=</m:t></m:r><m:r><w:del w:id="1" w:author="A"><m:t>2</m:t></w:del></m:r><m:r><m:t>π</m:t></m:r><m:sSup><m:sSupPr><m:ctrlPr><w:rPr><w:i/></w:rPr></m:ctrlPr></m:sSupPr><m:e><m:r><m:t>r</m:t></m:r></m:e><m:sup><m:r><m:t>2</m:t></m:r></m:sup></m:sSup></m:oMath>`;
    expect(text(math, "accepted")).toBe("A=πr2");
    expect(text(math, "rejected")).toBe("A=2πr2");
  });

  it("reports note references without adding text, and keeps a custom mark in the text", () => {
    const seen: [string, string, string | null][] = [];
    const ctx = createTextContext();
    ctx.onNoteReference = (kind, id, mark) => seen.push([kind, id, mark]);
    const inner = `${t("countries")}${r('<w:footnoteReference w:id="4"/>')}${t(" and")}${r('<w:endnoteReference w:customMarkFollows="1" w:id="2"/><w:t>*</w:t>')}`;
    expect(paragraphText(p(inner), ctx).text).toBe("countries and*");
    expect(seen).toEqual([
      ["footnote", "4", null],
      ["endnote", "2", "*"],
    ]);
  });

  it("hands text boxes to the caller once, although DrawingML and VML both carry them", () => {
    const boxes: string[] = [];
    const dropped: string[] = [];
    const ctx = createTextContext();
    ctx.onTextBox = (content) => boxes.push(textContent(content));
    ctx.onDropped = (kind) => dropped.push(kind);
    const box = (label: string) => `<w:txbxContent><w:p><w:r><w:t>${label}</w:t></w:r></w:p></w:txbxContent>`;
    const inner =
      t("anchor") +
      r(`<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx>${box("in the box")}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>${box("in the box")}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent>`) +
      r(`<w:drawing><wp:inline><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"/></a:graphic></wp:inline></w:drawing>`);
    // the text box's drawing and the picture are one placeholder character each, their pieces the elements; nothing is dropped
    const read = paragraphText(p(inner), ctx);
    expect(read.text).toBe("anchor\ufffc\ufffc");
    expect(read.pieces.slice(1).map((piece) => piece.node.name)).toEqual(["mc:AlternateContent", "w:drawing"]);
    expect(boxes).toEqual(["in the box"]);
    expect(dropped).toEqual([]);
  });

  it("reads ruby as its base text", () => {
    expect(text(r("<w:ruby><w:rubyPr/><w:rt><w:r><w:t>とうきょう</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>東京</w:t></w:r></w:rubyBase></w:ruby>"))).toBe("東京");
  });

  it("never reads deleted text in the accepted view, even outside a w:del", () => {
    expect(text(r("<w:delText>stray</w:delText><w:t>kept</w:t>"), "accepted")).toBe("kept");
  });
});
