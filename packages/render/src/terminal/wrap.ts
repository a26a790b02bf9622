/**
 * Greedy word wrap over styled fragments.
 *
 * Wrapping works on fragments, not on a string that already holds escape
 * codes, so styles never bleed into the indentation of the next line and the
 * width counts only what the reader sees. Lines break at spaces, and also
 * between wide (CJK) characters, since Chinese and Japanese text has no spaces.
 */
import type { Frag } from "./ansi.js";

/** Columns a string takes on a terminal: wide characters two, combining marks none. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch.codePointAt(0)!);
  return w;
}

const ZERO_WIDTH = /^[\p{M}\u200b-\u200f\u2060\ufeff]$/u;

function charWidth(cp: number): number {
  if (ZERO_WIDTH.test(String.fromCodePoint(cp))) return 0;
  return isWide(cp) ? 2 : 1;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Text that stays on one line, followed by the spaces a line may break at. */
interface Chunk {
  body: Frag[];
  bodyWidth: number;
  gap: Frag[];
  gapWidth: number;
}

function chunks(frags: readonly Frag[]): Chunk[] {
  const out: Chunk[] = [];
  let cur: Chunk = { body: [], bodyWidth: 0, gap: [], gapWidth: 0 };
  const push = (into: Frag[], ch: string, style: Frag["style"]) => {
    const last = into[into.length - 1];
    if (last && last.style === style) last.text += ch;
    else into.push({ text: ch, style });
  };
  const next = () => {
    out.push(cur);
    cur = { body: [], bodyWidth: 0, gap: [], gapWidth: 0 };
  };
  let afterWide = false;
  for (const f of frags) {
    for (const ch of f.text) {
      const cp = ch.codePointAt(0)!;
      const w = charWidth(cp);
      if (/\s/u.test(ch)) {
        push(cur.gap, ch, f.style);
        cur.gapWidth += w;
        afterWide = false;
        continue;
      }
      const wide = isWide(cp);
      if (cur.gap.length > 0 || ((wide || afterWide) && cur.body.length > 0)) next();
      push(cur.body, ch, f.style);
      cur.bodyWidth += w;
      afterWide = wide;
    }
  }
  if (cur.body.length > 0 || cur.gap.length > 0) out.push(cur);
  return out;
}

/**
 * Break `frags` into lines of at most `width` columns (a word longer than
 * that gets a line of its own). The spaces at a break are dropped.
 */
export function wrap(frags: readonly Frag[], width: number): Frag[][] {
  const lines: Frag[][] = [];
  let line: Frag[] = [];
  let lineWidth = 0;
  let pending: Chunk | null = null;
  for (const c of chunks(frags)) {
    if (pending !== null) {
      if (line.length > 0 && lineWidth + pending.gapWidth + c.bodyWidth > width) {
        lines.push(line);
        line = [];
        lineWidth = 0;
      } else {
        line.push(...pending.gap);
        lineWidth += pending.gapWidth;
      }
    }
    line.push(...c.body);
    lineWidth += c.bodyWidth;
    pending = c;
  }
  if (pending !== null) line.push(...pending.gap);
  lines.push(line);
  return lines;
}
