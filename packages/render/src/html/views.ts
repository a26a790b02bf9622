/**
 * The two views of the HTML report: the inline redline (one column, every
 * entry in order, changes marked in place) and the side-by-side table (old |
 * new, one row per entry, so deleted rows are empty on the right and added
 * rows empty on the left).
 */
import type { Delta, DeltaClause, InlineOp } from "@redline/core";
import { address, displayOps, isTouched, mainSide, paragraphs, sideOps, tags } from "../common/entries.js";
import { foldUnchanged } from "../common/fold.js";
import { docName, plural } from "../common/summary.js";
import { escapeHtml } from "./escape.js";

/** Anchor ids are built from entry positions, never from document text. */
export const redlineId = (index: number) => `e${index}`;
export const sideId = (index: number) => `s${index}`;

/** Marker badge, address and tags, e.g. MOD `considering/c → considering/d` [renumbered c) → d)]. */
export function entryLabel(c: DeltaClause): string {
  const t = tags(c).map((x) => ` <span class="tag">${escapeHtml(x)}</span>`).join("");
  return `<span class="badge badge-${escapeHtml(c.marker)}">${escapeHtml(c.marker)}</span> <code>${escapeHtml(address(c))}</code>${t}`;
}

/** Paragraphs of marked-up text; each change is closed at the end of its paragraph. */
export function textHtml(ops: readonly InlineOp[]): string {
  return paragraphs(ops)
    .map((para) => `<p dir="auto">${para.map(opHtml).join("")}</p>`)
    .join("");
}

function opHtml(o: InlineOp): string {
  const text = escapeHtml(o.text);
  return o.op === "equal" ? text : o.op === "insert" ? `<ins>${text}</ins>` : `<del>${text}</del>`;
}

function entryClasses(c: DeltaClause, base: string): string {
  const classes = [base, `${base}-${c.marker}`, `k-${mainSide(c).kind}`];
  if (c.moved) classes.push(`${base}-moved`);
  return escapeHtml(classes.join(" "));
}

function redlineEntry(c: DeltaClause, index: number): string {
  const head = isTouched(c) ? `<h3 class="entry-head">${entryLabel(c)}</h3>` : "";
  return `<div class="${entryClasses(c, "entry")}" id="${redlineId(index)}">${head}<div class="doc-text">${textHtml(displayOps(c))}</div></div>`;
}

/**
 * The inline view. With `context` set, runs of unchanged entries farther than
 * that from any change are folded into a closed <details>: still in the file,
 * one click away, but out of the way.
 */
export function redlineView(delta: Delta, context: number | null): string {
  const out: string[] = [];
  for (const item of foldUnchanged(delta.clauses, context)) {
    if (item.kind === "entry") {
      out.push(redlineEntry(delta.clauses[item.index]!, item.index));
      continue;
    }
    const inner: string[] = [];
    for (let i = item.index; i < item.index + item.count; i++) inner.push(redlineEntry(delta.clauses[i]!, i));
    out.push(`<details class="fold"><summary>⋯ ${plural(item.count, "unchanged clause", "unchanged clauses")}</summary>\n${inner.join("\n")}\n</details>`);
  }
  return out.join("\n");
}

export function sideBySideView(delta: Delta): string {
  const oldName = escapeHtml(docName(delta.old.name, "old"));
  const newName = escapeHtml(docName(delta.new.name, "new"));
  const rows = delta.clauses.map((c, i) => {
    const ops = displayOps(c);
    const cell = (which: "old" | "new") =>
      c[which] === null
        ? `<td class="empty"><span class="visually-hidden">${which === "old" ? "not in the old document" : "not in the new document"}</span></td>`
        : `<td class="doc-text">${textHtml(sideOps(ops, which))}</td>`;
    const head = isTouched(c) ? entryLabel(c) : `<code>${escapeHtml(address(c))}</code>`;
    return `<tr class="${entryClasses(c, "row")}" id="${sideId(i)}"><th scope="row">${head}</th>${cell("old")}${cell("new")}</tr>`;
  });
  return [
    `<table class="side-by-side">`,
    `<caption class="visually-hidden">Old and new text, one row per clause</caption>`,
    `<colgroup><col class="addr"><col><col></colgroup>`,
    `<thead><tr><th scope="col">Clause</th><th scope="col">Old: ${oldName}</th><th scope="col">New: ${newName}</th></tr></thead>`,
    `<tbody>`,
    ...rows,
    `</tbody>`,
    `</table>`,
  ].join("\n");
}
