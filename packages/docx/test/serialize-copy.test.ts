/// <reference types="node" />
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { compare } from "@redline/core";
import { cloneNode, element, openPackage, rename, setAttrs, parseXml, parseXmlBytes, readDocxPackage, serializeXml, serializeXmlBytes, setAttr, text, writeTrackedDocx, type XmlElement, type XmlNode } from "../src/index.js";
import { copySources } from "../src/xml/serialize.js";
import { corpusPath, describeCorpus, readCorpus, repoRoot } from "./corpus.js";

/** The benchmark's editor (bench/docx-edit.mjs, which runs on the built package): edits a fraction of the body's paragraphs. */
async function benchEditor(): Promise<(bytes: Uint8Array, fraction: number) => { bytes: Uint8Array }> {
  const mod = (await import(pathToFileURL(path.join(repoRoot, "bench", "docx-edit.mjs")).href)) as { editDocx: (bytes: Uint8Array, fraction: number) => { bytes: Uint8Array } };
  return mod.editDocx;
}

/**
 * The serializer copies a subtree that nothing has changed in from the text
 * it was parsed from (serialize.ts, `unchanged`). Whatever was done to the
 * tree, the output must be what writing every node gives: each test writes
 * both ways and compares, and checks the expected text where there is one.
 */

afterEach(() => copySources(true));

function both(doc: ReturnType<typeof parseXml>): string {
  copySources(false);
  const nodeByNode = serializeXml(doc);
  copySources(true);
  const copied = serializeXml(doc);
  expect(copied).toBe(nodeByNode);
  const bytes = serializeXmlBytes(doc);
  copySources(false);
  expect(Buffer.from(bytes).equals(Buffer.from(serializeXmlBytes(doc)))).toBe(true);
  copySources(true);
  return copied;
}

const parse = (s: string) => parseXml(s, "t.xml", "part");
const root = (doc: ReturnType<typeof parse>) => doc.children.find((c): c is XmlElement => c.type === "element")!;
const el = (n: XmlNode | undefined) => n as XmlElement;

describe("copying unchanged subtrees from the source", () => {
  it("writes a copy made with cloneNode node by node, canonically, and leaves the original as its source spelled it", () => {
    const doc = parse("<a><b  x='1'><c>t&#x41;</c></b></a>");
    const b = el(root(doc).children[0]);
    const copy = cloneNode(b);
    expect(copy).not.toBe(b);
    expect(copy.children[0]).not.toBe(b.children[0]);
    // attribute lists are read-only, so the copy shares them
    expect(copy.attrs).toBe(b.attrs);
    expect(copy.doc).toBe(0);
    root(doc).children.push(copy);
    expect(both(doc)).toBe(`<a><b  x='1'><c>t&#x41;</c></b><b x="1"><c>tA</c></b></a>`);
    // the copy is the copy's own: changing it leaves the original alone
    setAttr(copy, "x", "2");
    el(copy.children[0]).children.push(text("!"));
    expect(both(doc)).toBe(`<a><b  x='1'><c>t&#x41;</c></b><b x="2"><c>tA!</c></b></a>`);
  });

  it("gives back the source of an unchanged document, unusual spellings included", () => {
    const src = `<?xml version="1.0"?>\r\n<!--c--><a  x='1'><b>t&amp;u&#x41;</b><c/><d></d><e >x\r\ny</e ><?p  q ?><![CDATA[<z>]]>é😀 &gt;</a>`;
    expect(both(parse(src))).toBe(src);
  });

  it("writes a changed element node by node, and still copies its unchanged children", () => {
    const doc = parse('<a><b x="1"><c>one</c><d>two</d></b><e>three</e></a>');
    setAttr(el(root(doc).children[0]), "x", "2");
    expect(both(doc)).toBe('<a><b x="2"><c>one</c><d>two</d></b><e>three</e></a>');
  });

  it("notices children removed first or last, added, swapped or replaced", () => {
    const src = "<a><b>1</b><c>2</c><d>3</d></a>";
    const cases: [(a: XmlElement) => void, string][] = [
      [(a) => a.children.shift(), "<a><c>2</c><d>3</d></a>"],
      [(a) => a.children.pop(), "<a><b>1</b><c>2</c></a>"],
      [(a) => a.children.splice(1, 1), "<a><b>1</b><d>3</d></a>"],
      [(a) => a.children.push(element("e")), "<a><b>1</b><c>2</c><d>3</d><e/></a>"],
      [(a) => a.children.unshift(text("x")), "<a>x<b>1</b><c>2</c><d>3</d></a>"],
      [(a) => a.children.reverse(), "<a><d>3</d><c>2</c><b>1</b></a>"],
      [(a) => (a.children[1] = element("c", [], [text("2")])), "<a><b>1</b><c>2</c><d>3</d></a>"],
      [(a) => (a.children[1] = element("c", [], [text("9")])), "<a><b>1</b><c>9</c><d>3</d></a>"],
      [(a) => (el(a.children[1]).children = [text("9")]), "<a><b>1</b><c>9</c><d>3</d></a>"],
      [(a) => (el(a.children[0]).children[0] = text("9")), "<a><b>9</b><c>2</c><d>3</d></a>"],
      [(a) => (a.children = []), "<a/>"],
    ];
    for (const [change, expected] of cases) {
      const doc = parse(src);
      change(root(doc));
      expect(both(doc)).toBe(expected);
    }
  });

  it("does not take a child moved into a self-closed element for its content", () => {
    // <b/>'s next offset is where <c> starts: the child tiles on from it, but <b/> had none
    const doc = parse("<a><b/><c>1</c></a>");
    const a = root(doc);
    el(a.children[0]).children.push(a.children.pop()!);
    expect(both(doc)).toBe("<a><b><c>1</c></b></a>");
  });

  it("does not take a node of another parse for one of its own, even at the same offsets", () => {
    const one = parse("<a><b>1</b><c>x</c></a>");
    const two = parse("<a><b>2</b><c>y</c></a>");
    root(one).children[0] = root(two).children[0]!;
    expect(both(one)).toBe("<a><b>2</b><c>x</c></a>");
    // nothing but the parse tells these apart: same offsets, no children to check
    const three = parse('<a><b x="1"/><c/></a>');
    root(three).children[0] = root(parse('<a><b x="2"/><c/></a>')).children[0]!;
    expect(both(three)).toBe('<a><b x="2"/><c/></a>');
  });

  it("notices renamed elements and changed attributes, and text changed in place", () => {
    const doc = parse('<a><w:t>old</w:t><w:t>keep</w:t><w:tab/><b x="1"/></a>');
    const [t, kept, tab, b] = root(doc).children as XmlElement[];
    rename(t!, "w:delText");
    (kept!.children[0] as { text: string }).text = "kept";
    setAttrs(b!, [["x", "2"]]);
    // a rename that bypasses rename() (the property is read-only to TypeScript only) is still seen: the open tag must spell the name
    (tab as { name: string }).name = "w:t";
    expect(both(doc)).toBe('<a><w:delText>old</w:delText><w:t>kept</w:t><w:t/><b x="2"/></a>');
  });

  it("writes a moved text node as it was spelled where it was read, not as the text it lands on", () => {
    const swap = (src: string): string => {
      const doc = parse(src);
      const [a1, a2] = root(doc).children as XmlElement[];
      const t = a1!.children[0]!;
      a1!.children[0] = a2!.children[0]!;
      a2!.children[0] = t;
      return both(doc);
    };
    expect(swap("<r><a>b</a><a>&#x62;</a></r>")).toBe("<r><a>&#x62;</a><a>b</a></r>");
    expect(swap("<r><a>&#65;</a><a>A</a></r>")).toBe("<r><a>A</a><a>&#65;</a></r>");
    expect(swap("<r><a>x&gt;y</a><a>x>y</a></r>")).toBe("<r><a>x>y</a><a>x&gt;y</a></r>");
    const doc = parse("<r><a>x\ny</a></r>");
    el(root(doc).children[0]).children[0] = el(root(parse("<r><a>x\r\ny</a></r>")).children[0]).children[0]!;
    expect(both(doc)).toBe("<r><a>x\r\ny</a></r>");
  });

  it("does not let a comment, CDATA section or PI that spells past its parent's close tag pass for the parent's content", () => {
    const cases: [string, (a: XmlElement) => void, string][] = [
      ["<r><a><!--x--></a><b/><!--y--></r>", (a) => ((a.children[0] as { text: string }).text = "x--></a><b/><!--y"), "<r><a><!--x--></a><b/><!--y--></a><b/><!--y--></r>"],
      ["<r><a><![CDATA[x]]></a><b/><![CDATA[y]]></r>", (a) => ((a.children[0] as { text: string }).text = "x]]></a><b/><![CDATA[y"), "<r><a><![CDATA[x]]></a><b/><![CDATA[y]]></a><b/><![CDATA[y]]></r>"],
      ["<r><a><?p x?></a><b/><?q y?></r>", (a) => ((a.children[0] as { body: string }).body = "x?></a><b/><?q y"), "<r><a><?p x?></a><b/><?q y?></a><b/><?q y?></r>"],
      ["<a><a><!--x--></a><!--y--></a>", (a) => ((a.children[0] as { text: string }).text = "x--></a><!--y"), "<a><a><!--x--></a><!--y--></a><!--y--></a>"],
    ];
    for (const [src, change, expected] of cases) {
      const doc = parse(src);
      change(el(root(doc).children[0]));
      expect(both(doc)).toBe(expected);
    }
  });

  it("notices text that needs escaping, text split in two and changed comments", () => {
    const cases: [(a: XmlElement) => void, string][] = [
      [(a) => (el(a.children[0]).children = [text("x<y")]), "<a><b>x&lt;y</b><!--c--><d>&amp;</d></a>"],
      [(a) => (el(a.children[0]).children = [text("x"), text("y")]), "<a><b>xy</b><!--c--><d>&amp;</d></a>"],
      [(a) => ((a.children[1] as { text: string }).text = "changed"), "<a><b>xy</b><!--changed--><d>&amp;</d></a>"],
      [(a) => ((el(a.children[2]).children[0] as { text: string }).text = "&amp;"), "<a><b>xy</b><!--c--><d>&amp;amp;</d></a>"],
    ];
    for (const [change, expected] of cases) {
      const doc = parse("<a><b>xy</b><!--c--><d>&amp;</d></a>");
      change(root(doc));
      expect(both(doc)).toBe(expected);
    }
  });

  it("copies from UTF-16 and from text beyond ASCII as from UTF-8", () => {
    const src = '<?xml version="1.0" encoding="UTF-16"?><a><b>ü €</b><c>😀</c></a>';
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...src].flatMap((ch) => [...Buffer.from(ch, "utf16le")])]);
    const doc = parseXmlBytes(utf16, "t.xml", "part");
    el(root(doc).children[1]).children = [text("ok")];
    copySources(false);
    const nodeByNode = serializeXmlBytes(doc);
    copySources(true);
    expect(Buffer.from(serializeXmlBytes(doc)).equals(Buffer.from(nodeByNode))).toBe(true);
    expect(both(parse("<a><b>ü €</b><c>😀</c></a>"))).toBe("<a><b>ü €</b><c>😀</c></a>");
  });

  it("copies text that takes three bytes a character, past the room the writer first makes (one byte a character)", () => {
    const cjk = "做出决议，研究问题😀".repeat(2000);
    const src = `<a><b>${cjk}</b><c>x</c><d>${cjk}</d></a>`;
    const doc = parseXmlBytes(new TextEncoder().encode(src), "t.xml", "part");
    expect(Buffer.from(serializeXmlBytes(doc)).toString("utf8")).toBe(src);
    setAttr(el(root(doc).children[1]), "y", "1");
    expect(Buffer.from(serializeXmlBytes(doc)).toString("utf8")).toBe(src.replace("<c>", '<c y="1">'));
    expect(both(doc)).toBe(src.replace("<c>", '<c y="1">'));
  });
});

/** The tracked document written with copying and without: the same bytes. */
function expectSameWritten(oldBytes: Uint8Array, newBytes: Uint8Array, label: string): void {
  const write = (copy: boolean): Uint8Array => {
    copySources(copy);
    const oldPkg = openPackage(oldBytes, "old.docx");
    const newPkg = openPackage(newBytes, "new.docx");
    const old = readDocxPackage(oldPkg);
    const now = readDocxPackage(newPkg);
    const delta = compare(old.doc, now.doc);
    return writeTrackedDocx(oldPkg, newPkg, delta, { author: "Copy Check", date: "2024-10-15T09:30:00Z" }, { old, new: now }).bytes;
  };
  const copied = write(true);
  const nodeByNode = write(false);
  copySources(true);
  expect(Buffer.from(copied).equals(Buffer.from(nodeByNode)), label).toBe(true);
}

describeCorpus("tracked documents written with and without copying", () => {
  it("are the same on every WmlComparer case", () => {
    const manifest = JSON.parse(readFileSync(corpusPath("wmlcomparer/manifest.json"), "utf8")) as { id: string; before: string; after: string }[];
    for (const e of manifest) expectSameWritten(readCorpus("wmlcomparer", e.before), readCorpus("wmlcomparer", e.after), e.id);
  }, 600_000);

  it("are the same on ITU documents with 1% and 30% of their paragraphs edited", async () => {
    const editDocx = await benchEditor();
    for (const name of ["T-RES-T.1-2016-MSW-E.docx", "T-REC-Q.850-201810-I-MSW-E.docx", "T-REC-E.119-201704-I-MSW-E.docx"]) {
      const original = readCorpus("itu", name);
      for (const fraction of [0.01, 0.3]) expectSameWritten(original, editDocx(original, fraction).bytes, `${name} × ${fraction}`);
    }
  }, 600_000);
});
