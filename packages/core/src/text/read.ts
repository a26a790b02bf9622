/**
 * The plain-text reader. A paragraph is either one line, or, in a text whose
 * paragraphs are separated by blank lines and hard-wrapped, the lines between
 * blank lines joined with a space. A line that starts with a clause label
 * ("a)<TAB>", "1<TAB>", "–<TAB>") always starts a paragraph, so sub-items
 * written on consecutive lines stay apart either way.
 */
import type { Doc, Paragraph } from "../model/doc.js";
import { resolveDocLimits, tooManyParagraphs, type DocLimits } from "../model/limits.js";
import { isBlank } from "./blank.js";
import { decodeText } from "./decode.js";
import { pointAt, splitLines, type Line } from "./lines.js";

export interface TextReadOptions {
  /** File name to record in the Doc and to name in errors. */
  name?: string | null;
  /** "line": every line is a paragraph; "blank-line": blank lines separate paragraphs; "auto" decides. */
  paragraphs?: "auto" | "line" | "blank-line";
  /** Size budgets (see DEFAULT_DOC_LIMITS); inputs beyond them are refused with a "too-large" RedlineError. */
  limits?: Partial<DocLimits>;
}

/** Looks like the start of a labelled item: "a)", "b)bis", "1", "1.2", "1bis", "i)", a dash or bullet, then a tab or space. */
export const LABEL_START = /^\s*(?:\(?[a-z]{1,4}\)(?:bis|ter|quater)?|\d+(?:bis|ter|quater)?(?:\.\d+(?:bis|ter|quater)?)*\.?|[–—•·*-])(?:\t| +\S)/u;

/** Wrapped prose rarely has lines longer than this; one-line-per-paragraph text usually does. */
const WRAP_WIDTH = 100;

export function readText(input: string | Uint8Array, options: TextReadOptions = {}): Doc {
  const name = options.name ?? null;
  const text = decodeText(input, name, options.limits);
  const lines = splitLines(text);
  const mode = options.paragraphs && options.paragraphs !== "auto" ? options.paragraphs : detectMode(lines);
  const paragraphs: Paragraph[] = [];
  const limits = resolveDocLimits(options.limits);
  if (mode === "line") {
    const kept = lines.filter((l) => !isBlank(l.text));
    if (kept.length > limits.maxParagraphs) throw tooManyParagraphs(name, limits);
    for (const line of kept) paragraphs.push(paragraphFromLines([line], paragraphs.length));
  } else {
    const groups = blankLineGroups(lines);
    if (groups.length > limits.maxParagraphs) throw tooManyParagraphs(name, limits);
    for (const group of groups) paragraphs.push(paragraphFromLines(group, paragraphs.length));
  }
  return { type: "doc", name, format: "text", paragraphs, notes: [], hasRevisions: false, messages: [] };
}

export function detectMode(lines: Line[]): "line" | "blank-line" {
  let blank = 0;
  let joined = 0;
  let longest = 0;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.text;
    if (isBlank(t)) {
      blank++;
      continue;
    }
    longest = Math.max(longest, t.length);
    const prev = lines[i - 1];
    if (prev && !isBlank(prev.text) && !LABEL_START.test(t)) joined++;
  }
  // Hard-wrapped prose: blank lines between paragraphs and short lines that continue each other.
  return blank > 0 && joined > 0 && longest <= WRAP_WIDTH ? "blank-line" : "line";
}

function blankLineGroups(lines: Line[]): Line[][] {
  const groups: Line[][] = [];
  let current: Line[] = [];
  for (const line of lines) {
    if (isBlank(line.text)) {
      if (current.length) groups.push(current);
      current = [];
    } else if (current.length && LABEL_START.test(line.text)) {
      groups.push(current);
      current = [line];
    } else {
      current.push(line);
    }
  }
  if (current.length) groups.push(current);
  return groups;
}

export function paragraphFromLines(group: Line[], index: number, text?: string): Paragraph {
  const first = group[0]!;
  const last = group[group.length - 1]!;
  return {
    type: "paragraph",
    index,
    text: text ?? (group.length === 1 ? first.text.trim() : group.map((l) => l.text.trim()).join(" ")),
    listLabel: null,
    style: null,
    styleName: null,
    part: "body",
    noteId: null,
    table: null,
    runs: null,
    position: { start: pointAt(first, 0), end: pointAt(last, last.text.length) },
    location: null,
  };
}
