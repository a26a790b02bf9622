/**
 * Revision marks: ids, author/date attributes and the wrappers WordprocessingML
 * uses (ECMA-376-1 17.13.5). Ids share one space with every other annotation
 * of the document (bookmarks, comments, existing revisions), so they start
 * above the largest id already present.
 */
import { largestIdRead } from "../xml/parse.js";
import { serializeXml } from "../xml/serialize.js";
import { cloneNode, element, findChild, walkElements, type XmlDocument, type XmlElement, type XmlNode } from "../xml/tree.js";

export type RevisionKind = "w:ins" | "w:del" | "w:moveFrom" | "w:moveTo";

export class Revisions {
  private next: number;
  private moves = 0;

  constructor(
    trees: Iterable<XmlDocument>,
    readonly author: string,
    readonly date: string,
  ) {
    let max = 0;
    for (const doc of trees) {
      // a parsed part says its largest id as read (the writer only removes ids before this point, never adds them)
      const read = largestIdRead(doc);
      if (read !== null) {
        max = Math.max(max, read);
        continue;
      }
      for (const child of doc.children) {
        if (child.type !== "element") continue;
        walkElements(child, (el) => {
          for (const [name, value] of el.attrs) {
            if (name === "w:id" && /^\d+$/.test(value)) max = Math.max(max, Number(value));
          }
        });
      }
    }
    this.next = max + 1;
  }

  id(): string {
    return String(this.next++);
  }

  /** A fresh move name ("redline-move1"), shared by a move's source and destination ranges. */
  moveName(): string {
    return `redline-move${++this.moves}`;
  }

  attrs(): [string, string][] {
    return [
      ["w:id", this.id()],
      ["w:author", this.author],
      ["w:date", this.date],
    ];
  }

  wrap(kind: RevisionKind, children: XmlElement[]): XmlElement {
    return element(kind, this.attrs(), children);
  }

  /** Marks a paragraph's mark as inserted, deleted or moved (`w:pPr/w:rPr/w:ins` ...). */
  markParagraph(p: XmlElement, kind: RevisionKind): void {
    const pPr = ensureFirst(p, "w:pPr");
    const rPr = ensureChild(pPr, "w:rPr", PPR_BEFORE_RPR);
    if (findChild(rPr, kind)) return;
    // w:ins, w:del, w:moveFrom, w:moveTo come first in CT_ParaRPr
    rPr.children.unshift(element(kind, this.attrs()));
  }

  /**
   * Records `was`'s direct paragraph properties as `p`'s before the revision (`w:pPr/w:pPrChange`, 17.13.5.29),
   * when they differ from `p`'s own: rejecting then gives `p` the old ones. For a paragraph whose mark takes over
   * the one before it (that one's mark inserted): rejecting joins the two under `p`'s mark, which would otherwise
   * give the old text the inserted paragraph's style. Only the base properties are recorded (not the mark's run
   * properties or a section break), and a change already recorded stays. `was`'s own recorded change, if any,
   * gives its old properties. True when a change was recorded.
   */
  recordParagraphProperties(p: XmlElement, was: XmlElement): boolean {
    const current = findChild(p, "w:pPr");
    if (current && findChild(current, "w:pPrChange")) return false;
    // what rejecting gives `was`: the old properties it records, if it records any (a kept paragraph whose own changed)
    const wasPPr = findChild(was, "w:pPr");
    const recorded = wasPPr && findChild(wasPPr, "w:pPrChange");
    const old = baseProperties(recorded ? findChild(recorded, "w:pPr") : wasPPr);
    const same = (a: XmlElement[], b: XmlElement[]) => a.length === b.length && a.every((x, k) => serializeXml(x) === serializeXml(b[k]!));
    if (same(old, baseProperties(current))) return false;
    const pPr = ensureFirst(p, "w:pPr");
    // CT_PPr: the base properties, rPr, sectPr, then pPrChange last
    pPr.children.push(element("w:pPrChange", this.attrs(), [element("w:pPr", [], old.map((c) => cloneNode(c)))]));
    return true;
  }

  /**
   * Records `rPr` as a run's properties before the revision (`w:rPr/w:rPrChange`, 17.13.5.31): rejecting gives the
   * run those. A change already recorded stays. `rPr` is OLD's, cleaned for NEW's package (copyRunProps).
   */
  recordRunProperties(run: XmlElement, rPr: XmlElement): boolean {
    const current = ensureFirst(run, "w:rPr");
    if (findChild(current, "w:rPrChange")) return false;
    // CT_RPr: the properties, then rPrChange last; the old ones as CT_RPrOriginal (no revision marks of their own)
    current.children.push(element("w:rPrChange", this.attrs(), [element("w:rPr", [], rPr.children.map((c) => cloneNode(c)))]));
    return true;
  }

  /** Marks a table row as inserted or deleted (`w:trPr/w:ins`). */
  markRow(tr: XmlElement, kind: "w:ins" | "w:del"): void {
    let trPr = findChild(tr, "w:trPr");
    if (!trPr) {
      trPr = element("w:trPr");
      const at = tr.children.findIndex((c) => c.type === "element" && c.name !== "w:tblPrEx");
      tr.children.splice(at < 0 ? tr.children.length : at, 0, trPr);
    }
    if (!findChild(trPr, kind)) trPr.children.push(element(kind, this.attrs()));
  }
}

/** Elements of a w:pPr that are neither base properties nor w:rPr (CT_PPr: CT_PPrBase, then rPr, sectPr, pPrChange). */
const PPR_BEFORE_RPR = new Set(["w:sectPr", "w:pPrChange"]);

/** Whether a child of a `w:pPr` is a base property (CT_PPrBase): not the mark's run properties, a section break or a recorded change. */
export function isBaseProperty(c: XmlNode): c is XmlElement {
  return c.type === "element" && c.name !== "w:rPr" && !PPR_BEFORE_RPR.has(c.name);
}

/** A `w:pPr`'s base properties. */
function baseProperties(pPr: XmlElement | null): XmlElement[] {
  return pPr ? pPr.children.filter(isBaseProperty) : [];
}

function ensureFirst(p: XmlElement, name: string): XmlElement {
  const found = findChild(p, name);
  if (found) return found;
  const created = element(name);
  p.children.unshift(created);
  return created;
}

/** The child `name`, created before the first child named in `before` (or at the end). */
export function ensureChild(parent: XmlElement, name: string, before: ReadonlySet<string>): XmlElement {
  const found = findChild(parent, name);
  if (found) return found;
  const created = element(name);
  const at = parent.children.findIndex((c) => c.type === "element" && before.has(c.name));
  parent.children.splice(at < 0 ? parent.children.length : at, 0, created);
  return created;
}
