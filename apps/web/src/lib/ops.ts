/**
 * An entry's text as the reports print it: the page uses packages/render's own
 * rules (displayOps, sideOps, paragraphs), so it shows exactly what the HTML
 * report shows.
 */
import { countWords, type DeltaClause } from "@redline/core";

export { displayOps, paragraphs, sideOps } from "@redline/render";

/** Words inserted and deleted in one entry, counted as the Delta's summary counts them. */
export function wordCounts(c: DeltaClause): { inserted: number; deleted: number } {
  let inserted = 0;
  let deleted = 0;
  for (const o of c.inline) {
    if (o.op === "insert") inserted += countWords(o.text);
    else if (o.op === "delete") deleted += countWords(o.text);
  }
  return { inserted, deleted };
}
