/**
 * Parent links for a part, built once: the XML tree has none (it stays plain
 * data), but placing a deleted paragraph or row needs to know what contains
 * what. Rebuilt never: the writer keeps it up to date as it inserts nodes.
 */
import { elementNamesRead } from "../xml/parse.js";
import { documentElement, type XmlDocument, type XmlElement } from "../xml/tree.js";

/**
 * Whether an element can be, or hold, something the writer places or looks
 * up: blocks, rows, cells, runs and their containers. Runs can hold blocks
 * (text boxes), so they are indexed too where a part has text boxes.
 * Property elements (w:pPr, w:rPr, w:tcPr, w:trPr, w:tblPr, w:sectPr, ...)
 * and text leaves never are, and skipping them halves the index on a large
 * document (H.222.0: 218,000 elements, a third of them inside properties).
 */
function holdsContent(el: XmlElement): boolean {
  const name = el.name;
  return !name.endsWith("Pr") && name !== "w:t" && name !== "w:delText" && name !== "w:instrText" && name !== "w:tblGrid";
}

export class ParentIndex {
  private readonly parents = new Map<XmlElement, XmlElement>();

  /**
   * What the writer looks up is always a block (paragraph, table, row,
   * cell) and its containers. Only a text box puts blocks inside a
   * paragraph, so in a part the parser saw no w:txbxContent in, what is
   * inside a paragraph is left out: two entries in three of H.222.0's
   * index (65,000 -> 22,000), and its build time goes from 11 to 3 ms.
   * Blocks inserted later are indexed whole (adopt), text boxes brought
   * back from OLD included.
   */
  constructor(doc: XmlDocument) {
    const names = elementNamesRead(doc);
    const intoParagraphs = names === null || names.has("w:txbxContent");
    const visit = (el: XmlElement) => {
      for (const c of el.children) {
        if (c.type !== "element" || !holdsContent(c)) continue;
        this.parents.set(c, el);
        if (intoParagraphs || c.name !== "w:p") visit(c);
      }
    };
    visit(documentElement(doc));
  }

  parent(el: XmlElement): XmlElement | null {
    return this.parents.get(el) ?? null;
  }

  /** The nearest ancestor called `name`, or null. */
  ancestor(el: XmlElement, name: string): XmlElement | null {
    let at = this.parents.get(el);
    while (at) {
      if (at.name === name) return at;
      at = this.parents.get(at);
    }
    return null;
  }

  /** Inserts `nodes` right after `ref` in ref's parent, recording their parent. */
  insertAfter(ref: XmlElement, nodes: XmlElement[]): void {
    const parent = this.parents.get(ref);
    if (!parent) throw new Error("invariant: insertAfter needs a node with a parent");
    const at = parent.children.indexOf(ref);
    parent.children.splice(at + 1, 0, ...nodes);
    for (const n of nodes) this.adopt(n, parent);
  }

  insertBefore(ref: XmlElement, nodes: XmlElement[]): void {
    const parent = this.parents.get(ref);
    if (!parent) throw new Error("invariant: insertBefore needs a node with a parent");
    const at = parent.children.indexOf(ref);
    parent.children.splice(at, 0, ...nodes);
    for (const n of nodes) this.adopt(n, parent);
  }

  /** Takes `el` out of its parent. */
  remove(el: XmlElement): void {
    const parent = this.parents.get(el);
    if (!parent) throw new Error("invariant: remove needs a node with a parent");
    parent.children.splice(parent.children.indexOf(el), 1);
    this.parents.delete(el);
  }

  /** Records `el` (and its block descendants) as a child of `parent`. */
  adopt(el: XmlElement, parent: XmlElement): void {
    this.parents.set(el, parent);
    for (const c of el.children) if (c.type === "element" && holdsContent(c)) this.adopt(c, el);
  }

  /** The child of `container` on the way down to `el` (el itself if it is a direct child). */
  childOf(container: XmlElement, el: XmlElement): XmlElement | null {
    let at: XmlElement | undefined = el;
    while (at) {
      const p = this.parents.get(at);
      if (p === container) return at;
      at = p;
    }
    return null;
  }
}
