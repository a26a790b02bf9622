/**
 * Delta -> one self-contained HTML file: inline CSS, no scripts, no request of
 * any kind (nothing is loaded by URL), deterministic (no dates, no random ids),
 * printable. A redline is often mailed or archived, and has to read the same
 * offline, years later, on paper.
 */
import type { Delta } from "@redline/core";
import { documentTitle, isTouched } from "../common/entries.js";
import { countRows, docName, summaryLine } from "../common/summary.js";
import { escapeHtml } from "./escape.js";
import { CSS } from "./style.js";
import { entryLabel, redlineId, redlineView, sideBySideView, sideId } from "./views.js";

export interface HtmlOptions {
  /** The page title and main heading. Default: "Redline: <old name> → <new name>". */
  title?: string;
  /** Which views to include; "both" puts the inline redline first, then the side-by-side table. Default "both". */
  view?: "inline" | "side-by-side" | "both";
  /** Shown as the old document's title instead of the text of its "title" entry. */
  oldTitle?: string;
  /** Shown as the new document's title instead of the text of its "title" entry. */
  newTitle?: string;
  /** The language of the page (and of the documents), for the `lang` attribute. Default "en". */
  lang?: string;
  /**
   * In the inline view, keep this many unchanged entries around each change
   * and fold the other unchanged runs into closed <details>. Default null:
   * everything open, which is what prints. Browsers print closed details folded.
   */
  context?: number | null;
}

export function renderHtml(delta: Delta, options: HtmlOptions = {}): string {
  const view = options.view ?? "both";
  const showInline = view !== "side-by-side";
  const showSide = view !== "inline";
  const oldName = docName(delta.old.name, "old");
  const newName = docName(delta.new.name, "new");
  const title = options.title ?? `Redline: ${oldName} → ${newName}`;
  const oldTitle = options.oldTitle ?? documentTitle(delta.clauses, "old");
  const newTitle = options.newTitle ?? documentTitle(delta.clauses, "new");

  const nav = [
    ["summary", "Summary"],
    ["touched", "Changed clauses"],
    ...(showInline ? [["redline", "Redline"]] : []),
    ...(showSide ? [["side-by-side", "Side by side"]] : []),
  ].map(([id, text]) => `<li><a href="#${id}">${text}</a></li>`);

  const docRows = [`<tr><th scope="row">File</th><td>${escapeHtml(oldName)}</td><td>${escapeHtml(newName)}</td></tr>`];
  if (oldTitle !== null || newTitle !== null) {
    docRows.push(`<tr><th scope="row">Title</th><td>${titleCell(oldTitle)}</td><td>${titleCell(newTitle)}</td></tr>`);
  }

  const counts = countRows(delta).map((r) => `<tr><th scope="row">${escapeHtml(r.heading)}</th><td class="num">${r.count}</td></tr>`);
  const notes = delta.notes.length > 0 ? `<div class="notes" role="note">${delta.notes.map((n) => `<p>${escapeHtml(n)}</p>`).join("")}</div>` : "";

  const target = showInline ? redlineId : sideId;
  const touched = delta.clauses
    .map((c, i) => (isTouched(c) ? `<li><a href="#${target(i)}">${entryLabel(c)}</a></li>` : ""))
    .filter((li) => li !== "");

  const parts = [
    `<!DOCTYPE html>`,
    `<html lang="${escapeHtml(options.lang ?? "en")}">`,
    `<head>`,
    `<meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<meta name="generator" content="redline">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${CSS}</style>`,
    `</head>`,
    `<body>`,
    `<header>`,
    `<h1>${escapeHtml(title)}</h1>`,
    `<table class="documents">`,
    `<caption class="visually-hidden">Documents compared</caption>`,
    `<thead><tr><td></td><th scope="col">Old</th><th scope="col">New</th></tr></thead>`,
    `<tbody>${docRows.join("")}</tbody>`,
    `</table>`,
    `<p class="legend">Key: <span><ins>inserted</ins></span> <span><del>deleted</del></span> <span><span class="badge badge-MOD">MOD</span> modified</span> <span><span class="badge badge-ADD">ADD</span> added</span> <span><span class="badge badge-SUP">SUP</span> suppressed (deleted)</span></p>`,
    `<nav aria-label="Sections"><ul>${nav.join("")}</ul></nav>`,
    `</header>`,
    `<main>`,
    `<section id="summary" aria-labelledby="summary-title">`,
    `<h2 id="summary-title">Summary</h2>`,
    `<table class="counts">`,
    `<thead><tr><th scope="col">Change</th><th scope="col">Count</th></tr></thead>`,
    `<tbody>${counts.join("")}</tbody>`,
    `</table>`,
    `<p>${escapeHtml(summaryLine(delta.summary))}</p>`,
    notes,
    `</section>`,
    `<section id="touched" aria-labelledby="touched-title">`,
    `<h2 id="touched-title">Changed clauses</h2>`,
    touched.length > 0 ? `<ol class="touched-list">\n${touched.join("\n")}\n</ol>` : `<p>No differences.</p>`,
    `</section>`,
  ];
  if (showInline) {
    parts.push(`<section id="redline" aria-labelledby="redline-title">`, `<h2 id="redline-title">Redline</h2>`, redlineView(delta, options.context ?? null), `</section>`);
  }
  if (showSide) {
    parts.push(`<section id="side-by-side" aria-labelledby="side-by-side-title">`, `<h2 id="side-by-side-title">Side by side</h2>`, sideBySideView(delta), `</section>`);
  }
  parts.push(`</main>`, `</body>`, `</html>`);
  return parts.filter((p) => p !== "").join("\n") + "\n";
}

function titleCell(text: string | null): string {
  return text === null ? "" : text.split("\n").map(escapeHtml).join("<br>");
}
