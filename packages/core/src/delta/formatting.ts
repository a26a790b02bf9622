/**
 * Formatting changed on text both sides share. The word diff compares text,
 * so a word made bold, or a superscript "10³" turned into "103", leaves an
 * entry unchanged; a .docx's runs say how each stretch looks. Where an
 * entry's two sides share text (the whole text of an unchanged entry, the
 * equal stretches of an edited one's word diff), a run that looks different
 * is a formatting change. `compare` records them in the Delta (`formatting`,
 * marker MOD); `check` lists those no revision mark shows.
 *
 * Only what a Doc's runs hold is compared (bold, italic, underline, strike,
 * super- and subscript, small caps), each as the reader resolved it through
 * its document's styles: a word bold by its style and one bold by direct
 * formatting look the same. A label is not compared (it is not in an
 * entry's text), nor is text the two sides do not share.
 */
import type { DeltaClause, DeltaSide, FormatName, FormattingChange } from "../model/delta.js";
import type { Doc, Paragraph, RunFormat } from "../model/doc.js";

/** The longest stretch a change quotes; beyond it the text is cut with an ellipsis. */
const MAX_TEXT = 60;

/**
 * The formatting changes of each entry of `clauses` (a Delta of `oldDoc`
 * against `newDoc`), in their order: null where there are none, and for
 * every entry when either document has no formatting (plain text).
 */
export function formattingChanges(oldDoc: Doc, newDoc: Doc, clauses: readonly DeltaClause[]): (FormattingChange[] | null)[] {
  if (!hasRuns(oldDoc) || !hasRuns(newDoc)) return clauses.map(() => null);
  return clauses.map((c) => entryChanges(oldDoc, newDoc, c));
}

function entryChanges(oldDoc: Doc, newDoc: Doc, c: DeltaClause): FormattingChange[] | null {
  if (!c.old || !c.new || sameParagraphs(oldDoc, c.old, newDoc, c.new)) return null;
  const a = lines(oldDoc, c.old);
  const b = lines(newDoc, c.new);
  if (!a || !b) return null;
  const found = new Stretches(b);
  for (const [from, to, length] of sharedStretches(c)) {
    for (let k = 0; k < length; ) {
      // a stretch of equal text holds the same line breaks on both sides, so it splits into lines alike
      const x = a.at(from + k);
      const y = b.at(to + k);
      const n = Math.min(length - k, x.line.length - x.offset, y.line.length - y.offset);
      // the line break itself, or a computed label at the start of a line: nothing to compare
      const lead = Math.max(0, x.line.lead - x.offset, y.line.lead - y.offset);
      if (n <= 0 || lead > 0) {
        k += Math.max(1, Math.min(n, lead));
        continue;
      }
      const at = to + k;
      compareRuns(x.line, x.offset - x.line.lead, y.line, y.offset - y.line.lead, n, (offset, count, added, removed) => found.add(at + offset, count, added, removed));
      k += n;
    }
  }
  const changes = found.done();
  return changes.length > 0 ? changes : null;
}

/**
 * Whether the two sides are the same paragraphs, text and runs alike (the
 * readers share one object per format, so a format compares by identity):
 * most entries of most comparisons, which need no more than this.
 */
function sameParagraphs(oldDoc: Doc, a: DeltaSide, newDoc: Doc, b: DeltaSide): boolean {
  if (a.paragraphs.length !== b.paragraphs.length) return false;
  for (let k = 0; k < a.paragraphs.length; k++) {
    const x = oldDoc.paragraphs[a.paragraphs[k]!];
    const y = newDoc.paragraphs[b.paragraphs[k]!];
    if (!x || !y || x.text !== y.text || !x.runs || !y.runs || x.runs.length !== y.runs.length) return false;
    for (let r = 0; r < x.runs.length; r++) {
      const u = x.runs[r]!;
      const v = y.runs[r]!;
      if (u.start !== v.start || u.end !== v.end || u.format !== v.format) return false;
    }
  }
  return true;
}

function hasRuns(doc: Doc): boolean {
  return doc.paragraphs.some((p) => p.runs !== null && p.runs.length > 0);
}

/**
 * The stretches of text an entry's two sides share, as [old offset, new
 * offset, length] in their texts: the equal ops of its word diff, or the
 * whole text of an entry whose text did not change.
 */
function sharedStretches(c: DeltaClause): [number, number, number][] {
  const out: [number, number, number][] = [];
  if (c.inline.length === 0) {
    if (c.old!.text === c.new!.text) out.push([0, 0, c.old!.text.length]);
    return out;
  }
  let o = 0;
  let n = 0;
  for (const op of c.inline) {
    const length = op.text.length;
    if (op.op === "equal") {
      out.push([o, n, length]);
      o += length;
      n += length;
    } else if (op.op === "delete") o += length;
    else n += length;
  }
  // inline that does not rebuild the texts (a capped diff, say) gives no trustworthy offsets
  return o === c.old!.text.length && n === c.new!.text.length ? out : [];
}

/**
 * One line of an entry's text and the paragraph it came from: the line's
 * first `lead` characters are not in the paragraph's text (a label its list
 * numbering computes), the rest are, from `start` on.
 */
interface Line {
  paragraph: Paragraph;
  start: number;
  lead: number;
  length: number;
}

/** An entry's text as its paragraphs' lines, so that an offset into the text finds its paragraph and runs. */
class Lines {
  constructor(
    readonly text: string,
    private readonly items: Line[],
    private readonly starts: number[],
  ) {}

  /** The line holding offset `at` of the entry's text (a line break counts as the end of its line). */
  at(at: number): { line: Line; offset: number } {
    let k = 0;
    while (k + 1 < this.starts.length && this.starts[k + 1]! <= at) k++;
    return { line: this.items[k]!, offset: at - this.starts[k]! };
  }
}

/**
 * The lines of a side: its text split at "\n", each found in one of its
 * paragraphs, in order: in the paragraph's text (where a typed label
 * precedes it), or holding it (where a computed label does). A paragraph
 * with no text but spaces may have no line (an entry's text leaves such
 * paragraphs out). Null when the lines and paragraphs do not match so: then
 * the entry is not compared rather than compared wrongly.
 */
function lines(doc: Doc, side: DeltaSide): Lines | null {
  const texts = side.text.split("\n");
  const items: Line[] = [];
  const starts: number[] = [];
  let at = 0;
  let p = 0;
  for (const text of texts) {
    let line: Line | null = null;
    for (; p < side.paragraphs.length && line === null; p++) {
      const paragraph = doc.paragraphs[side.paragraphs[p]!];
      if (!paragraph || paragraph.runs === null) return null;
      line = lineIn(paragraph, text);
      if (line === null && paragraph.text.trim() !== "") return null;
    }
    if (line === null) return null;
    items.push(line);
    starts.push(at);
    at += text.length + 1;
  }
  return new Lines(side.text, items, starts);
}

function lineIn(paragraph: Paragraph, text: string): Line | null {
  const own = paragraph.text;
  if (own.trim() !== "" && text.length > own.length && text.endsWith(own)) return { paragraph, start: 0, lead: text.length - own.length, length: text.length };
  const start = own.endsWith(text) ? own.length - text.length : own.indexOf(text);
  return start < 0 ? null : { paragraph, start, lead: 0, length: text.length };
}

/**
 * Calls `found(offset, count, added, removed)` for each stretch of `n`
 * characters, from `ao` in line `a` and `bo` in line `b`, whose runs look
 * different. Characters outside every run (a computed label, say) are not
 * compared.
 */
function compareRuns(a: Line, ao: number, b: Line, bo: number, n: number, found: (offset: number, count: number, added: FormatName[], removed: FormatName[]) => void): void {
  const ra = a.paragraph.runs!;
  const rb = b.paragraph.runs!;
  let i = runAt(ra, a.start + ao);
  let j = runAt(rb, b.start + bo);
  for (let k = 0; k < n; ) {
    const pa = a.start + ao + k;
    const pb = b.start + bo + k;
    while (i < ra.length && ra[i]!.end <= pa) i++;
    while (j < rb.length && rb[j]!.end <= pb) j++;
    const x = i < ra.length && ra[i]!.start <= pa ? ra[i]! : null;
    const y = j < rb.length && rb[j]!.start <= pb ? rb[j]! : null;
    // up to the next run edge on either side
    const edgeA = x ? x.end : i < ra.length ? ra[i]!.start : Infinity;
    const edgeB = y ? y.end : j < rb.length ? rb[j]!.start : Infinity;
    const step = Math.max(1, Math.min(n - k, edgeA - pa, edgeB - pb));
    if (x && y && x.format !== y.format) {
      const [added, removed] = difference(x.format, y.format);
      if (added.length + removed.length > 0) found(k, step, added, removed);
    }
    k += step;
  }
}

/** The index of the first run that ends after `at` (runs are in order and do not overlap). */
function runAt(runs: readonly { end: number }[], at: number): number {
  let lo = 0;
  let hi = runs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (runs[mid]!.end <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const FLAGS: [keyof RunFormat, FormatName][] = [
  ["bold", "bold"],
  ["italic", "italic"],
  ["underline", "underline"],
  ["strike", "strike"],
  ["smallCaps", "small caps"],
];

/** What `now` shows that `was` does not, and the reverse. */
function difference(was: RunFormat, now: RunFormat): [FormatName[], FormatName[]] {
  const added: FormatName[] = [];
  const removed: FormatName[] = [];
  for (const [key, name] of FLAGS) {
    if (now[key] && !was[key]) added.push(name);
    else if (was[key] && !now[key]) removed.push(name);
  }
  if (was.vertAlign !== now.vertAlign) {
    if (now.vertAlign) added.push(now.vertAlign);
    if (was.vertAlign) removed.push(was.vertAlign);
  }
  return [added, removed];
}

/**
 * The changes of one entry, in the new side's text order: one per stretch
 * that differs the same way, stretches of one change separated only by
 * spaces joined (a Word user making two words bold often leaves the space
 * between them as it was), a change in spaces alone dropped (nobody sees it).
 */
class Stretches {
  private readonly items: { from: number; to: number; added: FormatName[]; removed: FormatName[]; key: string }[] = [];

  constructor(private readonly side: Lines) {}

  add(at: number, count: number, added: FormatName[], removed: FormatName[]): void {
    const key = `${added.join(",")}|${removed.join(",")}`;
    const last = this.items[this.items.length - 1];
    if (last && last.key === key && /^\s*$/u.test(this.side.text.slice(last.to, at))) last.to = at + count;
    else this.items.push({ from: at, to: at + count, added, removed, key });
  }

  done(): FormattingChange[] {
    const out: FormattingChange[] = [];
    for (const s of this.items.sort((x, y) => x.from - y.from)) {
      const text = this.side.text.slice(s.from, s.to).replace(/\s+/gu, " ").trim();
      if (text === "") continue;
      out.push({ text: text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text, added: s.added, removed: s.removed });
    }
    return out;
  }
}
