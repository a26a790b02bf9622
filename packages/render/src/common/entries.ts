/**
 * What every renderer says about one Delta entry, worded once: whether it is
 * touched, its address, its tags, and the text to show with the label in
 * front. Renderers differ only in how they mark these up.
 */
import { countWords, type DeltaClause, type DeltaSide, type FormattingChange, type InlineOp } from "@redline/core";

/**
 * An entry is worth reporting when its marker says so, and also when it only
 * moved: a clause that moved without changing its label keeps the marker NOC
 * (DESIGN.md), yet a reviewer must see that it moved.
 */
export function isTouched(c: DeltaClause): boolean {
  return c.marker !== "NOC" || c.moved || c.renumbered;
}

/** The side an entry is best named by: the new one, unless it was deleted. */
export function mainSide(c: DeltaClause): DeltaSide {
  const s = c.new ?? c.old;
  if (s === null) throw new Error("a Delta entry has neither an old nor a new side");
  return s;
}

/** "resolves/3", or "instructs-the-study-groups/5 → instructs-the-study-groups/2" when the id changed. */
export function address(c: DeltaClause): string {
  if (c.old && c.new && c.old.id !== c.new.id) return `${c.old.id} → ${c.new.id}`;
  return mainSide(c).id;
}

const NO_LABEL = "(no label)";

/** Short words for what else happened to an entry besides its marker: "moved", "renumbered c) → d)", "note reference 1 added", "formatting: …". */
export function tags(c: DeltaClause): string[] {
  const out: string[] = [];
  if (c.moved) out.push("moved");
  if (c.renumbered) out.push(`renumbered ${c.old?.label ?? NO_LABEL} → ${c.new?.label ?? NO_LABEL}`);
  if (c.noteReferences) {
    const { added, removed } = c.noteReferences;
    const refs = (marks: string[], what: string) => `note reference${marks.length === 1 ? "" : "s"} ${marks.join(", ")} ${what}`;
    if (removed.length) out.push(refs(removed, "removed"));
    if (added.length) out.push(refs(added, "added"));
  }
  if (c.formatting) out.push(formattingTag(c.formatting));
  if (c.approximate) out.push("approximate");
  return out;
}

/** Most formatting changes one tag names; the JSON has them all. */
const FORMATTING_NAMED = 3;

/** "formatting: “encourage” bold; “10³” not superscript", the first few of an entry's changes. */
export function formattingTag(changes: readonly FormattingChange[]): string {
  const named = changes.slice(0, FORMATTING_NAMED).map((f) => `“${f.text}” ${describeFormatting(f)}`);
  const more = changes.length - named.length;
  return `formatting: ${named.join("; ")}${more > 0 ? ` (and ${more} more)` : ""}`;
}

/** "bold in the proposal; italic in force": a formatting change as the secretariat's check reports it (old = in force). */
export function describeUnmarkedFormatting(f: FormattingChange): string {
  const parts: string[] = [];
  if (f.added.length > 0) parts.push(`${f.added.join(", ")} in the proposal`);
  if (f.removed.length > 0) parts.push(`${f.removed.join(", ")} in force`);
  return parts.join("; ");
}

/** "bold, not italic": what the new side shows there, then what it no longer shows. */
export function describeFormatting(f: FormattingChange): string {
  return [...f.added, ...f.removed.map((name) => `not ${name}`)].join(", ");
}

/** The text of the entry whose kind is "title" on one side, or null. */
export function documentTitle(clauses: readonly DeltaClause[], which: "old" | "new"): string | null {
  for (const c of clauses) {
    const s = c[which];
    if (s && s.kind === "title") return s.text;
  }
  return null;
}

/**
 * The entry as printed, label first: the label's change (if any) is shown as a
 * deletion and an insertion like any other edit, so "c)" -> "d)" reads as
 * [-c)-]{+d)+}. The space after the label takes the label's op when the whole
 * entry was added or deleted, so an added clause is one insertion, not three.
 */
export function displayOps(c: DeltaClause): InlineOp[] {
  const ops: InlineOp[] = [];
  const oldLabel = c.old?.label ?? null;
  const newLabel = c.new?.label ?? null;
  if (oldLabel !== null && oldLabel === newLabel) ops.push({ op: "equal", text: oldLabel });
  else {
    if (oldLabel !== null) ops.push({ op: "delete", text: oldLabel });
    if (newLabel !== null) ops.push({ op: "insert", text: newLabel });
  }
  if (ops.length > 0 && c.inline.length > 0) {
    ops.push({ op: c.status === "added" ? "insert" : c.status === "deleted" ? "delete" : "equal", text: " " });
  }
  ops.push(...c.inline);
  return mergeOps(ops);
}

/** One side of the entry as printed: the old side keeps deletions, the new one insertions. */
export function sideOps(ops: readonly InlineOp[], which: "old" | "new"): InlineOp[] {
  const drop = which === "old" ? "insert" : "delete";
  return mergeOps(ops.filter((o) => o.op !== drop));
}

function mergeOps(ops: readonly InlineOp[]): InlineOp[] {
  const out: InlineOp[] = [];
  for (const o of ops) {
    if (o.text === "") continue;
    const last = out[out.length - 1];
    if (last && last.op === o.op) out[out.length - 1] = { op: o.op, text: last.text + o.text };
    else out.push({ op: o.op, text: o.text });
  }
  return out;
}

/**
 * Split ops at "\n" into paragraphs (an entry's continuation paragraphs are
 * joined with "\n"). A change that spans a paragraph break is cut in two, so
 * every renderer can close its markup at the end of each paragraph.
 */
export function paragraphs(ops: readonly InlineOp[]): InlineOp[][] {
  const out: InlineOp[][] = [[]];
  for (const o of ops) {
    const parts = o.text.split("\n");
    parts.forEach((text, i) => {
      if (i > 0) out.push([]);
      if (text !== "") out[out.length - 1]!.push({ op: o.op, text });
    });
  }
  return out;
}

/** Words inserted and deleted in one entry, counted the way the Delta's summary counts them. */
export function wordCounts(c: DeltaClause): { inserted: number; deleted: number } {
  let inserted = 0;
  let deleted = 0;
  for (const o of c.inline) {
    if (o.op === "insert") inserted += countWords(o.text);
    else if (o.op === "delete") deleted += countWords(o.text);
  }
  return { inserted, deleted };
}
