/**
 * Run surgery inside one paragraph. Revisions wrap whole runs, so before a
 * change can be marked, every run that straddles one of its boundaries is
 * split there (the run's properties copied to both halves). New runs for
 * deleted or inserted text carry the formatting they had in their source.
 */
import type { TextPiece } from "../read/paragraph-text.js";
import { cloneNode, element, findChild, text, type XmlAttribute, type XmlElement, type XmlNode } from "../xml/tree.js";

/** A run of the paragraph after splitting, with the text range it shows. */
export interface RunSlot {
  start: number;
  end: number;
  run: XmlElement;
  parent: XmlElement;
}

const SPLITTABLE = new Set(["w:t", "w:delText", "m:t"]);
/** What a run keeps in every piece it is split into: its properties (a math run has two sets). */
const RUN_PROPS = new Set(["w:rPr", "m:rPr"]);
/** Run children the reader shows as a picture (U+FFFC). */
export const PICTURES = new Set(["w:drawing", "w:pict", "mc:AlternateContent"]);

/**
 * Splits runs so that no run crosses any offset in `cuts`. Returns one slot per
 * text-bearing run, in text order. Math runs (m:r) split as text runs do: a
 * cut inside one otherwise falls to its edges, and a deletion there to the
 * next run, which may stand in another part of the equation.
 */
export function isolateRuns(pieces: readonly TextPiece[], cuts: readonly number[]): RunSlot[] {
  const slots: RunSlot[] = [];
  const groups: { run: XmlElement; parent: XmlElement; pieces: TextPiece[] }[] = [];
  for (const p of pieces) {
    const last = groups[groups.length - 1];
    if (last && last.run === p.run) last.pieces.push(p);
    else groups.push({ run: p.run, parent: p.parent, pieces: [p] });
  }
  const sorted = [...new Set(cuts)].sort((a, b) => a - b);
  // Split runs take their run's place in its parent once every run is split: an indexOf and a splice per split run
  // were quadratic in a paragraph of thousands of them.
  const splits = new Map<XmlElement, Map<XmlElement, XmlElement[]>>();
  for (const g of groups) {
    const start = g.pieces[0]!.start;
    const end = g.pieces[g.pieces.length - 1]!.end;
    // the cuts inside this run: from the first past its start (filtering every cut for every run was quadratic
    // in a paragraph of thousands of runs with a cut at each)
    const inner: number[] = [];
    for (let k = firstIndex(sorted.length, (i) => sorted[i]! > start); k < sorted.length && sorted[k]! < end; k++) inner.push(sorted[k]!);
    let inParent = splits.get(g.parent);
    if (!inner.length || (g.run.name !== "w:r" && g.run.name !== "m:r") || inParent?.has(g.run) || !childrenOf(g.run, g.pieces)) {
      slots.push({ start, end, run: g.run, parent: g.parent });
      continue;
    }
    const split = splitRun(g.run, g.parent, g.pieces, inner);
    if (!inParent) splits.set(g.parent, (inParent = new Map()));
    inParent.set(g.run, split.runs);
    for (const slot of split.slots) slots.push(slot);
  }
  for (const [parent, runs] of splits) {
    // in place: the parent's children array is the one the paragraph's readers hold
    const children = parent.children.flatMap((c) => (c.type === "element" && runs.get(c)) || [c]);
    parent.children.length = children.length;
    for (let k = 0; k < children.length; k++) parent.children[k] = children[k]!;
  }
  return slots;
}

/** Whether every piece's node is a child of the run itself (not inside a nested element). */
function childrenOf(run: XmlElement, pieces: readonly TextPiece[]): boolean {
  if (pieces.length <= 8) return pieces.every((p) => run.children.includes(p.node));
  // a Set, for a run of thousands of w:t: includes per piece was quadratic
  const own = new Set<XmlNode>(run.children);
  return pieces.every((p) => own.has(p.node));
}

/**
 * The first index in [0, count) at which `holds` is true, for a test false up to some index and true from
 * there on (a list in order, searched); count if it never holds. Binary search: the writer's run surgery
 * looks up cuts and runs this way, where a scan per lookup was quadratic in a paragraph of thousands of runs.
 */
export function firstIndex(count: number, holds: (i: number) => boolean): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (holds(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The runs `run` is split into at `cuts` (for isolateRuns to put in its place), and the slots of those with text. */
function splitRun(run: XmlElement, parent: XmlElement, pieces: TextPiece[], cuts: number[]): { runs: XmlElement[]; slots: RunSlot[] } {
  const props = run.children.filter((c): c is XmlElement => c.type === "element" && RUN_PROPS.has(c.name));
  const byNode = new Map<XmlElement, TextPiece>();
  for (const p of pieces) byNode.set(p.node, p);
  const parts: { start: number; end: number; children: XmlNode[] }[] = [];
  let current: { start: number; end: number; children: XmlNode[] } | null = null;
  const open = (at: number) => {
    current = { start: at, end: at, children: [] };
    parts.push(current);
  };
  let pos = pieces[0]!.start;
  open(pos);
  for (const child of run.children) {
    if (child.type === "element" && RUN_PROPS.has(child.name)) continue;
    const piece = child.type === "element" ? byNode.get(child) : undefined;
    if (!piece || child.type !== "element") {
      current!.children.push(child);
      continue;
    }
    // cuts are ascending: found by binary search, where includes and filter per piece were quadratic in a run of
    // thousands of w:t with a cut between each two
    const next = firstIndex(cuts.length, (i) => cuts[i]! >= piece.start);
    if (next < cuts.length && cuts[next] === piece.start && current!.end > current!.start) open(piece.start);
    const inner: number[] = [];
    for (let k = cuts[next] === piece.start ? next + 1 : next; k < cuts.length && cuts[k]! < piece.end; k++) inner.push(cuts[k]!);
    if (inner.length && SPLITTABLE.has(child.name)) {
      const value = piece.end - piece.start === textOf(child).length ? textOf(child) : null;
      if (value !== null) {
        let from = piece.start;
        for (const c of [...inner, piece.end]) {
          current!.children.push(textElement(child.name, value.slice(from - piece.start, c - piece.start), child.attrs));
          current!.end = c;
          from = c;
          if (c !== piece.end) open(c);
        }
        pos = piece.end;
        continue;
      }
    }
    current!.children.push(child);
    current!.end = piece.end;
    pos = piece.end;
  }
  void pos;
  const runs = parts
    .filter((p) => p.children.length > 0)
    .map((p) => ({ ...p, el: element(run.name, run.attrs.map(([n, v]) => [n, v] as [string, string]), [...props.map((x) => cloneNode(x)), ...p.children]) }));
  return { runs: runs.map((r) => r.el), slots: runs.filter((r) => r.end > r.start).map((r) => ({ start: r.start, end: r.end, run: r.el, parent })) };
}

function textOf(el: XmlElement): string {
  let s = "";
  for (const c of el.children) if (c.type === "text" || c.type === "cdata") s += c.text;
  return s;
}

function textElement(name: string, value: string, attrs: readonly XmlAttribute[]): XmlElement {
  const a = attrs.filter(([n]) => n !== "xml:space");
  if (/^\s|\s$/.test(value) || value.includes("  ")) a.push(["xml:space", "preserve"]);
  return element(name, a, [text(value)]);
}

/**
 * Run content for a string: tabs, line breaks and non-breaking hyphens become
 * their elements, the rest `w:t` (or `w:delText` in a deletion).
 */
export function runContent(value: string, deleted: boolean): XmlElement[] {
  const out: XmlElement[] = [];
  const name = deleted ? "w:delText" : "w:t";
  let buf = "";
  const flush = () => {
    if (buf) out.push(textElement(name, buf, []));
    buf = "";
  };
  for (const ch of value) {
    if (ch === "\t") {
      flush();
      out.push(element("w:tab"));
    } else if (ch === "\u000b") {
      flush();
      out.push(element("w:br"));
    } else if (ch === "\u2011") {
      flush();
      out.push(element("w:noBreakHyphen"));
    } else buf += ch;
  }
  flush();
  return out;
}

/** A new run showing `value` with the given run properties (cloned). */
export function makeRun(value: string, rPr: XmlElement | null, deleted: boolean): XmlElement {
  const props = rPr ? [cloneRunProps(rPr)] : [];
  return element("w:r", [], [...props, ...runContent(value, deleted)]);
}

/**
 * A new math run showing `value` with `source`'s math and text properties.
 * Math text stays m:t inside a deletion too: the mark around the run says
 * it is deleted, as markMath does for a whole equation.
 */
function makeMathRun(value: string, source: XmlElement): XmlElement {
  const mPr = findChild(source, "m:rPr");
  const rPr = findChild(source, "w:rPr");
  return element("m:r", [], [...(mPr ? [cloneNode(mPr)] : []), ...(rPr ? [cloneRunProps(rPr)] : []), textElement("m:t", value, [])]);
}

/**
 * A math run as a text run, for deleted math text that must stand outside
 * any equation (where m:r is not allowed): its text properties kept, its
 * math ones dropped.
 */
export function asTextRun(run: XmlElement, deleted: boolean): XmlElement {
  if (run.name !== "m:r") return run;
  const rPr = findChild(run, "w:rPr");
  let value = "";
  for (const c of run.children) if (c.type === "element" && c.name === "m:t") value += textOf(c);
  return makeRun(value, rPr, deleted);
}

/** Run properties without their own revision history (a new run has none). */
function cloneRunProps(rPr: XmlElement): XmlElement {
  const c = cloneNode(rPr);
  c.children = c.children.filter((n) => !(n.type === "element" && (n.name === "w:rPrChange" || n.name === "w:ins" || n.name === "w:del")));
  return c;
}

/**
 * Runs for the characters [from, to) of a paragraph as its pieces show them,
 * one run per source run so each keeps its own formatting.
 */
export function runsForRange(pieces: readonly TextPiece[], paragraphText: string, from: number, to: number, deleted: boolean, picture?: (el: XmlElement) => XmlElement | null): XmlElement[] {
  const out: XmlElement[] = [];
  let at = from;
  for (const p of pieces) {
    if (p.end <= at || p.start >= to) continue;
    if (p.start > at) out.push(makeRun(paragraphText.slice(at, p.start), null, deleted));
    const s = Math.max(at, p.start);
    const e = Math.min(to, p.end);
    const rPr = p.run.name === "w:r" ? findChild(p.run, "w:rPr") : null;
    if (PICTURES.has(p.node.name)) {
      // a picture is its element, not its placeholder character; one that cannot be carried over is left out
      const copy = picture?.(p.node) ?? null;
      if (copy) out.push(element("w:r", [], [...(rPr ? [cloneRunProps(rPr)] : []), copy]));
      at = e;
      continue;
    }
    const last = out[out.length - 1];
    const lastRun = last ? runSources.get(last) : undefined;
    const math = p.run.name === "m:r";
    if (last && lastRun === p.run) {
      last.children.push(...(math ? [textElement("m:t", paragraphText.slice(s, e), [])] : runContent(paragraphText.slice(s, e), deleted)));
    } else {
      const r = math ? makeMathRun(paragraphText.slice(s, e), p.run) : makeRun(paragraphText.slice(s, e), rPr, deleted);
      runSources.set(r, p.run);
      out.push(r);
    }
    at = e;
  }
  if (at < to) out.push(makeRun(paragraphText.slice(at, to), null, deleted));
  return out;
}

const runSources = new WeakMap<XmlElement, XmlElement>();
