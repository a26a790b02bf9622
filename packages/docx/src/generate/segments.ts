/**
 * One Delta entry as revision-marked text: runs, and the paragraph marks
 * between and after them. A paragraph mark is a revision like any text: the
 * "\n" of an inserted line is an inserted mark, and an added entry's own mark
 * is inserted too, so that rejecting everything removes the paragraph instead
 * of leaving an empty one behind.
 */
import { RedlineError, type DeltaClause, type DeltaSide, type InlineOp } from "@redline/core";

/** How a piece of text, or a paragraph mark, takes part in the revisions. */
export type Revision = "none" | "ins" | "del" | "moveFrom" | "moveTo";

/**
 * How an entry is shown at one place in the document:
 * - `as-is`: unchanged or modified in place, its word ops as insertions and deletions;
 * - `added`, `deleted`: the whole new or old entry, marks included;
 * - `move-from`: the old entry where it stood, as moved away;
 * - `move-to`: the new entry where it stands, as moved here, with its own edits.
 */
export type Role = "as-is" | "added" | "deleted" | "move-from" | "move-to";

export interface Segment {
  revision: Revision;
  /** May hold "\t" (a tab) and "\n" (a paragraph mark of this segment's revision). */
  text: string;
}

export interface MarkedParagraph {
  runs: Segment[];
  /** The revision of the paragraph's own mark. */
  mark: Revision;
}

/** The revision each inline op becomes in a role; null leaves the op out. */
type OpRevisions = Record<InlineOp["op"], Revision | null>;

const IN_PLACE: OpRevisions = { equal: "none", insert: "ins", delete: "del" };
// At a move's destination the deleted words are not repeated: the moved-from
// copy at the old place already shows them, and repeating them here would put
// them back twice when every change is rejected.
const AT_DESTINATION: OpRevisions = { equal: "moveTo", insert: "ins", delete: null };

function badDelta(message: string): RedlineError {
  return new RedlineError("bad-delta", null, message);
}

function sideOf(entry: DeltaClause, which: "old" | "new"): DeltaSide {
  const side = entry[which];
  if (side === null) throw badDelta(`a ${entry.status} entry has no ${which} side, so it cannot be written as a tracked change`);
  return side;
}

/** The entry's word ops, checked against both of its texts: they are what accept and reject must give back. */
function inlineOps(entry: DeltaClause): InlineOp[] {
  const oldSide = sideOf(entry, "old");
  const newSide = sideOf(entry, "new");
  const ops: InlineOp[] = entry.inline.length > 0 || oldSide.text !== newSide.text ? entry.inline : [{ op: "equal", text: newSide.text }];
  const oldText = ops.filter((o) => o.op !== "insert").map((o) => o.text).join("");
  const newText = ops.filter((o) => o.op !== "delete").map((o) => o.text).join("");
  if (oldText !== oldSide.text || newText !== newSide.text) {
    throw badDelta(`the word changes of entry "${newSide.id}" do not turn its old text into its new text`);
  }
  return ops;
}

/** The label and the tab after it: a changed label is deleted and the new one inserted. */
function labelSegments(oldLabel: string | null, newLabel: string | null, revisions: OpRevisions): Segment[] {
  const out: Segment[] = [];
  const push = (op: InlineOp["op"], text: string): void => {
    const revision = revisions[op];
    if (revision !== null) out.push({ revision, text });
  };
  if (oldLabel === newLabel) {
    if (newLabel !== null) push("equal", `${newLabel}\t`);
    return out;
  }
  if (oldLabel !== null) push("delete", oldLabel);
  if (newLabel !== null) push("insert", newLabel);
  push(oldLabel !== null && newLabel !== null ? "equal" : oldLabel !== null ? "delete" : "insert", "\t");
  return out;
}

function wholeSide(side: DeltaSide, revision: Revision): Segment[] {
  const text = side.label === null ? side.text : `${side.label}\t${side.text}`;
  return [{ revision, text }];
}

function segmentsFor(entry: DeltaClause, role: Role): { segments: Segment[]; end: Revision } {
  switch (role) {
    case "added":
      return { segments: wholeSide(sideOf(entry, "new"), "ins"), end: "ins" };
    case "deleted":
      return { segments: wholeSide(sideOf(entry, "old"), "del"), end: "del" };
    case "move-from":
      return { segments: wholeSide(sideOf(entry, "old"), "moveFrom"), end: "moveFrom" };
    case "as-is":
    case "move-to": {
      const revisions = role === "as-is" ? IN_PLACE : AT_DESTINATION;
      const segments = labelSegments(sideOf(entry, "old").label, sideOf(entry, "new").label, revisions);
      for (const op of inlineOps(entry)) {
        const revision = revisions[op.op];
        if (revision !== null) segments.push({ revision, text: op.text });
      }
      return { segments, end: role === "as-is" ? "none" : "moveTo" };
    }
  }
}

/** Cuts the segments at each "\n"; the cut's mark takes the revision of the segment it was in. */
function splitParagraphs(segments: Segment[], end: Revision): MarkedParagraph[] {
  const out: MarkedParagraph[] = [];
  let runs: Segment[] = [];
  for (const segment of segments) {
    const lines = segment.text.split("\n");
    lines.forEach((line, i) => {
      if (i > 0) {
        out.push({ runs, mark: segment.revision });
        runs = [];
      }
      if (line === "") return;
      const last = runs[runs.length - 1];
      if (last && last.revision === segment.revision) last.text += line;
      else runs.push({ revision: segment.revision, text: line });
    });
  }
  out.push({ runs, mark: end });
  return out;
}

/**
 * Lines added (or removed) at the end of an entry come from an op such as
 * `insert "\n– item"`, whose inserted mark falls *before* the new line. Both
 * placements accept and reject to the same text, but with the mark before the
 * line, rejecting merges the entry's last old line into the new line's
 * paragraph and gives it the new line's style. Moving the revised mark to the
 * end of the new lines (Word does the same when Enter is pressed at the end of
 * a paragraph) keeps the old paragraph whole.
 */
function settleTrailingMarks(paragraphs: MarkedParagraph[]): void {
  const n = paragraphs.length - 1;
  if (n === 0 || paragraphs[n]!.mark !== "none") return;
  const revision = paragraphs[n - 1]!.mark;
  if (revision !== "ins" && revision !== "del") return;
  const wholly = (p: MarkedParagraph): boolean => p.runs.every((r) => r.revision === revision);
  if (!wholly(paragraphs[n]!)) return;
  let start = n;
  while (start > 1 && wholly(paragraphs[start - 1]!) && paragraphs[start - 2]!.mark === revision) start--;
  paragraphs[start - 1]!.mark = "none";
  paragraphs[n]!.mark = revision;
}

/** The entry, shown in the given role, as paragraphs with revision-marked runs and marks. */
export function markEntry(entry: DeltaClause, role: Role): MarkedParagraph[] {
  const { segments, end } = segmentsFor(entry, role);
  const paragraphs = splitParagraphs(segments, end);
  settleTrailingMarks(paragraphs);
  return paragraphs;
}
