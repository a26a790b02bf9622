/// <reference types="node" />
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isRedlineError } from "@redline/core";
import { openPackage, parseXmlBytes, serializeXml, serializeXmlBytes, setAttr, text, type XmlDocument, type XmlElement, type XmlNode } from "../src/index.js";
import { decodeXml } from "../src/xml/encoding.js";
import { parseDecoded, sourceRead, xmlBudget, type XmlBudget } from "../src/xml/parse.js";
import { rawForms } from "../src/xml/raw-forms.js";
import { copySources } from "../src/xml/serialize.js";
import { corpusDocxFiles, describeCorpus, isXmlPart, readCorpus } from "./corpus.js";

/**
 * A UTF-8 part is scanned as its bytes (encoding.ts utf8View, parse.ts
 * parseXmlBytes), decoding only values with characters outside ASCII, and
 * falls back to the decoded text for what it leaves. The decoded text is the
 * oracle: whatever the input, both must give the same tree (and the same
 * kept spellings), the same error, the same budget left, and the writer the
 * same output, from an unchanged tree and from an edited one.
 */

const FILE = "t.docx";
const PART = "word/document.xml";
const encoder = new TextEncoder();

const bigBudget = (): XmlBudget => xmlBudget({ maxXmlPartBytes: 1 << 24, maxXmlDepth: 64, maxXmlNodes: 100_000 });

/** The old way, and the oracle: decode the whole part, then parse the text. */
function parseText(bytes: Uint8Array, budget: XmlBudget): XmlDocument {
  return parseDecoded(decodeXml(bytes, FILE, PART), FILE, PART, budget);
}

/** A node as data, with the spelling the parser kept for it, without the offsets (bytes in one parse, characters in the other). */
function shape(node: XmlNode | XmlDocument): unknown {
  const form = node.type === "document" ? undefined : rawForms.get(node);
  const kept = form === undefined ? null : form.kind === "chars" ? { raw: form.raw, value: form.value } : { head: form.head, close: form.close, emptyPair: form.emptyPair };
  switch (node.type) {
    case "document":
      return { declaration: node.declaration, encoding: node.encoding, bom: node.bom, children: node.children.map(shape) };
    case "element":
      return { name: node.name, attrs: node.attrs, children: node.children.map(shape), kept };
    default:
      return { ...node, kept };
  }
}

type Outcome = { ok: true; doc: XmlDocument; shape: unknown; left: number } | { ok: false; error: string; left: number };

function outcome(parse: (bytes: Uint8Array, budget: XmlBudget) => XmlDocument, bytes: Uint8Array, budget: () => XmlBudget): Outcome {
  const b = budget();
  try {
    const doc = parse(bytes, b);
    return { ok: true, doc, shape: shape(doc), left: b.nodesLeft };
  } catch (e) {
    if (!isRedlineError(e)) throw e;
    return { ok: false, error: `${e.code}: ${e.message}`, left: b.nodesLeft };
  }
}

/** Parses both ways and checks they agree; returns the byte parse's outcome. */
function agree(bytes: Uint8Array, budget: () => XmlBudget = bigBudget): Outcome {
  const viaBytes = outcome((b, budget) => parseXmlBytes(b, FILE, PART, budget), bytes, budget);
  const viaText = outcome(parseText, bytes, budget);
  if (viaBytes.ok && viaText.ok) {
    expect(viaBytes.shape).toEqual(viaText.shape);
    expect(viaBytes.left).toBe(viaText.left);
    // unchanged, the byte parse writes back its bytes
    expect(Buffer.from(serializeXmlBytes(viaBytes.doc)).equals(Buffer.from(bytes))).toBe(true);
    expect(serializeXml(viaBytes.doc)).toBe(serializeXml(viaText.doc));
  } else {
    expect(viaBytes).toEqual(viaText);
  }
  return viaBytes;
}

/** Every element of a tree, in document order. */
function elements(nodes: XmlNode[]): XmlElement[] {
  return nodes.flatMap((n) => (n.type === "element" ? [n, ...elements(n.children)] : []));
}

/** Writes `doc` with and without copying unchanged subtrees (serialize.ts): the same bytes and text either way. */
function writtenBothWays(doc: XmlDocument): string {
  copySources(false);
  const nodeByNode = serializeXmlBytes(doc);
  const nodeByNodeText = serializeXml(doc);
  copySources(true);
  expect(Buffer.from(serializeXmlBytes(doc)).equals(Buffer.from(nodeByNode))).toBe(true);
  expect(serializeXml(doc)).toBe(nodeByNodeText);
  return nodeByNodeText;
}

describe("scanning a UTF-8 part as bytes", () => {
  it("decodes the values with characters outside ASCII, and copies their bytes back", () => {
    const src = `<?xml version="1.0"?>\r\n<w:document a="ü &amp; €"><w:t>It’s 😀 &lt; ü</w:t><w:t xml:space="preserve"> é\r\nà </w:t><!--ç--><![CDATA[ö<>]]><?pi ñ?><x b='ø'/></w:document>`;
    const out = agree(encoder.encode(src));
    expect(out.ok).toBe(true);
    const doc = (out as { doc: XmlDocument }).doc;
    // it was scanned as bytes, not decoded first
    expect(sourceRead(doc)!.bytes).not.toBeNull();
    const [, t1, t2] = elements(doc.children);
    expect(t1!.children).toEqual([{ type: "text", text: "It’s 😀 < ü" }]);
    expect(t2!.children).toEqual([{ type: "text", text: " é\nà " }]);
    expect(elements(doc.children)[0]!.attrs).toEqual([["a", "ü & €"]]);
  });

  it("leaves a name outside ASCII to the decoded text, and gives the same tree", () => {
    for (const src of ["<é/>", "<a><bé x='1'>ü</bé></a>", "<a é='1'/>", "<a><?pï x?></a>", "<a><?p\u00e9?></a>"]) {
      const out = agree(encoder.encode(src));
      expect(out.ok, src).toBe(true);
      expect(sourceRead((out as { doc: XmlDocument }).doc)!.bytes, src).toBeNull();
    }
  });

  it("keeps the BOM, and reads U+FEFF inside the text as a character", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode("<a>\uFEFFü</a>")]);
    const out = agree(bytes);
    expect(out.ok && out.doc.bom).toBe(true);
  });

  it("refuses bytes that are not UTF-8 and the characters XML does not allow, as the decoded text does", () => {
    const cases: Uint8Array[] = [
      new Uint8Array([...encoder.encode("<a>"), 0xc3, ...encoder.encode("</a>")]),
      new Uint8Array([...encoder.encode("<a x='"), 0xff, ...encoder.encode("'/>")]),
      new Uint8Array([...encoder.encode("<a>"), 0xed, 0xa0, 0x80, ...encoder.encode("</a>")]),
      encoder.encode("<a>ü\n  \uFFFE</a>"),
      encoder.encode("<a x='é\uFFFF'/>"),
      encoder.encode("<a>ü</a>é"),
      encoder.encode("é<a/>"),
      encoder.encode("<a>\nüü<b></a>"),
      encoder.encode("<a>😀😀 & </a>"),
    ];
    for (const bytes of cases) {
      const out = agree(bytes);
      expect(out.ok, Buffer.from(bytes).toString("latin1")).toBe(false);
    }
    // columns count characters, as they did when the whole part was decoded first
    expect(agree(encoder.encode("<a>\nüü<b></a>"))).toMatchObject({ error: expect.stringContaining("line 2, column 6") });
  });

  it("gives back the budget the byte scan used when the decoded text reads the part again", () => {
    const small = () => xmlBudget({ maxXmlPartBytes: 1 << 20, maxXmlDepth: 64, maxXmlNodes: 5 });
    expect(agree(encoder.encode("<a><b>ü</b><c/><é/></a>"), small)).toMatchObject({ ok: true, left: 0 });
    expect(agree(encoder.encode("<a><b>ü</b><c/><d/><e/></a>"), small).ok).toBe(false);
  });

  it("writes an edited tree the same whether it copies unchanged subtrees or not", () => {
    const src = "<r><p><t>It’s</t><t>plain</t></p><p><t a='é'>ü</t><!--ç--></p><p><t>😀 x</t></p></r>";
    const edits: [(r: XmlElement) => void, string][] = [
      [(r) => ((elements(r.children)[1]!.children[0] as { text: string }).text = "It’s not"), "<r><p><t>It’s not</t><t>plain</t></p><p><t a='é'>ü</t><!--ç--></p><p><t>😀 x</t></p></r>"],
      [(r) => r.children.reverse(), "<r><p><t>😀 x</t></p><p><t a='é'>ü</t><!--ç--></p><p><t>It’s</t><t>plain</t></p></r>"],
      [(r) => setAttr(elements(r.children)[4]!, "a", "è"), `<r><p><t>It’s</t><t>plain</t></p><p><t a="è">ü</t><!--ç--></p><p><t>😀 x</t></p></r>`],
      [(r) => (elements(r.children)[3]!.children[1] = text("ß")), "<r><p><t>It’s</t><t>plain</t></p><p><t a='é'>ü</t>ß</p><p><t>😀 x</t></p></r>"],
      // a text changed to what its bytes spell one character each ("ü" is C3 BC; "Ã¼" must not pass for it)
      [(r) => ((elements(r.children)[4]!.children[0] as { text: string }).text = "Ã¼"), "<r><p><t>It’s</t><t>plain</t></p><p><t a='é'>Ã¼</t><!--ç--></p><p><t>😀 x</t></p></r>"],
      [(r) => ((elements(r.children)[3]!.children[1] as { text: string }).text = "Ã§"), "<r><p><t>It’s</t><t>plain</t></p><p><t a='é'>ü</t><!--Ã§--></p><p><t>😀 x</t></p></r>"],
    ];
    for (const [edit, expected] of edits) {
      const doc = parseXmlBytes(encoder.encode(src), FILE, PART);
      edit(doc.children[0] as XmlElement);
      expect(writtenBothWays(doc)).toBe(expected);
    }
  });

  it("copies an unchanged subtree with characters outside ASCII from the bytes, not node by node", () => {
    // white-box: the copy comes from the bytes the parse kept (ParsedSource.bytes), so a byte changed
    // behind the parser's back shows in the output exactly when the subtree was copied
    const bytes = encoder.encode("<r><p><t>Señor</t></p><p><t>x</t></p></r>");
    const doc = parseXmlBytes(bytes, FILE, PART);
    (elements(doc.children)[4]!.children[0] as { text: string }).text = "y";
    bytes[bytes.indexOf(0x53)] = 0x73; // "S" -> "s"
    expect(serializeXml(doc)).toBe("<r><p><t>señor</t></p><p><t>y</t></p></r>");
  });
});

/** Pieces that exercise every path of the scanner: references, line ends, characters of 1 to 4 bytes, unusual spellings. */
const TEXT = ["x", "plain text", "ü", "€", "😀", "’", "&amp;", "&#x41;", "&#233;", "&lt;", "\r\n", "\r", "\n", "\t", ">", " ", "\uFEFF", "\u0085"];
const VALUE = ["0", "auto", "é", "&quot;", "&apos;", "\t", "\n", "\r\n", "😀", "&#x20AC;", "a b", ">"];
const NAME = ["a", "w:t", "b:c-d.e", "x1", "é", "名"];

const textArb = fc.array(fc.constantFrom(...TEXT), { minLength: 1, maxLength: 4 }).map((p) => p.join(""));
const attrArb = fc.record({
  name: fc.constantFrom("v", "w:val", "xml:space", "w:rsidR", "v2", "w:id", "ü"),
  value: fc.array(fc.constantFrom(...VALUE), { maxLength: 3 }).map((p) => p.join("")),
  quote: fc.constantFrom('"', "'"),
  space: fc.constantFrom(" ", "  ", "\n"),
});

const nodeArb: fc.Memo<string> = fc.memo((depth) =>
  depth <= 1
    ? fc.oneof(textArb, fc.constantFrom("<!--ç-->", "<![CDATA[ö<>]]>", "<?pi ñ x?>", "<!-- -->", "<?pi?>"))
    : fc.oneof(
        { weight: 1, arbitrary: textArb },
        {
          weight: 3,
          arbitrary: fc
            .record({
              name: fc.constantFrom(...NAME.slice(0, 4), ...NAME.slice(0, 4), ...NAME.slice(0, 4), ...NAME),
              attrs: fc.uniqueArray(attrArb, { maxLength: 2, selector: (a) => a.name }),
              children: fc.array(nodeArb(depth - 1), { maxLength: 4 }),
              closeSpace: fc.constantFrom("", "", " "),
            })
            .map(({ name, attrs, children, closeSpace }) => {
              const head = `<${name}${attrs.map((a) => `${a.space}${a.name}=${a.quote}${a.value.replaceAll(a.quote, "")}${a.quote}`).join("")}`;
              return children.length === 0 && closeSpace === "" ? `${head}/>` : `${head}>${children.join("")}</${name}${closeSpace}>`;
            }),
        },
      ),
);

const documentArb = fc.record({
  bom: fc.boolean(),
  declaration: fc.constantFrom("", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'),
  children: fc.array(nodeArb(4), { maxLength: 5 }),
  cut: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.nat() }),
});


describeCorpus("the byte scan against the decoded text, on every XML part of the corpus", () => {
  it("gives the same trees and kept spellings, and reads most parts as bytes", () => {
    const files = corpusDocxFiles();
    let parts = 0;
    let asBytes = 0;
    for (const file of files) {
      const pkg = openPackage(readCorpus(file), file);
      for (const name of pkg.names) {
        if (!isXmlPart(name)) continue;
        const bytes = pkg.get(name) as Uint8Array;
        const viaBytes = outcome((b, budget) => parseXmlBytes(b, file, name, budget), bytes, bigBudget);
        const viaText = outcome((b, budget) => parseDecoded(decodeXml(b, file, name), file, name, budget), bytes, bigBudget);
        if (viaBytes.ok && viaText.ok) expect(viaBytes.shape, `${file} ${name}`).toEqual(viaText.shape);
        else expect(viaBytes, `${file} ${name}`).toEqual(viaText);
        parts++;
        if (viaBytes.ok && sourceRead(viaBytes.doc)!.bytes !== null) asBytes++;
      }
    }
    expect(parts).toBeGreaterThan(1000);
    expect(asBytes / parts).toBeGreaterThan(0.9);
  }, 600_000);
});

describe("the byte scan against the decoded text, on generated parts", () => {
  it("agrees on the tree, the kept spellings, the budget and the output, or on the error", () => {
    let ok = 0;
    let asBytes = 0;
    let refused = 0;
    fc.assert(
      fc.property(documentArb, ({ bom, declaration, children, cut }) => {
        const src = `${declaration}<root>${children.join("")}</root>`;
        let bytes = encoder.encode(src);
        if (bom) bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
        // cut short somewhere (often inside a character of several bytes): an error both ways
        if (cut !== undefined) bytes = bytes.subarray(0, cut % (bytes.length + 1));
        const out = agree(bytes);
        if (out.ok) {
          ok++;
          if (sourceRead(out.doc)!.bytes !== null) asBytes++;
          // and edited: a value changed, a child removed, an attribute set
          const els = elements(out.doc.children);
          // a text beyond ASCII changed to what its UTF-8 spells one character a byte, which the source's bytes read as
          const wide = els.flatMap((e) => e.children).find((n): n is { type: "text"; text: string } => n.type === "text" && /[\u0080-\uffff]/.test(n.text));
          if (wide) wide.text = Buffer.from(wide.text, "utf8").toString("latin1");
          const target = els[(cut ?? 7) % els.length]!;
          if (target.children.length > 0) target.children.pop();
          else target.children.push(text("né"));
          setAttr(els[0]!, "z", "ü");
          writtenBothWays(out.doc);
        } else refused++;
      }),
      { numRuns: 400, seed: 20261125 },
    );
    // every kind of outcome was exercised: read as bytes, read again decoded (a name outside ASCII), refused
    expect(asBytes).toBeGreaterThan(100);
    expect(ok - asBytes).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(50);
  });
});
