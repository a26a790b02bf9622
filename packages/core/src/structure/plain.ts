/** The `plain` profile: every paragraph is an entry; no labels are interpreted. */
import type { ClauseTree } from "../model/clauses.js";
import type { Doc } from "../model/doc.js";
import { drive, labelledText } from "./drive.js";

export function structurePlain(doc: Doc): ClauseTree {
  let n = 0;
  let title: string | null = null;
  return drive(doc, "plain", {
    classify(p) {
      const text = labelledText(p);
      if (title === null) title = text.trim();
      n++;
      return { type: "start", kind: "paragraph", section: "body", id: `body/p${n}`, label: null, separator: "", text, depth: 0, parent: null };
    },
    title: () => title,
    section: () => "body",
  });
}
