/// <reference types="node" />
import { describe, expect, it } from "vitest";
import { strToU8, unzipSync } from "fflate";
import { documentElement, openPackage, parseXmlBytes, readDocx, serializeXmlBytes, setAttr, writePackage, findChild } from "../src/index.js";
import { describeCorpus, readCorpus } from "./corpus.js";
import { makeDocx, para } from "./make-docx.js";

function u16(b: Uint8Array, at: number): number {
  return (b[at] as number) | ((b[at + 1] as number) << 8);
}

/** Names, modification times and dates of the local headers, in archive order. */
function localHeaders(zip: Uint8Array): { name: string; time: number; date: number; method: number }[] {
  const out = [];
  for (let at = 0; u16(zip, at) === 0x4b50 && u16(zip, at + 2) === 0x0403; ) {
    const nameLength = u16(zip, at + 26);
    const name = new TextDecoder().decode(zip.subarray(at + 30, at + 30 + nameLength));
    out.push({ name, method: u16(zip, at + 8), time: u16(zip, at + 10), date: u16(zip, at + 12) });
    const compressed = u16(zip, at + 18) + u16(zip, at + 20) * 0x10000;
    at += 30 + nameLength + u16(zip, at + 28) + compressed;
  }
  return out;
}

describe("writePackage", () => {
  const source = makeDocx({ body: para("Hello"), styles: "" });

  it("writes the same bytes for the same inputs, with fixed dates and [Content_Types].xml first", () => {
    const pkg = openPackage(source, "in.docx");
    const a = writePackage(pkg);
    const b = writePackage(openPackage(source, "in.docx"));
    expect(a).toEqual(b);
    const headers = localHeaders(a);
    expect(headers[0]?.name).toBe("[Content_Types].xml");
    expect(headers.map((h) => h.name).slice(1)).toEqual(pkg.names.filter((n) => n !== "[Content_Types].xml"));
    expect(headers.every((h) => h.time === 0 && h.date === 0x21 && h.method === 8)).toBe(true);
  });

  it("replaces parts, keeps the others byte for byte, and appends new ones", () => {
    const pkg = openPackage(source, "in.docx");
    const tree = parseXmlBytes(pkg.get("word/document.xml") as Uint8Array, pkg.file, "word/document.xml");
    const t = findChild(findChild(findChild(findChild(documentElement(tree), "w:body")!, "w:p")!, "w:r")!, "w:t")!;
    t.children = [{ type: "text", text: "Goodbye" }];
    setAttr(t, "xml:space", "preserve");
    const replaced = new Map([
      ["/word/document.xml", serializeXmlBytes(tree)],
      ["customXml/item1.xml", strToU8("<x/>")],
    ]);
    const out = writePackage(pkg, replaced);
    const files = unzipSync(out);
    expect(Object.keys(files)).toEqual([...pkg.names.filter((n) => n === "[Content_Types].xml"), ...pkg.names.filter((n) => n !== "[Content_Types].xml"), "customXml/item1.xml"]);
    for (const name of pkg.names) if (name !== "word/document.xml") expect(files[name]).toEqual(pkg.get(name));
    expect(readDocx(out, { name: "out.docx" }).paragraphs.map((p) => p.text)).toEqual(["Goodbye"]);
  });
});

describeCorpus("writePackage over a real document", () => {
  it("re-zips WTSA Resolution 1 into a package that reads the same, deterministically", () => {
    const bytes = readCorpus("itu", "T-RES-T.1-2016-MSW-E.docx");
    const pkg = openPackage(bytes, "res1.docx");
    const out = writePackage(pkg);
    expect(writePackage(openPackage(bytes, "res1.docx"))).toEqual(out);
    const reread = openPackage(out, "out.docx");
    expect(reread.names).toEqual(["[Content_Types].xml", ...pkg.names.filter((n) => n !== "[Content_Types].xml")]);
    // compared as strings: vitest's deep equality is slow on megabytes of typed arrays and big trees
    for (const name of pkg.names) expect(Buffer.from(reread.get(name) as Uint8Array).equals(Buffer.from(pkg.get(name) as Uint8Array)), name).toBe(true);
    expect(JSON.stringify(readDocx(out, { name: "res1.docx" }))).toBe(JSON.stringify(readDocx(bytes, { name: "res1.docx" })));
  });
});
