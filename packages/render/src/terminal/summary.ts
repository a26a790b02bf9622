/**
 * A `--stat`-like overview: the counts, then one line per touched entry with
 * its marker and word counts. Counts come before the address so the columns
 * line up whatever the length of the addresses (ITU section keys are long).
 */
import type { Delta } from "@redline/core";
import { address, isTouched, tags, wordCounts } from "../common/entries.js";
import { countRows, docName, summaryLine } from "../common/summary.js";
import { paint, sanitizeLine } from "./ansi.js";

export interface SummaryOptions {
  color: boolean;
}

const ROW_NAMES: Record<string, string> = {
  insertedWords: "words inserted",
  deletedWords: "words deleted",
};

const pad = (width: number, text: string) => " ".repeat(width - text.length);

export function renderSummary(delta: Delta, options: SummaryOptions): string {
  const { color } = options;
  const out: string[] = [paint(sanitizeLine(`${docName(delta.old.name, "old")} → ${docName(delta.new.name, "new")}`), "bold", color), ""];

  const rows = countRows(delta).map((r) => [ROW_NAMES[r.key] ?? r.key, String(r.count)] as const);
  const nameWidth = Math.max(...rows.map(([n]) => n.length));
  const countWidth = Math.max(...rows.map(([, c]) => c.length));
  for (const [name, count] of rows) out.push(`  ${name.padEnd(nameWidth)}  ${count.padStart(countWidth)}`);

  const touched = delta.clauses.filter(isTouched).map((c) => {
    const w = wordCounts(c);
    return { c, plus: w.inserted ? `+${w.inserted}` : "", minus: w.deleted ? `−${w.deleted}` : "" };
  });
  if (touched.length > 0) {
    out.push("");
    const plusWidth = Math.max(...touched.map((t) => t.plus.length));
    const minusWidth = Math.max(...touched.map((t) => t.minus.length));
    for (const { c, plus, minus } of touched) {
      const counts = `${pad(plusWidth, plus)}${paint(plus, "plus", color)} ${pad(minusWidth, minus)}${paint(minus, "minus", color)}`;
      const tagText = tags(c).map((t) => paint(`[${sanitizeLine(t)}]`, "tag", color));
      out.push([`  ${paint(c.marker, c.marker, color)}`, counts, paint(sanitizeLine(address(c)), "bold", color), ...tagText].join("  ").trimEnd());
    }
  }
  out.push("", summaryLine(delta.summary));
  return out.join("\n") + "\n";
}
