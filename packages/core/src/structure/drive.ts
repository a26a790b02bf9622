/**
 * What every profile does the same way: empty paragraphs, table cells, notes
 * and headers. The profile only sees the body paragraphs outside tables.
 */
import type { ClauseTree, ProfileName } from "../model/clauses.js";
import type { Doc, Paragraph } from "../model/doc.js";
import { isBlank } from "../text/blank.js";
import { cellId, sameCell, TreeBuilder, type Decision } from "./build.js";

export interface BodyClassifier {
  /** Decide what a body paragraph is. `text` is the paragraph text with any computed list label in front. */
  classify(p: Paragraph, builder: TreeBuilder): Decision;
  /** The document title the profile found, if any. */
  title(): string | null;
  /** Section key to give table cells met now. */
  section(): string;
}

export function drive(doc: Doc, profile: ProfileName, body: BodyClassifier): ClauseTree {
  const b = new TreeBuilder(profile, doc);
  let prev: Paragraph | null = null;
  let prevNote: string | null = null;
  // An indexed loop: this runs once per document, largely before the optimizing compiler takes it
  // over, and until then for-of allocates an iterator result per paragraph.
  const paragraphs = doc.paragraphs;
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i]!;
    if (p.listLabel === null && isBlank(p.text)) {
      b.addEmpty(p);
      continue;
    }
    if (p.part === "footnote" || p.part === "endnote") {
      const note = doc.notes.find((n) => n.id === p.noteId && n.kind === p.part) ?? null;
      if (p.noteId !== null && p.noteId === prevNote) b.add(p, { type: "continue", text: p.text });
      else {
        const mark = note?.mark ?? p.noteId ?? String(p.index);
        b.add(p, { type: "start", kind: "note", section: p.part, id: `${p.part}/${mark}`, label: mark, separator: " ", text: p.text, depth: 0, parent: null });
      }
      prevNote = p.noteId;
      prev = p;
      continue;
    }
    prevNote = null;
    if (p.part === "header" || p.part === "footer") {
      b.add(p, { type: "start", kind: "paragraph", section: p.part, id: `${p.part}/p`, label: null, separator: "", text: p.text, depth: 0, parent: null });
      prev = p;
      continue;
    }
    if (p.table) {
      if (sameCell(prev, p)) b.add(p, { type: "continue", text: p.text });
      else {
        const section = body.section();
        b.add(p, { type: "start", kind: "table-cell", section, id: `${section}/${cellId(p)}`, label: null, separator: "", text: p.text, depth: 0, parent: null });
      }
      prev = p;
      continue;
    }
    b.add(p, body.classify(p, b));
    prev = p;
  }
  return b.finish(body.title());
}

/** A paragraph's text with a computed list label in front, as if it had been typed. */
export function labelledText(p: Paragraph): string {
  return p.listLabel !== null && p.listLabel !== "" ? `${p.listLabel}\t${p.text}` : p.text;
}
