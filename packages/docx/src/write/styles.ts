/**
 * Styles that copies of old paragraphs use but the new document lacks are
 * carried over from the old styles part, with the styles they are based on.
 */
import { cloneNode, documentElement, findChild, getAttr, type XmlDocument, type XmlElement } from "../xml/tree.js";

function stylesById(doc: XmlDocument): Map<string, XmlElement> {
  const out = new Map<string, XmlElement>();
  for (const c of documentElement(doc).children) {
    if (c.type === "element" && c.name === "w:style") {
      const id = getAttr(c, "w:styleId");
      if (id !== null) out.set(id, c);
    }
  }
  return out;
}

/** Adds to `target` the styles in `ids` (and their bases) that only `source` defines. Returns the ids added. */
export function carryStyles(source: XmlDocument | null, target: XmlDocument | null, ids: Iterable<string>): string[] {
  // one tree, shared by both readings (sharePartsWith): NEW has every style OLD has, and the shared tree must not change
  if (!source || !target || source === target) return [];
  const have = stylesById(target);
  const from = stylesById(source);
  const added: string[] = [];
  const root = documentElement(target);
  const want = [...ids];
  while (want.length) {
    const id = want.shift()!;
    if (have.has(id)) continue;
    const style = from.get(id);
    if (!style) continue;
    const copy = cloneNode(style);
    // links to styles neither package has would make the part invalid
    copy.children = copy.children.filter((c) => {
      if (c.type !== "element" || (c.name !== "w:next" && c.name !== "w:link")) return true;
      const to = getAttr(c, "w:val");
      return to !== null && (have.has(to) || from.has(to));
    });
    root.children.push(copy);
    have.set(id, copy);
    added.push(id);
    const based = findChild(copy, "w:basedOn");
    const base = based ? getAttr(based, "w:val") : null;
    if (base) want.push(base);
    for (const c of copy.children) if (c.type === "element" && (c.name === "w:next" || c.name === "w:link")) want.push(getAttr(c, "w:val")!);
  }
  return added.sort();
}
