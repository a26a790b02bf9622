import { ownFormatBits, ownFormatValues, type FormatValues, type Run, type RunFormat } from "@redline/core";
import { findChild, getAttr, type XmlElement } from "../xml/tree.js";
import { intAttr } from "./on-off.js";
import { levelLinkedToStyle, type NumberingDefinitions } from "./numbering.js";
import type { TextPiece } from "./paragraph-text.js";
import { completeShared, NOTHING_SET, readRunProperties, sameFormat, sameOwnValues, viewRunProperties, type PartialFormat } from "./run-format.js";
import { styleNumbering, styleRunFormat, type StyleSheet } from "./styles.js";
import type { View } from "./view.js";

/**
 * What a paragraph's properties (as a view sees them) resolve to: its style,
 * the list it belongs to, and the formatting of its runs.
 */

/** The paragraph's style id; a paragraph that names none has the default paragraph style. */
export function paragraphStyleId(pPr: XmlElement | null, sheet: StyleSheet): string | null {
  const pStyle = pPr ? findChild(pPr, "w:pStyle") : null;
  return (pStyle ? getAttr(pStyle, "w:val") : null) ?? sheet.defaultParagraphStyle;
}

export interface ListMembership {
  numId: string;
  ilvl: number;
}

/**
 * Direct `w:numPr` first, then the style's (up its basedOn chain). A
 * `w:numId` of 0 switches numbering off. Numbering that was itself inserted
 * as a tracked change (`w:numPr/w:ins`) does not exist in the rejected view.
 */
export function paragraphNumbering(
  pPr: XmlElement | null,
  styleId: string | null,
  sheet: StyleSheet,
  defs: NumberingDefinitions,
  view: View,
): ListMembership | null {
  let numPr = pPr ? findChild(pPr, "w:numPr") : null;
  if (numPr && view !== "accepted" && findChild(numPr, "w:ins")) numPr = null;
  const numIdEl = numPr ? findChild(numPr, "w:numId") : null;
  const directNumId = numIdEl ? getAttr(numIdEl, "w:val") : null;
  const directIlvl = numPr ? intAttr(findChild(numPr, "w:ilvl")) : null;
  const fromStyle = styleNumbering(sheet, styleId);
  const numId = directNumId ?? fromStyle?.numId ?? null;
  if (numId === null || numId === "0") return null;
  const linked =
    (styleId !== null ? levelLinkedToStyle(defs, sheet, numId, styleId) : null) ??
    (fromStyle ? levelLinkedToStyle(defs, sheet, numId, fromStyle.styleId) : null);
  return { numId, ilvl: directIlvl ?? fromStyle?.ilvl ?? linked ?? 0 };
}

/** What a run that sets nothing itself looks like in a paragraph of this style: document defaults and the paragraph style. */
export function runBase(styleId: string | null, sheet: StyleSheet): RunFormat {
  let byStyle = BASES.get(sheet);
  if (!byStyle) BASES.set(sheet, (byStyle = new Map()));
  let base = byStyle.get(styleId);
  if (!base) byStyle.set(styleId, (base = completeShared([sheet.defaults, styleRunFormat(sheet, styleId)])));
  return base;
}
/** runBase's, per style sheet and style: a document has thousands of paragraphs and a few dozen styles. */
const BASES = new WeakMap<StyleSheet, Map<string | null, RunFormat>>();

/**
 * Runs of one formatting over the paragraph text. Layers, bottom up:
 * document defaults, the paragraph style, the run's character style, the
 * run's direct formatting (its old formatting when rejecting). Each run
 * also says what its own two layers set (`own`, `ownValues`), so that a comparison can
 * tell how it would look in another paragraph (delta/formatting.ts).
 */
export function paragraphRuns(pieces: TextPiece[], styleId: string | null, sheet: StyleSheet, view: View): Run[] {
  const base = runBase(styleId, sheet);
  const runs: Run[] = [];
  let lastRun: XmlElement | null = null;
  let format: RunFormat | null = null;
  let own = 0;
  let ownValues: Readonly<FormatValues> | undefined;
  for (const piece of pieces) {
    if (piece.run !== lastRun || format === null) {
      lastRun = piece.run;
      const rPr = viewRunProperties(piece.run, view !== "accepted");
      const rStyle = rPr ? findChild(rPr, "w:rStyle") : null;
      const style = styleRunFormat(sheet, rStyle ? getAttr(rStyle, "w:val") : null);
      const direct = readRunProperties(rPr);
      format = runFormat(base, style, direct);
      // most runs set nothing the Doc reads (their w:rPr, if any, holds a language or a proofing flag)
      own = style === NOTHING_SET && direct === NOTHING_SET ? 0 : ownFormatBits(style, direct);
      ownValues = style === NOTHING_SET && direct === NOTHING_SET ? undefined : ownFormatValues(style, direct);
    }
    const last = runs[runs.length - 1];
    if (last && last.end === piece.start && sameFormat(last.format, format) && last.own === own && sameOwnValues(last.ownValues, ownValues)) last.end = piece.end;
    else runs.push(ownValues === undefined ? { type: "run", start: piece.start, end: piece.end, format, own } : { type: "run", start: piece.start, end: piece.end, format, own, ownValues });
  }
  return runs;
}

/**
 * The format of a run with character style `style` and direct formatting
 * `direct` in a paragraph whose runs otherwise look `base` (`runBase`):
 * the same as layering defaults, paragraph style, character style and
 * direct formatting, since `base` is those first two complete. The run's
 * look without its direct formatting is kept per paragraph look and
 * character style, so a run that sets nothing itself costs a lookup.
 */
function runFormat(base: RunFormat, style: PartialFormat, direct: PartialFormat): RunFormat {
  let under = base;
  if (style !== NOTHING_SET) {
    let byStyle = UNDER.get(base);
    if (!byStyle) UNDER.set(base, (byStyle = new WeakMap()));
    const known = byStyle.get(style);
    if (known) under = known;
    else byStyle.set(style, (under = completeShared([base, style])));
  }
  return direct === NOTHING_SET ? under : completeShared([under, direct]);
}
/** runFormat's looks without direct formatting, by paragraph look and character style */
const UNDER = new WeakMap<RunFormat, WeakMap<PartialFormat, RunFormat>>();
