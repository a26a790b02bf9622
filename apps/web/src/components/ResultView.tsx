/**
 * A result on screen: the summary, the toolbar (views, stepping through the
 * changes, downloads), and the workspace (navigator, document, change list;
 * or the check's findings). Its state (filters, the current change, opened
 * folds) belongs to one result: a new result starts afresh.
 */
import type { Check, Delta } from "@redline/core";
import { address, summaryLine } from "@redline/render";
import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { ExportFormat } from "../engine/pipeline.js";
import { changeIndices, docRows, documentTitle, filterChanges, NO_FILTERS, sectionTree, type DocRow, type Filters } from "../lib/model.js";
import type { CheckExportFormat, SideWarnings } from "../worker/protocol.js";
import { ChangeList } from "./ChangeList.js";
import { CheckView, verdict } from "./CheckView.js";
import { DocumentView, type ViewKind } from "./DocumentView.js";
import { Navigator } from "./Navigator.js";

export type Result =
  | { kind: "compare"; id: number; delta: Delta; warnings: SideWarnings; workerMs: number; t0: number }
  | { kind: "check"; id: number; check: Check; workerMs: number; t0: number };

export interface ExportSpec {
  format: ExportFormat | CheckExportFormat;
  label: string;
  detail: string;
  suffix: string;
  mime: string;
}

const WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export const EXPORTS: Record<Result["kind"], ExportSpec[]> = {
  compare: [
    { format: "docx", label: "Word", detail: "tracked changes (.docx)", suffix: "-redline.docx", mime: WORD },
    { format: "html", label: "HTML", detail: "report", suffix: "-redline.html", mime: "text/html" },
    { format: "json", label: "JSON", detail: "Delta", suffix: "-delta.json", mime: "application/json" },
    { format: "md", label: "Markdown", detail: "", suffix: "-redline.md", mime: "text/markdown" },
  ],
  check: [
    { format: "corrected-docx", label: "Word", detail: "corrected tracked changes (.docx)", suffix: "-corrected.docx", mime: WORD },
    { format: "check-json", label: "JSON", detail: "check report", suffix: "-check.json", mime: "application/json" },
  ],
};

interface Props {
  result: Result;
  /** from the request to the result on screen, once painted */
  shownMs: number | null;
  view: ViewKind;
  onView: (v: ViewKind) => void;
  showUnchanged: boolean;
  onShowUnchanged: (show: boolean) => void;
  onExport: (spec: ExportSpec) => void;
  exportNote: string | null;
  announce: (text: string) => void;
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  const tag = el.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable) return true;
  if (tag !== "INPUT") return false;
  const type = (el as HTMLInputElement).type;
  return !["checkbox", "radio", "button", "submit", "reset", "file"].includes(type);
}

export function ResultView({ result, shownMs, view, onView: setView, showUnchanged, onShowUnchanged: setShowUnchanged, onExport, exportNote, announce: setAnnouncement }: Props) {
  const [expandedFolds, setExpandedFolds] = useState<ReadonlySet<number>>(new Set());
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [current, setCurrentState] = useState<number | null>(null);
  // read by key presses that come faster than renders
  const currentRef = useRef<number | null>(null);
  const setCurrent = (index: number | null) => {
    currentRef.current = index;
    setCurrentState(index);
  };
  const [target, setTarget] = useState<{ index: number; seq: number } | null>(null);

  const model = useMemo(() => {
    if (result.kind === "compare") {
      const clauses = result.delta.clauses;
      return { clauses, tree: sectionTree(clauses), changes: changeIndices(clauses), unmarked: undefined as number | undefined };
    }
    const items = [...result.check.unmarked, ...result.check.marked];
    return { clauses: items, tree: sectionTree(items), changes: items.map((_, i) => i), unmarked: result.check.unmarked.length };
  }, [result]);

  const filtered = useMemo(() => filterChanges(model.clauses, model.changes, filters), [model, filters]);
  const rows = useMemo(
    () => (result.kind === "compare" ? docRows(result.delta.clauses, showUnchanged, expandedFolds) : []),
    [result, showUnchanged, expandedFolds],
  );
  const position = current === null ? -1 : filtered.indexOf(current);

  const go = useCallback(
    (index: number, scroll = true) => {
      setCurrent(index);
      if (scroll) setTarget((t) => ({ index, seq: (t?.seq ?? 0) + 1 }));
      const c = model.clauses[index]!;
      const at = filtered.indexOf(index);
      const unmarked = model.unmarked !== undefined && index < model.unmarked ? "unmarked edit, " : "";
      setAnnouncement(`${at >= 0 ? `Change ${at + 1} of ${filtered.length}: ` : ""}${unmarked}${c.marker} ${address(c)}`);
    },
    [model, filtered],
  );

  /** An entry chosen in the navigator: unfolded if it was folded away, then shown. */
  const reveal = (index: number) => {
    const fold = foldStart(rows, index);
    if (fold !== null) setExpandedFolds((s) => new Set([...s, fold]));
    go(index);
  };

  const step = useCallback(
    (dir: 1 | -1) => {
      if (filtered.length === 0) return;
      const now = currentRef.current;
      let next: number | undefined;
      if (now === null) next = dir > 0 ? filtered[0] : filtered[filtered.length - 1];
      else if (dir > 0) next = filtered.find((i) => i > now);
      else next = [...filtered].reverse().find((i) => i < now);
      if (next === undefined) {
        setAnnouncement(dir > 0 ? "This is the last change." : "This is the first change.");
        return;
      }
      go(next);
    },
    [filtered, go],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (e.key === "n" || e.key === "p") {
        e.preventDefault();
        step(e.key === "n" ? 1 : -1);
      } else if (e.key === "/") {
        e.preventDefault();
        document.getElementById("change-search")?.focus();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [step]);

  return (
    <>
      <div class="resultbar">
        {result.kind === "compare" ? <Summary delta={result.delta} ms={shownMs} /> : <CheckSummary check={result.check} ms={shownMs} />}
        <div class="toolbar">
          {result.kind === "compare" && (
            <div class="group" role="group" aria-label="View">
              <button type="button" class={`seg${view === "inline" ? " on" : ""}`} aria-pressed={view === "inline"} onClick={() => setView("inline")}>
                Inline
              </button>
              <button type="button" class={`seg${view === "side" ? " on" : ""}`} aria-pressed={view === "side"} onClick={() => setView("side")}>
                Side by side
              </button>
            </div>
          )}
          {result.kind === "compare" && (
            <label class="check toggle">
              <input type="checkbox" checked={showUnchanged} onChange={(e) => setShowUnchanged((e.target as HTMLInputElement).checked)} />
              <span>Show unchanged text</span>
            </label>
          )}
          <div class="group nav-buttons" role="group" aria-label="Go through the changes">
            <button type="button" class="button secondary" onClick={() => step(-1)} disabled={filtered.length === 0} aria-keyshortcuts="p" title="Previous change (p)">
              ‹ Previous
            </button>
            <span class="position" id="position">
              {filtered.length === 0 ? "No changes" : position >= 0 ? `Change ${position + 1} of ${filtered.length}` : `${filtered.length} ${filtered.length === 1 ? "change" : "changes"}`}
            </span>
            <button type="button" class="button secondary" onClick={() => step(1)} disabled={filtered.length === 0} aria-keyshortcuts="n" title="Next change (n)">
              Next ›
            </button>
            <span class="keys" aria-hidden="true">
              <kbd>n</kbd> <kbd>p</kbd>
            </span>
          </div>
          <div class="group downloads" role="group" aria-label="Download">
            <span class="group-label">Download</span>
            {EXPORTS[result.kind].map((x) => (
              <button key={x.format} type="button" class="button secondary" data-export={x.format} onClick={() => onExport(x)} title={`${x.label} ${x.detail}`.trim()}>
                {x.label}
                {x.detail && <span class="visually-hidden"> {x.detail}</span>}
              </button>
            ))}
          </div>
        </div>
        {exportNote && (
          <p class="export-note" role="status">
            {exportNote}
          </p>
        )}
        {result.kind === "compare" && <Warnings delta={result.delta} warnings={result.warnings} />}
      </div>
      <div class={`workspace${result.kind === "check" ? " check" : ""}`}>
        {result.kind === "compare" ? (
          <>
            <Navigator root={model.tree} clauses={model.clauses} current={current} onSelect={reveal} />
            <section class="panel doc-panel" aria-labelledby="doc-title">
              <div class="panel-head">
                <h2 id="doc-title">{view === "inline" ? "Redline" : "Side by side"}</h2>
                <DocTitles delta={result.delta} />
              </div>
              {result.delta.clauses.length > 0 ? (
                <DocumentView
                  delta={result.delta}
                  view={view}
                  rows={rows}
                  current={current}
                  target={target}
                  onExpandFold={(i) => setExpandedFolds((s) => new Set([...s, i]))}
                  onSelect={(i) => go(i, false)}
                />
              ) : (
                <p class="empty-list">Both documents are empty.</p>
              )}
            </section>
          </>
        ) : (
          <section class="panel doc-panel" aria-labelledby="doc-title">
            <div class="panel-head">
              <h2 id="doc-title">Findings</h2>
            </div>
            <CheckView check={result.check} items={model.clauses} current={current} target={target} onSelect={(i) => go(i, false)} />
          </section>
        )}
        <ChangeList
          clauses={model.clauses}
          changes={model.changes}
          filtered={filtered}
          filters={filters}
          onFilters={setFilters}
          sections={model.tree}
          current={current}
          onSelect={(i) => go(i)}
          unmarked={model.unmarked}
          title={result.kind === "compare" ? "Changes" : "Findings list"}
        />
      </div>
    </>
  );
}

/** The start of the folded run that holds entry `index` (rows with unchanged text hidden), or null. */
function foldStart(rows: readonly DocRow[], index: number): number | null {
  for (const r of rows) if (r.type === "fold" && index >= r.index && index < r.index + r.count) return r.index;
  return null;
}

const FIGURES: { key: keyof Delta["summary"]; label: string; cls: string }[] = [
  { key: "modified", label: "modified", cls: "MOD" },
  { key: "added", label: "added", cls: "ADD" },
  { key: "deleted", label: "deleted", cls: "SUP" },
  { key: "moved", label: "moved", cls: "moved" },
  { key: "renumbered", label: "renumbered", cls: "renumbered" },
  { key: "unchanged", label: "unchanged", cls: "NOC" },
];

function Timing({ ms }: { ms: number | null }) {
  return (
    <span class="timing" id="timing" data-ms={ms === null ? undefined : Math.round(ms)} title="From the request to the result on screen">
      {ms === null ? "" : ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`}
    </span>
  );
}

function Summary({ delta, ms }: { delta: Delta; ms: number | null }) {
  const s = delta.summary;
  const same = s.modified + s.added + s.deleted + s.moved + s.renumbered + (s.noteReferences ?? 0) + (s.formatting ?? 0) === 0;
  return (
    <div class="summary" id="summary">
      <h1 class="visually-hidden">Comparison of {delta.old.name} and {delta.new.name}</h1>
      {same ? (
        <p class="same">
          <strong>No differences.</strong> The two documents have the same text, clause by clause.
        </p>
      ) : (
        <ul class="figures" aria-label={`Summary: ${summaryLine(s)}`}>
          {FIGURES.map((f) => (
            <li key={f.key} class={`figure figure-${f.cls}`} data-figure={f.key}>
              <strong>{s[f.key]}</strong> <span>{f.label}</span>
            </li>
          ))}
          {s.noteReferences ? (
            <li class="figure figure-renumbered" data-figure="noteReferences">
              <strong>{s.noteReferences}</strong> <span>with note references changed</span>
            </li>
          ) : null}
          {s.formatting ? (
            <li class="figure figure-renumbered" data-figure="formatting">
              <strong>{s.formatting}</strong> <span>with formatting changed</span>
            </li>
          ) : null}
          <li class="figure figure-words" data-figure="words">
            <strong class="plus">+{s.insertedWords}</strong> <strong class="minus">−{s.deletedWords}</strong> <span>words</span>
          </li>
        </ul>
      )}
      <Timing ms={ms} />
    </div>
  );
}

function CheckSummary({ check, ms }: { check: Check; ms: number | null }) {
  return (
    <div class={`summary verdict ${check.clean ? "clean" : "dirty"}`} id="summary">
      <h1 class="visually-hidden">Check of {check.proposal.name} against {check.inForce.name}</h1>
      <p class="verdict-line" data-unmarked={check.unmarked.length} data-marked={check.marked.length}>
        <span class="verdict-icon" aria-hidden="true">
          {check.clean ? "✓" : "✗"}
        </span>
        {verdict(check)}
      </p>
      <Timing ms={ms} />
      {check.warnings.length > 0 && (
        <ul class="warnings">
          {check.warnings.map((w, i) => (
            <li key={i} class={`warning-${w.level}`}>
              <strong>{w.level === "warning" ? "Warning:" : "Note:"}</strong> {w.text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Warnings({ delta, warnings }: { delta: Delta; warnings: SideWarnings }) {
  const lines = [
    ...warnings.old.map((w) => `${delta.old.name ?? "old document"}: ${w}`),
    ...warnings.new.map((w) => `${delta.new.name ?? "new document"}: ${w}`),
    ...delta.notes,
  ];
  if (lines.length === 0) return null;
  return (
    <details class="reader-notes">
      <summary>
        {lines.length} {lines.length === 1 ? "note" : "notes"} from reading the documents
      </summary>
      <ul>
        {lines.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ul>
    </details>
  );
}

function DocTitles({ delta }: { delta: Delta }) {
  const oldTitle = documentTitle(delta.clauses, "old");
  const newTitle = documentTitle(delta.clauses, "new");
  return (
    <p class="doc-titles">
      <span class="doc-name" title={oldTitle ?? undefined}>
        {delta.old.name}
      </span>
      <span aria-hidden="true"> → </span>
      <span class="visually-hidden"> compared with </span>
      <span class="doc-name" title={newTitle ?? undefined}>
        {delta.new.name}
      </span>
    </p>
  );
}
