import type { Point } from "../model/doc.js";
import { keepShape } from "../runtime/keep-shape.js";

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

/** Cut on LF, CRLF or lone CR; null as soon as there are more than `maxLines` lines. */
export function lineBounds(text: string, maxLines = Infinity): LineBounds | null {
  const out = new BoundsBuffer(maxLines);
  let start = 0;
  if (text.indexOf("\r") === -1) {
    // LF only, the usual case: native indexOf rather than a regex match per line
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", start)) {
      if (!out.push(start, i)) return null;
      start = i + 1;
    }
  } else {
    const re = /\r\n|\r|\n/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      if (!out.push(start, m.index)) return null;
      start = m.index + m[0].length;
    }
  }
  if (start < text.length && !out.push(start, text.length)) return null;
  return { starts: out.starts, ends: out.ends, count: out.count };
}

class BoundsBuffer {
  starts = new Int32Array(1024);
  ends = new Int32Array(1024);
  count = 0;
  constructor(private readonly max: number) {}

  push(start: number, end: number): boolean {
    if (this.count >= this.max) return false;
    if (this.count === this.starts.length) {
      const starts = new Int32Array(this.count * 2);
      starts.set(this.starts);
      this.starts = starts;
      const ends = new Int32Array(this.count * 2);
      ends.set(this.ends);
      this.ends = ends;
    }
    this.starts[this.count] = start;
    this.ends[this.count++] = end;
    return true;
  }
}

/** Split on LF, CRLF or lone CR, keeping offsets into the original string. */
export function splitLines(text: string, bounds: LineBounds = lineBounds(text)!): Line[] {
  const { starts, ends, count } = bounds;
  const lines: Line[] = [];
  for (let i = 0; i < count; i++) lines.push({ text: text.slice(starts[i]!, ends[i]!), offset: starts[i]!, number: i + 1 });
  return lines;
}

export function pointAt(line: Line, column0: number): Point {
  return { line: line.number, column: column0 + 1, offset: line.offset + column0 };
}

keepShape(new BoundsBuffer(0));
