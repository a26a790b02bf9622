/**
 * The `numbered` profile: decimal clause numbering as in ITU-T
 * Recommendations and specifications ("6", "6.2", "6.2.1" heading or clause,
 * then paragraphs), with annexes and appendices as sections. Unlabelled
 * paragraphs are entries of their own, addressed under the clause above them,
 * because in these documents one clause holds many paragraphs that change
 * independently.
 */
import type { ClauseTree } from "../model/clauses.js";
import type { Doc, Paragraph } from "../model/doc.js";
import { KeySet, type Decision, type TreeBuilder } from "./build.js";
import { drive, labelledText, type BodyClassifier } from "./drive.js";
import { labelKey, numberDepth, parentNumber, parseLabel } from "./labels.js";
import { partKey } from "./itu.js";
import { keepShape } from "../runtime/keep-shape.js";

const PART = /^(?:ANNEX|Annex|APPENDIX|Appendix|ATTACHMENT|Attachment)\b/u;
const NUMBERED_HEADING = /^(\d{1,3}(?:\.\d{1,3})*)(\t| +)(\S.*)$/u;

class NumberedClassifier implements BodyClassifier {
  private sectionKey = "body";
  private sections = new KeySet();
  private lastClause: string | null = null;
  private counts = new Map<string, number>();
  private titleText: string | null = null;

  title(): string | null {
    return this.titleText;
  }

  section(): string {
    return this.sectionKey;
  }

  classify(p: Paragraph, b: TreeBuilder): Decision {
    const text = labelledText(p);
    const t = text.trim();
    if (PART.test(t) && t.split(/\s+/).length <= 20) {
      this.sectionKey = this.sections.take(partKey(t));
      this.lastClause = null;
      return { type: "start", kind: "part-heading", section: this.sectionKey, id: this.sectionKey, label: null, separator: "", text, depth: 0, parent: null };
    }
    const l = parseLabel(text) ?? headingLabel(text);
    if (l && l.kind === "number") {
      const id = `${this.sectionKey}/${labelKey(l.label)}`;
      const parentLabel = parentNumber(l.label);
      const parent = parentLabel ? `${this.sectionKey}/${parentLabel}` : null;
      this.lastClause = id;
      const heading = (p.style !== null && /^heading\d$/i.test(p.style)) || (l.rest.length < 80 && !/[.;:]$/.test(l.rest));
      return { type: "start", kind: heading ? "heading" : "clause", section: this.sectionKey, id, label: l.label, separator: l.separator, text: l.rest, depth: numberDepth(l.label), parent: parent && b.has(parent) ? parent : null };
    }
    if (this.titleText === null && this.lastClause === null && this.sectionKey === "body") this.titleText = t;
    const owner = this.lastClause ?? this.sectionKey;
    const n = (this.counts.get(owner) ?? 0) + 1;
    this.counts.set(owner, n);
    return { type: "start", kind: "paragraph", section: this.sectionKey, id: `${owner}/p${n}`, label: null, separator: "", text, depth: 0, parent: this.lastClause };
  }
}

function headingLabel(text: string) {
  const m = NUMBERED_HEADING.exec(text);
  return m ? { kind: "number" as const, label: m[1]!, separator: m[2]!, rest: m[3]! } : null;
}

export function structureNumbered(doc: Doc): ClauseTree {
  return drive(doc, "numbered", new NumberedClassifier());
}

keepShape(new NumberedClassifier());
