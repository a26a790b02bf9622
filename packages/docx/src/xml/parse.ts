import { RedlineError, isRedlineError } from "@redline/core";
import { SaxesParser } from "saxes";
import { DEFAULT_LIMITS, formatBytes, type PackageLimits } from "../zip/limits.js";
import { decodeXml } from "./encoding.js";
import { escapeText, isCanonicalHead } from "./escape.js";
import { elementSignature, rawForms } from "./raw-forms.js";
import type { XmlDocument, XmlElement, XmlNode } from "./tree.js";

/**
 * Parses a part into the lossless tree. saxes reports decoded values and a
 * string offset after each event; slicing the source between consecutive
 * offsets gives each node's exact spelling, which is recorded (in
 * `rawForms`) only where the canonical writer would spell it differently.
 *
 * DOCTYPE is refused outright: OOXML never uses one, and refusing it is the
 * only sure defence against entity expansion ("billion laughs") and external
 * entities. saxes itself never expands entities it was not told about.
 *
 * Performance note: saxes stores handlers with keyed stores on the parser
 * object, and V8 turns an object into a slow dictionary after about a dozen
 * properties added that way; with eight handlers every property access
 * inside saxes got 2.5x slower. So the prolog (XML declaration, DOCTYPE
 * check) is read here instead of through handlers: keep the handler count at
 * six.
 */

const LT = 60; // "<"

function unsafe(file: string, part: string): RedlineError {
  return new RedlineError(
    "unsafe-xml",
    file,
    `the part "${part}" contains a document type declaration, which Word never writes and which can be used to attack a reader; it was not read.`,
  );
}

const WHITESPACE = /[ \t\r\n]/;

/**
 * What parsing may build. Shared by all the parts of one package (see
 * DocxPackage.xmlBudget) so that the package as a whole stays bounded: the
 * tree costs a few hundred bytes per node, and every walker over it recurses,
 * so 10,000 nested elements would overflow the stack of a reader or writer.
 */
export interface XmlBudget {
  /** Largest part, in bytes, before decoding. */
  maxPartBytes: number;
  /** Deepest element nesting. */
  maxDepth: number;
  /** Most nodes (elements, text, comments, CDATA, processing instructions) over all the parts that share the budget. */
  maxNodes: number;
  /** Nodes still allowed; parsing decrements it. */
  nodesLeft: number;
}

/** A budget for one part parsed on its own, with the default limits. */
function defaultBudget(): XmlBudget {
  return xmlBudget(DEFAULT_LIMITS);
}

export function xmlBudget(limits: Pick<PackageLimits, "maxXmlPartBytes" | "maxXmlDepth" | "maxXmlNodes">): XmlBudget {
  return { maxPartBytes: limits.maxXmlPartBytes, maxDepth: limits.maxXmlDepth, maxNodes: limits.maxXmlNodes, nodesLeft: limits.maxXmlNodes };
}

function overBudget(file: string, part: string, detail: string): RedlineError {
  return new RedlineError("too-large", file, `the part "${part}" ${detail}, more than redline reads (a limit that keeps memory bounded); it was not read.`);
}

/**
 * The XML declaration's extent, and whether a DOCTYPE follows it among the
 * comments, PIs and whitespace the prolog allows (XML 1.0 section 2.8).
 * Malformed input is left for saxes to report.
 */
function scanProlog(source: string): { declarationEnd: number; doctype: boolean } {
  let at = 0;
  let declarationEnd = 0;
  if (source.startsWith("<?xml") && WHITESPACE.test(source.charAt(5))) {
    const end = source.indexOf("?>", 5);
    if (end < 0) return { declarationEnd: 0, doctype: false };
    declarationEnd = at = end + 2;
  }
  for (;;) {
    while (WHITESPACE.test(source.charAt(at))) at++;
    if (source.startsWith("<!DOCTYPE", at)) return { declarationEnd, doctype: true };
    const close = source.startsWith("<!--", at) ? "-->" : source.startsWith("<?", at) ? "?>" : null;
    if (close === null) return { declarationEnd, doctype: false };
    const end = source.indexOf(close, at + 2);
    if (end < 0) return { declarationEnd, doctype: false };
    at = end + close.length;
  }
}

export function parseXml(source: string, file: string, part: string, budget: XmlBudget = defaultBudget()): XmlDocument {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const doc: XmlDocument = { type: "document", declaration: null, encoding: "utf-8", bom: false, children: [] };
  const stack: XmlElement[] = [];
  let siblings: XmlNode[] = doc.children;
  let cursor = 0;

  const take = (end: number): string => {
    const raw = source.slice(cursor, end);
    cursor = end;
    return raw;
  };
  const keepIfUnusual = (node: XmlNode, raw: string, canonical: string, value: string): void => {
    if (raw !== canonical) rawForms.set(node, { kind: "chars", raw, value });
  };
  const countNode = (): void => {
    if (--budget.nodesLeft < 0) throw overBudget(file, part, `brings the document past ${budget.maxNodes.toLocaleString("en-US")} XML elements and text nodes`);
  };

  const prolog = scanProlog(source);
  if (prolog.doctype) throw unsafe(file, part);
  if (prolog.declarationEnd > 0) doc.declaration = take(prolog.declarationEnd);
  parser.on("text", (value) => {
    // the event fires on the "<" that ends the text, or at the end of input
    let end = parser.position;
    if (source.charCodeAt(end - 1) === LT) end--;
    countNode();
    const node: XmlNode = { type: "text", text: value };
    // fast path, without slicing: nothing was decoded or normalised and nothing needs escaping
    if (end - cursor === value.length && source.startsWith(value, cursor) && !value.includes(">")) cursor = end;
    else keepIfUnusual(node, take(end), escapeText(value), value);
    siblings.push(node);
  });
  parser.on("opentag", (tag) => {
    countNode();
    if (stack.length >= budget.maxDepth) throw overBudget(file, part, `nests elements more than ${budget.maxDepth} levels deep`);
    const end = parser.position;
    const el: XmlElement = { type: "element", name: tag.name, attrs: Object.entries(tag.attributes), children: [] };
    const headEnd = end - (tag.isSelfClosing ? 2 : 1);
    if (!isCanonicalHead(source, cursor, headEnd, el)) {
      rawForms.set(el, { kind: "element", head: source.slice(cursor, headEnd), close: null, emptyPair: false, signature: elementSignature(el) });
    }
    cursor = end;
    siblings.push(el);
    stack.push(el);
    siblings = el.children;
  });
  parser.on("closetag", (tag) => {
    const el = stack.pop();
    if (!el) throw new Error("invariant: saxes closes only elements it opened");
    siblings = stack.length > 0 ? stack[stack.length - 1]!.children : doc.children;
    if (tag.isSelfClosing) return;
    const end = parser.position;
    const canonicalClose = end - cursor === el.name.length + 3 && source.startsWith(el.name, cursor + 2);
    if (canonicalClose && el.children.length > 0) {
      cursor = end;
      return;
    }
    const close = take(end);
    const expected = `</${el.name}>`;
    const form = rawForms.get(el);
    if (form?.kind === "element") {
      form.close = close === expected ? null : close;
      form.emptyPair = el.children.length === 0;
    } else {
      rawForms.set(el, {
        kind: "element",
        head: null,
        close: close === expected ? null : close,
        emptyPair: el.children.length === 0,
        signature: elementSignature(el),
      });
    }
  });
  parser.on("comment", (value) => {
    // the event fires after "--", before the final ">"
    countNode();
    const raw = take(parser.position + 1);
    const node: XmlNode = { type: "comment", text: value };
    keepIfUnusual(node, raw, `<!--${value}-->`, value);
    siblings.push(node);
  });
  parser.on("cdata", (value) => {
    countNode();
    const raw = take(parser.position);
    const node: XmlNode = { type: "cdata", text: value };
    keepIfUnusual(node, raw, `<![CDATA[${value}]]>`, value);
    siblings.push(node);
  });
  parser.on("processinginstruction", (pi) => {
    countNode();
    const raw = take(parser.position);
    const node: XmlNode = { type: "pi", target: pi.target, body: pi.body };
    keepIfUnusual(node, raw, pi.body ? `<?${pi.target} ${pi.body}?>` : `<?${pi.target}?>`, `${pi.target} ${pi.body}`);
    siblings.push(node);
  });

  try {
    parser.write(source).close();
  } catch (e) {
    if (isRedlineError(e)) throw e;
    const message = e instanceof Error ? e.message : String(e);
    const where = /^(\d+):(\d+): (.*)$/s.exec(message);
    const detail = where ? `line ${where[1]}, column ${where[2]}: ${where[3]}` : message;
    throw new RedlineError("bad-xml", file, `the part "${part}" is not well-formed XML (${detail}); the document is damaged.`, { cause: e });
  }
  return doc;
}

/** Decodes (UTF-8 or UTF-16, with or without BOM) and parses a part's bytes. */
export function parseXmlBytes(bytes: Uint8Array, file: string, part: string, budget: XmlBudget = defaultBudget()): XmlDocument {
  if (bytes.length > budget.maxPartBytes) {
    throw overBudget(file, part, `is ${formatBytes(bytes.length)} of XML, larger than ${formatBytes(budget.maxPartBytes)}`);
  }
  const decoded = decodeXml(bytes, file, part);
  const doc = parseXml(decoded.text, file, part, budget);
  doc.encoding = decoded.encoding;
  doc.bom = decoded.bom;
  return doc;
}
