/**
 * Marks the changes of one paragraph in place: inserted stretches are wrapped
 * in `w:ins`, deleted text comes back as `w:del` runs at its position with the
 * formatting it had, and a paragraph boundary that the new version removed is
 * restored as a paragraph whose mark is deleted.
 */
import type { TextPiece } from "../read/paragraph-text.js";
import { cloneNode, element, findChild, type XmlElement, type XmlNode } from "../xml/tree.js";
import type { Revisions } from "./revisions.js";
import { asTextRun, firstIndex, isolateRuns, type RunSlot } from "./runs.js";
import type { ParentIndex } from "./tree-index.js";

/** Something deleted at a position: runs of old text, or the end of an old paragraph (its properties). */
export type DeletedChunk = { type: "runs"; runs: XmlElement[] } | { type: "mark"; pPr: XmlElement | null };

export interface ParagraphEdit {
  /** text ranges of the paragraph that are new */
  inserts: [number, number][];
  /** old content to show, deleted, at a text offset (in order) */
  deletes: { at: number; chunks: DeletedChunk[] }[];
  /** kept text ranges whose formatting changed, with the old run properties to record (`w:rPrChange`) */
  formats?: FormatEdit[];
}

/** Characters [from, to) of kept text whose formatting changed, and the old run properties to record on them. */
export interface FormatEdit {
  from: number;
  to: number;
  rPr: XmlElement;
}

const SPLIT = "redline:split";

export function patchParagraph(p: XmlElement, pieces: readonly TextPiece[], edit: ParagraphEdit, revs: Revisions, index: ParentIndex, wrapAs: "w:ins" | "w:moveTo" = "w:ins"): XmlElement[] {
  const cuts: number[] = [];
  for (const [a, b] of edit.inserts) cuts.push(a, b);
  for (const d of edit.deletes) cuts.push(d.at);
  const formats = edit.formats ?? [];
  for (const f of formats) cuts.push(f.from, f.to);
  const slots = isolateRuns(pieces, cuts);
  recordFormats(slots, formats, revs);
  const splitProps = new Map<XmlElement, XmlElement | null>();

  for (const d of edit.deletes) {
    const hasMark = d.chunks.some((c) => c.type === "mark");
    const mathOnly = !hasMark && d.chunks.every((c) => c.type === "runs" && c.runs.every((r) => r.name === "m:r"));
    const [parent, place] = deletionPlace(p, slots, d.at, hasMark, mathOnly, index);
    // deleted math text keeps its m:r inside an equation; outside one (where m:r is not allowed) it is shown as text
    const inMath = isMath(parent);
    const nodes: XmlElement[] = d.chunks.map((c) => {
      if (c.type === "runs") return revs.wrap("w:del", inMath ? c.runs : c.runs.map((r) => asTextRun(r, true)));
      const marker = element(SPLIT);
      splitProps.set(marker, c.pPr);
      return marker;
    });
    place(nodes);
  }

  wrapInserted(slots, edit.inserts, revs, wrapAs);
  return splitParagraph(p, splitProps, revs);
}

/** Records kept text's old run properties (`formats`, as ParagraphEdit has them) on the runs holding it, split at its edges. */
export function markFormats(pieces: readonly TextPiece[], formats: readonly FormatEdit[], revs: Revisions): void {
  const cuts: number[] = [];
  for (const f of formats) cuts.push(f.from, f.to);
  recordFormats(isolateRuns(pieces, cuts), formats, revs);
}

function recordFormats(slots: readonly RunSlot[], formats: readonly FormatEdit[], revs: Revisions): void {
  // isolateRuns gives the slots in text order, so each range's runs are found from the first slot at or after its
  // start and end at the first slot starting at or past its end (a later one ends past it too): scanning every slot
  // for every range took 1.2 s of writing a paragraph of 16,000 runs whose formatting all changed.
  for (const f of formats) {
    for (let k = firstIndex(slots.length, (i) => slots[i]!.start >= f.from); k < slots.length; k++) {
      const s = slots[k]!;
      if (s.start >= f.to) break;
      // a run that could not be split at the range's edges (its text in a nested element) is left as it is
      if (s.run.name === "w:r" && s.start >= f.from && s.end <= f.to && s.end > s.start) revs.recordRunProperties(s.run, f.rPr);
    }
  }
}

const isMath = (el: XmlElement) => el.name.startsWith("m:");

/**
 * Where content deleted at text offset `at` goes: before the first run at or
 * after it, or after the last run. Deleted math text at an equation's end
 * stays in the equation, after its last run, rather than going before the
 * text that follows it.
 */
function deletionPlace(p: XmlElement, slots: RunSlot[], at: number, hasMark: boolean, mathOnly: boolean, index: ParentIndex): [XmlElement, (nodes: XmlElement[]) => void] {
  const target = slots.find((s) => s.start >= at);
  let prev: RunSlot | undefined;
  for (const s of slots) if (s.end <= at) prev = s;
  if (mathOnly && prev && prev.end === at && isMath(prev.parent) && !(target && isMath(target.parent))) {
    return [prev.parent, (nodes) => insertAfter(prev.parent, lastDeletedAfter(prev), nodes)];
  }
  if (target) {
    if (target.parent === p) return [p, (nodes) => insertBefore(p, beforeInsertedRefs(p, target.run), nodes)];
    // a restored paragraph end must sit directly in the paragraph: put the deletion before the hyperlink (or field) holding the run
    if (hasMark) return [p, (nodes) => insertBefore(p, index.childOf(p, target.parent) ?? childHolding(p, target.parent) ?? target.parent, nodes)];
    return [target.parent, (nodes) => insertBefore(target.parent, beforeInsertedRefs(target.parent, target.run), nodes)];
  }
  const last = slots[slots.length - 1];
  if (last && !hasMark && last.parent !== p) return [last.parent, (nodes) => insertAfter(last.parent, lastDeletedAfter(last), nodes)];
  return [p, (nodes) => p.children.push(...nodes)];
}

/**
 * The child of `p` that holds `el`. The parent index does not look inside
 * paragraphs of a part without text boxes, so it cannot say which equation
 * or content control holds a run; without this a restored paragraph end
 * went to the end of the paragraph and took everything before it along.
 */
function childHolding(p: XmlElement, el: XmlElement): XmlElement | null {
  const holds = (x: XmlElement): boolean => x === el || x.children.some((c) => c.type === "element" && holds(c));
  return p.children.find((c): c is XmlElement => c.type === "element" && holds(c)) ?? null;
}

/**
 * Deleted content goes before what was inserted at the same place, and that
 * includes note references marked inserted just before `ref` (as it does for
 * text: the first slot at the position is the inserted one).
 */
function beforeInsertedRefs(parent: XmlElement, ref: XmlElement): XmlElement {
  let at = parent.children.indexOf(ref);
  while (at > 0 && isInsertedRef(parent.children[at - 1]!)) at--;
  return at >= 0 ? (parent.children[at] as XmlElement) : ref;
}

function isInsertedRef(n: XmlNode): boolean {
  if (n.type !== "element" || n.name !== "w:ins") return false;
  return n.children.every((r) => r.type === "element" && r.name === "w:r" && r.children.some((c) => c.type === "element" && (c.name === "w:footnoteReference" || c.name === "w:endnoteReference")));
}

function lastDeletedAfter(slot: RunSlot): XmlElement {
  // insert after the last node already placed after this run (keeps deletion order)
  const siblings = slot.parent.children;
  let at = siblings.indexOf(slot.run);
  while (at + 1 < siblings.length) {
    const n = siblings[at + 1]!;
    if (n.type === "element" && (n.name === "w:del" || n.name === SPLIT)) at++;
    else break;
  }
  return siblings[at] as XmlElement;
}

function insertBefore(parent: XmlElement, ref: XmlElement, nodes: XmlElement[]): void {
  const at = parent.children.indexOf(ref);
  parent.children.splice(at < 0 ? parent.children.length : at, 0, ...nodes);
}

function insertAfter(parent: XmlElement, ref: XmlElement, nodes: XmlElement[]): void {
  const at = parent.children.indexOf(ref);
  parent.children.splice(at < 0 ? parent.children.length : at + 1, 0, ...nodes);
}

/** Wraps every run lying inside an inserted range; neighbouring runs of one parent share a wrapper. */
function wrapInserted(slots: RunSlot[], ranges: [number, number][], revs: Revisions, wrapAs: "w:ins" | "w:moveTo"): void {
  const inside = (s: RunSlot) => ranges.some(([a, b]) => s.start >= a && s.end <= b && s.end > s.start);
  let group: RunSlot[] = [];
  const flush = () => {
    if (!group.length) return;
    const parent = group[0]!.parent;
    const at = parent.children.indexOf(group[0]!.run);
    const runs = group.map((g) => g.run);
    parent.children.splice(at, runs.length, revs.wrap(wrapAs, runs));
    group = [];
  };
  for (const s of slots) {
    if (!inside(s)) {
      flush();
      continue;
    }
    const prev = group[group.length - 1];
    if (prev && (prev.parent !== s.parent || prev.parent.children.indexOf(prev.run) + 1 !== s.parent.children.indexOf(s.run))) flush();
    group.push(s);
  }
  flush();
}

/** Turns split markers into paragraphs with deleted marks, placed before `p`. Returns them in order. */
function splitParagraph(p: XmlElement, props: Map<XmlElement, XmlElement | null>, revs: Revisions): XmlElement[] {
  if (!props.size) return [];
  const pPr = findChild(p, "w:pPr");
  const made: XmlElement[] = [];
  let buf: XmlNode[] = [];
  for (const child of p.children) {
    if (child === pPr) continue;
    if (child.type === "element" && props.has(child)) {
      const own = props.get(child) ?? null;
      const q = element("w:p", [], [...(own ? [own] : pPr ? [cloneNode(pPr)] : []), ...buf]);
      revs.markParagraph(q, "w:del");
      made.push(q);
      buf = [];
    } else buf.push(child);
  }
  p.children = [...(pPr ? [pPr] : []), ...buf];
  return made;
}

/** Wraps every run of a paragraph (at any depth outside runs) in `kind`. */
export function wrapAllRuns(p: XmlElement, kind: "w:ins" | "w:del" | "w:moveFrom" | "w:moveTo", revs: Revisions): void {
  const visit = (el: XmlElement) => {
    let i = 0;
    while (i < el.children.length) {
      const c = el.children[i]!;
      if (c.type !== "element") {
        i++;
        continue;
      }
      if (c.name === "w:r") {
        let j = i;
        while (j < el.children.length && isRun(el.children[j]!)) j++;
        const runs = el.children.slice(i, j) as XmlElement[];
        el.children.splice(i, j - i, revs.wrap(kind, runs));
        i++;
      } else if (c.name === "m:oMath" || c.name === "m:oMathPara") {
        markMath(c, kind === "w:moveFrom" ? "w:del" : kind === "w:moveTo" ? "w:ins" : kind, revs);
        i++;
      } else if (WRAPPERS_SKIP.has(c.name)) i++;
      else {
        visit(c);
        i++;
      }
    }
  };
  visit(p);
}

const isRun = (n: XmlNode) => n.type === "element" && n.name === "w:r";
/** Elements not to look into: properties and existing revisions */
const WRAPPERS_SKIP = new Set(["w:pPr", "w:ins", "w:del", "w:moveFrom", "w:moveTo", "w:rPr"]);

const isRevision = (n: XmlNode) => n.type === "element" && (n.name === "w:ins" || n.name === "w:del");

/**
 * Marks a whole equation inserted or deleted: every stretch of math runs,
 * at any depth, goes into a w:ins or w:del (math text stays m:t), and each
 * structure's control properties (m:ctrlPr) carry the same mark, so that
 * accepting or rejecting takes the fractions, scripts and radicals away
 * with their text. Word itself writes the mark inside each m:r, but the
 * schema (and so the Open XML SDK validator) allows it only around runs.
 * Parts already marked are left as they are.
 */
export function markMath(math: XmlElement, kind: "w:ins" | "w:del", revs: Revisions): void {
  const isMathRun = (n: XmlNode) => n.type === "element" && n.name === "m:r";
  const visit = (el: XmlElement): void => {
    if (el.name === "m:ctrlPr") {
      if (!el.children.some(isRevision)) el.children = [revs.wrap(kind, el.children.filter((c): c is XmlElement => c.type === "element"))];
      return;
    }
    let i = 0;
    while (i < el.children.length) {
      const c = el.children[i]!;
      if (isMathRun(c)) {
        let j = i;
        while (j < el.children.length && isMathRun(el.children[j]!)) j++;
        el.children.splice(i, j - i, revs.wrap(kind, el.children.slice(i, j) as XmlElement[]));
      } else if (c.type === "element" && !isRevision(c)) visit(c);
      i++;
    }
  };
  visit(math);
}
