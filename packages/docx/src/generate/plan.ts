/**
 * Delta -> the paragraphs of the generated document, as plain data: style,
 * revision-marked runs, the paragraph mark's revision and, for moves, which
 * range of moved paragraphs each one opens or closes. Everything about the
 * redline is decided here; building the package only writes it out.
 */
import type { ClauseKind, Delta } from "@redline/core";
import { placeEntries } from "./order.js";
import { markEntry, type MarkedParagraph, type Revision, type Segment } from "./segments.js";
import { chooseStyle, type ParagraphStyleId } from "./styles.js";

export interface MoveRange {
  side: "from" | "to";
  /** 1-based number of the move; both ends of a move share it. */
  move: number;
  first: boolean;
  last: boolean;
}

export interface PlannedParagraph {
  style: ParagraphStyleId;
  hanging: boolean;
  runs: Segment[];
  mark: Revision;
  range: MoveRange | null;
}

const ACCEPTED: ReadonlySet<Revision> = new Set(["none", "ins", "moveTo"]);
const REJECTED: ReadonlySet<Revision> = new Set(["none", "del", "moveFrom"]);

interface Line {
  /** The line's text without the entry's label. */
  text: string;
  /** It holds the start of the entry. */
  first: boolean;
}

/**
 * The line a paragraph stands for, which its style must suit: the paragraph
 * as accepted when its mark stays on accepting (with the paragraphs before it
 * whose marks are deleted, since accepting merges them into it), else as
 * rejected (with those before it whose marks are inserted). A deleted dash
 * item, say, leaves its "–<TAB>" to the next paragraph when accepted: that
 * paragraph is a dash item too, though its own new text does not show it.
 */
function lineOf(paragraphs: readonly MarkedParagraph[], i: number, labels: { old: string | null; new: string | null }): Line {
  const accepted = ACCEPTED.has(paragraphs[i]!.mark);
  const side = accepted ? ACCEPTED : REJECTED;
  let start = i;
  while (start > 0 && !side.has(paragraphs[start - 1]!.mark)) start--;
  let text = paragraphs
    .slice(start, i + 1)
    .flatMap((p) => p.runs.filter((r) => side.has(r.revision)).map((r) => r.text))
    .join("");
  const label = accepted ? labels.new : labels.old;
  if (start === 0 && label !== null && text.startsWith(`${label}\t`)) text = text.slice(label.length + 1);
  return { text, first: start === 0 };
}

export function planParagraphs(delta: Delta, options: { moves: boolean }): PlannedParagraph[] {
  const out: PlannedParagraph[] = [];
  for (const { entry, role, move } of placeEntries(delta, options.moves)) {
    const shown = role === "deleted" || role === "move-from" ? entry.old : (entry.new ?? entry.old);
    const kind: ClauseKind = shown?.kind ?? "paragraph";
    const labels = { old: role === "added" ? null : (entry.old?.label ?? null), new: role === "deleted" || role === "move-from" ? null : (entry.new?.label ?? null) };
    const paragraphs = markEntry(entry, role);
    const lines = paragraphs.map((_, i) => lineOf(paragraphs, i, labels));
    const firstLine = lines.find((l) => l.first)?.text ?? "";
    paragraphs.forEach((p, i) => {
      const line = lines[i]!;
      const { style, hanging } = chooseStyle(kind, shown?.label ?? null, line.first, line.text, firstLine);
      const range: MoveRange | null =
        move === null ? null : { side: role === "move-from" ? "from" : "to", move, first: i === 0, last: i === paragraphs.length - 1 };
      out.push({ style, hanging, runs: p.runs, mark: p.mark, range });
    });
  }
  // The body's last paragraph mark cannot be removed: a revised one there would
  // leave an empty paragraph behind, so the revised paragraph gets a plain one after it.
  const last = out[out.length - 1];
  if (last === undefined || last.mark !== "none") out.push({ style: "Normal", hanging: false, runs: [], mark: "none", range: null });
  return out;
}
