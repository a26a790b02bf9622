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
  /** PNG images by relationship id ("rIdImg1"), stored as word/media/<name> */
  images?: Record<string, { name: string; bytes: Uint8Array }>;
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
  for (const [id, { name, bytes }] of Object.entries(parts.images ?? {})) {
    files[`word/media/${name}`] = bytes;
    rels.push(`<Relationship Id="${id}" Type="${REL}/image" Target="media/${name}"/>`);
  }
  add("document.xml", "w:document", `<w:body>${parts.body}<w:sectPr>${headerRefs}</w:sectPr></w:body>`, null);
  files["word/_rels/document.xml.rels"] = strToU8(`${DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join("")}</Relationships>`);
  files["_rels/.rels"] = strToU8(
    `${DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/></Relationships>`,
  );
  files["[Content_Types].xml"] = strToU8(
    `${DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>${parts.images ? '<Default Extension="png" ContentType="image/png"/>' : ""}<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
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

/**
 * A run showing an inline picture (DrawingML) of the image with relationship
 * `rId`; `id` is the drawing's document-wide id.
 */
export function pictureRun(rId: string, id: number): string {
  const size = 'cx="914400" cy="914400"';
  const pic = 'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"';
  return (
    `<w:r><w:drawing><wp:inline><wp:extent ${size}/><wp:docPr id="${id}" name="Picture ${id}"/>` +
    `<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic ${pic}>` +
    `<pic:nvPicPr><pic:cNvPr id="0" name="image.png"/><pic:cNvPicPr/></pic:nvPicPr>` +
    `<pic:blipFill><a:blip r:embed="${rId}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
    `<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext ${size}/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>` +
    `</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`
  );
}

/** A valid 1x1 PNG of the given grey level, so tests can tell images apart by their bytes. */
export function tinyPng(grey: number): Uint8Array {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: number[]) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const u32 = (v: number) => [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
  const chunk = (type: string, data: number[]) => {
    const body = [...Array.from(type, (c) => c.charCodeAt(0)), ...data];
    return [...u32(data.length), ...body, ...u32(crc(body))];
  };
  // one grey pixel: filter byte 0, then the value; zlib stored block (no compression) with its Adler-32
  const raw = [0, grey & 0xff];
  const adler = (((1 + raw[1]!) % 65521) + ((1 + (1 + raw[1]!)) % 65521) * 65536) >>> 0;
  const zlib = [0x78, 0x01, 0x01, 0x02, 0x00, 0xfd, 0xff, ...raw, ...u32(adler)];
  return Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...chunk("IHDR", [...u32(1), ...u32(1), 8, 0, 0, 0, 0]), ...chunk("IDAT", zlib), ...chunk("IEND", [])]);
}
