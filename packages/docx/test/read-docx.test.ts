import { describe, expect, it } from "vitest";
import { check, ownFormatBits, type Run } from "@redline/core";
import { readDocx, readDocxPackage, readDocxViews, openPackage, textContent } from "../src/index.js";
import { makeDocx, para } from "./make-docx.js";

const REV = 'w:id="1" w:author="A" w:date="2016-10-25T00:00:00Z"';
const STYLES =
  '<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault></w:docDefaults>' +
  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>' +
  '<w:style w:type="paragraph" w:styleId="Call"><w:name w:val="Call"/><w:basedOn w:val="Normal"/><w:rPr><w:i/></w:rPr></w:style>' +
  '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:rPr><w:b/></w:rPr></w:style>' +
  '<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>';

function texts(body: string, view: "accepted" | "rejected" = "accepted"): string[] {
  return readDocx(makeDocx({ body, styles: STYLES }), { name: "t.docx", view }).paragraphs.map((p) => p.text);
}

describe("reading paragraphs", () => {
  it("gives each paragraph its style id, style name and location", () => {
    const doc = readDocx(makeDocx({ body: para("considering", "Call") + para("a)\tthat") + para("Unknown", "NoSuchStyle"), styles: STYLES }), {
      name: "dir/res.docx",
    });
    expect(doc.name).toBe("res.docx");
    expect(doc.format).toBe("docx");
    expect(doc.paragraphs.map((p) => [p.index, p.style, p.styleName, p.part, p.location])).toEqual([
      [0, "Call", "Call", "body", { part: "word/document.xml", path: [0, 0] }],
      [1, "Normal", "Normal", "body", { part: "word/document.xml", path: [0, 1] }],
      [2, "NoSuchStyle", null, "body", { part: "word/document.xml", path: [0, 2] }],
    ]);
    expect(doc.paragraphs.every((p) => p.position === null && p.noteId === null && p.table === null)).toBe(true);
  });

  it("resolves run formatting from direct properties, character styles and paragraph styles", () => {
    const body =
      `<w:p><w:pPr><w:pStyle w:val="Call"/></w:pPr><w:r><w:t>resolves </w:t></w:r><w:r><w:rPr><w:i w:val="0"/></w:rPr><w:t>further</w:t></w:r></w:p>` +
      `<w:p><w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>A</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>B</w:t></w:r><w:r><w:rPr><w:u w:val="single"/><w:strike/><w:vertAlign w:val="superscript"/><w:smallCaps/></w:rPr><w:t>1</w:t></w:r><w:r><w:rPr><w:u w:val="none"/><w:dstrike/><w:vertAlign w:val="subscript"/><w:caps/></w:rPr><w:t>2</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>3</w:t></w:r></w:p>`;
    const [call, mixed] = readDocx(makeDocx({ body, styles: STYLES }), { name: "t.docx" }).paragraphs;
    const plain = { bold: false, italic: false, underline: false, strike: false, doubleStrike: false, vertAlign: null, smallCaps: false, caps: false, hidden: false, color: null, highlight: null, size: 20, font: "(default)" };
    expect(call?.runs).toMatchObject([
      { type: "run", start: 0, end: 9, format: { ...plain, italic: true } },
      { type: "run", start: 9, end: 16, format: plain },
    ]);
    // what each run sets itself, and what its paragraph gives a run that sets nothing
    expect(call?.runs?.map((r) => r.own)).toEqual([ownFormatBits({}), ownFormatBits({ italic: false })]);
    expect(call?.runBase).toEqual({ ...plain, italic: true });
    expect(mixed?.runs?.[0]?.own).toBe(ownFormatBits({ bold: true }));
    expect(mixed?.runs).toMatchObject([
      { type: "run", start: 0, end: 2, format: { ...plain, bold: true } },
      { type: "run", start: 2, end: 3, format: { ...plain, underline: true, underlineStyle: "single", strike: true, vertAlign: "superscript", smallCaps: true } },
      // a double strike and all capitals are their own properties, not a strike and nothing
      { type: "run", start: 3, end: 4, format: { ...plain, doubleStrike: true, vertAlign: "subscript", caps: true } },
      // hidden text is read as text, and as hidden
      { type: "run", start: 4, end: 5, format: { ...plain, hidden: true } },
    ]);
  });

  it("reads the values of a run's formatting (underline kind, colour, highlight, size, font) through the styles, and what the run sets itself", () => {
    const styles =
      '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Arial"/><w:sz w:val="24"/></w:rPr></w:rPrDefault></w:docDefaults>' +
      '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>' +
      '<w:style w:type="paragraph" w:styleId="Note"><w:name w:val="Note"/><w:basedOn w:val="Normal"/><w:rPr><w:color w:val="c00000"/><w:sz w:val="20"/></w:rPr></w:style>' +
      '<w:style w:type="character" w:styleId="Marked"><w:name w:val="Marked"/><w:rPr><w:highlight w:val="yellow"/><w:u w:val="double"/></w:rPr></w:style>';
    const run = (rPr: string, text: string) => `<w:r><w:rPr>${rPr}</w:rPr><w:t xml:space="preserve">${text}</w:t></w:r>`;
    const body =
      `<w:p><w:pPr><w:pStyle w:val="Note"/></w:pPr>${run("", "a ")}${run('<w:color w:val="auto"/><w:sz w:val="28"/>', "b ")}${run('<w:rStyle w:val="Marked"/>', "c ")}${run('<w:rStyle w:val="Marked"/><w:highlight w:val="none"/><w:u w:val="wave"/>', "d ")}</w:p>` +
      `<w:p>${run('<w:rFonts w:cs="Arial"/>', "e ")}${run('<w:rFonts w:ascii="Arial" w:hAnsi="Arial"/>', "f ")}${run('<w:rFonts w:ascii="Arial" w:asciiTheme="majorHAnsi"/>', "g ")}${run('<w:color w:val="red"/><w:u w:val="none"/>', "h")}</w:p>`;
    const [note, normal] = readDocx(makeDocx({ body, styles }), { name: "t.docx" }).paragraphs;
    const values = (r: Run) => [r.format.underline, r.format.underlineStyle, r.format.color, r.format.highlight, r.format.size, r.format.font];
    expect(note?.runs?.map(values)).toEqual([
      [false, undefined, "C00000", null, 20, "Times New Roman"],
      // automatic colour set on the run wins over the style's red
      [false, undefined, null, null, 28, "Times New Roman"],
      [true, "double", "C00000", "yellow", 20, "Times New Roman"],
      [true, "wave", "C00000", null, 20, "Times New Roman"],
    ]);
    expect(note?.runs?.map((r) => r.ownValues)).toEqual([undefined, { color: null, size: 28 }, { underlineStyle: "double", highlight: "yellow" }, { underlineStyle: "wave", highlight: null }]);
    expect(note?.runBase).toMatchObject({ color: "C00000", size: 20, font: "Times New Roman" });
    expect(normal?.runs?.map(values)).toEqual([
      // a font for complex scripts only leaves Latin text's as it was
      [false, undefined, null, null, 24, "Times New Roman"],
      [false, undefined, null, null, 24, "Arial"],
      // the theme's font wins over a named one
      [false, undefined, null, null, 24, "+Headings"],
      // a colour that is not six hex digits is automatic
      [false, undefined, null, null, 24, "Times New Roman"],
    ]);
    // odd spellings: an unknown underline is single, an unknown highlight and a size out of range set nothing,
    // a universal measure is a size, an empty font name none; where nothing sets a font it is "(default)"
    const odd = `<w:p>${run('<w:u w:val="bogus"/><w:highlight w:val="orange"/><w:sz w:val="99999"/><w:rFonts w:ascii=""/>', "i ")}${run('<w:sz w:val="10.5pt"/><w:highlight w:val=""/>', "j")}</w:p>`;
    const [oddOnes] = readDocx(makeDocx({ body: odd }), { name: "t.docx" }).paragraphs;
    expect(oddOnes?.runs?.map(values)).toEqual([
      [true, "single", null, null, 20, "(default)"],
      [false, undefined, null, null, 21, "(default)"],
    ]);
    // runs that set the same values share one object, as runs of one format do
    const [x, y] = readDocx(makeDocx({ body: `<w:p>${run('<w:sz w:val="30"/>', "one")}</w:p><w:p>${run('<w:sz w:val="30"/>', "two")}</w:p>` }), { name: "t.docx" }).paragraphs;
    expect(x?.runs?.[0]?.ownValues).toBe(y?.runs?.[0]?.ownValues);
    expect(x?.runs?.[0]?.format).toBe(y?.runs?.[0]?.format);
  });

  it("layers the kind of underline as Word does: a character style's none over a paragraph style's double, a direct single over both", () => {
    const styles =
      '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>' +
      '<w:style w:type="paragraph" w:styleId="Lined"><w:name w:val="Lined"/><w:basedOn w:val="Normal"/><w:rPr><w:u w:val="double"/></w:rPr></w:style>' +
      '<w:style w:type="character" w:styleId="Plain"><w:name w:val="Plain"/><w:rPr><w:u w:val="none"/></w:rPr></w:style>';
    const run = (rPr: string, text: string) => `<w:r><w:rPr>${rPr}</w:rPr><w:t xml:space="preserve">${text}</w:t></w:r>`;
    const body = `<w:p><w:pPr><w:pStyle w:val="Lined"/></w:pPr>${run("", "a ")}${run('<w:rStyle w:val="Plain"/>', "b ")}${run('<w:rStyle w:val="Plain"/><w:u/>', "c")}</w:p>`;
    const [lined] = readDocx(makeDocx({ body, styles }), { name: "t.docx" }).paragraphs;
    expect(lined?.runs?.map((r) => [r.format.underline, r.format.underlineStyle, r.ownValues])).toEqual([
      [true, "double", undefined],
      [false, undefined, undefined],
      [true, "single", { underlineStyle: "single" }],
    ]);
  });

  it("reads a run's old values from its property change in the rejected view", () => {
    const body = `<w:p><w:r><w:rPr><w:color w:val="0000FF"/><w:sz w:val="28"/><w:rPrChange ${REV}><w:rPr><w:color w:val="FF0000"/><w:highlight w:val="yellow"/></w:rPr></w:rPrChange></w:rPr><w:t>x</w:t></w:r></w:p>`;
    const views = readDocxViews(makeDocx({ body, styles: STYLES }), { name: "t.docx" });
    const values = (d: { paragraphs: { runs: Run[] | null }[] }) => d.paragraphs[0]?.runs?.map((r) => [r.format.color, r.format.highlight, r.format.size]);
    expect(values(views.accepted)).toEqual([["0000FF", null, 28]]);
    expect(values(views.rejected)).toEqual([["FF0000", "yellow", 20]]);
  });

  it("reads table cells as paragraphs that know their table, row and cell, nested tables included", () => {
    const cell = (inner: string) => `<w:tc><w:tcPr><w:tcW w:w="100" w:type="dxa"/></w:tcPr>${inner}</w:tc>`;
    const nested = `<w:tbl><w:tblPr/><w:tr>${cell(para("inner"))}</w:tr></w:tbl>`;
    const body = para("before") + `<w:tbl><w:tblPr/><w:tblGrid/><w:tr>${cell(para("A1"))}${cell(para("B1") + nested + para("B1 again"))}</w:tr><w:tr>${cell(para("A2"))}</w:tr></w:tbl>` + para("after");
    const doc = readDocx(makeDocx({ body }), { name: "t.docx" });
    expect(doc.paragraphs.map((p) => [p.text, p.table])).toEqual([
      ["before", null],
      ["A1", { table: 0, row: 0, cell: 0 }],
      ["B1", { table: 0, row: 0, cell: 1 }],
      ["inner", { table: 1, row: 0, cell: 0 }],
      ["B1 again", { table: 0, row: 0, cell: 1 }],
      ["A2", { table: 0, row: 1, cell: 0 }],
      ["after", null],
    ]);
    // body > table (after "before") > row (after tblPr, tblGrid) > second cell > nested table (after tcPr, "B1") > row > cell > paragraph
    expect(doc.paragraphs[3]?.location?.path).toEqual([0, 1, 2, 1, 2, 1, 0, 1]);
  });

  it("reads a text box's paragraphs right after the paragraph that anchors it", () => {
    const box = `<w:r><w:pict><v:shape><v:textbox><w:txbxContent>${para("boxed one")}${para("boxed two")}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>`;
    const doc = readDocx(makeDocx({ body: `<w:p><w:r><w:t>anchor</w:t></w:r>${box}</w:p>` + para("next") }), { name: "t.docx" });
    // the anchor is one U+FFFC in its paragraph, as a picture is: a text box that comes or goes is a change there
    expect(doc.paragraphs.map((p) => p.text)).toEqual(["anchor\ufffc", "boxed one", "boxed two", "next"]);
    expect(doc.paragraphs[1]?.location?.path).toEqual([0, 0, 1, 0, 0, 0, 0, 0]);
  });

  it("reports content it leaves out instead of failing", () => {
    const image = '<w:r><w:drawing><wp:inline><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"/></a:graphic></wp:inline></w:drawing></w:r>';
    const object = '<w:r><w:object><v:shape><v:imagedata r:id="rId9"/></v:shape></w:object></w:r>';
    const chart = '<w:r><w:drawing><wp:inline><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"/></a:graphic></wp:inline></w:drawing></w:r>';
    const doc = readDocx(makeDocx({ body: `<w:p>${image}${image}${object}${chart}</w:p><w:altChunk r:id="rId7"/>` }), { name: "t.docx" });
    // a picture is compared by its place: one U+FFFC each, not left out
    expect(doc.paragraphs.map((p) => p.text)).toEqual(["\ufffc\ufffc"]);
    expect(doc.messages.map((m) => [m.level, m.code, m.text])).toEqual([
      ["info", "dropped-object", "1 embedded object (an OLE equation, spreadsheet or drawing) was left out: only text is compared."],
      ["info", "dropped-chart", "1 chart was left out: only text is compared."],
      ["info", "dropped-altChunk", "1 imported chunk of another document (altChunk) was left out: only text is compared."],
    ]);
  });

  it("warns when a field never ends, since the text after it is hidden", () => {
    const body = `<w:p><w:r><w:t>before </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> REF x </w:instrText></w:r></w:p>` + para("lost");
    const doc = readDocx(makeDocx({ body }), { name: "t.docx" });
    expect(doc.paragraphs.map((p) => p.text)).toEqual(["before ", ""]);
    expect(doc.messages.map((m) => [m.level, m.code])).toEqual([["warning", "unclosed-field"]]);
  });

  it("reads headers and footers only when asked", () => {
    const parts = { body: para("body"), headers: { "header1.xml": para("Resolution 1") } };
    expect(readDocx(makeDocx(parts), { name: "t.docx" }).paragraphs.map((p) => p.part)).toEqual(["body"]);
    const doc = readDocx(makeDocx(parts), { name: "t.docx", includeHeaders: true });
    expect(doc.paragraphs.map((p) => [p.part, p.text, p.location?.part])).toEqual([
      ["body", "body", "word/document.xml"],
      ["header", "Resolution 1", "word/header1.xml"],
    ]);
  });
});

describe("footnotes and endnotes", () => {
  const footnotes =
    `<w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:footnoteRef/></w:r><w:r><w:tab/><w:t>These include the least developed countries.</w:t></w:r></w:p></w:footnote>` +
    `<w:footnote w:id="2"><w:p><w:r><w:t>Custom.</w:t></w:r></w:p></w:footnote>` +
    `<w:footnote w:id="3"><w:p><w:r><w:t>Second auto.</w:t></w:r></w:p></w:footnote>` +
    `<w:footnote w:id="9"><w:p><w:r><w:t>Never referenced.</w:t></w:r></w:p></w:footnote>`;
  const endnotes = `<w:endnote w:id="1"><w:p><w:r><w:t>An endnote.</w:t></w:r></w:p></w:endnote>`;
  const body =
    para("Title") +
    `<w:p><w:r><w:t>developing countries</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:footnoteReference w:customMarkFollows="1" w:id="2"/><w:t>*</w:t></w:r></w:p>` +
    `<w:p><w:r><w:t>more</w:t></w:r><w:r><w:footnoteReference w:id="3"/></w:r><w:r><w:endnoteReference w:id="1"/></w:r></w:p>`;

  it("reads referenced notes after the body, in reference order, with the marks Word shows", () => {
    const doc = readDocx(makeDocx({ body, footnotes, endnotes }), { name: "t.docx" });
    expect(doc.paragraphs.map((p) => [p.part, p.noteId, p.text])).toEqual([
      ["body", null, "Title"],
      ["body", null, "developing countries*"],
      ["body", null, "more"],
      ["footnote", "1", "\tThese include the least developed countries."],
      ["footnote", "2", "Custom."],
      ["footnote", "3", "Second auto."],
      ["endnote", "1", "An endnote."],
    ]);
    expect(doc.notes).toEqual([
      { type: "note", kind: "footnote", id: "1", mark: "1", referencedFrom: 1 },
      { type: "note", kind: "footnote", id: "2", mark: "*", referencedFrom: 1 },
      { type: "note", kind: "footnote", id: "3", mark: "2", referencedFrom: 2 },
      { type: "note", kind: "endnote", id: "1", mark: "i", referencedFrom: 2 },
    ]);
    expect(doc.paragraphs[3]?.location).toEqual({ part: "word/footnotes.xml", path: [2, 0] });
    expect(doc.messages.map((m) => m.code)).toEqual(["unreferenced-footnote"]);
  });

  it("formats note marks as settings say", () => {
    const settings = '<w:footnotePr><w:numFmt w:val="lowerLetter"/><w:numStart w:val="3"/></w:footnotePr>';
    const doc = readDocx(makeDocx({ body, footnotes, endnotes, settings }), { name: "t.docx" });
    expect(doc.notes.map((n) => n.mark)).toEqual(["c", "*", "d", "i"]);
  });

  it("leaves out a note whose reference the view deletes", () => {
    const tracked = para("text") + `<w:p><w:del ${REV}><w:r><w:footnoteReference w:id="3"/></w:r></w:del></w:p>`;
    const views = readDocxViews(makeDocx({ body: tracked, footnotes }), { name: "t.docx" });
    expect(views.accepted.notes).toEqual([]);
    expect(views.rejected.notes.map((n) => n.id)).toEqual(["3"]);
  });
});

describe("tracked changes", () => {
  it("merges a paragraph whose mark is deleted with the next one when accepting", () => {
    const body = `<w:p><w:pPr><w:pStyle w:val="Call"/><w:rPr><w:del ${REV}/></w:rPr></w:pPr><w:r><w:t>first half, </w:t></w:r></w:p>` + para("second half", "Heading1") + para("third");
    const views = readDocxViews(makeDocx({ body, styles: STYLES }), { name: "t.docx" });
    expect(views.hasRevisions).toBe(true);
    expect(views.accepted.paragraphs.map((p) => [p.text, p.style, p.location?.path])).toEqual([
      ["first half, second half", "Heading1", [0, 0]],
      ["third", "Normal", [0, 2]],
    ]);
    expect(views.rejected.paragraphs.map((p) => p.text)).toEqual(["first half, ", "second half", "third"]);
  });

  it("merges a paragraph whose mark is inserted with the next one when rejecting", () => {
    const body = `<w:p><w:pPr><w:rPr><w:ins ${REV}/></w:rPr></w:pPr><w:r><w:t>a </w:t></w:r><w:ins ${REV}><w:r><w:t>new</w:t></w:r></w:ins></w:p>` + para("b");
    expect(texts(body, "accepted")).toEqual(["a new", "b"]);
    expect(texts(body, "rejected")).toEqual(["a b"]);
  });

  it("drops an emptied paragraph whose mark is removed when nothing follows it to merge with", () => {
    const body = para("kept") + `<w:p><w:pPr><w:rPr><w:del ${REV}/></w:rPr></w:pPr><w:del ${REV}><w:r><w:delText>gone</w:delText></w:r></w:del></w:p>`;
    expect(texts(body, "accepted")).toEqual(["kept"]);
    expect(texts(body, "rejected")).toEqual(["kept", "gone"]);
  });

  it("shows and hides inserted and deleted table rows and cells", () => {
    const tc = (text: string, props = "") => `<w:tc><w:tcPr>${props}</w:tcPr>${para(text)}</w:tc>`;
    const body =
      `<w:tbl><w:tblPr/>` +
      `<w:tr>${tc("kept")}${tc("new cell", `<w:cellIns ${REV}/>`)}${tc("old cell", `<w:cellDel ${REV}/>`)}</w:tr>` +
      `<w:tr><w:trPr><w:ins ${REV}/></w:trPr>${tc("new row")}</w:tr>` +
      `<w:tr><w:trPr><w:del ${REV}/></w:trPr>${tc("old row")}</w:tr>` +
      `</w:tbl>`;
    const views = readDocxViews(makeDocx({ body }), { name: "t.docx" });
    expect(views.accepted.paragraphs.map((p) => [p.text, p.table])).toEqual([
      ["kept", { table: 0, row: 0, cell: 0 }],
      ["new cell", { table: 0, row: 0, cell: 1 }],
      ["new row", { table: 0, row: 1, cell: 0 }],
    ]);
    expect(views.rejected.paragraphs.map((p) => [p.text, p.table])).toEqual([
      ["kept", { table: 0, row: 0, cell: 0 }],
      ["old cell", { table: 0, row: 0, cell: 1 }],
      ["old row", { table: 0, row: 1, cell: 0 }],
    ]);
  });

  it("uses the old style and old run formatting when rejecting property changes", () => {
    const body = `<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:pPrChange ${REV}><w:pPr><w:pStyle w:val="Call"/></w:pPr></w:pPrChange></w:pPr><w:r><w:rPr><w:u w:val="single"/><w:rPrChange ${REV}><w:rPr><w:strike/></w:rPr></w:rPrChange></w:rPr><w:t>x</w:t></w:r></w:p>`;
    const views = readDocxViews(makeDocx({ body, styles: STYLES }), { name: "t.docx" });
    const [accepted] = views.accepted.paragraphs;
    const [rejected] = views.rejected.paragraphs;
    expect([accepted?.style, accepted?.runs?.[0]?.format]).toEqual(["Heading1", { bold: true, italic: false, underline: true, strike: false, doubleStrike: false, vertAlign: null, smallCaps: false, caps: false, hidden: false, underlineStyle: "single", color: null, highlight: null, size: 20, font: "(default)" }]);
    expect([rejected?.style, rejected?.runs?.[0]?.format]).toEqual(["Call", { bold: false, italic: true, underline: false, strike: true, doubleStrike: false, vertAlign: null, smallCaps: false, caps: false, hidden: false, underlineStyle: undefined, color: null, highlight: null, size: 20, font: "(default)" }]);
  });

  describe("moved text (w:moveFrom, w:moveTo)", () => {
    const MOVE = (id: number) => `w:id="${id}" w:author="A" w:date="2024-01-01T00:00:00Z"`;
    // paragraph `text` wrapped as one end of move "m1", its mark moved too, as Word writes a whole paragraph moved
    const end = (kind: "From" | "To", text: string, id: number) =>
      `<w:move${kind}RangeStart ${MOVE(id)} w:name="m1"/><w:p><w:pPr><w:rPr><w:move${kind} ${MOVE(id + 1)}/></w:rPr></w:pPr>` +
      `<w:move${kind} ${MOVE(id + 2)}><w:r><w:t>${text}</w:t></w:r></w:move${kind}></w:p><w:move${kind}RangeEnd w:id="${id}"/>`;
    const body = (dest: string) => end("From", "a) that general working arrangements apply;", 10) + para("b) that meetings are held;") + end("To", dest, 20) + para("c) that reports are due.");

    it("reads the original text with moved text where it went in the moved view", () => {
      const texts = (view: "accepted" | "rejected" | "moved") => readDocx(makeDocx({ body: body("a) that general working arrangements apply;") }), { name: "t.docx", view }).paragraphs.map((p) => p.text);
      expect(texts("rejected")).toEqual(["a) that general working arrangements apply;", "b) that meetings are held;", "c) that reports are due."]);
      expect(texts("accepted")).toEqual(["b) that meetings are held;", "a) that general working arrangements apply;", "c) that reports are due."]);
      expect(texts("moved")).toEqual(texts("accepted"));
    });

    it("gives the moved view with the others only when a move does not hold the same words at both ends: an edit in moved text without a mark", () => {
      const views = readDocxViews(makeDocx({ body: body("a) that special working arrangements apply;") }), { name: "t.docx" });
      expect(views.rejected.paragraphs[0]?.text).toBe("a) that general working arrangements apply;");
      expect(views.moved?.paragraphs[1]?.text).toBe("a) that special working arrangements apply;");
      const none = (b: string) => expect(readDocxViews(makeDocx({ body: b }), { name: "t.docx" }).moved).toBeNull();
      none(body("a) that general working arrangements apply;"));
      none(`<w:p><w:ins ${REV}><w:r><w:t>x</w:t></w:r></w:ins></w:p>`);
      // an edit made after the move, marked inside the destination: the moved view reads the words the move brought
      none(body(`a) that </w:t></w:r><w:del ${REV}><w:r><w:delText>general</w:delText></w:r></w:del><w:ins ${REV}><w:r><w:t>special</w:t></w:r></w:ins><w:r><w:t xml:space="preserve"> working arrangements apply;`));
      // a moved clause renumbered as redline's writer marks it: the old label moved away, the new one inserted before the moved text
      const relabelled = end("From", "5\tto take into account the parent group;", 10) + para("1\tto publish reports;") + `<w:moveToRangeStart ${MOVE(20)} w:name="m1"/><w:p><w:pPr><w:rPr><w:moveTo ${MOVE(21)}/></w:rPr></w:pPr><w:ins ${REV}><w:r><w:t>2</w:t></w:r></w:ins><w:moveTo ${MOVE(22)}><w:r><w:tab/><w:t>to take into account the parent group;</w:t></w:r></w:moveTo></w:p><w:moveToRangeEnd w:id="20"/>`;
      none(relabelled);
      // a moved clause with a word changed, as redline's writer marks it: the old word left in the source, the new one inserted between moved pieces
      none(end("From", "a) that general working arrangements apply;", 10) + para("b) that meetings are held;") + `<w:moveToRangeStart ${MOVE(20)} w:name="m1"/><w:p><w:moveTo ${MOVE(21)}><w:r><w:t xml:space="preserve">a) that </w:t></w:r></w:moveTo><w:ins ${REV}><w:r><w:t>special</w:t></w:r></w:ins><w:moveTo ${MOVE(22)}><w:r><w:t xml:space="preserve"> working arrangements apply;</w:t></w:r></w:moveTo></w:p><w:moveToRangeEnd w:id="20"/>`);
    });

    it("lets the secretariat's check report that edit as unmarked, and the move alone as marked (found by a review)", () => {
      const inForce = readDocx(makeDocx({ body: para("a) that general working arrangements apply;") + para("b) that meetings are held;") + para("c) that reports are due.") }), { name: "in-force.docx" });
      const moved = check(inForce, readDocxViews(makeDocx({ body: body("a) that general working arrangements apply;") }), { name: "p.docx" }));
      expect([moved.clean, moved.unmarked.length]).toEqual([true, 0]);
      const edited = check(inForce, readDocxViews(makeDocx({ body: body("a) that special working arrangements apply;") }), { name: "p.docx" }));
      expect(edited.clean).toBe(false);
      expect(edited.unmarked.map((c) => [c.old?.text, c.new?.text])).toEqual([["a) that general working arrangements apply;", "a) that special working arrangements apply;"]]);
    });
  });

  it("says a document without revisions has none", () => {
    expect(readDocxViews(makeDocx({ body: para("x") }), { name: "t.docx" }).hasRevisions).toBe(false);
  });
});

describe("readDocxPackage", () => {
  it("gives writers each paragraph's source nodes and the parsed parts", () => {
    const body = `<w:p><w:pPr><w:rPr><w:del ${REV}/></w:rPr></w:pPr><w:r><w:t>one </w:t></w:r></w:p><w:p><w:r><w:t>two</w:t></w:r></w:p>`;
    const reading = readDocxPackage(openPackage(makeDocx({ body }), "t.docx"));
    expect(reading.doc.paragraphs.map((p) => p.text)).toEqual(["one two"]);
    const [source] = reading.sources;
    expect(source?.part).toBe("word/document.xml");
    expect(source?.elements.length).toBe(2);
    expect(source?.pieces.map((piece) => [piece.start, piece.end, textContent(piece.node), source.elements.indexOf(piece.paragraph)])).toEqual([
      [0, 4, "one ", 0],
      [4, 7, "two", 1],
    ]);
    expect([...reading.trees.keys()]).toContain("word/document.xml");
  });
});
