/**
 * Pieces of a redline shared by every view: the marked-up text of an entry
 * and its head (ITU marker, address, tags). Insertions are underlined and
 * deletions struck through, with colour on top, and screen readers hear where
 * each starts and ends: the changes never rest on colour alone.
 */
import type { DeltaClause, InlineOp } from "@redline/core";
import { address, tags } from "@redline/render";
import { displayOps, paragraphs, sideOps, wordCounts } from "../lib/ops.js";

const opsCache = new WeakMap<DeltaClause, InlineOp[]>();

/** displayOps, computed once per entry. */
export function entryOps(c: DeltaClause): InlineOp[] {
  let ops = opsCache.get(c);
  if (!ops) {
    ops = displayOps(c);
    opsCache.set(c, ops);
  }
  return ops;
}

export function sideEntryOps(c: DeltaClause, which: "old" | "new"): InlineOp[] {
  return sideOps(entryOps(c), which);
}

/** Text with line breaks inside a paragraph (a vertical tab is Word's manual line break). */
function Lines({ text }: { text: string }) {
  if (!text.includes("\v")) return <>{text}</>;
  const parts = text.split("\v");
  return (
    <>
      {parts.map((p, i) => (
        <>
          {i > 0 && <br />}
          {p}
        </>
      ))}
    </>
  );
}

export function RedlineText({ ops, class: cls }: { ops: readonly InlineOp[]; class?: string }) {
  return (
    <div class={`doc-text ${cls ?? ""}`}>
      {paragraphs(ops).map((para, i) => (
        <p key={i} dir="auto">
          {para.length === 0 ? "\u00a0" : para.map((o, j) => (o.op === "equal" ? <Lines key={j} text={o.text} /> : o.op === "insert" ? <ins key={j}><Lines text={o.text} /></ins> : <del key={j}><Lines text={o.text} /></del>))}
        </p>
      ))}
    </div>
  );
}

const MARKER_TITLES: Record<string, string> = {
  MOD: "MOD: modified",
  ADD: "ADD: added",
  SUP: "SUP: suppressed (deleted)",
  NOC: "NOC: no change",
  UNMARKED: "changed without a revision mark",
};

export function Badge({ marker }: { marker: string }) {
  return (
    <span class={`badge badge-${marker}`} title={MARKER_TITLES[marker]}>
      {marker}
    </span>
  );
}

/** "moved", "renumbered c) → d)", "approximate": what happened besides the marker. */
export function Tags({ c }: { c: DeltaClause }) {
  return (
    <>
      {tags(c).map((t) => (
        <span key={t} class={`tag tag-${t.split(" ")[0]}`}>
          {t.startsWith("moved") ? "⇅ moved" : t}
        </span>
      ))}
    </>
  );
}

export function WordCounts({ c }: { c: DeltaClause }) {
  const { inserted, deleted } = wordCounts(c);
  if (inserted + deleted === 0) return null;
  return (
    <span class="words" title={`${inserted} words inserted, ${deleted} words deleted`}>
      {inserted > 0 && <span class="plus">+{inserted}</span>}
      {deleted > 0 && <span class="minus">−{deleted}</span>}
    </span>
  );
}

export function EntryHead({ c, unmarked = false }: { c: DeltaClause; unmarked?: boolean }) {
  return (
    <div class="entry-head">
      {unmarked && <Badge marker="UNMARKED" />}
      <Badge marker={c.marker} />
      <code class="addr">{address(c)}</code>
      <Tags c={c} />
      <WordCounts c={c} />
    </div>
  );
}
