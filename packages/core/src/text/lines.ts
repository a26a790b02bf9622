import type { Point } from "../model/doc.js";

/** A physical line of a text source, without its line ending. */
export interface Line {
  text: string;
  /** 0-based offset of the line's first character */
  offset: number;
  /** 1-based line number */
  number: number;
}

/**
 * Where each line starts and ends (before its line ending): line i is
 * `text.slice(starts[i], ends[i])`. A long text has hundreds of thousands of
 * lines; this gives them without an object and a string each.
 */
export interface LineBounds {
  starts: Int32Array;
  ends: Int32Array;
  count: number;
}

/** Cut on LF, CRLF or lone CR. */
export function lineBounds(text: string): LineBounds {
  if (text.indexOf("\r") === -1) {
    // LF only, the usual case: native indexOf, once to count and once to fill
    let count = 0;
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) count++;
    if (text.length > 0 && text.charCodeAt(text.length - 1) !== 10) count++;
    const starts = new Int32Array(count);
    const ends = new Int32Array(count);
    let start = 0;
    let k = 0;
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", start)) {
      starts[k] = start;
      ends[k++] = i;
      start = i + 1;
    }
    if (start < text.length) {
      starts[k] = start;
      ends[k] = text.length;
    }
    return { starts, ends, count };
  }
  const s: number[] = [];
  const e: number[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    s.push(start);
    e.push(m.index);
    start = m.index + m[0].length;
  }
  if (start < text.length) {
    s.push(start);
    e.push(text.length);
  }
  return { starts: Int32Array.from(s), ends: Int32Array.from(e), count: s.length };
}

/** Split on LF, CRLF or lone CR, keeping offsets into the original string. */
export function splitLines(text: string, bounds: LineBounds = lineBounds(text)): Line[] {
  const { starts, ends, count } = bounds;
  const lines: Line[] = [];
  for (let i = 0; i < count; i++) lines.push({ text: text.slice(starts[i]!, ends[i]!), offset: starts[i]!, number: i + 1 });
  return lines;
}

export function pointAt(line: Line, column0: number): Point {
  return { line: line.number, column: column0 + 1, offset: line.offset + column0 };
}
