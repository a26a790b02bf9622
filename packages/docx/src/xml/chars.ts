/**
 * Which characters XML 1.0 (fifth edition) allows, asked one UTF-16 code
 * unit at a time so that the scanner never builds a string to ask.
 * Section 2.2 (Char) and section 2.3 (NameStartChar, NameChar).
 */

const START = 1;
const NAME = 2;

/** ASCII is nearly all a Word part holds, so it gets a table; the rest are ranges. */
const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_:]/.test(ch)) ASCII[c] = START | NAME;
  else if (/[-.0-9]/.test(ch)) ASCII[c] = NAME;
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

function isNonAsciiNameChar(c: number): boolean {
  return isNonAsciiNameStart(c) || c === 0xb7 || (c >= 0x300 && c <= 0x36f) || c === 0x203f || c === 0x2040;
}

/**
 * The end of the XML Name starting at `start`, or `start` itself if no name
 * starts there. Names may use the supplementary planes up to U+EFFFF: a high
 * surrogate D800-DB7F followed by a low one.
 */
export function nameEnd(source: string, start: number): number {
  let at = start;
  for (;;) {
    const c = source.charCodeAt(at);
    if (c < 0x80) {
      if ((ASCII[c]! & (at === start ? START : NAME)) === 0) return at;
      at++;
    } else if (c >= 0xd800 && c <= 0xdb7f) {
      const low = source.charCodeAt(at + 1);
      if (!(low >= 0xdc00 && low <= 0xdfff)) return at;
      at += 2;
    } else if (at === start ? isNonAsciiNameStart(c) : isNonAsciiNameChar(c)) {
      at++;
    } else {
      // also the end of the input: charCodeAt gives NaN, which no test above accepts
      return at;
    }
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
