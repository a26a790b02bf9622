/**
 * `text.trim() === ""` without trimming: nearly every line and paragraph
 * starts with a printable ASCII character, which settles it at once. Trimming
 * each of the hundred thousand lines of a long document was a measurable cost.
 */
export function isBlank(text: string): boolean {
  if (text.length === 0) return true;
  const c = text.charCodeAt(0);
  // U+0021..U+009F are never whitespace for trim (U+0085 is not a JS line terminator)
  if (c > 32 && c < 160) return false;
  return text.trim() === "";
}

/** `text.trim()`, without the call (a runtime one) for the usual text that starts and ends printable. */
export function trimmed(text: string): string {
  const a = text.charCodeAt(0);
  const b = text.charCodeAt(text.length - 1);
  return a > 32 && a < 160 && b > 32 && b < 160 ? text : text.trim();
}
