/**
 * The `itu-resolution` profile (English), after ITU-CONVENTIONS.md: number
 * line, title, history line, opening line, preamble and operative sections
 * headed by a verb phrase, lettered and numbered clauses with bis/ter forms,
 * i) and dash sub-items attached to the clause above them, SECTION headings,
 * annexes and appendices, and footnotes after a "____" rule in flattened text.
 * Paragraph styles decide where the source has them; text patterns otherwise.
 */
import type { ClauseKind } from "../model/clauses.js";
import type { Paragraph } from "../model/doc.js";
import { KeySet, type Decision, type TreeBuilder } from "./build.js";
import { isBlank, trimmed } from "../text/blank.js";
import { drive, labelledText, type BodyClassifier } from "./drive.js";
import { labelKey, nextLetter, numberDepth, parentNumber, parseLabel, slug } from "./labels.js";
import type { Doc } from "../model/doc.js";
import type { ClauseTree } from "../model/clauses.js";
import { keepShape } from "../runtime/keep-shape.js";

/** First words of section headings; the heading is the whole line ("instructs the Director ..."). */
export const SECTION_VERBS = [
  "considering", "recognizing", "recognising", "noting", "recalling", "aware", "conscious", "acknowledging",
  "reaffirming", "bearing", "taking", "emphasizing", "emphasising", "observing", "having", "mindful", "concerned",
  "convinced", "welcoming", "stressing", "underlining", "keeping", "referring", "expressing", "highlighting",
  "resolves", "resolve", "decides", "instructs", "invites", "requests", "encourages", "urges", "calls", "further",
  "appeals", "endorses", "approves", "adopts", "agrees", "recommends", "declares", "affirms",
];
const VERBS = new Set(SECTION_VERBS);

/** "RESOLUTION 1 (Rev. Hammamet, 2016)", "DRAFT RESOLUTION 71 (Johannesburg, 2008)": the keyword, a number, at most a parenthesis. */
const NUMBER_LINE = /^(?:DRAFT\s+|REVISED\s+|NEW\s+)?(?:RESOLUTION|Resolution|DECISION|Decision|RECOMMENDATION)\s+(\d+[A-Z]?|[A-Z]{1,3}\.?\d+)(?:\s*\((?:[^()]|\([^()]*\))*\))?\s*$/u;
const HISTORY = /^\(.*\b(?:1[89]|20)\d{2}\b.*\)[.,;]?$/u;
const OPENING = /^The\s.*,$/u;
const PART = /^(?:(SECTION|Section)\s+(\d+(?:bis|ter|quater)?[A-Z]?)|(ANNEX|Annex)(?:\s+([A-Z0-9]{1,3}))?\b|(APPENDIX|Appendix)(?:\s+([IVXLC]+|[A-Z0-9]{1,3}))?\b|(ATTACHMENT|Attachment)(?:\s+(\d+|[A-Z]))?\b)/u;
const NOTE_RULE = /^_{5,}$/u;

export function isSectionHeading(text: string): boolean {
  const t = text.trim();
  // The first word must be one of VERBS, which are all a-z: scan it instead of splitting every paragraph.
  let end = 0;
  while (end < t.length && isAsciiLower(t.charCodeAt(end))) end++;
  if (end === 0 || (end < t.length && !/\s/.test(t[end]!))) return false;
  if (/[.;:,]$/.test(t) || t.length > 200) return false;
  return VERBS.has(t.slice(0, end)) && t.split(/\s+/).length <= 25;
}

function isAsciiLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

type Phase = "head" | "body" | "notes";

const STYLE_KIND: Record<string, ClauseKind | "continue-part" | "sub-item" | "note-rule"> = {
  resno: "number-line",
  restitle: "title",
  resref: "history",
  normalaftertitle: "opening",
  normalaftertitle0: "opening",
  call: "section-heading",
  sectionno: "part-heading",
  annexno: "part-heading",
  appendixno: "part-heading",
  sectiontitle: "continue-part",
  annextitle: "continue-part",
  appendixtitle: "continue-part",
  annexref: "continue-part",
  appendixref: "continue-part",
  enumlev1: "sub-item",
  enumlev2: "sub-item",
  enumlev3: "sub-item",
  footnotetext: "note",
};

class ItuClassifier implements BodyClassifier {
  private phase: Phase = "head";
  private sectionKey = "head";
  /** In a file holding several resolutions, every address starts with the resolution's ("res-2/resolves/1"). */
  private scope = "";
  private scopes = new KeySet();
  private started = false;

  constructor(private readonly book: boolean) {}
  private sections = new KeySet();
  private titleText: string | null = null;
  private lastKind: ClauseKind | "continue-part" | null = null;
  private lastLetter: string | null = null;
  /** the clause sub-items attach to, in this section */
  private clauseOpen = false;
  private unlabelled = new Map<string, number>();
  private inPart = false;
  /** section headings repeat in every resolution of a book; slug (Unicode normalisation, regexes) is worth remembering */
  private slugs = new Map<string, string>();

  title(): string | null {
    return this.titleText;
  }

  section(): string {
    return this.sectionKey;
  }

  classify(p: Paragraph, b: TreeBuilder): Decision {
    const text = labelledText(p);
    let styled = p.style ? STYLE_KIND[p.style.toLowerCase()] : undefined;
    // ITU files also use the opening line's style for the first paragraph after a SECTION title
    if (styled === "opening" && this.phase !== "head") styled = undefined;
    const plainText = trimmed(text);
    // Each pattern below can only match from one or two first characters; checking that first
    // spares most paragraphs a regex call each. The label is parsed once for all the tests using it.
    const c0 = plainText.charCodeAt(0);
    const l = parseLabel(text);

    if (c0 === 95 /* _ */ && NOTE_RULE.test(plainText) && !styled) {
      this.phase = "notes";
      const key = this.enterSection("notes");
      return this.start("part-heading", key, null, "", text, key);
    }
    if (this.phase === "notes" || styled === "note") {
      return this.start("note", "footnote", l?.label ?? null, l?.separator ?? "", l ? l.rest : text, `footnote/${l ? labelKey(l.label) : "p"}`);
    }

    // The title block: styles first, then the patterns of the number line, history and opening lines.
    const numberLine = !styled && (c0 === 68 /* D */ || c0 === 82 /* R */ || c0 === 78 /* N */) && NUMBER_LINE.exec(plainText);
    if (styled === "number-line" || (numberLine && (this.phase !== "head" || this.lastKind === null))) {
      // a number line after a resolution's body starts the next resolution of the file
      if (this.started || this.book) this.startResolution(numberLine ? numberLine[1]! : plainText);
      this.started = true;
      return this.head("number-line", text);
    }
    if (styled === "title" || (this.phase === "head" && !styled && this.lastKind === "number-line")) {
      if (this.titleText === null) this.titleText = plainText;
      return this.head("title", text);
    }
    if (styled === "history" || (this.phase === "head" && !styled && HISTORY.test(plainText) && (this.lastKind === "title" || this.lastKind === "number-line"))) {
      return this.head("history", text);
    }
    if (styled === "opening" || (this.phase === "head" && !styled && OPENING.test(plainText))) {
      return this.head("opening", text);
    }

    const part = (c0 === 83 /* S */ || c0 === 65 /* A */) && PART.test(plainText);
    if (styled === "part-heading" || (part && !styled && plainText.split(/\s+/).length <= 20 && !l)) {
      this.phase = "body";
      this.inPart = true;
      const key = partKey(plainText);
      return this.start("part-heading", this.enterSection(key), null, "", text, this.sectionKey);
    }
    if (styled === "continue-part" || (this.lastKind === "part-heading" && !styled && !l && !isSectionHeading(plainText) && this.sectionKey !== "notes")) {
      this.lastKind = "continue-part";
      return { type: "continue", text };
    }
    if (styled === "section-heading" || (!styled && isSectionHeading(plainText) && !l)) {
      this.phase = "body";
      this.inPart = false;
      let s = this.slugs.get(plainText);
      if (s === undefined) {
        s = slug(plainText);
        this.slugs.set(plainText, s);
      }
      const key = this.enterSection(s);
      return this.start("section-heading", key, null, "", text, key);
    }

    if (styled === "sub-item" && this.clauseOpen) return { type: "continue", text };
    if (l) {
      // "i)", "v)", "x)" are letters when they follow "h)", "u)", "w)"; otherwise roman sub-items
      const roman = l.kind === "roman" && !(this.lastLetter !== null && nextLetter(this.lastLetter) === labelKey(l.label));
      if ((l.kind === "dash" || roman || styled === "sub-item") && this.clauseOpen) {
        return { type: "continue", text };
      }
      if (l.kind === "letter" || l.kind === "roman") {
        this.lastLetter = l.label;
        this.clauseOpen = true;
        return this.start("clause", this.sectionKey, l.label, l.separator, l.rest, `${this.sectionKey}/${labelKey(l.label)}`);
      }
      if (l.kind === "number") {
        this.clauseOpen = true;
        const parentLabel = parentNumber(l.label);
        const parentId = parentLabel ? `${this.sectionKey}/${parentLabel}` : null;
        const kind: ClauseKind = styled === undefined && p.style && /^heading\d$/i.test(p.style) ? "heading" : "clause";
        return this.start(
          kind,
          this.sectionKey,
          l.label,
          l.separator,
          l.rest,
          `${this.sectionKey}/${labelKey(l.label)}`,
          numberDepth(l.label),
          parentId && b.has(parentId) ? parentId : null,
        );
      }
      // a dash item with no clause above it stands alone
    }
    if (p.style && /^heading\d$/i.test(p.style)) {
      this.clauseOpen = false;
      return this.start("heading", this.sectionKey, null, "", text, this.unlabelledId());
    }
    if (this.clauseOpen && !this.inPart && this.phase === "body") return { type: "continue", text };
    if (this.phase === "head") return this.start("paragraph", this.sectionKey, null, "", text, this.unlabelledId());
    return this.start("paragraph", this.sectionKey, null, "", text, this.unlabelledId());
  }

  private head(kind: ClauseKind, text: string): Decision {
    return this.start(kind, this.sectionKey, null, "", text, `${this.sectionKey}/${kind}`);
  }

  private enterSection(key: string): string {
    this.sectionKey = this.sections.take(this.scope + key);
    this.lastLetter = null;
    this.clauseOpen = false;
    return this.sectionKey;
  }

  private startResolution(number: string): void {
    const m = /\d+[A-Z]?|[A-Z]{1,3}\.?\d+/u.exec(number);
    this.scope = `${this.scopes.take(`res-${slug(m ? m[0] : number)}`)}/`;
    this.sections = new KeySet();
    this.sectionKey = this.sections.take(`${this.scope}head`);
    this.phase = "head";
    this.inPart = false;
    this.clauseOpen = false;
    this.lastLetter = null;
    this.lastKind = null;
  }

  private unlabelledId(): string {
    const n = (this.unlabelled.get(this.sectionKey) ?? 0) + 1;
    this.unlabelled.set(this.sectionKey, n);
    return `${this.sectionKey}/p${n}`;
  }

  private start(kind: ClauseKind, section: string, label: string | null, separator: string, text: string, id: string, depth = 0, parent: string | null = null): Decision {
    this.lastKind = kind;
    if (kind !== "clause") this.clauseOpen = kind === "note" ? false : this.clauseOpen && kind === "paragraph";
    return { type: "start", kind, section, id, label, separator, text, depth, parent };
  }
}

/** "Annex (to Resolution 68)" -> "annex", "Annex A" -> "annex-a", "SECTION 2" -> "section-2", "Appendix I (to ...)" -> "appendix-i". */
export function partKey(text: string): string {
  const m = PART.exec(text.trim());
  if (!m) return slug(text.split(/\s+/).slice(0, 2).join(" "));
  if (m[1]) return `section-${m[2]!.toLowerCase()}`;
  if (m[3]) return m[4] ? `annex-${m[4].toLowerCase()}` : "annex";
  if (m[5]) return m[6] ? `appendix-${m[6].toLowerCase()}` : "appendix";
  return m[8] ? `attachment-${m[8].toLowerCase()}` : "attachment";
}

export function structureItu(doc: Doc): ClauseTree {
  let numberLines = 0;
  const paragraphs = doc.paragraphs;
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i]!;
    if (p.part !== "body") continue;
    if (isBlank(p.text)) continue;
    if (p.style) {
      if (STYLE_KIND[p.style.toLowerCase()] === "number-line") numberLines++;
      continue;
    }
    // a number line starts with D, R or N; a printable first character is the trimmed text's first
    const c = p.text.charCodeAt(0);
    if (c > 32 && c < 160 && c !== 68 && c !== 82 && c !== 78) continue;
    if (NUMBER_LINE.test(p.text.trim())) numberLines++;
  }
  return drive(doc, "itu-resolution", new ItuClassifier(numberLines > 1));
}

keepShape(new ItuClassifier(false));
