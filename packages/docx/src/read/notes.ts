import { childElements, documentElement, findChild, findPath, getAttr, type XmlDocument, type XmlElement } from "../xml/tree.js";
import { intAttr } from "./on-off.js";
import type { StoryPart } from "./load.js";

/**
 * Footnotes and endnotes: where each note lives in its part, and how
 * auto-numbered marks are formatted (`w:footnotePr`/`w:endnotePr` in
 * settings, overridden by the document's final section).
 */

export type NoteKind = "footnote" | "endnote";

export interface NoteFormat {
  format: string;
  start: number;
}

export interface NoteLocation {
  element: XmlElement;
  /** Element index of the note among its part's root children. */
  index: number;
}

/** Word's defaults: footnotes 1, 2, 3; endnotes i, ii, iii. */
const DEFAULTS: Record<NoteKind, NoteFormat> = {
  footnote: { format: "decimal", start: 1 },
  endnote: { format: "lowerRoman", start: 1 },
};

function applyNoteProperties(base: NoteFormat, props: XmlElement | null): NoteFormat {
  if (!props) return base;
  return {
    format: getAttr(findChild(props, "w:numFmt") ?? props, "w:val") ?? base.format,
    start: intAttr(findChild(props, "w:numStart")) ?? base.start,
  };
}

export function noteFormat(kind: NoteKind, settings: XmlDocument | null, document: XmlDocument): NoteFormat {
  const propsName = kind === "footnote" ? "w:footnotePr" : "w:endnotePr";
  let format = DEFAULTS[kind];
  if (settings) format = applyNoteProperties(format, findChild(documentElement(settings), propsName));
  return applyNoteProperties(format, findPath(documentElement(document), ["w:body", "w:sectPr", propsName]));
}

/** Real notes by id; the separator notes Word keeps in the same part are not content. */
export function indexNotes(story: StoryPart | null, kind: NoteKind): Map<string, NoteLocation> {
  const out = new Map<string, NoteLocation>();
  if (!story) return out;
  const name = kind === "footnote" ? "w:footnote" : "w:endnote";
  childElements(documentElement(story.doc)).forEach((el, index) => {
    if (el.name !== name) return;
    const type = getAttr(el, "w:type");
    const id = getAttr(el, "w:id");
    if (id !== null && (type === null || type === "normal")) out.set(id, { element: el, index });
  });
  return out;
}
