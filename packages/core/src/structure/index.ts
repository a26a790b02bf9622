/**
 * Doc -> ClauseTree through a structure profile. `auto` looks for the marks of
 * an ITU resolution (its paragraph styles, a number line, verb-phrase section
 * headings), then for decimal numbering, and otherwise treats paragraphs as
 * the units.
 */
import type { ClauseTree, NoteReference, ProfileName, ProfileOption } from "../model/clauses.js";
import type { Doc } from "../model/doc.js";
import { isBlank } from "../text/blank.js";
import { labelledText } from "./drive.js";
import { isSectionHeading, structureItu } from "./itu.js";
import { parseLabel } from "./labels.js";
import { structureNumbered } from "./numbered.js";
import { structurePlain } from "./plain.js";

const ITU_STYLES = new Set(["resno", "restitle", "resref", "call", "normalaftertitle"]);
const NUMBER_LINE = /^(?:DRAFT\s+)?(?:RESOLUTION|Resolution)\s+\d+/u;

export function detectProfile(doc: Doc): ProfileName {
  let headings = 0;
  let numbered = 0;
  let body = 0;
  const paragraphs = doc.paragraphs;
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i]!;
    if (p.part !== "body" || isBlank(p.text)) continue;
    body++;
    if (p.style && ITU_STYLES.has(p.style.toLowerCase())) return "itu-resolution";
    const text = labelledText(p);
    const t = text.trim();
    if (body <= 5 && NUMBER_LINE.test(t)) return "itu-resolution";
    if (isSectionHeading(t)) headings++;
    const l = parseLabel(text);
    if ((l && l.kind === "number") || /^\d{1,3}(?:\.\d{1,3})+\s/.test(t)) numbered++;
  }
  if (headings >= 2) return "itu-resolution";
  if (body > 0 && numbered / body >= 0.1) return "numbered";
  return "plain";
}

export function structure(doc: Doc, profile: ProfileOption = "auto"): ClauseTree {
  const chosen = profile === "auto" ? detectProfile(doc) : profile;
  const tree = chosen === "itu-resolution" ? structureItu(doc) : chosen === "numbered" ? structureNumbered(doc) : structurePlain(doc);
  if (doc.format !== "text") tree.references = noteReferences(doc);
  return tree;
}

/** Each referenced note's first paragraph, the paragraph referencing it, and its mark. */
function noteReferences(doc: Doc): NoteReference[] {
  if (!doc.notes.length) return [];
  const first = new Map<string, number>();
  for (const p of doc.paragraphs) {
    if (p.noteId === null || (p.part !== "footnote" && p.part !== "endnote")) continue;
    const key = `${p.part}:${p.noteId}`;
    if (!first.has(key)) first.set(key, p.index);
  }
  const out: NoteReference[] = [];
  for (const n of doc.notes) {
    const note = first.get(`${n.kind}:${n.id}`);
    if (n.referencedFrom !== null && note !== undefined) out.push({ note, from: n.referencedFrom, mark: n.mark });
  }
  return out;
}
