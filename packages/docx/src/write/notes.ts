/**
 * Footnote and endnote references are not part of the compared text (a mark
 * renumbered by an inserted note is not a change anyone wrote), so the Delta
 * says nothing about where they stand. What it does say is which notes were
 * added, deleted or kept (paired); the writer compares the references of each
 * paired entry itself, placing old ones by the entry's operations: a kept
 * reference to a kept note stays as it is, any other new one is marked
 * inserted, and any other old one comes back deleted where it stood, pointing
 * to a deleted copy of its old note.
 */
import type { TextPiece } from "../read/paragraph-text.js";
import { documentElement, getAttr, type XmlDocument, type XmlElement } from "../xml/tree.js";

export type NoteKind = "footnote" | "endnote";

export interface NoteRef {
  kind: NoteKind;
  id: string;
  /** text offset of the reference in its paragraph (after the text before it) */
  offset: number;
  run: XmlElement;
  parent: XmlElement;
}

const REF: Record<string, NoteKind> = { "w:footnoteReference": "footnote", "w:endnoteReference": "endnote" };

/** The note references of a paragraph, in order, with the text offset each stands at. */
export function noteRefs(p: XmlElement, pieces: readonly TextPiece[]): NoteRef[] {
  const ends = new Map<XmlElement, number>();
  for (const piece of pieces) ends.set(piece.node, piece.end);
  const out: NoteRef[] = [];
  let offset = 0;
  const visit = (el: XmlElement, parent: XmlElement, run: XmlElement | null) => {
    for (const c of el.children) {
      if (c.type !== "element") continue;
      const end = ends.get(c);
      if (end !== undefined) offset = end;
      const kind = REF[c.name];
      if (kind && run) {
        const id = getAttr(c, "w:id");
        if (id !== null) out.push({ kind, id, offset, run, parent });
        continue;
      }
      if (c.name === "w:pPr" || c.name === "w:rPr") continue;
      if (c.name === "w:r") visit(c, el, c);
      else visit(c, run ? parent : el, run);
    }
  };
  visit(p, p, null);
  return out;
}

/** The `w:footnote`/`w:endnote` element with this id in a notes part. */
export function findNote(doc: XmlDocument, kind: NoteKind, id: string): XmlElement | null {
  const name = kind === "footnote" ? "w:footnote" : "w:endnote";
  for (const c of documentElement(doc).children) if (c.type === "element" && c.name === name && getAttr(c, "w:id") === id) return c;
  return null;
}

/** One more than the largest note id in a notes part. */
export function nextNoteId(doc: XmlDocument): number {
  let max = 0;
  for (const c of documentElement(doc).children) {
    if (c.type !== "element") continue;
    const id = Number(getAttr(c, "w:id"));
    if (Number.isFinite(id)) max = Math.max(max, id);
  }
  return max + 1;
}
