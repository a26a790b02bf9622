/**
 * The ITU paragraph styles a generated document uses, and which one each
 * paragraph gets. Measurements follow ITU's published Word files (Times New
 * Roman 12 pt, the 794/1191/1588/1985 twip tab grid, centred title block);
 * style ids are ITU's, so that a generated redline read back by our own .docx
 * reader is structured by style, as an ITU original would be.
 */
import type { ClauseKind } from "@redline/core";
import type { IParagraphStyleOptions, IStylesOptions } from "docx";

export type ParagraphStyleId =
  | "Normal"
  | "ResNo"
  | "Restitle"
  | "Resref"
  | "Normalaftertitle"
  | "Call"
  | "SectionNo"
  | "Sectiontitle"
  | "AnnexNo"
  | "Annextitle"
  | "AppendixNo"
  | "Appendixtitle"
  | "Heading1"
  | "Heading2"
  | "Heading3"
  | "enumlev1"
  | "enumlev2"
  | "FootnoteText";

/** ITU's tab grid; a label's text starts at the first stop, or the next one after a long label. */
export const TAB_STOPS = [794, 1191, 1588, 1985] as const;
export const LABEL_INDENT = TAB_STOPS[0];
const FOOTNOTE_INDENT = 255;

const centred = { alignment: "center", keepNext: true, keepLines: true } as const;

function style(id: ParagraphStyleId, name: string, rest: Omit<IParagraphStyleOptions, "id" | "name">): IParagraphStyleOptions {
  return { id, name, quickFormat: true, ...rest };
}

const PARAGRAPH_STYLES: readonly IParagraphStyleOptions[] = [
  style("Normal", "Normal", {
    run: { font: "Times New Roman", size: 24 },
    paragraph: { spacing: { before: 120 }, alignment: "both" },
  }),
  style("ResNo", "Res_No", {
    basedOn: "Normal",
    next: "Restitle",
    run: { allCaps: true, size: 28 },
    paragraph: { ...centred, spacing: { before: 0 } },
  }),
  style("Restitle", "Res_title", {
    basedOn: "Normal",
    next: "Resref",
    run: { bold: true, size: 28 },
    paragraph: { ...centred, spacing: { before: 360 } },
  }),
  style("Resref", "Res_ref", {
    basedOn: "Normal",
    next: "Normalaftertitle",
    run: { italics: true },
    paragraph: centred,
  }),
  style("Normalaftertitle", "Normal_after_title", {
    basedOn: "Normal",
    next: "Normal",
    paragraph: { spacing: { before: 360 } },
  }),
  style("Call", "Call", {
    basedOn: "Normal",
    next: "Normal",
    run: { italics: true },
    paragraph: { keepNext: true, keepLines: true, spacing: { before: 240 }, indent: { left: LABEL_INDENT }, alignment: "left" },
  }),
  style("SectionNo", "Section_No", {
    basedOn: "Normal",
    next: "Sectiontitle",
    run: { allCaps: true, size: 28 },
    paragraph: { ...centred, spacing: { before: 720 } },
  }),
  style("Sectiontitle", "Section_title", {
    basedOn: "Normal",
    next: "Normalaftertitle",
    run: { bold: true, size: 28 },
    paragraph: { ...centred, spacing: { before: 360, after: 120 } },
  }),
  style("AnnexNo", "Annex_No", {
    basedOn: "Normal",
    next: "Annextitle",
    run: { allCaps: true, size: 28 },
    paragraph: { ...centred, spacing: { before: 480, after: 80 } },
  }),
  style("Annextitle", "Annex_title", {
    basedOn: "Normal",
    next: "Normalaftertitle",
    run: { bold: true, size: 28 },
    paragraph: { ...centred, spacing: { before: 240, after: 280 } },
  }),
  style("AppendixNo", "Appendix_No", {
    basedOn: "AnnexNo",
    next: "Appendixtitle",
  }),
  style("Appendixtitle", "Appendix_title", {
    basedOn: "Annextitle",
    next: "Normalaftertitle",
  }),
  style("Heading1", "heading 1", {
    basedOn: "Normal",
    next: "Normal",
    run: { bold: true },
    paragraph: {
      keepNext: true,
      keepLines: true,
      spacing: { before: 480 },
      indent: { left: LABEL_INDENT, hanging: LABEL_INDENT },
      alignment: "left",
      outlineLevel: 0,
    },
  }),
  style("Heading2", "heading 2", { basedOn: "Heading1", next: "Normal", paragraph: { spacing: { before: 360 }, outlineLevel: 1 } }),
  style("Heading3", "heading 3", { basedOn: "Heading1", next: "Normal", paragraph: { spacing: { before: 240 }, outlineLevel: 2 } }),
  style("enumlev1", "enumlev1", {
    basedOn: "Normal",
    paragraph: { spacing: { before: 80 }, indent: { left: LABEL_INDENT, hanging: LABEL_INDENT } },
  }),
  style("enumlev2", "enumlev2", { basedOn: "enumlev1", paragraph: { indent: { left: 1191, hanging: 397 } } }),
  style("FootnoteText", "footnote text", {
    basedOn: "Normal",
    run: { size: 20 },
    paragraph: { keepLines: true, spacing: { before: 80 }, indent: { left: FOOTNOTE_INDENT, hanging: FOOTNOTE_INDENT } },
  }),
];

export const ITU_STYLES: IStylesOptions = {
  default: { document: { run: { font: "Times New Roman", size: 24 } } },
  paragraphStyles: PARAGRAPH_STYLES,
};

const DASH_ITEM = /^[–—-]\t/;
const ROMAN_ITEM = /^\(?[ivx]+\)\t/;
const LETTER_ITEM = /^\(?[a-z]\)\t/;

/** The style of a line that continues an entry: ITU's enumeration levels for sub-items. */
function continuationStyle(kind: ClauseKind, line: string, firstLine: string): ParagraphStyleId {
  // Roman before lettered: "i)" under a numbered clause is ITU's second level, not a letter.
  if (ROMAN_ITEM.test(line)) return "enumlev2";
  if (DASH_ITEM.test(line) || LETTER_ITEM.test(line)) return "enumlev1";
  if (kind === "part-heading") return partStyles(firstLine).title;
  if (kind === "note") return "FootnoteText";
  return "Normal";
}

function partStyles(firstLine: string): { number: ParagraphStyleId; title: ParagraphStyleId } {
  if (/^annex\b/i.test(firstLine)) return { number: "AnnexNo", title: "Annextitle" };
  if (/^appendix\b/i.test(firstLine)) return { number: "AppendixNo", title: "Appendixtitle" };
  if (/^section\b/i.test(firstLine)) return { number: "SectionNo", title: "Sectiontitle" };
  // A part heading that names no part (such as the rule above the footnotes) is set as body text.
  return { number: "Normal", title: "Normal" };
}

function headingStyle(label: string | null): ParagraphStyleId {
  const depth = label === null ? 0 : label.split(".").filter((p) => p !== "").length - 1;
  return depth <= 0 ? "Heading1" : depth === 1 ? "Heading2" : "Heading3";
}

const FIRST_LINE_STYLE: Record<Exclude<ClauseKind, "part-heading" | "heading">, ParagraphStyleId> = {
  "number-line": "ResNo",
  title: "Restitle",
  history: "Resref",
  opening: "Normalaftertitle",
  "section-heading": "Call",
  clause: "Normal",
  paragraph: "Normal",
  note: "FootnoteText",
  "table-cell": "Normal",
};

export interface StyleChoice {
  style: ParagraphStyleId;
  /** Give the paragraph a hanging indent so that its label stands in the margin. */
  hanging: boolean;
}

/**
 * The style of one paragraph of an entry. `line` is the paragraph's text
 * (without the entry's label), `first` whether it is the entry's first line,
 * `firstLine` the text of that first line.
 */
export function chooseStyle(kind: ClauseKind, label: string | null, first: boolean, line: string, firstLine: string): StyleChoice {
  if (!first) return { style: continuationStyle(kind, line, firstLine), hanging: false };
  if (kind === "part-heading") return { style: partStyles(firstLine).number, hanging: false };
  if (kind === "heading") return { style: headingStyle(label), hanging: false };
  return { style: FIRST_LINE_STYLE[kind], hanging: kind === "clause" && label !== null };
}
