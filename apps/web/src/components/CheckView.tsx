/**
 * The secretariat's check, as `redline check` reports it: the verdict, the
 * warnings, the edits the proposal makes without revision marks (in-force
 * text struck through, the proposal's unmarked text underlined), then the
 * changes it does mark, then text the proposal formats otherwise without a
 * mark (listed apart: the check does not count it as an edit).
 */
import type { Check, DeltaClause } from "@redline/core";
import { address, describeUnmarkedFormatting } from "@redline/render";
import { useMemo } from "preact/hooks";
import { EntryHead, RedlineText, entryOps } from "./Redline.js";
import { VirtualList, type ScrollRequest } from "./VirtualList.js";

type Row =
  | { type: "group"; which: "unmarked" | "marked" | "formatting" }
  | { type: "item"; index: number }
  | { type: "none"; which: "unmarked" | "marked" }
  | { type: "formatting"; index: number };

interface Props {
  check: Check;
  items: readonly DeltaClause[];
  current: number | null;
  target: { index: number; seq: number } | null;
  onSelect: (index: number) => void;
}

export function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? "" : "s"}`;
}

/** The CLI's verdict line (apps/cli/src/commands/check.ts). */
export function verdict(check: Check): string {
  const marked = plural(check.marked.length, "marked change");
  // absent from a check made before formatting was compared
  const formatted = check.formatting?.length ?? 0;
  if (check.clean && formatted > 0) {
    return `No unmarked edits; ${marked}: the proposal's revision marks show every text difference from the in-force text, though ${formatted === 1 ? "1 entry is" : `${formatted} entries are`} formatted otherwise without a mark`;
  }
  if (check.clean) return `No unmarked edits; ${marked}: the proposal's revision marks show every difference from the in-force text`;
  return `${plural(check.unmarked.length, "unmarked edit")}, ${marked}: the proposal changes the in-force text without marking it`;
}

export function CheckView({ check, items, current, target, onSelect }: Props) {
  const rows = useMemo(() => {
    const out: Row[] = [{ type: "group", which: "unmarked" }];
    const u = check.unmarked.length;
    if (u === 0) out.push({ type: "none", which: "unmarked" });
    for (let i = 0; i < u; i++) out.push({ type: "item", index: i });
    out.push({ type: "group", which: "marked" });
    if (check.marked.length === 0) out.push({ type: "none", which: "marked" });
    for (let i = u; i < items.length; i++) out.push({ type: "item", index: i });
    // absent from a check made before formatting was compared
    const formatting = check.formatting ?? [];
    if (formatting.length > 0) out.push({ type: "group", which: "formatting" });
    for (let i = 0; i < formatting.length; i++) out.push({ type: "formatting", index: i });
    return out;
  }, [check, items]);
  const rowOf = useMemo(() => new Map(rows.flatMap((r, i) => (r.type === "item" ? [[r.index, i] as const] : []))), [rows]);
  const request: ScrollRequest | null = target && rowOf.has(target.index) ? { index: rowOf.get(target.index)!, align: "center", seq: target.seq } : null;

  const renderRow = (i: number) => {
    const r = rows[i]!;
    if (r.type === "group" && r.which === "formatting") {
      return (
        <div class="group-head">
          <h3>Formatting changed without a mark ({check.formatting.length})</h3>
          <p class="group-note">Text both share that the proposal formats otherwise, with no revision mark. Not counted as an edit: two templates can define a style differently.</p>
        </div>
      );
    }
    if (r.type === "formatting") {
      const f = check.formatting[r.index]!;
      return (
        <article class="entry check-entry check-formatting" aria-label={`Formatting changed without a mark: ${f.new}`}>
          <div class="entry-head">
            <code class="addr">{f.old === f.new ? f.new : `${f.old} → ${f.new}`}</code>
          </div>
          <ul class="format-changes">
            {f.changes.map((c, k) => (
              <li key={k}>
                “{c.text}”: {describeUnmarkedFormatting(c)}
              </li>
            ))}
          </ul>
        </article>
      );
    }
    if (r.type === "group") {
      return r.which === "unmarked" ? (
        <div class="group-head">
          <h3>Unmarked edits ({check.unmarked.length})</h3>
          <p class="group-note">
            Differences between the in-force text and the proposal with all its revisions rejected: <del>in force</del> <ins>in the proposal, not marked</ins>
          </p>
        </div>
      ) : (
        <div class="group-head">
          <h3>Marked changes ({check.marked.length})</h3>
          <p class="group-note">The proposal's own revision marks, as a redline of what it proposes.</p>
        </div>
      );
    }
    if (r.type === "none") return <p class="group-none">{r.which === "unmarked" ? "None: every difference from the in-force text is marked." : "None."}</p>;
    const c = items[r.index]!;
    const isCurrent = r.index === current;
    const unmarked = r.index < check.unmarked.length;
    return (
      <article
        id={`entry-${r.index}`}
        class={`entry check-entry entry-${c.marker}${unmarked ? " entry-unmarked" : ""}${isCurrent ? " current" : ""}`}
        aria-current={isCurrent ? "true" : undefined}
        aria-label={`${unmarked ? "Unmarked edit" : "Marked change"}: ${c.marker} ${address(c)}`}
        onClick={() => onSelect(r.index)}
      >
        <EntryHead c={c} unmarked={unmarked} />
        <RedlineText ops={entryOps(c)} />
      </article>
    );
  };

  return (
    <VirtualList
      class="doc-scroller check-view"
      role="region"
      aria-label="Check findings"
      tabIndex={0}
      count={rows.length}
      estimate={(i, width) => {
        const r = rows[i]!;
        if (r.type === "formatting") return 50 + 27 * check.formatting[r.index]!.changes.length;
        if (r.type !== "item") return r.type === "group" ? 80 : 40;
        const c = items[r.index]!;
        const chars = (c.old?.text.length ?? 0) + (c.new?.text.length ?? 0);
        return 50 + 27 * Math.max(1, Math.ceil(chars / Math.max(20, (width - 40) / 8.2)));
      }}
      renderRow={renderRow}
      layoutKey={rows}
      scrollRequest={request}
    />
  );
}
