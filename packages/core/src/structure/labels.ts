/**
 * Clause labels as ITU texts write them: "a)", "(a)", "b)bis", "1", "1.1",
 * "1bis", "1bis.1", "i)", and dash or bullet items. A label is separated from
 * its text by a tab (Word files, our text format) or by spaces.
 */

export type LabelKind = "letter" | "roman" | "number" | "dash";

export interface ParsedLabel {
  kind: LabelKind;
  /** as written, e.g. "b)bis" */
  label: string;
  /** what separated it from the text ("\t", " ") */
  separator: string;
  /** the text after the label */
  rest: string;
}

const SUFFIX = "(?:bis|ter|quater|quinquies|sexies|septies|octies|novies|decies)";
const ROMAN = "(?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii|xiii|xiv|xv|xvi|xvii|xviii|xix|xx)";
/** label, then a separator run of tabs or of spaces, then text; sticky, so a test leaves lastIndex at the end of the match */
const LABEL = new RegExp(
  `^(?:\\(?${ROMAN}\\)${SUFFIX}?|\\(?[a-z]{1,2}\\)${SUFFIX}?|\\d{1,3}${SUFFIX}?(?:\\.\\d{1,3}${SUFFIX}?)*\\.?|[–—•·\\-])(?:\\t+|[ \\u00a0]+)(?=\\S)`,
  "uy",
);
const ROMAN_LABEL = new RegExp(`^\\(?${ROMAN}\\)${SUFFIX}?$`, "u");

export function parseLabel(text: string): ParsedLabel | null {
  // Called on every paragraph: test, not exec, so no match array is made. No label ends in a tab or a
  // space, so the label is what comes before the separator run; and the alternative that matched
  // follows from its first character, roman before letter because the pattern tries roman first.
  LABEL.lastIndex = 0;
  if (!LABEL.test(text)) return null;
  const end = LABEL.lastIndex;
  let at = end;
  while (at > 0 && isSeparator(text.charCodeAt(at - 1))) at--;
  const label = text.slice(0, at);
  const sep = text.slice(at, end);
  const c = label.charCodeAt(0);
  const kind: LabelKind = c >= 48 && c <= 57 ? "number" : c === 40 || (c >= 97 && c <= 122) ? (ROMAN_LABEL.test(label) ? "roman" : "letter") : "dash";
  // A number followed by a space is only a label when short and not a year or a count ("2016 was...").
  if (kind === "number" && sep[0] !== "\t" && !/^\d{1,2}(?:\D|$)/.test(label)) return null;
  return { kind, label, separator: sep[0] === "\t" ? "\t" : sep, rest: text.slice(end) };
}

function isSeparator(c: number): boolean {
  return c === 9 || c === 32 || c === 0xa0;
}

/** The label as an address component: "b)bis" -> "bbis", "(a)" -> "a", "1." -> "1". */
export function labelKey(label: string): string {
  // Called for every clause on both sides; without "(" and with at most a final ")" ("1", "2.1", "a)") no regex is needed.
  const close = label.indexOf(")");
  if (label.indexOf("(") === -1 && (close === -1 || close === label.length - 1)) {
    const end = close === -1 ? label.length : close;
    return end > 0 && label.charCodeAt(end - 1) === 46 ? label.slice(0, end - 1) : label.slice(0, end);
  }
  return label.replace(/[()]/g, "").replace(/\.$/, "");
}

/** For roman/letter ambiguity: the letter that comes after `label`'s letter ("h)" -> "i"). */
export function nextLetter(label: string): string | null {
  const m = /^\(?([a-z])\)/.exec(label);
  if (!m) return null;
  return String.fromCharCode(m[1]!.charCodeAt(0) + 1);
}

/** The parent label of a numbered label: "2.1" -> "2", "1bis.1" -> "1bis", "3" -> null. */
export function parentNumber(label: string): string | null {
  const key = labelKey(label);
  const i = key.lastIndexOf(".");
  return i > 0 ? key.slice(0, i) : null;
}

/** Depth of a numbered label: "1" -> 0, "1.1" -> 1. */
export function numberDepth(label: string): number {
  const key = labelKey(label);
  let dots = 0;
  for (let i = key.indexOf("."); i !== -1; i = key.indexOf(".", i + 1)) dots++;
  return dots;
}

/** "noting further" -> "noting-further"; keeps letters of every script. */
export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize("NFC")
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, "") || "section"
  );
}
