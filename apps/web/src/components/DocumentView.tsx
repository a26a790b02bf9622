/**
 * The document, entry by entry, in either view: the inline redline (one
 * column, changes marked in place) or side by side (in-force | proposed, one
 * row per entry, so the clauses of both versions stay aligned). Only the
 * rows on screen are in the page (VirtualList).
 */
import type { Delta, DeltaClause } from "@redline/core";
import { address, isTouched } from "@redline/render";
import { useMemo } from "preact/hooks";
import type { DocRow } from "../lib/model.js";
import { mainSide } from "../lib/model.js";
import { EntryHead, RedlineText, entryOps, sideEntryOps } from "./Redline.js";
import { VirtualList, type ScrollRequest } from "./VirtualList.js";

export type ViewKind = "inline" | "side";

interface Props {
  delta: Delta;
  view: ViewKind;
  rows: readonly DocRow[];
  current: number | null;
  /** the entry to bring into view, and a number that changes each time it is asked */
  target: { index: number; seq: number } | null;
  onExpandFold: (index: number) => void;
  onSelect: (index: number) => void;
}

export function entryClasses(c: DeltaClause, current: boolean): string {
  const classes = ["entry", `entry-${c.marker}`, `k-${mainSide(c).kind}`];
  if (c.moved) classes.push("entry-moved");
  if (isTouched(c)) classes.push("touched");
  if (current) classes.push("current");
  return classes.join(" ");
}

/** Lines a text of `chars` characters takes in a column `width` pixels wide (serif text, about 8 px a character). */
function lines(chars: number, width: number): number {
  return Math.max(1, Math.ceil(chars / Math.max(20, (width - 40) / 8.2)));
}

function textLines(c: DeltaClause, which: "old" | "new" | "both", width: number): number {
  const texts = which === "both" ? [c.old?.text ?? "", c.new?.text ?? ""] : [c[which]?.text ?? ""];
  let most = 0;
  for (const t of texts) {
    let n = 0;
    for (const para of t.split("\n")) n += lines(para.length + 6, width);
    most = Math.max(most, n);
  }
  return most;
}

export function DocumentView({ delta, view, rows, current, target, onExpandFold, onSelect }: Props) {
  const clauses = delta.clauses;
  const rowOf = useMemo(() => {
    const m = new Map<number, number>();
    rows.forEach((r, i) => {
      if (r.type === "entry") m.set(r.index, i);
    });
    return m;
  }, [rows]);

  const scrollRequest: ScrollRequest | null = target && rowOf.has(target.index) ? { index: rowOf.get(target.index)!, align: "center", seq: target.seq } : null;

  const estimate = (i: number, width: number): number => {
    const r = rows[i]!;
    if (r.type === "fold") return 44;
    const c = clauses[r.index]!;
    const head = isTouched(c) ? 30 : 0;
    if (view === "inline") return head + 16 + 27 * textLines(c, "both", width);
    const col = (width - 200) / 2;
    return Math.max(head + 16, 16 + 25 * Math.max(textLines(c, "old", col), textLines(c, "new", col)));
  };

  const fold = (r: Extract<DocRow, { type: "fold" }>, i: number) => (
    <div class="fold" role={view === "side" ? "row" : undefined} aria-rowindex={view === "side" ? i + 2 : undefined}>
      <div class="fold-cell" role={view === "side" ? "cell" : undefined} aria-colspan={view === "side" ? 3 : undefined}>
        <button type="button" class="fold-button" onClick={() => onExpandFold(r.index)}>
          ⋯ {r.count} unchanged {r.count === 1 ? "entry" : "entries"} <span class="fold-hint">show</span>
        </button>
      </div>
    </div>
  );

  const inlineRow = (i: number) => {
    const r = rows[i]!;
    if (r.type === "fold") return fold(r, i);
    const c = clauses[r.index]!;
    const isCurrent = r.index === current;
    return (
      <article
        id={`entry-${r.index}`}
        class={entryClasses(c, isCurrent)}
        aria-current={isCurrent ? "true" : undefined}
        aria-label={isTouched(c) ? `${c.marker} ${address(c)}` : address(c)}
        onClick={isTouched(c) ? () => onSelect(r.index) : undefined}
      >
        {isTouched(c) && <EntryHead c={c} />}
        <RedlineText ops={entryOps(c)} />
      </article>
    );
  };

  const sideRow = (i: number) => {
    const r = rows[i]!;
    if (r.type === "fold") return fold(r, i);
    const c = clauses[r.index]!;
    const isCurrent = r.index === current;
    const cell = (which: "old" | "new") =>
      c[which] === null ? (
        <div role="cell" class="cell empty">
          <span class="visually-hidden">{which === "old" ? "not in the in-force text" : "not in the proposed text"}</span>
        </div>
      ) : (
        <div role="cell" class="cell">
          <RedlineText ops={sideEntryOps(c, which)} />
        </div>
      );
    return (
      <div
        id={`entry-${r.index}`}
        role="row"
        aria-rowindex={i + 2}
        class={`side-row ${entryClasses(c, isCurrent)}`}
        aria-current={isCurrent ? "true" : undefined}
        onClick={isTouched(c) ? () => onSelect(r.index) : undefined}
      >
        <div role="rowheader" class="cell addr-cell">
          {isTouched(c) ? <EntryHead c={c} /> : <code class="addr">{address(c)}</code>}
        </div>
        {cell("old")}
        {cell("new")}
      </div>
    );
  };

  if (view === "inline") {
    return (
      <VirtualList
        key="inline"
        class="doc-scroller inline-view"
        role="region"
        aria-label="Inline redline"
        tabIndex={0}
        count={rows.length}
        estimate={estimate}
        renderRow={inlineRow}
        layoutKey={rows}
        scrollRequest={scrollRequest}
      />
    );
  }
  return (
    <VirtualList
      key="side"
      class="doc-scroller side-view"
      role="table"
      aria-label="Side by side: in-force and proposed text, one row per entry"
      aria-rowcount={rows.length + 1}
      tabIndex={0}
      count={rows.length}
      estimate={estimate}
      renderRow={sideRow}
      layoutKey={rows}
      scrollRequest={scrollRequest}
      innerProps={{ role: "rowgroup" }}
      header={
        <div role="rowgroup">
          <div role="row" aria-rowindex={1} class="side-head">
            <div role="columnheader" class="cell">
              Entry
            </div>
            <div role="columnheader" class="cell">
              In force: <span class="doc-name">{delta.old.name ?? "old document"}</span>
            </div>
            <div role="columnheader" class="cell">
              Proposed: <span class="doc-name">{delta.new.name ?? "new document"}</span>
            </div>
          </div>
        </div>
      }
    />
  );
}
