/**
 * Formatting changed on text both sides share. The word diff compares text,
 * so a word made bold, or a superscript "10³" turned into "103", leaves an
 * entry unchanged; a .docx's runs say how each stretch looks. Where an
 * entry's two sides share text (the whole text of an unchanged entry, the
 * equal stretches of an edited one's word diff), a run that looks different
 * is a formatting change. `compare` records them in the Delta (`formatting`,
 * marker MOD); `check` lists those no revision mark shows.
 *
 * Only what a Doc's runs hold is compared (bold, italic, underline and its
 * kind, single and double strike, super- and subscript, small and all
 * capitals, hidden text, colour, highlight, size, font): a word bold by its style and one
 * bold by direct formatting look the same. A value a Doc does not give (one
 * made without them) is not compared. A new run is seen as it would look in
 * the old paragraph (`seen`), as the tracked .docx compares runs, so a
 * style that the two documents' templates define otherwise changes
 * nothing here. A typed label both sides share is compared too; a label
 * the numbering computes is not, nor is text the two sides do not share.
 */
import type { DeltaClause, DeltaSide, FormatName, FormattingChange } from "../model/delta.js";
import type { Doc, FormatValues, Paragraph, Run, RunFormat } from "../model/doc.js";

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
  const label = new Stretches(b.first.paragraph.text);
  const typed = typedLabel(a.first, b.first);
  if (typed > 0) compareRuns({ ...a.first, start: 0 }, 0, { ...b.first, start: 0 }, 0, typed, (offset, count, added, removed) => label.add(offset, count, added, removed));
  const found = new Stretches(b.text);
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
  const changes = [...label.done(), ...found.done()];
  return changes.length > 0 ? changes : null;
}

/**
 * The length of the typed label (and what separates it from the text) that
 * both first lines follow, when it is the same on both sides: its
 * formatting is compared too, as the tracked .docx does. 0 otherwise.
 */
function typedLabel(a: Line, b: Line): number {
  if (a.start === 0 || a.start !== b.start) return 0;
  return a.paragraph.text.slice(0, a.start) === b.paragraph.text.slice(0, b.start) ? a.start : 0;
}

/**
 * Whether the two sides are the same paragraphs, text and runs alike (the
 * readers share one object per format, so a format compares by identity):
 * most entries of most comparisons, which need no more than this. A
 * paragraph whose style changed is not the same, though its runs look it.
 */
function sameParagraphs(oldDoc: Doc, a: DeltaSide, newDoc: Doc, b: DeltaSide): boolean {
  if (a.paragraphs.length !== b.paragraphs.length) return false;
  for (let k = 0; k < a.paragraphs.length; k++) {
    const x = oldDoc.paragraphs[a.paragraphs[k]!];
    const y = newDoc.paragraphs[b.paragraphs[k]!];
    if (!x || !y || x.text !== y.text || !x.runs || !y.runs || x.runs.length !== y.runs.length || x.runBase !== y.runBase) return false;
    for (let r = 0; r < x.runs.length; r++) {
      const u = x.runs[r]!;
      const v = y.runs[r]!;
      if (u.start !== v.start || u.end !== v.end || u.format !== v.format || u.own !== v.own || u.ownValues !== v.ownValues) return false;
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

  get first(): Line {
    return this.items[0]!;
  }

  /** The line holding offset `at` of the entry's text (a line break counts as the end of its line). */
  at(at: number): { line: Line; offset: number } {
    // the last line starting at or before `at` (an entry can have thousands)
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: this.items[lo]!, offset: at - this.starts[lo]! };
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
  // a computed label before the paragraph's text (even an empty one: a blank list item)
  const computed = paragraph.listLabel !== null && text.startsWith(paragraph.listLabel);
  if ((computed || own.trim() !== "") && text.length > own.length && text.endsWith(own)) return { paragraph, start: 0, lead: text.length - own.length, length: text.length };
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
    const now = x && y ? seen(y, b.paragraph, a.paragraph) : null;
    if (x && now && now !== x.format) {
      const [added, removed] = difference(x.format, now);
      if (added.length + removed.length > 0) found(k, step, added, removed);
    }
    k += step;
  }
}

/**
 * How new run `y` (in paragraph `p`) looks where old paragraph `q` stands:
 * its own formatting over what `q`'s style and the old document's defaults
 * give; the tracked .docx compares runs by this rule too (write/run-formats.ts).
 * So a style that one template defines otherwise, or a paragraph whose style
 * changed (a paragraph-property change there), changes no run's formatting.
 * Where the reader did not say what a run sets itself, the run as it looks.
 */
export function seen(y: Run, p: Paragraph, q: Paragraph): RunFormat {
  // the same base (shared by identity) gives the run as it is, with no copy made
  return y.own === undefined || !q.runBase || !p.runBase || p.runBase === q.runBase ? y.format : over(q.runBase, y.own, y.ownValues);
}

/**
 * The index of the first run that ends after `at`: the run holding `at`, or
 * the first after it (runs, or text pieces, in order and not overlapping).
 */
export function runAt(runs: readonly { end: number }[], at: number): number {
  let lo = 0;
  let hi = runs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (runs[mid]!.end <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

type Flag = "bold" | "italic" | "underline" | "strike" | "smallCaps" | "doubleStrike" | "caps" | "hidden";
const OWN_FLAGS: Flag[] = ["bold", "italic", "underline", "strike", "smallCaps", "doubleStrike", "caps", "hidden"];
const ALIGNS = [null, "superscript", "subscript"] as const;

/**
 * A run's own formatting (what its character style and direct properties
 * set, the direct one winning property by property; what neither sets
 * comes from the paragraph) as one number, for `Run.own`: two bits a
 * property, 0 unset, 1 off, 2 on (vertical alignment: 1 baseline,
 * 2 superscript, 3 subscript). A number, not an object, and no allocation:
 * a reader calls this for each of a document's hundreds of thousands of runs.
 */
export function ownFormatBits(style: Partial<RunFormat>, direct: Partial<RunFormat> = {}): number {
  let bits = 0;
  for (let k = 0; k < OWN_FLAGS.length; k++) {
    const key = OWN_FLAGS[k]!;
    const v = direct[key] ?? style[key];
    if (v !== undefined) bits |= (v ? 2 : 1) << (2 * k);
  }
  const align = direct.vertAlign !== undefined ? direct.vertAlign : style.vertAlign;
  if (align !== undefined) bits |= (ALIGNS.indexOf(align) + 1) << (2 * OWN_FLAGS.length);
  return bits;
}

const VALUE_KEYS: readonly (keyof FormatValues)[] = ["underlineStyle", "color", "highlight", "size", "font"];

/**
 * The values a run sets itself (`Run.ownValues`), its direct formatting
 * winning over its character style key by key, or undefined where it sets
 * none (most runs). Runs that set the same values share one frozen object,
 * as the readers' formats do, so that most compare by identity.
 */
export function ownFormatValues(style: Partial<RunFormat>, direct: Partial<RunFormat> = {}): Readonly<FormatValues> | undefined {
  let out: Record<string, unknown> | undefined;
  for (const key of VALUE_KEYS) {
    const v = direct[key] !== undefined ? direct[key] : style[key];
    if (v !== undefined) (out ??= {})[key] = v;
  }
  return out === undefined ? undefined : sharedValues(out as FormatValues);
}

/** ownFormatValues's objects by their values; emptied when it grows past this (sharing is only a shortcut) */
const VALUES = new Map<string, Readonly<FormatValues>>();
const MAX_SHARED_VALUES = 4096;

function sharedValues(values: FormatValues): Readonly<FormatValues> {
  let key = "";
  // each value marked unset, null or set, so that no two sets of values make one key
  for (const k of VALUE_KEYS) {
    const v = values[k];
    key += v === undefined ? "\u0000" : v === null ? "\u0001" : `\u0002${v}`;
  }
  let shared = VALUES.get(key);
  if (!shared) {
    if (VALUES.size >= MAX_SHARED_VALUES) VALUES.clear();
    VALUES.set(key, (shared = Object.freeze(values)));
  }
  return shared;
}

/** How a run whose own formatting is `bits` and `values` looks over `base` (what a paragraph gives a run that sets nothing). */
function over(base: RunFormat, bits: number, values: Readonly<FormatValues> | undefined): RunFormat {
  const out = { ...base };
  OWN_FLAGS.forEach((key, k) => {
    const v = (bits >> (2 * k)) & 3;
    if (v !== 0) out[key] = v === 2;
  });
  const align = (bits >> (2 * OWN_FLAGS.length)) & 3;
  if (align !== 0) out.vertAlign = ALIGNS[align - 1]!;
  if (values) Object.assign(out, values);
  // the kind of an underline the run switched off is no longer shown
  if (!out.underline) out.underlineStyle = undefined;
  return out;
}

/** A property that is on or off, shown by its name when on. */
const flag =
  (key: Flag, name: FormatName) =>
  (f: RunFormat): FormatName | null =>
    f[key] ? name : null;

/**
 * How each property shows, in the order the Delta names them: by a name, or
 * null where nothing shows (no bold, automatic colour, no highlight), or
 * undefined where the format does not know the value: then it is not compared.
 */
const SHOWN: ((f: RunFormat) => FormatName | null | undefined)[] = [
  flag("bold", "bold"),
  flag("italic", "italic"),
  (f) => (!f.underline ? null : f.underlineStyle === undefined || f.underlineStyle === "single" ? "underline" : `underline ${f.underlineStyle}`),
  flag("strike", "strike"),
  flag("doubleStrike", "double strike"),
  flag("smallCaps", "small caps"),
  flag("caps", "all caps"),
  flag("hidden", "hidden"),
  (f) => f.vertAlign,
  (f) => (f.color === undefined ? undefined : f.color === null ? null : `colour #${f.color}`),
  (f) => (f.highlight === undefined ? undefined : f.highlight === null ? null : `highlight ${f.highlight}`),
  (f) => (f.size === undefined ? undefined : `size ${f.size / 2} pt`),
  (f) => (f.font === undefined ? undefined : `font ${f.font}`),
];

/** What `now` shows that `was` does not, and the reverse. */
function difference(was: RunFormat, now: RunFormat): [FormatName[], FormatName[]] {
  const added: FormatName[] = [];
  const removed: FormatName[] = [];
  for (const show of SHOWN) {
    const a = show(was);
    const b = show(now);
    if (a === b || a === undefined || b === undefined) continue;
    if (b !== null) added.push(b);
    if (a !== null) removed.push(a);
  }
  return [added, removed];
}

/**
 * The changes of one entry, in the new side's text order: one per stretch
 * that differs the same way, stretches of one change separated only by
 * spaces or line breaks joined (a Word user making two words bold often
 * leaves the space between them as it was; the lines of a table cell made
 * bold read as one change), a change in spaces alone dropped (nobody sees
 * it).
 */
class Stretches {
  private readonly items: { from: number; to: number; added: FormatName[]; removed: FormatName[]; key: string }[] = [];

  /** `text`: what the offsets given to `add` index (an entry's text, or a paragraph's for its label) */
  constructor(private readonly text: string) {}

  add(at: number, count: number, added: FormatName[], removed: FormatName[]): void {
    const key = `${added.join(",")}|${removed.join(",")}`;
    const last = this.items[this.items.length - 1];
    if (last && last.key === key && /^\s*$/u.test(this.text.slice(last.to, at))) last.to = at + count;
    else this.items.push({ from: at, to: at + count, added, removed, key });
  }

  done(): FormattingChange[] {
    const out: FormattingChange[] = [];
    for (const s of this.items.sort((x, y) => x.from - y.from)) {
      const text = this.text.slice(s.from, s.to).replace(/\s+/gu, " ").trim();
      if (text === "") continue;
      out.push({ text: cut(text), added: s.added, removed: s.removed });
    }
    return out;
  }
}

/** `text` cut to MAX_TEXT characters with an ellipsis, never between the halves of a surrogate pair. */
function cut(text: string): string {
  if (text.length <= MAX_TEXT) return text;
  let end = MAX_TEXT - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}
