import { expect, it } from "vitest";
import { isRedlineError } from "@redline/core";
import { openPackage, parseXmlBytes, serializeXml, serializeXmlBytes, setAttrs } from "../src/index.js";
import { corpusDocxFiles, describeCorpus, isXmlPart, readCorpus } from "./corpus.js";

/** Corpus files that are damaged at the source, and the error reading them must give. */
const MALFORMED: Record<string, string> = {
  // another tool's output: its document.xml closes a w:p it never opened (line 779)
  "fixtures/safe-docx/outputs/typescript_redline.docx": "bad-xml",
};

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function roundTripMismatches(file: string): string[] {
  const pkg = openPackage(readCorpus(file), file);
  const mismatched: string[] = [];
  for (const name of pkg.names) {
    if (!isXmlPart(name)) continue;
    const bytes = pkg.get(name) as Uint8Array;
    if (!sameBytes(serializeXmlBytes(parseXmlBytes(bytes, file, name)), bytes)) mismatched.push(name);
  }
  return mismatched;
}

describeCorpus("XML round trip over corpus parts", () => {
  const files = corpusDocxFiles();

  it.each(files.filter((f) => !(f in MALFORMED)))("writes every XML part of %s back byte for byte", (file) => {
    expect(roundTripMismatches(file)).toEqual([]);
  });

  it.each(Object.entries(MALFORMED))("refuses the damaged %s with %s", (file, code) => {
    let caught: unknown = null;
    try {
      roundTripMismatches(file);
    } catch (e) {
      caught = e;
    }
    expect(isRedlineError(caught) && caught.code).toBe(code);
    expect(String((caught as Error).message)).toContain("word/document.xml");
  });
});

it("writes edited text as TextEncoder would: multi-byte, astral and lone-surrogate characters", () => {
  const doc = parseXmlBytes(new TextEncoder().encode('<?xml version="1.0" encoding="UTF-8"?><a b="x"><t>old</t></a>'), "t.xml", "t.xml");
  const root = doc.children[0];
  if (root?.type !== "element") throw new Error("no root");
  const value = "é – “€” 𝄞 \ud800 x \udc00 ÿ\u07ff\u0800\uffff <&>";
  root.children = [{ type: "text", text: value }];
  setAttrs(root, [["b", value]]);
  const bytes = serializeXmlBytes(doc);
  const expected = new TextEncoder().encode(
    `<?xml version="1.0" encoding="UTF-8"?><a b="${value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}">${value
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")}</a>`,
  );
  expect(sameBytes(bytes, expected)).toBe(true);
});

it("writes the same bytes as the string writer, encoded, whatever mix of escaped, ASCII and other characters a value holds", () => {
  // the byte writer escapes and encodes in one pass, with a separate path from the first non-ASCII character on
  const alphabet = ["a", "Z", "0", " ", "&", "<", ">", '"', "'", "\t", "\n", "\r", "é", "–", "€", "𝄞", "\ud800", "\udc00", "\u007f", "\u0080", "?", "="];
  let seed = 7;
  const next = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % n;
  };
  for (let round = 0; round < 200; round++) {
    const value = Array.from({ length: next(12) }, () => alphabet[next(alphabet.length)]!).join("");
    const doc = parseXmlBytes(new TextEncoder().encode('<a b="x"><t>old</t></a>'), "t.xml", "t.xml");
    const root = doc.children[0];
    if (root?.type !== "element") throw new Error("no root");
    setAttrs(root, [["b", value], ["c", `${value}${value}`]]);
    root.children = [{ type: "text", text: value }, { type: "element", name: "t", attrs: [], children: [{ type: "text", text: `x${value}` }] }];
    expect(Buffer.from(serializeXmlBytes(doc)).toString("hex")).toBe(Buffer.from(new TextEncoder().encode(serializeXml(doc))).toString("hex"));
  }
});
