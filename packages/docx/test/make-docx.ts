import { strToU8, zipSync, type Zippable } from "fflate";

/**
 * Small .docx packages built in the test itself, so that every fixture is
 * readable right where it is used.
 */

export const NS = [
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"',
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"',
  'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"',
  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"',
  'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"',
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"',
  'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"',
  'xmlns:v="urn:schemas-microsoft-com:vml"',
].join(" ");

const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

export interface DocxParts {
  /** Children of w:body. */
  body: string;
  /** Children of w:styles. */
  styles?: string;
  /** Children of w:numbering. */
  numbering?: string;
  /** Children of w:footnotes (separators are added). */
  footnotes?: string;
  /** Children of w:endnotes (separators are added). */
  endnotes?: string;
  /** Children of w:settings. */
  settings?: string;
  /** Header parts by file name ("header1.xml"): children of w:hdr. */
  headers?: Record<string, string>;
}

const SEPARATORS = (kind: string): string =>
  `<w:${kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:${kind}>` +
  `<w:${kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:${kind}>`;

export function makeDocx(parts: DocxParts): Uint8Array {
  const files: Zippable = {};
  const rels: string[] = [];
  const add = (name: string, root: string, children: string, relType: string | null): void => {
    files[`word/${name}`] = strToU8(`${DECLARATION}<${root} ${NS}>${children}</${root}>`);
    if (relType) rels.push(`<Relationship Id="rId${rels.length + 1}" Type="${REL}/${relType}" Target="${name}"/>`);
  };
  if (parts.styles !== undefined) add("styles.xml", "w:styles", parts.styles, "styles");
  if (parts.numbering !== undefined) add("numbering.xml", "w:numbering", parts.numbering, "numbering");
  if (parts.footnotes !== undefined) add("footnotes.xml", "w:footnotes", SEPARATORS("footnote") + parts.footnotes, "footnotes");
  if (parts.endnotes !== undefined) add("endnotes.xml", "w:endnotes", SEPARATORS("endnote") + parts.endnotes, "endnotes");
  if (parts.settings !== undefined) add("settings.xml", "w:settings", parts.settings, "settings");
  let headerRefs = "";
  for (const [name, children] of Object.entries(parts.headers ?? {})) {
    add(name, "w:hdr", children, "header");
    headerRefs += `<w:headerReference w:type="default" r:id="rId${rels.length}"/>`;
  }
  add("document.xml", "w:document", `<w:body>${parts.body}<w:sectPr>${headerRefs}</w:sectPr></w:body>`, null);
  files["word/_rels/document.xml.rels"] = strToU8(`${DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join("")}</Relationships>`);
  files["_rels/.rels"] = strToU8(
    `${DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/></Relationships>`,
  );
  files["[Content_Types].xml"] = strToU8(
    `${DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
  );
  return zipSync(files, { mtime: new Date(1980, 0, 1) });
}

/** `<w:p>` with an optional style and runs of plain text. */
export function para(text: string, style?: string, extraPPr = ""): string {
  const pPr = style || extraPPr ? `<w:pPr>${style ? `<w:pStyle w:val="${style}"/>` : ""}${extraPPr}</w:pPr>` : "";
  return `<w:p>${pPr}${text ? `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>` : ""}</w:p>`;
}

/** `<w:p>` in list `numId` at level `ilvl`. */
export function listPara(text: string, numId: number, ilvl = 0): string {
  return para(text, undefined, `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>`);
}
