/**
 * A deterministic editor of real .docx files for tests and benchmarks: it
 * changes words, deletes, inserts and moves paragraphs of a document's body
 * through our own XML layer, leaving everything else of the package as it was.
 * Edited copies of real ITU documents are the "revisions we have not seen".
 */
import { readDocxPackage } from "../../src/read/read-docx.js";
import { serializeXmlBytes } from "../../src/xml/serialize.js";
import { element, findChild, text, type XmlElement } from "../../src/xml/tree.js";
import { openPackage } from "../../src/zip/open.js";
import { writePackage } from "../../src/zip/write.js";

export type Edit =
  | { op: "replace"; paragraph: number; from: string; to: string }
  | { op: "delete"; paragraph: number }
  | { op: "insert-after"; paragraph: number; text: string }
  | { op: "move-after"; paragraph: number; after: number }
  /** gives the paragraph another style (null: none, the default paragraph style), its other properties kept */
  | { op: "restyle"; paragraph: number; style: string | null }
  /** gives `word` (in one w:t of a run) run properties of its own: the run's, with `props` (e.g. `w:b`) added in schema order */
  | { op: "format"; paragraph: number; word: string; props: XmlElement[] };

function textNodes(p: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const visit = (el: XmlElement) => {
    for (const c of el.children) {
      if (c.type !== "element") continue;
      if (c.name === "w:t") out.push(c);
      else if (c.name !== "w:del" && c.name !== "w:pPr") visit(c);
    }
  };
  visit(p);
  return out;
}

/** CT_RPr's children in schema order (ECMA-376-1 17.3.2.28), for adding properties where they belong. */
const RPR_ORDER = ["w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath"];

/** Splits the run holding `word` in one of its w:t into three, the middle one (the word) with `props` added. */
function formatWord(p: XmlElement, word: string, props: readonly XmlElement[]): void {
  const runs: { run: XmlElement; parent: XmlElement }[] = [];
  const visit = (el: XmlElement) => {
    for (const c of el.children) {
      if (c.type !== "element") continue;
      if (c.name === "w:r") runs.push({ run: c, parent: el });
      else if (c.name !== "w:del" && c.name !== "w:pPr") visit(c);
    }
  };
  visit(p);
  const value = (t: XmlElement) => t.children.map((c) => (c.type === "text" ? c.text : "")).join("");
  for (const { run, parent } of runs) {
    const t = run.children.find((c): c is XmlElement => c.type === "element" && c.name === "w:t" && value(c).includes(word));
    if (!t) continue;
    const rPr = findChild(run, "w:rPr");
    const whole = value(t);
    const at = whole.indexOf(word);
    const before = run.children.slice(0, run.children.indexOf(t)).filter((c) => c !== rPr);
    const after = run.children.slice(run.children.indexOf(t) + 1);
    const piece = (v: string) => element("w:t", [["xml:space", "preserve"]], [text(v)]);
    const make = (children: XmlElement["children"], extra: readonly XmlElement[] = []) => {
      const kept = rPr ? structuredClone(rPr).children.filter((c) => !(c.type === "element" && extra.some((x) => x.name === c.name))) : [];
      const rank = (c: XmlElement["children"][number]) => (c.type === "element" ? RPR_ORDER.indexOf(c.name) : -1);
      const merged = [...kept];
      for (const x of extra) {
        const at = merged.findIndex((c) => rank(c) > rank(x));
        merged.splice(at < 0 ? merged.length : at, 0, structuredClone(x));
      }
      const own = merged.length ? [element("w:rPr", [], merged)] : [];
      return element("w:r", run.attrs.map(([n, v]) => [n, v]), [...own, ...children]);
    };
    const made = [
      ...(before.length || at > 0 ? [make([...before, ...(at > 0 ? [piece(whole.slice(0, at))] : [])])] : []),
      make([piece(word)], props),
      ...(after.length || at + word.length < whole.length ? [make([...(at + word.length < whole.length ? [piece(whole.slice(at + word.length))] : []), ...after])] : []),
    ];
    parent.children.splice(parent.children.indexOf(run), 1, ...made);
    return;
  }
  throw new Error(`no run holds "${word}" in one w:t`);
}

export function editDocx(bytes: Uint8Array, edits: readonly Edit[], name = "edited.docx"): Uint8Array {
  const pkg = openPackage(bytes, name);
  const r = readDocxPackage(pkg);
  const el = (i: number) => r.sources[i]!.elements[0]!;
  const parentOf = new Map<XmlElement, XmlElement>();
  const index = (root: XmlElement) => {
    for (const c of root.children) if (c.type === "element") {
      parentOf.set(c, root);
      if (c.name !== "w:r") index(c);
    }
  };
  for (const [, doc] of r.trees) for (const c of doc.children) if (c.type === "element") index(c);
  const touched = new Set<string>();
  for (const e of edits) {
    const p = el(e.paragraph);
    touched.add(r.sources[e.paragraph]!.part);
    const parent = parentOf.get(p)!;
    if (e.op === "replace") {
      const node = textNodes(p).find((t) => t.children.some((c) => c.type === "text" && c.text.includes(e.from)));
      if (!node) throw new Error(`paragraph ${e.paragraph} has no text node with "${e.from}"`);
      for (const c of node.children) if (c.type === "text") c.text = c.text.replace(e.from, e.to);
    } else if (e.op === "restyle") {
      let pPr = findChild(p, "w:pPr");
      if (!pPr) {
        pPr = element("w:pPr");
        p.children.unshift(pPr);
      }
      // w:pStyle comes first in a paragraph's properties
      const rest = pPr.children.filter((c) => !(c.type === "element" && c.name === "w:pStyle"));
      pPr.children = e.style === null ? rest : [element("w:pStyle", [["w:val", e.style]]), ...rest];
    } else if (e.op === "format") {
      formatWord(p, e.word, e.props);
    } else if (e.op === "delete") {
      parent.children.splice(parent.children.indexOf(p), 1);
    } else if (e.op === "insert-after") {
      const pPr = findChild(p, "w:pPr");
      const firstRun = p.children.find((c) => c.type === "element" && c.name === "w:r") as XmlElement | undefined;
      const rPr = firstRun ? findChild(firstRun, "w:rPr") : null;
      const q = element("w:p", [], [...(pPr ? [structuredClone(pPr)] : []), element("w:r", [], [...(rPr ? [structuredClone(rPr)] : []), element("w:t", [["xml:space", "preserve"]], [text(e.text)])])]);
      parent.children.splice(parent.children.indexOf(p) + 1, 0, q);
      parentOf.set(q, parent);
    } else {
      const target = el(e.after);
      parent.children.splice(parent.children.indexOf(p), 1);
      const tp = parentOf.get(target)!;
      tp.children.splice(tp.children.indexOf(target) + 1, 0, p);
      parentOf.set(p, tp);
    }
  }
  const replaced = new Map<string, Uint8Array>();
  for (const part of touched) replaced.set(part, serializeXmlBytes(r.trees.get(part)!));
  return writePackage(pkg, replaced);
}
