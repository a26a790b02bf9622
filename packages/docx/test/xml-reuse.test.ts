/// <reference types="node" />
import path from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isRedlineError } from "@redline/core";
import { openPackage, parseXmlBytes, serializeXmlBytes, text, type XmlDocument, type XmlElement, type XmlNode } from "../src/index.js";
import { elementNamesRead, largestIdRead, sourceRead, xmlBudget, type XmlBudget } from "../src/xml/parse.js";
import { rawForms } from "../src/xml/raw-forms.js";
import type { XmlReuse } from "../src/xml/reuse.js";
import { copySources } from "../src/xml/serialize.js";
import { corpusFilesDeep, describeCorpus, readCorpus, repoRoot } from "./corpus.js";

/**
 * parseXmlBytes `reuse` (xml/reuse.ts): NEW's parse copies OLD's elements
 * wherever NEW spells them with the same bytes. The parse without it is the
 * oracle: with it, the tree must be the same in every respect (nodes, offsets,
 * kept spellings, the names and ids the parse reports, the budget left), the
 * same error where there is one, and it must share no node with OLD's tree.
 */

const FILE = "t.docx";
const PART = "word/document.xml";
const encoder = new TextEncoder();
const NAMES: ReadonlySet<string> = new Set(["w:p", "w:tbl", "w:tr"]);
const OPAQUE: ReadonlySet<string> = new Set(["w:p"]);
const budget = (depth = 64, nodes = 100_000): XmlBudget => xmlBudget({ maxXmlPartBytes: 1 << 24, maxXmlDepth: depth, maxXmlNodes: nodes });
const reuseOf = (from: XmlDocument): XmlReuse => ({ from, names: NAMES, opaque: OPAQUE });

/** A node as data: everything the parse gives it, offsets and kept spelling included, and whether it is one of `shared`'s nodes. */
function shape(node: XmlNode | XmlDocument, others: ReadonlySet<object>): unknown {
  if (others.has(node)) return "a node of OLD's tree";
  const form = node.type === "document" ? undefined : rawForms.get(node);
  switch (node.type) {
    case "document":
      return { declaration: node.declaration, encoding: node.encoding, bom: node.bom, children: node.children.map((c) => shape(c, others)) };
    case "element":
      return { name: node.name, attrs: node.attrs, from: node.from, inner: node.inner, to: node.to, form, children: node.children.map((c) => shape(c, others)) };
    default:
      return { ...node, form };
  }
}

function nodesOf(doc: XmlDocument): Set<object> {
  const out = new Set<object>();
  const visit = (n: XmlNode): void => {
    out.add(n);
    if (n.type === "element") {
      out.add(n.children);
      n.children.forEach(visit);
    }
  };
  doc.children.forEach(visit);
  return out;
}

type Outcome = { ok: true; doc: XmlDocument; shape: unknown; names: string[]; id: number | null; left: number; bytes: string } | { ok: false; error: string; left: number };

function outcome(bytes: Uint8Array, from: XmlDocument | null, b: XmlBudget): Outcome {
  try {
    const doc = parseXmlBytes(bytes, FILE, PART, b, from === null ? null : reuseOf(from));
    return {
      ok: true,
      doc,
      shape: shape(doc, from === null ? new Set() : nodesOf(from)),
      names: [...elementNamesRead(doc)!].sort(),
      id: largestIdRead(doc),
      left: b.nodesLeft,
      bytes: Buffer.from(serializeXmlBytes(doc)).toString("latin1"),
    };
  } catch (e) {
    if (!isRedlineError(e)) throw e;
    return { ok: false, error: `${e.code}: ${e.message}`, left: b.nodesLeft };
  }
}

/** Parses NEW with and without reusing OLD's parse and checks they agree; returns the outcome with reuse. */
function agree(oldBytes: Uint8Array, newBytes: Uint8Array, limits: () => XmlBudget = budget): Outcome {
  const old = parseXmlBytes(oldBytes, FILE, PART, budget());
  const plain = outcome(newBytes, null, limits());
  const reused = outcome(newBytes, old, limits());
  if (plain.ok && reused.ok) {
    expect(reused.shape).toEqual(plain.shape);
    expect(reused.names).toEqual(plain.names);
    expect(reused.id).toBe(plain.id);
    expect(reused.left).toBe(plain.left);
    expect(reused.bytes).toBe(plain.bytes);
    // both parses number their elements as their own
    expect(sourceRead(reused.doc)!.id).not.toBe(sourceRead(old)!.id);
  } else {
    expect(reused).toEqual(plain);
  }
  return reused;
}

/** A paragraph long enough to be copied (128 bytes and more). */
const para = (words: string, extra = ""): string =>
  `<w:p w:rsidR="00A1B2C3"${extra}><w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">${words}</w:t></w:r></w:p>`;
const row = (...cells: string[]): string => `<w:tr w:rsidR="00D4E5F6">${cells.map((c) => `<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>${c}</w:tc>`).join("")}</w:tr>`;
const table = (...rows: string[]): string => `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>${rows.join("")}</w:tbl>`;
const documentOf = (body: string): Uint8Array =>
  encoder.encode(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<w:document xmlns:w="urn:w"><w:body>${body}<w:sectPr/></w:body></w:document>`);

/** Every element of a tree, in document order. */
function elements(nodes: XmlNode[]): XmlElement[] {
  return nodes.flatMap((n) => (n.type === "element" ? [n, ...elements(n.children)] : []));
}

describe("copying OLD's elements into NEW's parse", () => {
  it("gives the tree a parse gives, paragraphs and rows moved, edited, added and removed", () => {
    const a = para("to study the question of numbering");
    const b = para("to report to the next assembly on the results", ' w:rsidRDefault="00112233"');
    const c = para("instructs the Director of the Bureau");
    const t = table(row(a, b), row(c, para("cell text that stays")));
    const old = documentOf(a + b + t + c);
    for (const now of [
      a + b + t + c,
      b + a + t + c,
      a + para("to study the questions of numbering") + t + c,
      a + table(row(a, b), row(c, para("cell text that changed"))) + c,
      c + t,
      t + t + a,
      "",
    ]) {
      const out = agree(old, documentOf(now));
      expect(out.ok).toBe(true);
    }
  });

  it("copies: a node changed in OLD's tree behind the parser's back shows in NEW exactly where NEW's element was copied", () => {
    // white-box: the only way to tell a copy from a parse of the same bytes
    const a = para("first paragraph, which NEW keeps as it is");
    const b = para("second paragraph, which NEW changes");
    const old = parseXmlBytes(documentOf(a + b), FILE, PART);
    const [pa, pb] = elements(old.children).filter((e) => e.name === "w:p");
    for (const p of [pa!, pb!]) (elements(p.children).find((e) => e.name === "w:t")!.children[0] as { text: string }).text = "CHANGED";
    const now = parseXmlBytes(documentOf(a + para("second paragraph, which NEW has changed")), FILE, PART, budget(), reuseOf(old));
    const texts = elements(now.children)
      .filter((e) => e.name === "w:t")
      .map((e) => (e.children[0] as { text: string }).text);
    expect(texts).toEqual(["CHANGED", "second paragraph, which NEW has changed"]);
  });

  it("shares no node with OLD's tree: editing NEW leaves OLD as it was read", () => {
    const body = para("a paragraph both versions have") + table(row(para("a cell both versions have")));
    const old = parseXmlBytes(documentOf(body), FILE, PART);
    const before = Buffer.from(serializeXmlBytes(old));
    const now = parseXmlBytes(documentOf(body), FILE, PART, budget(), reuseOf(old));
    const oldNodes = nodesOf(old);
    for (const n of nodesOf(now)) expect(oldNodes.has(n)).toBe(false);
    for (const el of elements(now.children)) {
      if (el.name === "w:t") (el.children[0] as { text: string }).text = "edited";
      if (el.name === "w:r") el.children.push(text("more"));
    }
    expect(Buffer.from(serializeXmlBytes(old)).equals(before)).toBe(true);
    expect(Buffer.from(serializeXmlBytes(now)).toString()).toContain("edited</w:t>more</w:r>");
  });

  it("keeps the source spellings of what it copies (single quotes, references, CRLF, <a></a>)", () => {
    const odd = `<w:p w:rsidR='00A1B2C3'><w:r><w:t xml:space="preserve">a &#x41; b\r\n c &gt; d</w:t><w:tab></w:tab></w:r><!--note\r\n--><w:r ><w:t>long enough to be copied at all, surely</w:t></w:r></w:p>`;
    const out = agree(documentOf(odd + para("plain")), documentOf(para("other") + odd));
    expect(out.ok && out.bytes.includes("&#x41;")).toBe(true);
  });

  it("reports the names and the largest w:id of what it copied, as a parse does", () => {
    const marked = `<w:p><w:ins w:id="417" w:author="A"><w:r><w:t>inserted text, in a paragraph long enough to copy</w:t></w:r></w:ins></w:p>`;
    const out = agree(documentOf(marked + para("x")), documentOf(para("y") + marked));
    expect(out.ok && out.names.includes("w:ins")).toBe(true);
    expect(out.ok && out.id).toBe(417);
  });

  it("parses what it cannot copy within the limits, and fails as a parse fails", () => {
    const deep = para("deep", "").replace("<w:t xml:space=\"preserve\">", '<w:t xml:space="preserve"><x><y><z>').replace("</w:t>", "</z></y></x></w:t>");
    const old = documentOf(deep);
    // the same paragraph one level deeper in NEW, in a table cell: past a depth limit it meets only there
    const inTable = documentOf(table(row(deep)));
    for (const depth of [8, 9, 10, 11, 12, 64]) agree(old, inTable, () => budget(depth));
    // a node budget running out inside what would be copied
    for (const nodes of [10, 20, 30, 40, 100]) agree(old, documentOf(deep + deep), () => budget(64, nodes));
  });

  it("parses instead when OLD's tree no longer has its elements where its parse put them", () => {
    const a = para("first paragraph, kept in NEW");
    const b = para("second paragraph, kept in NEW");
    const oldBytes = documentOf(table(row(a, b)));
    const old = parseXmlBytes(oldBytes, FILE, PART);
    // OLD's row edited in place: its cells swapped
    const tr = elements(old.children).find((e) => e.name === "w:tr")!;
    tr.children.reverse();
    const newBytes = documentOf(table(row(a, b)));
    const now = parseXmlBytes(newBytes, FILE, PART, budget(), reuseOf(old));
    expect(shape(now, new Set())).toEqual(shape(parseXmlBytes(newBytes, FILE, PART), new Set()));
  });

  it("writes the same bytes whether it copies unchanged subtrees or writes them node by node", () => {
    const a = para("to study the question of numbering");
    const old = parseXmlBytes(documentOf(a + table(row(a))), FILE, PART);
    const now = parseXmlBytes(documentOf(table(row(a)) + a + a), FILE, PART, budget(), reuseOf(old));
    copySources(false);
    const nodeByNode = serializeXmlBytes(now);
    copySources(true);
    expect(Buffer.from(serializeXmlBytes(now)).equals(Buffer.from(nodeByNode))).toBe(true);
  });
});

describe("copying on generated pairs", () => {
  const words = fc.array(fc.constantFrom("study", "the", "question", "ü", "€", "&amp;", "&#233;", "😀", "a\r\nb", "x  y"), { minLength: 1, maxLength: 12 }).map((w) => w.join(" "));
  const block: fc.Arbitrary<string> = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(words, fc.constantFrom("", ' w:rsidRDefault="0011"', " w:rsidR2='7'")).map(([w, extra]) => para(w, extra)) },
    { weight: 1, arbitrary: fc.array(words.map((w) => para(w)), { minLength: 1, maxLength: 3 }).map((cells) => table(row(...cells), row(para("fixed cell")))) },
    { weight: 1, arbitrary: fc.constantFrom("<w:p/>", "<w:bookmarkStart w:id='12' w:name='x'/>", '<w:p><w:del w:id="99"><w:r><w:delText>gone</w:delText></w:r></w:del></w:p>') },
  );

  it("agrees with a parse on NEW made from OLD by edits (and on NEW cut short)", () => {
    let copiedSome = 0;
    fc.assert(
      fc.property(
        fc.array(block, { minLength: 1, maxLength: 12 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom("drop", "dup", "swap", "change")), { maxLength: 4 }),
        fc.option(fc.nat(), { freq: 4 }),
        (blocks, edits, cut) => {
          const now = [...blocks];
          for (const [at, kind] of edits) {
            const i = at % now.length;
            if (kind === "drop" && now.length > 1) now.splice(i, 1);
            else if (kind === "dup") now.splice(i, 0, now[i]!);
            else if (kind === "swap") now.splice(i, 2, ...now.slice(i, i + 2).reverse());
            else now[i] = now[i]!.replace("the", "a");
          }
          let newBytes = documentOf(now.join(""));
          if (cut !== null) newBytes = newBytes.subarray(0, cut % (newBytes.length + 1));
          const out = agree(documentOf(blocks.join("")), newBytes);
          if (out.ok && blocks.some((b) => b.length >= 128 && now.includes(b))) copiedSome++;
        },
      ),
      { numRuns: 300, seed: 20261125 },
    );
    // most pairs gave the parse something to copy
    expect(copiedSome).toBeGreaterThan(50);
  });
});

describeCorpus("copying on real documents", () => {
  it("gives NEW the tree a parse gives on ITU documents edited by the benchmark's editor", async () => {
    const mod = (await import(pathToFileURL(path.join(repoRoot, "bench", "docx-edit.mjs")).href)) as { editDocx: (bytes: Uint8Array, fraction: number) => { bytes: Uint8Array } };
    // H.222.0 left out: comparing trees of 600,000 nodes node by node takes minutes
    for (const name of corpusFilesDeep("itu", /\.docx$/).filter((f) => !f.includes("H.222.0"))) {
      const original = readCorpus(name);
      const oldPkg = openPackage(original, "old.docx");
      for (const fraction of [0.01, 0.3]) {
        const newPkg = openPackage(mod.editDocx(original, fraction).bytes, "new.docx");
        const out = agree(oldPkg.get(oldPkg.mainPart)!, newPkg.get(newPkg.mainPart)!, () => budget(256, 5_000_000));
        expect(out.ok, `${name} ${fraction}`).toBe(true);
      }
    }
  }, 300_000);
});
