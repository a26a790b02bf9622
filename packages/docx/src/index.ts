export { openPackage } from "./zip/open.js";
export { writePackage } from "./zip/write.js";
export { DocxPackage } from "./zip/package.js";
export { DEFAULT_LIMITS } from "./zip/limits.js";
export type { PackageLimits } from "./zip/limits.js";
export { parseXml, parseXmlBytes } from "./xml/parse.js";
export type { XmlReuse } from "./xml/reuse.js";
export { serializeXml, serializeXmlBytes } from "./xml/serialize.js";
export {
  element,
  text,
  cloneNode,
  documentElement,
  getAttr,
  setAttr,
  removeAttr,
  setAttrs,
  rename,
  forgetSource,
  findChild,
  findChildren,
  findPath,
  childElements,
  textContent,
  walkElements,
} from "./xml/tree.js";
export type { XmlAttribute, XmlDocument, XmlElement, XmlNode, XmlText, XmlComment, XmlCData, XmlProcessingInstruction, XmlEncoding } from "./xml/tree.js";
export { readDocx, readDocxViews, readDocxPackage } from "./read/read-docx.js";
export type { ReadDocxOptions, DocxViews } from "./read/read-docx.js";
export type { DocxReading, ParagraphSource, PropertySpellings } from "./read/build-doc.js";
export { paragraphText, createTextContext } from "./read/paragraph-text.js";
export type { ParagraphText, TextPiece, TextContext, FieldPart } from "./read/paragraph-text.js";
export type { View } from "./read/view.js";
export { writeTrackedDocx } from "./write/tracked.js";
export type { TrackedOptions, TrackedResult } from "./write/tracked.js";
export { generateTrackedDocx } from "./generate/index.js";
export type { GenerateOptions } from "./generate/index.js";
