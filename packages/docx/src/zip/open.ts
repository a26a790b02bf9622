import { RedlineError } from "@redline/core";
import { readCentralDirectory, type ZipEntry } from "./central-directory.js";
import { extractEntry } from "./extract.js";
import { resolveLimits, type PackageLimits } from "./limits.js";
import { findMainDocumentPart } from "./main-part.js";
import { DocxPackage } from "./package.js";
import { refuseIfNotZip } from "./sniff.js";

const ODF_PREFIX = "application/vnd.oasis.opendocument.";

/** An OpenDocument file is a zip too; its first entry, "mimetype", says so in plain ASCII. */
function refuseOpenDocument(bytes: Uint8Array, entries: ZipEntry[], file: string): void {
  const mimetype = entries.find((e) => e.name === "mimetype");
  if (!mimetype || mimetype.size > 200) return;
  const type = String.fromCharCode(...extractEntry(bytes, mimetype, file));
  if (!type.startsWith(ODF_PREFIX)) return;
  const what = type === `${ODF_PREFIX}text` ? "an OpenDocument text file (.odt)" : "an OpenDocument file";
  throw new RedlineError("unsupported-format", file, `this is ${what}, not a Word document; open it and save it as .docx, then try again.`);
}

/**
 * Opens a .docx package, refusing with a RedlineError anything that is not
 * one (legacy .doc, password-protected, PDF, OpenDocument, damaged archives)
 * and anything that would expand beyond `limits`. Parts are inflated when
 * first read (see DocxPackage), each against the same limits.
 */
export function openPackage(bytes: Uint8Array, file: string, limits?: Partial<PackageLimits>): DocxPackage {
  refuseIfNotZip(bytes, file);
  const resolved = resolveLimits(limits);
  const entries = readCentralDirectory(bytes, file, resolved);
  refuseOpenDocument(bytes, entries, file);
  const pkg = new DocxPackage(file, bytes, entries, resolved);
  pkg.mainPart = findMainDocumentPart(pkg);
  return pkg;
}
