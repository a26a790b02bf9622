/**
 * What a batch tells people and pipelines: progress on stderr (a bar redrawn
 * in place on a terminal, one line per finished pair otherwise), the final
 * table on stdout, and OUTDIR/summary.json (deterministic: sorted by name,
 * no clock, no absolute paths unless the manifest has them).
 */
import type { DeltaSummary } from "@redline/core";
import { summaryLine } from "@redline/render";
import type { Format } from "../commands/compare.js";
import type { PairResult, PairStatus } from "./pair.js";
import { byCodeUnits, type PlannedOutput } from "./plan.js";

// ---------------------------------------------------------------------------
// progress, on stderr

const BAR_WIDTH = 20;

export class Progress {
  private done = 0;
  private failed = 0;
  private readonly nameWidth: number;

  constructor(
    private readonly names: string[],
    /** stderr is a terminal: draw the bar */
    private readonly tty: boolean,
    private readonly write: (s: string) => void = (s) => process.stderr.write(s),
    /** the terminal's width: the bar is cut to fit, so that "\r" returns to its start */
    private readonly columns: number | undefined = process.stderr.columns,
  ) {
    this.nameWidth = Math.min(40, Math.max(...names.map((n) => printable(n).length)));
  }

  start(): void {
    if (this.tty) this.write(this.bar());
  }

  /** one pair finished */
  pair(result: PairResult): void {
    this.done++;
    if (result.status === "error") this.failed++;
    const name = printable(this.names[result.index]!).padEnd(this.nameWidth);
    const lines: string[] = [];
    if (result.status === "error") lines.push(`FAIL ${name}  ${printable(result.error ?? "")}`);
    else if (!this.tty) lines.push(`ok   ${name}  ${result.status === "same" ? "no differences" : summaryLine(result.summary!)}`);
    for (const note of result.notes) lines.push(`note ${name}  ${printable(note)}`);
    if (this.tty) {
      // failures and notes scroll above the bar; successes only move it
      this.write(`\r\u001b[K${lines.map((l) => `${l}\n`).join("")}${this.bar()}`);
    } else {
      for (const l of lines) this.write(`${l}\n`);
    }
  }

  finish(): void {
    if (this.tty) this.write("\r\u001b[K");
  }

  private bar(): string {
    const total = this.names.length;
    const filled = total === 0 ? BAR_WIDTH : Math.floor((this.done / total) * BAR_WIDTH);
    const line = `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ${this.done}/${total} pairs, ${this.failed} failed`;
    return this.columns && this.columns > 1 ? line.slice(0, this.columns - 1) : line;
  }
}

// ---------------------------------------------------------------------------
// the final table, on stdout

const SGR = { bold: "1", same: "32", different: "1;33", error: "1;31", plus: "32", minus: "31" } as const;

function paint(text: string, style: keyof typeof SGR, color: boolean): string {
  return color && text !== "" ? `\u001b[${SGR[style]}m${text}\u001b[0m` : text;
}

export interface Row {
  name: string;
  result: PairResult;
}

/** Sorted by name; counts right-aligned; a failed pair shows its reason instead of counts. */
export function renderTable(rows: Row[], outDir: string, color: boolean): string {
  const sorted = [...rows].sort((a, b) => byCodeUnits(a.name, b.name));
  const header = ["pair", "result", "modified", "added", "deleted", "moved", "renumbered", "words"];
  const cells = sorted.map(({ name, result }) => {
    const s = result.summary;
    return {
      name: printable(name),
      status: result.status,
      counts: s ? [s.modified, s.added, s.deleted, s.moved, s.renumbered].map(String) : null,
      words: s ? [`+${s.insertedWords}`, `−${s.deletedWords}`] : null,
      error: result.error === null ? "" : printable(result.error),
    };
  });
  const w = header.map((h) => h.length);
  for (const c of cells) {
    w[0] = Math.max(w[0]!, c.name.length);
    w[1] = Math.max(w[1]!, c.status.length);
    c.counts?.forEach((n, i) => (w[i + 2] = Math.max(w[i + 2]!, n.length)));
  }
  const plusW = Math.max(0, ...cells.map((c) => c.words?.[0]!.length ?? 0));
  const minusW = Math.max(0, ...cells.map((c) => c.words?.[1]!.length ?? 0));
  w[7] = Math.max(w[7]!, plusW + 1 + minusW);

  const lines = [
    paint(header.map((h, i) => (i < 2 ? h.padEnd(w[i]!) : i < 7 ? h.padStart(w[i]!) : h)).join("  "), "bold", color),
  ];
  for (const c of cells) {
    const lead = `${c.name.padEnd(w[0]!)}  ${paint(c.status.padEnd(w[1]!), c.status, color)}`;
    if (!c.counts || !c.words) {
      lines.push(`${lead}  ${c.error}`);
      continue;
    }
    const words = `${" ".repeat(plusW - c.words[0]!.length)}${paint(c.words[0]!, "plus", color)} ${" ".repeat(minusW - c.words[1]!.length)}${paint(c.words[1]!, "minus", color)}`;
    lines.push(`${lead}  ${c.counts.map((n, i) => n.padStart(w[i + 2]!)).join("  ")}  ${words}`);
  }
  const count = (s: PairStatus) => rows.filter((r) => r.result.status === s).length;
  const failed = count("error");
  lines.push(
    "",
    `${rows.length} ${rows.length === 1 ? "pair" : "pairs"}: ${count("same")} same, ${count("different")} different, ${failed} failed; ` +
      `results and summary.json in ${printable(outDir.replace(/[/\\]*$/, "/"))}`,
  );
  return `${lines.map((l) => l.trimEnd()).join("\n")}\n`;
}

// ---------------------------------------------------------------------------
// OUTDIR/summary.json

export interface BatchSummary {
  format: "redline-batch";
  version: 1;
  /** the format of the results */
  output: Format;
  totals: { pairs: number; same: number; different: number; error: number };
  pairs: {
    name: string;
    old: string;
    new: string;
    /** the result's file name in OUTDIR; null when the pair failed and wrote nothing */
    output: string | null;
    status: PairStatus;
    summary: DeltaSummary | null;
    error: string | null;
    notes: string[];
  }[];
}

export function summaryJson(outputs: PlannedOutput[], results: PairResult[], format: Format): string {
  const pairs = outputs
    .map((o, i) => {
      const r = results[i]!;
      return {
        name: o.pair.name,
        old: o.pair.old.display,
        new: o.pair.new.display,
        output: r.status === "error" ? null : o.file,
        status: r.status,
        summary: r.summary,
        error: r.error,
        notes: r.notes,
      };
    })
    .sort((a, b) => byCodeUnits(a.name, b.name));
  const count = (s: PairStatus) => pairs.filter((p) => p.status === s).length;
  const doc: BatchSummary = {
    format: "redline-batch",
    version: 1,
    output: format,
    totals: { pairs: pairs.length, same: count("same"), different: count("different"), error: count("error") },
    pairs,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

// ---------------------------------------------------------------------------

/** File names and messages come from outside: show control characters as their Unicode pictures, never raw. */
function printable(s: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? "\u2421" : "\ufffd";
  });
}
