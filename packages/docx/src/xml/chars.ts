/**
 * Which characters XML 1.0 (fifth edition) allows, asked one UTF-16 code
 * unit at a time so that the scanner never builds a string to ask.
 * Section 2.2 (Char) and section 2.3 (NameStartChar, NameChar).
 */

/**
 * Whether the ASCII code `c` may start a name (`first`) or continue one.
 * Comparisons rather than a lookup table: in the scanner's hot loops they
 * compile to a few instructions, a table access to a few dozen.
 */
export function isAsciiNameChar(c: number, first: boolean): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x3a || c === 0x5f || (!first && ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e));
}

function isNonAsciiNameStart(c: number): boolean {
  return (
    (c >= 0xc0 && c <= 0x2ff && c !== 0xd7 && c !== 0xf7) ||
    (c >= 0x370 && c <= 0x1fff && c !== 0x37e) ||
    c === 0x200c ||
    c === 0x200d ||
    (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) ||
    (c >= 0x3001 && c <= 0xd7ff) ||
    (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd)
  );
}

/**
 * How many UTF-16 code units the name character at `at` takes (0 if none
 * is there), for a code unit `c` from 0x80 up. Names may use the
 * supplementary planes up to U+EFFFF: a high surrogate D800-DB7F followed
 * by a low one.
 */
export function nonAsciiNameUnits(source: string, at: number, c: number, first: boolean): number {
  if (c >= 0xd800 && c <= 0xdb7f) {
    const low = source.charCodeAt(at + 1);
    return low >= 0xdc00 && low <= 0xdfff ? 2 : 0;
  }
  const ok = isNonAsciiNameStart(c) || (!first && (c === 0xb7 || (c >= 0x300 && c <= 0x36f) || c === 0x203f || c === 0x2040));
  return ok ? 1 : 0;
}

/** The end of the XML Name starting at `start`, or `start` itself if no name starts there. */
export function nameEnd(source: string, start: number): number {
  let at = start;
  for (;;) {
    const c = source.charCodeAt(at);
    // past the end, charCodeAt gives NaN, which no test accepts
    const units = c < 0x80 ? (isAsciiNameChar(c, at === start) ? 1 : 0) : nonAsciiNameUnits(source, at, c, at === start);
    if (units === 0) return at;
    at += units;
  }
}

/** XML's S production: space, tab, line feed, carriage return. */
export function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** Whether a character reference may name this code point (the Char production). */
export function isXmlChar(code: number): boolean {
  return code >= 0x20 ? code <= 0xd7ff || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff) : code === 0x09 || code === 0x0a || code === 0x0d;
}

/**
 * Character codes, for the scanner (parse.ts) and the serializer. A const
 * enum because the bundler writes its members as literals: a module-level
 * constant costs a load and a type check at each use in the scanner's loops.
 */
export const enum Char {
  TAB = 0x09,
  LF = 0x0a,
  CR = 0x0d,
  SPACE = 0x20,
  BANG = 0x21,
  QUOT = 0x22,
  HASH = 0x23,
  AMP = 0x26,
  APOS = 0x27,
  SLASH = 0x2f,
  SEMICOLON = 0x3b,
  LT = 0x3c,
  EQUALS = 0x3d,
  GT = 0x3e,
  QUESTION = 0x3f,
  CLOSE_BRACKET = 0x5d,
  LOWER_X = 0x78,
}
