/**
 * The plain-text reader. A paragraph is either one line, or, in a text whose
 * paragraphs are separated by blank lines and hard-wrapped, the lines between
 * blank lines joined with a space. A line that starts with a clause label
 * ("a)<TAB>", "1<TAB>", "–<TAB>") always starts a paragraph, so sub-items
 * written on consecutive lines stay apart either way.
 */
import type { Doc, Paragraph, Point } from "../model/doc.js";
import { resolveDocLimits, tooManyParagraphs, type DocLimits } from "../model/limits.js";
import { isBlank } from "./blank.js";
import { decodeUnlined } from "./decode.js";
import { lineBounds, pointAt, splitLines, type Line, type LineBounds } from "./lines.js";

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
  const limits = resolveDocLimits(options.limits);
  const text = decodeUnlined(input, name, limits);
  const bounds = lineBounds(text, limits.maxLines);
  if (bounds === null) throw tooManyParagraphs(name, limits, "lines");
  const mode = options.paragraphs && options.paragraphs !== "auto" ? options.paragraphs : detectMode(text, bounds);
  const paragraphs: Paragraph[] = [];
  if (mode === "line") {
    // one paragraph per non-blank line, made straight from the line bounds
    const { starts, ends, count } = bounds;
    const kept: number[] = [];
    for (let i = 0; i < count; i++) if (!blankLine(text, starts[i]!, ends[i]!)) kept.push(i);
    if (kept.length > limits.maxParagraphs) throw tooManyParagraphs(name, limits);
    for (let k = 0; k < kept.length; k++) {
      const i = kept[k]!;
      const s = starts[i]!;
      const e = ends[i]!;
      const at = { line: i + 1, column: 1, offset: s };
      paragraphs.push(paragraph(paragraphs.length, lineTrimmed(text, s, e), at, { line: i + 1, column: e - s + 1, offset: e }));
    }
  } else {
    const groups = blankLineGroups(splitLines(text, bounds));
    if (groups.length > limits.maxParagraphs) throw tooManyParagraphs(name, limits);
    for (const group of groups) paragraphs.push(paragraphFromLines(group, paragraphs.length));
  }
  return { type: "doc", name, format: "text", paragraphs, notes: [], hasRevisions: false, messages: [] };
}

export function detectMode(text: string, bounds: LineBounds): "line" | "blank-line" {
  let blank = 0;
  let joined = 0;
  let longest = 0;
  let prevBlank = true;
  for (let i = 0; i < bounds.count; i++) {
    const s = bounds.starts[i]!;
    const e = bounds.ends[i]!;
    if (blankLine(text, s, e)) {
      blank++;
      prevBlank = true;
      continue;
    }
    longest = Math.max(longest, e - s);
    if (!prevBlank && !LABEL_START.test(text.slice(s, e))) joined++;
    prevBlank = false;
  }
  // Hard-wrapped prose: blank lines between paragraphs and short lines that continue each other.
  return blank > 0 && joined > 0 && longest <= WRAP_WIDTH ? "blank-line" : "line";
}

/** isBlank(text.slice(s, e)), without the slice for the usual line that starts with a printable character. */
function blankLine(text: string, s: number, e: number): boolean {
  if (s === e) return true;
  const c = text.charCodeAt(s);
  if (c > 32 && c < 160) return false;
  return isBlank(text.slice(s, e));
}

/** text.slice(s, e).trim(), skipping the trim (a runtime call) when both ends are printable. */
function lineTrimmed(text: string, s: number, e: number): string {
  const line = text.slice(s, e);
  const a = text.charCodeAt(s);
  const b = text.charCodeAt(e - 1);
  return a > 32 && a < 160 && b > 32 && b < 160 ? line : line.trim();
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
  return paragraph(index, text ?? group.map((l) => l.text.trim()).join(" "), pointAt(first, 0), pointAt(last, last.text.length));
}

function paragraph(index: number, text: string, start: Point, end: Point): Paragraph {
  return {
    type: "paragraph",
    index,
    text,
    listLabel: null,
    style: null,
    styleName: null,
    part: "body",
    noteId: null,
    table: null,
    runs: null,
    position: { start, end },
    location: null,
  };
}
