import { describe, expect, it } from "vitest";
import { isRedlineError } from "@redline/core";
import { documentElement, parseXml, serializeXml, type XmlDocument, type XmlElement, type XmlNode } from "../src/index.js";
import { elementNamesRead, largestIdRead, xmlBudget } from "../src/xml/parse.js";
import { setAttr, walkElements } from "../src/xml/tree.js";
import { rawForms } from "../src/xml/raw-forms.js";

/**
 * The XML scanner on its own: what it decodes, which spellings it keeps for
 * the writer, and what it refuses. The corpus-wide guarantees (byte-identical
 * round trip of every part) are in xml-roundtrip.test.ts.
 */

function parse(source: string): XmlDocument {
  return parseXml(source, "t.docx", "word/document.xml");
}

function root(source: string): XmlElement {
  return documentElement(parse(source));
}

function refusal(source: string, budget = xmlBudget({ maxXmlPartBytes: 1 << 30, maxXmlDepth: 256, maxXmlNodes: 1_000_000 })): { code: string; message: string } {
  try {
    parseXml(source, "t.docx", "word/document.xml", budget);
  } catch (e) {
    if (!isRedlineError(e)) throw e;
    return { code: e.code, message: e.message };
  }
  throw new Error(`expected a refusal: ${JSON.stringify(source.slice(0, 80))}`);
}

function allNodes(nodes: XmlNode[]): XmlNode[] {
  return nodes.flatMap((n) => (n.type === "element" ? [n, ...allNodes(n.children)] : [n]));
}

describe("decoded values", () => {
  it("resolves the five predefined entities and decimal and hexadecimal character references", () => {
    expect(root("<a>&amp;&lt;&gt;&quot;&apos; &#65;&#x42;&#x1F600;</a>").children).toEqual([{ type: "text", text: `&<>"' AB😀` }]);
  });

  it("reads CRLF and a lone CR in text as LF (XML 1.0 section 2.11)", () => {
    expect(root("<a>x\r\ny\rz\n</a>").children).toEqual([{ type: "text", text: "x\ny\nz\n" }]);
  });

  it("normalises tabs and line ends in attribute values to spaces, but not the ones written as references (section 3.3.3)", () => {
    expect(root("<a v='a\tb\r\nc\rd\ne' w=\"&#x9;&#xA;&#xD;\"/>").attrs).toEqual([
      ["v", "a b c d e"],
      ["w", "\t\n\r"],
    ]);
  });

  it("keeps attributes in source order, names with their prefixes", () => {
    expect(root('<w:p w:rsidR="00A1" xml:space="preserve" a="1"/>')).toEqual({
      type: "element",
      name: "w:p",
      attrs: [
        ["w:rsidR", "00A1"],
        ["xml:space", "preserve"],
        ["a", "1"],
      ],
      children: [],
      // where it was read (see XmlElement.doc): a self-closed tag has nothing between its end and the element's
      doc: expect.any(Number),
      from: 0,
      inner: 48,
      to: 48,
    });
  });

  it("reads comments, CDATA sections and processing instructions as nodes", () => {
    const doc = parse("<?xml version=\"1.0\"?><!--c--><?pi  body ?><a><![CDATA[<x>&amp;]]></a>");
    expect(doc.declaration).toBe('<?xml version="1.0"?>');
    expect(doc.children).toEqual([
      { type: "comment", text: "c" },
      { type: "pi", target: "pi", body: "body " },
      { type: "element", name: "a", attrs: [], children: [{ type: "cdata", text: "<x>&amp;" }], doc: expect.any(Number), from: 42, inner: 45, to: 69 },
    ]);
  });

  it("accepts names beyond ASCII, including the supplementary planes", () => {
    expect(root("<é:ñ 𐀀a·b='1'/>")).toMatchObject({ name: "é:ñ", attrs: [["𐀀a·b", "1"]] });
  });
});

describe("element names read", () => {
  it("lists every element name of the source once, however many kinds share a slot", () => {
    // 3,000 kinds of name, each used twice and far apart, so that the per-slot memory of the last name is overwritten
    const names = Array.from({ length: 3000 }, (_, i) => `w:e${i.toString(36)}`);
    const doc = parse(`<w:r a="w:x">${[...names, ...names].map((n) => `<${n}/>`).join("")}<w:t>w:y</w:t></w:r>`);
    const walked = new Set<string>();
    walkElements(documentElement(doc), (el) => walked.add(el.name));
    expect([...elementNamesRead(doc)!].sort()).toEqual([...walked].sort());
    // attribute values and text are not element names
    expect(elementNamesRead(doc)!.has("w:x") || elementNamesRead(doc)!.has("w:y")).toBe(false);
  });

  it("knows nothing of a document it did not parse", () => {
    expect(elementNamesRead({ type: "document", declaration: null, encoding: "utf-8", bom: false, children: [] })).toBeNull();
  });
});

describe("largest id read", () => {
  it("is the largest all-digit w:id, whatever element carries it, and 0 without one", () => {
    const doc = parse('<w:body><w:bookmarkStart w:id="7" w:name="x"/><w:p><w:ins w:id="12"><w:r/></w:ins></w:p><w:x w:id="99a"/><w:y id="500"/></w:body>');
    expect(largestIdRead(doc)).toBe(12);
    expect(largestIdRead(parse("<w:body><w:p/></w:body>"))).toBe(0);
    expect(largestIdRead({ type: "document", declaration: null, encoding: "utf-8", bom: false, children: [] })).toBeNull();
  });
});

describe("spellings kept for the writer", () => {
  it("keeps nothing for a part spelled the way Word writes it", () => {
    const source = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<w:document xmlns:w="urn:w"><w:body><w:p w:rsidR="00A1"><w:r><w:t xml:space="preserve"> a &amp; b &lt;c&gt; </w:t></w:r><w:r><w:t>&#xD;</w:t></w:r></w:p><w:p/><w:q a="&quot;&#x9;&#xA;&#xD;&amp;&lt;&gt;"/></w:body></w:document>`;
    const doc = parse(source);
    expect(allNodes(doc.children).filter((n) => n.type !== "text" || n.text !== "\n").filter((n) => rawForms.has(n))).toEqual([]);
    expect(serializeXml(doc)).toBe(source);
  });

  it.each([
    ["single quotes", "<a b='1'/>"],
    ["spaces around =", '<a b = "1"/>'],
    ["several spaces between attributes", '<a  b="1"\tc="2"/>'],
    ["a space before />", "<a />"],
    ["an empty element written as a pair", "<r><a></a></r>"],
    ["a close tag with a space", "<a>x</a >"],
    ["a character reference the writer would not use", "<a>&#65;&#x41;&#38;&quot;</a>"],
    ["a literal > in text and in an attribute", '<a b=">">></a>'],
    ["CRLF in text, a comment, a PI and CDATA", "<a>x\r\ny<!--\r\n--><?p a\r\nb?><![CDATA[\r]]></a>"],
    ["a PI without a body", "<a><?p?><?q ?></a>"],
    ["whitespace around the root", "\r\n<a/>\r\n"],
  ])("writes back %s exactly", (_what, source) => {
    expect(serializeXml(parse(source))).toBe(source);
  });

  it("writes an edited node canonically, not in its old spelling", () => {
    const doc = parse("<a b='1'>x&#65;</a>");
    const a = documentElement(doc);
    setAttr(a, "b", "2");
    (a.children[0] as { text: string }).text = "y";
    expect(serializeXml(doc)).toBe('<a b="2">y</a>');
  });
});

describe("shared attribute pairs and lists", () => {
  it("hands out one frozen pair per repeated name and value, and one list per repeated single pair or no attribute", () => {
    const root = documentElement(parse('<r><a w:val="24"/><b w:val="24"/><c w:val="24" x="1"/><d/><e/><f w:val="25"/></r>'));
    const [a, b, c, d, e, f] = root.children as XmlElement[];
    expect(a!.attrs[0]).toBe(b!.attrs[0]);
    expect(c!.attrs[0]).toBe(a!.attrs[0]);
    expect(a!.attrs).toBe(b!.attrs);
    expect(d!.attrs).toBe(e!.attrs);
    expect(f!.attrs[0]).toEqual(["w:val", "25"]);
    for (const el of [a!, c!, d!]) {
      expect(Object.isFrozen(el.attrs)).toBe(true);
      for (const pair of el.attrs) expect(Object.isFrozen(pair)).toBe(true);
    }
  });

  it("changes one element's attributes without touching the others that shared them", () => {
    const root = documentElement(parse('<r><a w:val="24"/><b w:val="24"/><d/><e/></r>'));
    const [a, b, d, e] = root.children as XmlElement[];
    setAttr(a!, "w:val", "26");
    setAttr(d!, "y", "2");
    setAttr(b!, "z", "3");
    expect(a!.attrs).toEqual([["w:val", "26"]]);
    expect(b!.attrs).toEqual([["w:val", "24"], ["z", "3"]]);
    expect(d!.attrs).toEqual([["y", "2"]]);
    expect(e!.attrs).toEqual([]);
    expect(serializeXml(root)).toBe('<r><a w:val="26"/><b w:val="24" z="3"/><d y="2"/><e/></r>');
  });
});

describe("refusals", () => {
  it("refuses a DOCTYPE before the root as unsafe, and one after it as malformed", () => {
    expect(refusal('<?xml version="1.0"?><!-- x --><!DOCTYPE a [<!ENTITY e "e">]><a>&e;</a>').code).toBe("unsafe-xml");
    expect(refusal("<a><!DOCTYPE a></a>").code).toBe("bad-xml");
  });

  it.each([
    ["an undefined entity", "<a>&nbsp;</a>", /entity &nbsp; is not defined/],
    ["a bare &", "<a>a & b</a>", /"&" must start a reference/],
    ["a reference to NUL", "<a>&#0;</a>", /&#0; refers to a character XML does not allow/],
    ["a reference to a surrogate", "<a>&#xD800;</a>", /not allow/],
    ["a reference past U+10FFFF", "<a>&#x110000;</a>", /not allow/],
    ["a reference with too many digits to count", `<a>&#${"9".repeat(400)};</a>`, /not allow/],
    ["an empty character reference", "<a>&#;</a>", /character reference must be/],
    ["a capital X in a hexadecimal reference", "<a>&#X41;</a>", /character reference must be/],
    ["mismatched tags", "<a><b></a></b>", /close tag <\/a> does not match <b>/],
    ["a close tag that only starts like the open one", "<w:p></w:pPr></w:p>", /does not match/],
    ["a close tag with nothing open", "<a/></a>", /has no open element/],
    ["an unclosed element", "<a><b>", /ends before <b> is closed/],
    ["an unquoted attribute", "<a b=1/>", /not in quotes/],
    ["an attribute without a value", "<a b/>", /has no value/],
    ["a duplicate attribute", '<a b="1" b="2"/>', /attribute b appears twice/],
    ["a duplicate among many attributes", `<a ${Array.from({ length: 20 }, (_, i) => `x${i}="${i}"`).join(" ")} x17="again"/>`, /x17 appears twice/],
    ["attributes without whitespace between them", '<a b="1"c="2"/>', /expected whitespace/],
    ["< in an attribute value", '<a b="<"/>', /"<" is not allowed in an attribute value/],
    ["text before the root", "x<a/>", /text before the root element/],
    ["text after the root", "<a/>x", /text after the root element/],
    ["a reference after the root", "<a/>&#32;", /text after the root element/],
    ["a second root", "<a/><b/>", /second root element/],
    ["CDATA outside the root", "<![CDATA[x]]><a/>", /CDATA section outside the root/],
    ["-- inside a comment", "<a><!-- x -- y --></a>", /"--" is not allowed inside a comment/],
    ["a comment ending in --->", "<a><!-- x ---></a>", /"--" is not allowed/],
    ["]]> in text", "<a>x]]>y</a>", /"]]>" is not allowed in text/],
    ["a control character", "<a>\u0001</a>", /U\+0001 is not allowed/],
    ["U+FFFE", "<a>\uFFFE</a>", /U\+FFFE is not allowed/],
    ["a lone surrogate", "<a>\uD800x</a>", /U\+D800 is not allowed/],
    ["a tag name starting with a digit", "<1a/>", /tag name cannot start/],
    ["<! that is neither comment nor CDATA", "<a><!ELEMENT x></a>", /"<!" must start a comment or a CDATA section/],
    ["a PI named xml after the start", "<a><?xml version='1.0'?></a>", /XML declaration is only allowed at the very start/],
    ["a PI target run into its body", "<a><?pi?x?></a>", /followed by whitespace/],
    ["a declaration without a version", '<?xml encoding="UTF-8"?><a/>', /malformed XML declaration/],
    ["XML 1.1", '<?xml version="1.1"?><a/>', /XML version 1.1 is not supported/],
    ["an empty document", "", /there is no root element/],
    ["only a comment", "<!-- x -->", /there is no root element/],
  ])("refuses %s as malformed", (_what, source, message) => {
    const r = refusal(source);
    expect(r.code).toBe("bad-xml");
    expect(r.message).toMatch(/^t\.docx: the part "word\/document\.xml" is not well-formed XML \(line \d+, column \d+: .*\); the document is damaged\.$/);
    expect(r.message).toMatch(message);
  });

  it("says where: lines end at CRLF, CR or LF, columns count from 1", () => {
    expect(refusal("<a>\r\n<b>\r  x\n  &nbsp;</b></a>").message).toContain("(line 4, column 3: the entity &nbsp; is not defined)");
  });

  it("cuts long names short in messages", () => {
    expect(refusal(`<${"n".repeat(10_000)}>`).message.length).toBeLessThan(300);
  });

  it("refuses, never crashes on, every truncation of a document", () => {
    const source = `<?xml version="1.0"?><!--c--><w:document a='1' b="&amp;&#x41;"><w:p><?pi x?><w:t>x&lt;y</w:t><![CDATA[z]]></w:p></w:document>`;
    for (let end = 0; end < source.length; end++) expect(refusal(source.slice(0, end)).code).toBe("bad-xml");
  });

  it("stops at the depth and node budgets", () => {
    expect(refusal("<a>".repeat(300)).message).toMatch(/more than 256 levels deep/);
    const budget = xmlBudget({ maxXmlPartBytes: 1 << 30, maxXmlDepth: 256, maxXmlNodes: 10 });
    const r = refusal(`<a>${"<b/>".repeat(10)}</a>`, budget);
    expect(r.code).toBe("too-large");
    expect(r.message).toMatch(/past 10 XML elements/);
  });

  it("reads a tag with thousands of attributes in linear time", () => {
    const many = `<a ${Array.from({ length: 50_000 }, (_, i) => `x${i}="${i}"`).join(" ")}/>`;
    expect(root(many).attrs).toHaveLength(50_000);
  });
});
