import type { DocxPackage } from "../zip/package.js";
import { parseXmlBytes, type XmlBudget } from "../xml/parse.js";
import { documentElement, getAttr, type XmlDocument } from "../xml/tree.js";

/**
 * A part's relationships (`word/_rels/document.xml.rels` for the main
 * document), with targets resolved to part names. Types are matched on
 * their last segment so transitional and strict namespaces both work.
 */

export interface Relationship {
  id: string;
  /** Last segment of the relationship type: "styles", "footnotes", "header", ... */
  kind: string;
  /** The relationship type in full, as written. */
  type: string;
  /** Part name the target resolves to, without a leading "/". */
  target: string;
  external: boolean;
}

/** The relationships part of a part: "word/document.xml" -> "word/_rels/document.xml.rels". */
export function relsPartFor(partName: string): string {
  const slash = partName.lastIndexOf("/");
  return `${partName.slice(0, slash + 1)}_rels/${partName.slice(slash + 1)}.rels`;
}

/** Resolves a relative target ("styles.xml", "../media/x.png", "/word/a.xml") against the source part's folder. */
export function resolveTarget(sourcePart: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const segments = sourcePart.split("/").slice(0, -1);
  for (const segment of target.split("/")) {
    if (segment === "..") segments.pop();
    else if (segment !== "." && segment !== "") segments.push(segment);
  }
  return segments.join("/");
}

export function readRelationships(pkg: DocxPackage, sourcePart: string, budget: XmlBudget): Relationship[] {
  const relsName = relsPartFor(sourcePart);
  const bytes = pkg.get(relsName);
  if (!bytes) return [];
  return relationshipsIn(parseXmlBytes(bytes, pkg.file, relsName, budget), sourcePart);
}

/** The complete relationships (id, type and target all given) of a parsed relationships part of `sourcePart`. */
export function relationshipsIn(rels: XmlDocument, sourcePart: string): Relationship[] {
  const out: Relationship[] = [];
  for (const child of documentElement(rels).children) {
    if (child.type !== "element") continue;
    const id = getAttr(child, "Id");
    const type = getAttr(child, "Type");
    const target = getAttr(child, "Target");
    if (id === null || type === null || target === null) continue;
    const external = getAttr(child, "TargetMode") === "External";
    out.push({ id, kind: type.slice(type.lastIndexOf("/") + 1), type, target: external ? target : resolveTarget(sourcePart, target), external });
  }
  return out;
}
