import type { Point } from "../model/doc.js";

/** A physical line of a text source, without its line ending. */
export interface Line {
  text: string;
  /** 0-based offset of the line's first character */
  offset: number;
  /** 1-based line number */
  number: number;
}

/** Split on LF, CRLF or lone CR, keeping offsets into the original string. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let n = 1;
  if (text.indexOf("\r") === -1) {
    // LF only, the usual case: native indexOf rather than a regex match object per line
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", start)) {
      lines.push({ text: text.slice(start, i), offset: start, number: n++ });
      start = i + 1;
    }
  } else {
    const re = /\r\n|\r|\n/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      lines.push({ text: text.slice(start, m.index), offset: start, number: n++ });
      start = m.index + m[0].length;
    }
  }
  if (start < text.length) lines.push({ text: text.slice(start), offset: start, number: n });
  return lines;
}

export function pointAt(line: Line, column0: number): Point {
  return { line: line.number, column: column0 + 1, offset: line.offset + column0 };
}
