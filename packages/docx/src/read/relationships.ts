import type { DocxPackage } from "../zip/package.js";
import { parseXmlBytes } from "../xml/parse.js";
import { documentElement, getAttr } from "../xml/tree.js";

/**
 * A part's relationships (`word/_rels/document.xml.rels` for the main
 * document), with targets resolved to part names. Types are matched on
 * their last segment so transitional and strict namespaces both work.
 */

export interface Relationship {
  id: string;
  /** Last segment of the relationship type: "styles", "footnotes", "header", ... */
  kind: string;
  /** Part name the target resolves to, without a leading "/". */
  target: string;
  external: boolean;
}

function relsPartFor(partName: string): string {
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

export function readRelationships(pkg: DocxPackage, sourcePart: string): Relationship[] {
  const relsName = relsPartFor(sourcePart);
  const bytes = pkg.get(relsName);
  if (!bytes) return [];
  const out: Relationship[] = [];
  for (const child of documentElement(parseXmlBytes(bytes, pkg.file, relsName, pkg.xmlBudget)).children) {
    if (child.type !== "element") continue;
    const id = getAttr(child, "Id");
    const type = getAttr(child, "Type");
    const target = getAttr(child, "Target");
    if (id === null || type === null || target === null) continue;
    const external = getAttr(child, "TargetMode") === "External";
    out.push({ id, kind: type.slice(type.lastIndexOf("/") + 1), target: external ? target : resolveTarget(sourcePart, target), external });
  }
  return out;
}
