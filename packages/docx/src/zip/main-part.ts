import { RedlineError } from "@redline/core";
import { parseXmlBytes, xmlBudget } from "../xml/parse.js";
import { documentElement, getAttr } from "../xml/tree.js";
import type { DocxPackage } from "./package.js";

/**
 * Finds the main document part the way Word does: through the package
 * relationship of type officeDocument (transitional and strict namespaces
 * both end in "/officeDocument"), falling back to the usual name.
 */

function officeDocumentTarget(pkg: DocxPackage): string | null {
  const rels = pkg.get("_rels/.rels");
  if (!rels) return null;
  const root = documentElement(parseXmlBytes(rels, pkg.file, "_rels/.rels", xmlBudget(pkg.limits)));
  for (const rel of root.children) {
    if (rel.type !== "element" || !rel.name.endsWith("Relationship")) continue;
    const type = getAttr(rel, "Type") ?? "";
    const target = getAttr(rel, "Target");
    if (type.endsWith("/officeDocument") && target && getAttr(rel, "TargetMode") !== "External") {
      return target.replace(/^\//, "");
    }
  }
  return null;
}

export function findMainDocumentPart(pkg: DocxPackage): string {
  const target = officeDocumentTarget(pkg);
  if (target && /(^|\/)workbook\.xml$/i.test(target)) {
    throw new RedlineError("unsupported-format", pkg.file, "this is an Excel workbook, not a Word document; redline reads .docx files.");
  }
  if (target && /(^|\/)presentation\.xml$/i.test(target)) {
    throw new RedlineError("unsupported-format", pkg.file, "this is a PowerPoint presentation, not a Word document; redline reads .docx files.");
  }
  const found = (target && pkg.resolve(target)) || pkg.resolve("word/document.xml");
  if (!found) {
    throw new RedlineError(
      "missing-part",
      pkg.file,
      "this zip file has no Word document inside (word/document.xml is missing); it is not a .docx or it is damaged.",
    );
  }
  return found;
}
