/**
 * Delta -> GitHub-flavoured Markdown, for pull requests, mailing lists and
 * wikis: title, a table of counts, then each touched entry as a marker line
 * and its text with <ins>/<del> (GFM has no underline, and `~~` cannot nest
 * inside words reliably; the two HTML elements are allowed by every GFM
 * sanitiser and read well raw).
 */
import type { Delta, DeltaClause, InlineOp } from "@redline/core";
import { displayOps, documentTitle, isTouched, paragraphs, tags } from "../common/entries.js";
import { countRows, docName, summaryLine } from "../common/summary.js";
import { codeSpan, escapeInline, escapeLineEnd, escapeLineStart } from "./escape.js";

export interface MarkdownOptions {
  /** Show unchanged entries too (as plain paragraphs). Default false: touched entries only. */
  all?: boolean;
  /** Replaces the default title, "<old name> → <new name>". */
  title?: string;
}

export function renderMarkdown(delta: Delta, options: MarkdownOptions = {}): string {
  const oldName = docName(delta.old.name, "old");
  const newName = docName(delta.new.name, "new");
  const blocks: string[] = [`# ${escapeInline(options.title ?? `${oldName} → ${newName}`)}`];

  const oldTitle = documentTitle(delta.clauses, "old");
  const newTitle = documentTitle(delta.clauses, "new");
  const docRows = [tableRow(["", "Old", "New"]), "| --- | --- | --- |", tableRow(["Document", escapeInline(oldName), escapeInline(newName)])];
  if (oldTitle !== null || newTitle !== null) docRows.push(tableRow(["Title", cellText(oldTitle), cellText(newTitle)]));
  blocks.push(docRows.join("\n"));

  blocks.push("## Summary");
  blocks.push([tableRow(["Change", "Count"]), "| --- | ---: |", ...countRows(delta).map((r) => tableRow([r.heading, String(r.count)]))].join("\n"));
  blocks.push(escapeInline(summaryLine(delta.summary)));
  for (const note of delta.notes) blocks.push(`> **Note:** ${escapeInline(note)}`);

  const shown = delta.clauses.filter((c) => options.all === true || isTouched(c));
  blocks.push(options.all === true ? "## Text" : "## Changes");
  if (shown.length === 0) blocks.push("_No differences._");
  for (const c of shown) {
    if (isTouched(c)) blocks.push(headerLine(c));
    for (const para of paragraphs(displayOps(c))) if (para.length > 0) blocks.push(paragraphLine(para));
  }
  return blocks.join("\n\n") + "\n";
}

/** "**MOD** `considering/c` → `considering/d` — renumbered c) → d)" */
function headerLine(c: DeltaClause): string {
  const ids = c.old && c.new && c.old.id !== c.new.id ? `${codeSpan(c.old.id)} → ${codeSpan(c.new.id)}` : codeSpan((c.new ?? c.old)!.id);
  const t = tags(c);
  return `**${c.marker}** ${ids}${t.length > 0 ? ` — ${escapeInline(t.join(", "))}` : ""}`;
}

function paragraphLine(ops: readonly InlineOp[]): string {
  let line = "";
  ops.forEach((o, i) => {
    let text = i === 0 && o.op === "equal" ? escapeLineStart(o.text) : escapeInline(o.text);
    if (i === ops.length - 1 && o.op === "equal") text = escapeLineEnd(text);
    line += o.op === "equal" ? text : o.op === "insert" ? `<ins>${text}</ins>` : `<del>${text}</del>`;
  });
  return line;
}

function cellText(text: string | null): string {
  return text === null ? "" : escapeInline(text.replace(/\s*\n\s*/g, " "));
}

function tableRow(cells: readonly string[]): string {
  return `| ${cells.join(" | ")} |`;
}
