/**
 * Delta -> text for a terminal, read like `git diff --word-diff`: a header per
 * touched entry (ITU marker, address, tags), the entry's text with its word
 * changes, unchanged entries around them as context, the rest folded.
 */
import type { Delta, DeltaClause, InlineOp } from "@redline/core";
import { address, displayOps, isTouched, paragraphs, tags } from "../common/entries.js";
import { foldUnchanged } from "../common/fold.js";
import { docName, plural, summaryLine } from "../common/summary.js";
import { type Frag, paint, paintFrags, sanitize, sanitizeLine } from "./ansi.js";
import { wrap } from "./wrap.js";

export interface TerminalOptions {
  /** ANSI colours and text attributes; without them changes read `[-deleted-]{+inserted+}`. */
  color: boolean;
  /**
   * Unchanged entries to show on each side of every touched one; the others
   * are folded into one line per run ("⋯ 12 unchanged clauses"). null shows all.
   */
  context: number | null;
  /** Wrap text to this many columns (at least 20 are used). Default: no wrapping. */
  width?: number;
}

const INDENT = "    ";
const MIN_WIDTH = 20;

export function renderTerminal(delta: Delta, options: TerminalOptions): string {
  const { color } = options;
  const blocks: string[][] = [[paint(sanitizeLine(`${docName(delta.old.name, "old")} → ${docName(delta.new.name, "new")}`), "bold", color)]];
  for (const item of foldUnchanged(delta.clauses, options.context)) {
    if (item.kind === "fold") blocks.push([paint(`⋯ ${plural(item.count, "unchanged clause", "unchanged clauses")}`, "dim", color)]);
    else blocks.push(entryLines(delta.clauses[item.index]!, options));
  }
  if (delta.notes.length > 0) blocks.push(delta.notes.map((n) => paint(`note: ${sanitizeLine(n)}`, "dim", color)));
  blocks.push([summaryLine(delta.summary)]);
  return blocks.map((b) => b.join("\n")).join("\n\n") + "\n";
}

/** "MOD considering/c → considering/d [renumbered c) → d)]" */
function headerLine(c: DeltaClause, color: boolean): string {
  const parts = [paint(c.marker, c.marker, color), paint(sanitizeLine(address(c)), "bold", color)];
  for (const t of tags(c)) parts.push(paint(`[${sanitizeLine(t)}]`, "tag", color));
  return parts.join(" ");
}

function entryLines(c: DeltaClause, options: TerminalOptions): string[] {
  const lines = isTouched(c) ? [headerLine(c, options.color)] : [];
  const width = options.width === undefined ? null : Math.max(MIN_WIDTH, options.width) - INDENT.length;
  for (const para of paragraphs(displayOps(c))) {
    const frags = para.flatMap((o) => opFrags(o, options.color));
    const wrapped = width === null ? [frags] : wrap(frags, width);
    for (const l of wrapped) lines.push(l.length > 0 ? INDENT + paintFrags(l, options.color) : "");
  }
  return lines;
}

function opFrags(o: InlineOp, color: boolean): Frag[] {
  const text = sanitize(o.text);
  if (o.op === "equal") return [{ text, style: null }];
  const style = o.op;
  if (color) return [{ text, style }];
  return o.op === "delete" ? [{ text: `[-${text}-]`, style: null }] : [{ text: `{+${text}+}`, style: null }];
}
