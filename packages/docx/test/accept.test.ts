/// <reference types="node" />
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Doc } from "@redline/core";
import { readDocxPackage } from "../src/read/read-docx.js";
import { acceptAllRevisions } from "../src/write/accept.js";
import { serializeXmlBytes } from "../src/xml/serialize.js";
import { documentElement, findChild, findPath, walkElements, type XmlDocument, type XmlElement } from "../src/xml/tree.js";
import { openPackage } from "../src/zip/open.js";
import { writePackage } from "../src/zip/write.js";
import { corpusAvailable, corpusPath, describeCorpus, readCorpus } from "./corpus.js";
import { makeDocx, para } from "./make-docx.js";
import { pandocPath, pandocText } from "./tools/pandoc.js";

/**
 * Accepting every revision in place (acceptAllRevisions) must leave a
 * document without revisions that reads exactly like the accepted view of
 * the original, paragraph by paragraph, each paragraph one `w:p`. Checked on
 * Open-XML-PowerTools' RevisionProcessor documents (Word-authored tracked
 * changes) and on the WmlComparer pair files that carry revisions; where
 * pandoc is installed, pandoc's reading of the result must also match
 * pandoc's own accept-all reading of the original.
 */

interface RpCase {
  id: string;
  tracked: string;
  accepted: string | null;
}

interface PairCase {
  before: string;
  after: string;
}

const READ = { includeHeaders: true } as const;

/** One line per paragraph: where it is, its style and list label, its text. */
function lines(doc: Doc): string[] {
  return doc.paragraphs.map(
    (p) => `${p.part}${p.noteId === null ? "" : ` ${p.noteId}`}${p.table ? ` (${p.table.table},${p.table.row},${p.table.cell})` : ""} [${p.style}]${p.listLabel ? ` ${p.listLabel}` : ""}: ${p.text}`,
  );
}

/** Every parsed part but the settings: the stories, styles and numbering. */
function revisableParts(trees: Map<string, unknown>): string[] {
  return [...trees.keys()].filter((name) => !/settings\.xml$/i.test(name));
}

interface Accepted {
  bytes: Uint8Array;
  changed: boolean;
  trees: Map<string, XmlDocument>;
}

function acceptAll(bytes: Uint8Array, name: string): Accepted {
  const pkg = openPackage(bytes, name);
  const reading = readDocxPackage(pkg, READ);
  const parts = revisableParts(reading.trees);
  const changed = acceptAllRevisions(reading.trees, parts);
  const replaced = new Map<string, Uint8Array>();
  for (const part of parts) replaced.set(part, serializeXmlBytes(reading.trees.get(part)!));
  return { bytes: writePackage(pkg, replaced), changed, trees: reading.trees };
}

const STORY_ROOTS = new Set(["w:footnote", "w:endnote", "w:hdr", "w:ftr", "w:txbxContent"]);
const WRAPPERS = new Set(["w:sdt", "w:sdtContent", "w:customXml"]);

/** Block-level children, looking through content controls and custom XML. */
function blocks(container: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of container.children) {
    if (child.type !== "element") continue;
    if (WRAPPERS.has(child.name)) out.push(...blocks(child));
    else out.push(child);
  }
  return out;
}

/** What Word would call a damaged document: a cell or story without a paragraph to end it, a table without rows. */
function structuralProblems(trees: Map<string, XmlDocument>): string[] {
  const problems: string[] = [];
  for (const [part, doc] of trees) {
    if (/(settings|styles|numbering)\.xml$/i.test(part)) continue;
    walkElements(documentElement(doc), (el) => {
      if (el.name === "w:tc" && blocks(el).filter((b) => b.name !== "w:tcPr").at(-1)?.name !== "w:p") problems.push(`${part}: a cell does not end with a paragraph`);
      if (STORY_ROOTS.has(el.name) && !blocks(el).some((b) => b.name === "w:p")) problems.push(`${part}: a ${el.name} has no paragraph`);
      if (el.name === "w:tbl" && !blocks(el).some((b) => b.name === "w:tr")) problems.push(`${part}: a table has no rows`);
    });
  }
  return problems;
}

/** Pandoc's plain text, whitespace collapsed and blank lines dropped. */
function normalised(text: string[] | null): string[] {
  return (text ?? []).map((line) => line.replace(/\s+/g, " ").trim()).filter((line) => line !== "");
}

const hasPandoc = pandocPath() !== null;
const scratch = corpusAvailable ? mkdtempSync(path.join(tmpdir(), "redline-accept-")) : "";
const passed = { rp: 0, fa: 0, pairs: 0, pandoc: 0 };

/**
 * Where pandoc's own accept-all reading of the original is wrong, and the
 * result reads instead like pandoc's reading of the document Word produced
 * by accepting everything (the -Accepted baseline, where there is one).
 */
const PANDOC_QUIRKS: Record<string, string> = {
  "RP/RP001-Tracked-Revisions-01.docx": "pandoc keeps a table whose rows are all deleted, as an empty table",
  "RP/RP001-Tracked-Revisions-02.docx": "pandoc keeps a table whose rows are all deleted, as an empty table",
  "RP/RP005-Deleted-Paragraph-Mark.docx": "pandoc joins a paragraph whose mark is deleted to the next one with a space",
  "RP/RP025-Paragraph-Props-Change.docx": "pandoc joins a paragraph whose mark is deleted to the next one with a space",
  "RP/RP014-Inserted-Math-Control-Char.docx": "pandoc leaves out text inserted inside math (m:r/w:ins)",
  "WC/WC012-Math-After.docx": "pandoc leaves out text inserted inside math (m:r/w:ins)",
  "FA/RevTracking/011-InsertedMathChar.docx": "pandoc leaves out text inserted inside math (m:r/w:ins)",
  "FA/RevTracking/002-DeletedNumberedParagraphs.docx": "pandoc keeps list paragraphs whose text and mark are deleted, as empty list items",
};
const quirksSeen: string[] = [];

function checkAccepted(file: string, expectRevisions: boolean, baseline: string | null = null): void {
  const bytes = readCorpus("wmlcomparer", file);
  const original = readDocxPackage(openPackage(bytes, file), READ).doc;
  if (expectRevisions) expect(original.hasRevisions).toBe(true);
  const accepted = acceptAll(bytes, file);
  expect(accepted.changed).toBe(true);
  expect(structuralProblems(accepted.trees)).toEqual([]);
  const reading = readDocxPackage(openPackage(accepted.bytes, file), READ);
  expect(reading.doc.hasRevisions).toBe(false);
  expect(lines(reading.doc)).toEqual(lines(original));
  expect(reading.doc.notes.map((n) => `${n.kind} ${n.id} ${n.mark}`)).toEqual(original.notes.map((n) => `${n.kind} ${n.id} ${n.mark}`));
  expect(reading.sources.filter((s) => s.elements.length !== 1)).toEqual([]);
  // nothing left to accept: a second pass changes nothing
  expect(acceptAll(accepted.bytes, file).changed).toBe(false);
  if (hasPandoc) {
    const out = path.join(scratch, path.basename(file));
    writeFileSync(out, accepted.bytes);
    const ours = normalised(pandocText(out, "accept"));
    const pandocAccepted = normalised(pandocText(corpusPath("wmlcomparer", file), "accept"));
    const quirk = PANDOC_QUIRKS[file];
    if (quirk) {
      expect(ours, quirk).not.toEqual(pandocAccepted);
      if (baseline !== null) expect(ours).toEqual(normalised(pandocText(corpusPath("wmlcomparer", baseline), "accept")));
      quirksSeen.push(`${file}: ${quirk}`);
    } else {
      expect(ours).toEqual(pandocAccepted);
      passed.pandoc++;
    }
  }
}

const rpCases: RpCase[] = corpusAvailable ? (JSON.parse(readFileSync(corpusPath("wmlcomparer", "rp-manifest.json"), "utf8")) as RpCase[]) : [];

/** FormattingAssembler's fixtures: one revision type each, no baselines. */
const faCases: RpCase[] = corpusAvailable
  ? (JSON.parse(readFileSync(corpusPath("wmlcomparer", "fa-revtracking-manifest.json"), "utf8")) as RpCase[])
  : [];

/** Pair files that already carry tracked changes (most carry none). */
const pairFiles: string[] = corpusAvailable
  ? [...new Set((JSON.parse(readFileSync(corpusPath("wmlcomparer", "manifest.json"), "utf8")) as PairCase[]).flatMap((c) => [c.before, c.after]))]
      .sort()
      .filter((file) => readDocxPackage(openPackage(readCorpus("wmlcomparer", file), file)).doc.hasRevisions)
  : [];

describeCorpus("accepting every revision in place reads like the accepted view", () => {
  it.each(rpCases.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    checkAccepted(c.tracked, true, c.accepted);
    passed.rp++;
  });

  it.each(faCases.map((c) => [c.id, c] as const))("FA %s", (_id, c) => {
    checkAccepted(c.tracked, true);
    passed.fa++;
  });

  it.each(pairFiles)("%s", (file) => {
    checkAccepted(file, false);
    passed.pairs++;
  });

  it("finds pair files with revisions", () => {
    expect(pairFiles.length).toBeGreaterThan(0);
  });

  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    console.log(
      `accept-all: ${passed.rp}/${rpCases.length} revision-processor documents, ${passed.fa}/${faCases.length} single-revision fixtures, ${passed.pairs}/${pairFiles.length} pair files with revisions; ` +
        (hasPandoc
          ? `pandoc's reading agrees with its own accept-all on ${passed.pandoc}; where pandoc's accept-all is wrong (${quirksSeen.length}): ${quirksSeen.join("; ")}`
          : "pandoc not installed, not compared"),
    );
  });
});

const W = 'w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z"';
const DEL_MARK = `<w:rPr><w:del ${W}/></w:rPr>`;

/** `<w:p>` whose mark is deleted, with optional properties before the mark's. */
function deletedMark(text: string, pPr = ""): string {
  return `<w:p><w:pPr>${pPr}${DEL_MARK}</w:pPr>${text ? `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>` : ""}</w:p>`;
}

function cell(content: string, tcPr = ""): string {
  return `<w:tc>${tcPr ? `<w:tcPr>${tcPr}</w:tcPr>` : ""}${content}</w:tc>`;
}

function row(cells: string, trPr = ""): string {
  return `<w:tr>${trPr ? `<w:trPr>${trPr}</w:trPr>` : ""}${cells}</w:tr>`;
}

function table(rows: string): string {
  return `<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w="100"/><w:gridCol w:w="100"/></w:tblGrid>${rows}</w:tbl>`;
}

/** Accepts everything in a built document; gives the accepted view of the original, the result's reading and its body. */
function acceptBuilt(body: string, extra: Omit<Parameters<typeof makeDocx>[0], "body"> = {}) {
  const bytes = makeDocx({ body, ...extra });
  const original = readDocxPackage(openPackage(bytes, "t.docx"), READ).doc;
  const accepted = acceptAll(bytes, "t.docx");
  const reading = readDocxPackage(openPackage(accepted.bytes, "t.docx"), READ);
  const main = reading.trees.get("word/document.xml") as XmlDocument;
  return { original, accepted, reading, body: findChild(documentElement(main), "w:body") as XmlElement };
}

function texts(doc: Doc): string[] {
  return doc.paragraphs.map((p) => p.text);
}

function names(el: XmlElement): string[] {
  const out: string[] = [];
  walkElements(el, (e) => out.push(e.name));
  return out;
}

describe("acceptAllRevisions", () => {
  it("changes nothing, and says so, in a document without revisions", () => {
    const bytes = makeDocx({ body: para("one") + para("two") });
    const pkg = openPackage(bytes, "t.docx");
    const reading = readDocxPackage(pkg);
    const before = serializeXmlBytes(reading.trees.get("word/document.xml")!);
    expect(acceptAllRevisions(reading.trees, [...reading.trees.keys()])).toBe(false);
    expect(serializeXmlBytes(reading.trees.get("word/document.xml")!)).toEqual(before);
  });

  it("removes deletions, unwraps insertions and moves, drops range markers and change records", () => {
    const body =
      `<w:p><w:pPr><w:jc w:val="center"/><w:pPrChange ${W}><w:pPr/></w:pPrChange></w:pPr>` +
      `<w:moveToRangeStart ${W} w:name="m"/><w:moveTo ${W}><w:r><w:t>moved </w:t></w:r></w:moveTo><w:moveToRangeEnd w:id="1"/>` +
      `<w:r><w:rPr><w:b/><w:rPrChange ${W}><w:rPr/></w:rPrChange></w:rPr><w:t xml:space="preserve">kept </w:t></w:r>` +
      `<w:del ${W}><w:r><w:delText>gone</w:delText></w:r></w:del>` +
      `<w:ins ${W}><w:del ${W}><w:r><w:delText>inserted then deleted</w:delText></w:r></w:del><w:r><w:t>new</w:t></w:r></w:ins>` +
      `<w:r><w:delText>stray</w:delText></w:r></w:p>` +
      `<w:p><w:moveFrom ${W}><w:r><w:t>moved </w:t></w:r></w:moveFrom><w:r><w:t>rest</w:t></w:r></w:p>`;
    const { original, reading, body: out } = acceptBuilt(body);
    expect(texts(original)).toEqual(["moved kept new", "rest"]);
    expect(texts(reading.doc)).toEqual(["moved kept new", "rest"]);
    expect(reading.doc.hasRevisions).toBe(false);
    const left = names(out);
    for (const gone of ["w:ins", "w:del", "w:moveTo", "w:moveFrom", "w:moveToRangeStart", "w:moveToRangeEnd", "w:pPrChange", "w:rPrChange", "w:delText"]) {
      expect(left).not.toContain(gone);
    }
    expect(left).toContain("w:jc");
    expect(left).toContain("w:b");
    // the run that held only stray deleted text went with it
    expect(out.children.filter((c): c is XmlElement => c.type === "element" && c.name === "w:p")[0]?.children.filter((c) => c.type === "element" && c.name === "w:r")).toHaveLength(3);
  });

  it("merges a paragraph whose mark is deleted into the next one, which keeps its properties", () => {
    const body = deletedMark("first ", '<w:pStyle w:val="A"/>') + deletedMark("second ") + para("third", "B") + para("fourth");
    const { original, reading, body: out } = acceptBuilt(body);
    expect(texts(reading.doc)).toEqual(["first second third", "fourth"]);
    expect(texts(reading.doc)).toEqual(texts(original));
    expect(reading.doc.paragraphs[0]?.style).toBe("B");
    expect(blocks(out).filter((b) => b.name === "w:p")).toHaveLength(2);
  });

  it("merges across a content control, as the reader does", () => {
    const body = `<w:sdt><w:sdtPr/><w:sdtContent>${deletedMark("inside ")}</w:sdtContent></w:sdt>${para("outside", "B")}`;
    const { original, reading } = acceptBuilt(body);
    expect(texts(original)).toEqual(["inside outside"]);
    expect(texts(reading.doc)).toEqual(["inside outside"]);
    expect(reading.sources.map((s) => s.elements.length)).toEqual([1]);
  });

  it("keeps a paragraph whose deleted mark has no paragraph after it when text is left, and drops it when none is", () => {
    const body =
      deletedMark("before the table") +
      table(row(cell(para("a")) + cell(para("b")))) +
      deletedMark("") +
      `<w:p><w:pPr>${DEL_MARK}</w:pPr><w:del ${W}><w:r><w:delText>all deleted</w:delText></w:r></w:del></w:p>` +
      table(row(cell(para("c")) + cell(para("d"))));
    const { original, reading, accepted } = acceptBuilt(body);
    expect(texts(original)).toEqual(["before the table", "a", "b", "c", "d"]);
    expect(texts(reading.doc)).toEqual(texts(original));
    expect(structuralProblems(accepted.trees)).toEqual([]);
  });

  it("removes deleted rows (and a table left without any), deleted cells, and insertion markers", () => {
    const body =
      table(row(cell(para("gone 1")) + cell(para("gone 2")), `<w:del ${W}/>`)) +
      para("between") +
      table(
        row(cell(para("kept")) + cell(para("cell deleted"), `<w:cellDel ${W}/>`)) +
          row(cell(para("inserted row")) + cell(para("inserted cell"), `<w:cellIns ${W}/>`), `<w:ins ${W}/>`) +
          row(cell(para("row deleted")) + cell(para("x")), `<w:cantSplit/><w:del ${W}/>`),
      ) +
      para("after");
    const { original, reading, body: out } = acceptBuilt(body);
    expect(texts(original)).toEqual(["between", "kept", "inserted row", "inserted cell", "after"]);
    expect(texts(reading.doc)).toEqual(texts(original));
    expect(reading.doc.paragraphs.map((p) => p.table && `${p.table.table}:${p.table.row}:${p.table.cell}`)).toEqual([null, "0:0:0", "0:1:0", "0:1:1", null]);
    expect(blocks(out).filter((b) => b.name === "w:tbl")).toHaveLength(1);
    expect(names(out)).not.toContain("w:trPr"); // the inserted row's held only its marker
    expect(names(out)).not.toContain("w:cellIns");
  });

  it("turns a tracked vertical merge into the merge Word writes on accepting", () => {
    const merge = (value: string) => `<w:tcW w:w="100" w:type="dxa"/><w:cellMerge ${W} w:vMerge="${value}"/>`;
    const body = table(row(cell(para("top"), merge("rest")) + cell(para("b"))) + row(cell(para(""), merge("cont")) + cell(para("d"))));
    const { body: out } = acceptBuilt(body);
    const tcPrs: XmlElement[] = [];
    walkElements(out, (el) => {
      if (el.name === "w:tcPr") tcPrs.push(el);
    });
    expect(tcPrs.map((tcPr) => tcPr.children.map((c) => (c.type === "element" ? `${c.name}${c.attrs.map(([n, v]) => ` ${n}=${v}`).join("")}` : "")))).toEqual([
      ["w:tcW w:w=100 w:type=dxa", "w:vMerge w:val=restart"],
      ["w:tcW w:w=100 w:type=dxa", "w:vMerge w:val=continue"],
    ]);
  });

  it("drops field code left outside any field once the field's start was deleted, and keeps whole fields", () => {
    const fld = (type: string) => `<w:r><w:fldChar w:fldCharType="${type}"/></w:r>`;
    const body =
      `<w:p><w:r><w:t xml:space="preserve">see </w:t></w:r><w:del ${W}>${fld("begin")}<w:r><w:delInstrText> NOTEREF _Ref1 \\h </w:delInstrText></w:r></w:del>` +
      `<w:r><w:instrText xml:space="preserve"> \\* MERGEFORMAT </w:instrText></w:r>` +
      `<w:del ${W}>${fld("separate")}<w:r><w:delText>1</w:delText></w:r>${fld("end")}</w:del>` +
      `<w:r><w:t xml:space="preserve"> page </w:t></w:r>${fld("begin")}<w:r><w:instrText> PAGE </w:instrText></w:r>${fld("separate")}<w:r><w:t>3</w:t></w:r>${fld("end")}</w:p>`;
    const { original, reading, body: out } = acceptBuilt(body);
    expect(texts(original)).toEqual(["see  page 3"]);
    expect(texts(reading.doc)).toEqual(texts(original));
    const codes: string[] = [];
    walkElements(out, (el) => {
      if (el.name === "w:instrText") codes.push(el.children.map((c) => (c.type === "text" ? c.text : "")).join(""));
    });
    expect(codes).toEqual([" PAGE "]);
    expect(names(out).filter((n) => n === "w:fldChar")).toHaveLength(3);
  });

  it("accepts inside both copies of a text box, and in notes and headers", () => {
    const content = deletedMark("box ") + para("text");
    const box = (inner: string) =>
      `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent>${inner}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>` +
      `<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>${inner}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>`;
    const body = `<w:p><w:r><w:t>anchor</w:t></w:r>${box(content)}<w:r><w:footnoteReference w:id="1"/></w:r></w:p>`;
    const footnotes = `<w:footnote w:id="1">${deletedMark("note ")}${para("end")}</w:footnote>`;
    const headers = { "header1.xml": deletedMark("head ") + para("er") };
    const { original, reading, accepted } = acceptBuilt(body, { footnotes, headers });
    // the text box's anchor is one U+FFFC in its paragraph
    expect(texts(original)).toEqual(["anchor\ufffc", "box text", "note end", "head er"]);
    expect(texts(reading.doc)).toEqual(texts(original));
    expect(reading.doc.hasRevisions).toBe(false);
    for (const [part, doc] of accepted.trees) {
      const left: string[] = [];
      walkElements(documentElement(doc), (el) => {
        if (el.name === "w:del" || findPath(el, ["w:pPr", "w:rPr", "w:del"])) left.push(el.name);
      });
      expect(left, part).toEqual([]);
    }
  });
});
