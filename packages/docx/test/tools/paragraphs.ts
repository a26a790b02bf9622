import type { Delta, DeltaSide } from "@redline/core";

/**
 * Paragraph texts in the form the independent checks compare: runs of spaces
 * and tabs collapsed to one space, trimmed, empty paragraphs dropped. Tools
 * disagree about tabs (pandoc's plain writer turns them into spaces) and about
 * empty paragraphs, none of which is what a redline is judged on.
 */
export function normaliseParagraphs(paragraphs: readonly string[]): string[] {
  return paragraphs.map((p) => p.replace(/[ \t]+/g, " ").trim()).filter((p) => p !== "");
}

/**
 * One side of a Delta as the paragraphs of that document, in that document's
 * order (by each entry's first paragraph index): the label, a space, then the
 * text, and each continuation line as a paragraph of its own. Normalised.
 */
export function deltaParagraphs(delta: Delta, which: "old" | "new"): string[] {
  const sides = delta.clauses
    .map((entry, i) => ({ side: entry[which], i }))
    .filter((x): x is { side: DeltaSide; i: number } => x.side !== null)
    .sort((a, b) => (a.side.paragraphs[0] ?? Infinity) - (b.side.paragraphs[0] ?? Infinity) || a.i - b.i);
  const lines = sides.flatMap(({ side }) => {
    const [first = "", ...rest] = side.text.split("\n");
    return [side.label === null ? first : `${side.label} ${first}`, ...rest];
  });
  return normaliseParagraphs(lines);
}
