/**
 * Minimal but valid .docx packages for the hostile corpus, every part
 * replaceable or removable so a case can break exactly one thing.
 */
import { entry, zip } from "./zip.mjs";

export const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PR = "http://schemas.openxmlformats.org/package/2006/relationships";
const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';

export function escapeXml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** `<w:p>` holding `text` in one run (no run for empty text). */
export function p(text, style) {
  const pPr = style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : "";
  return `<w:p>${pPr}${text ? `<w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>` : ""}</w:p>`;
}

export function documentXml(body, { prolog = "" } = {}) {
  return `${DECLARATION}${prolog}<w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${body}<w:sectPr/></w:body></w:document>`;
}

const STYLES = `${DECLARATION}<w:styles xmlns:w="${W}"><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>`;

function rels(list) {
  return `${DECLARATION}<Relationships xmlns="${PR}">${list.map(([id, type, target, mode]) => `<Relationship Id="${id}" Type="${R}/${type}" Target="${target}"${mode ? ` TargetMode="${mode}"` : ""}/>`).join("")}</Relationships>`;
}

export const PACKAGE_RELS = rels([["rId1", "officeDocument", "word/document.xml"]]);
export const DOCUMENT_RELS = rels([["rId1", "styles", "styles.xml"]]);
export { rels };

const CONTENT_TYPES =
  `${DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
  "</Types>";

/**
 * The parts of a one-document package, by name, as strings or bytes.
 * `parts` replaces or adds parts; a part set to null is left out.
 */
export function docxParts(body, parts = {}) {
  const all = {
    "[Content_Types].xml": CONTENT_TYPES,
    "_rels/.rels": PACKAGE_RELS,
    "word/document.xml": documentXml(body),
    "word/_rels/document.xml.rels": DOCUMENT_RELS,
    "word/styles.xml": STYLES,
    ...parts,
  };
  return Object.entries(all).filter(([, v]) => v !== null);
}

/** A .docx whose body is `body` (WordprocessingML, children of w:body). */
export function docx(body, parts = {}) {
  return zip(docxParts(body, parts).map(([name, content]) => entry(name, content)));
}

/** A .docx of plain paragraphs. */
export function docxOf(paragraphs, parts = {}) {
  return docx(paragraphs.map((t) => p(t)).join(""), parts);
}
