/**
 * Document text as literal Markdown text.
 *
 * The output is read raw in mails as often as rendered on GitHub, so only the
 * characters that can start Markdown or HTML syntax are escaped, and only
 * where they can: `<`, `>` and `&` become entities (so `<script>` is text, and
 * so is an existing `&lt;`), inline delimiters get a backslash, and the few
 * block markers (`#`, `-`, `1.`, leading indentation) only at the start of a line.
 */

import { PICTURE_CHAR } from "../common/pictures.js";

const HTML: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

// `$` starts maths on GitHub, `~` strikethrough in GFM, `|` a table cell.
const INLINE = /[\\`*_[\]|~$]/g;

/** Escape text that sits inside a line. */
export function escapeInline(text: string): string {
  // a picture's placeholder (U+FFFC) reads "[picture]", its brackets escaped like any others
  return text.replace(/[&<>]/g, (c) => HTML[c]!).replace(INLINE, (c) => `\\${c}`).split(PICTURE_CHAR).join("\\[picture\\]");
}

/**
 * Escape text that starts a line: leading spaces or tabs would make an
 * indented code block, so they become character references; a leading `#`,
 * `+`, `-` or `=` or an ordered-list number ("1." "2)") gets a backslash.
 */
export function escapeLineStart(text: string): string {
  const lead = /^[ \t]*/.exec(text)![0];
  const indent = lead.replace(/ /g, "&#32;").replace(/\t/g, "&#9;");
  const rest = escapeInline(text.slice(lead.length)).replace(/^([#+\-=])|^(\d{1,9})([.)])/, (_m, mark?: string, num?: string, punct?: string) =>
    mark !== undefined ? `\\${mark}` : `${num}\\${punct}`,
  );
  return indent + rest;
}

/** Trailing spaces would make a hard line break. */
export function escapeLineEnd(text: string): string {
  return text.replace(/[ \t]+$/, (ws) => ws.replace(/ /g, "&#32;").replace(/\t/g, "&#9;"));
}

/** A code span around `text`, with a fence longer than any run of backticks inside. */
export function codeSpan(text: string): string {
  const flat = text.replace(/[\r\n]+/g, " ");
  const longest = Math.max(0, ...Array.from(flat.matchAll(/`+/g), (m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") || flat.startsWith(" ") || flat.endsWith(" ") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}
