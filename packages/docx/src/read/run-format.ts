import type { FormatValues, RunFormat } from "@redline/core";
import { findChild, getAttr, type XmlElement } from "../xml/tree.js";
import { onOff } from "./on-off.js";
import { halfPoints, highlightColor, latinFont, textColor, underlineKind } from "./run-values.js";

/**
 * Character formatting as far as a redline shows it. A `w:rPr` sets some
 * properties and leaves the rest to the styles below it, so a partial format
 * keeps "unset" (undefined) apart from "off" (false).
 */
export type PartialFormat = Partial<RunFormat>;

/** The font of text where nothing in a document sets one, as the Delta names it ("font (default)"). */
const DEFAULT_FONT = "(default)";

export const PLAIN: Readonly<RunFormat> = Object.freeze({
  bold: false,
  italic: false,
  underline: false,
  strike: false,
  doubleStrike: false,
  vertAlign: null,
  smallCaps: false,
  caps: false,
  hidden: false,
  underlineStyle: undefined,
  color: null,
  highlight: null,
  // where nothing in a document sets a size, Word shows 10 pt
  size: 20,
  // where nothing sets a font, the application chooses one: the same one on both sides
  font: DEFAULT_FONT,
});

/** A `w:rPr` (or a style) that sets nothing a redline shows: one object, so that a reader can tell it by identity. */
export const NOTHING_SET: PartialFormat = Object.freeze({});

/** The on/off properties (ST_OnOff elements) a redline shows, by the element that sets each. */
const ON_OFF = new Map<string, "bold" | "italic" | "strike" | "doubleStrike" | "smallCaps" | "caps" | "hidden">([
  ["w:b", "bold"],
  ["w:i", "italic"],
  ["w:strike", "strike"],
  ["w:dstrike", "doubleStrike"],
  ["w:smallCaps", "smallCaps"],
  ["w:caps", "caps"],
  ["w:vanish", "hidden"],
]);

/** Reads the properties we show from a `w:rPr` (or a style's `w:rPr`). */
export function readRunProperties(rPr: XmlElement | null): PartialFormat {
  if (!rPr) return NOTHING_SET;
  const out: PartialFormat = {};
  for (const child of rPr.children) {
    if (child.type !== "element") continue;
    const flag = ON_OFF.get(child.name);
    if (flag !== undefined) {
      out[flag] = onOff(child) ?? false;
      continue;
    }
    switch (child.name) {
      case "w:u": {
        const kind = underlineKind(getAttr(child, "w:val"));
        out.underline = kind !== null;
        if (kind !== null) out.underlineStyle = kind;
        break;
      }
      case "w:color":
        out.color = textColor(getAttr(child, "w:val"));
        break;
      case "w:highlight": {
        const highlight = highlightColor(getAttr(child, "w:val"));
        if (highlight !== undefined) out.highlight = highlight;
        break;
      }
      case "w:sz": {
        const size = halfPoints(getAttr(child, "w:val"));
        if (size !== undefined) out.size = size;
        break;
      }
      case "w:rFonts": {
        // only Latin text's font is read: a font for other scripts, or a hint, sets none
        const font = latinFont(child);
        if (font !== undefined) out.font = font;
        break;
      }
      case "w:vertAlign": {
        const value = getAttr(child, "w:val");
        out.vertAlign = value === "superscript" || value === "subscript" ? value : null;
        break;
      }
    }
  }
  // most w:rPr hold only a language, a proofing flag or a font for other scripts
  for (const _ in out) return out;
  return NOTHING_SET;
}

/** Layers formats, later ones winning property by property. */
export function layer(...formats: PartialFormat[]): PartialFormat {
  return Object.assign({}, ...formats) as PartialFormat;
}

/**
 * The formats runs can have, made once each: a document has hundreds of
 * thousands of runs and a handful of distinct formats, so every run with the
 * same format shares one frozen object instead of allocating its own. Found
 * by the on/off properties and the size (one number), then the font, then
 * the rest (a string, empty where colour, highlight and the kind of
 * underline are the defaults), so that the common case builds no key.
 * Sharing is only a shortcut (formats also compare property by property),
 * so the maps are emptied when a document with thousands of colours or
 * fonts fills them.
 */
const SHARED = new Map<number, Map<string | undefined, Map<string, Readonly<RunFormat>>>>();
let sharedCount = 0;
const MAX_SHARED = 4096;

/** The value a property takes from the layers, the last that sets it winning. */
function pick<K extends keyof RunFormat>(layers: readonly PartialFormat[], key: K): RunFormat[K] {
  for (let i = layers.length - 1; i >= 0; i--) {
    const value = layers[i]![key];
    if (value !== undefined) return value as RunFormat[K];
  }
  return PLAIN[key];
}

/** The format the layers make (later ones winning, PLAIN beneath all), as one of the shared frozen formats. */
export function completeShared(layers: readonly PartialFormat[]): RunFormat {
  const vertAlign = pick(layers, "vertAlign");
  const flags =
    (pick(layers, "bold") ? 1 : 0) |
    (pick(layers, "italic") ? 2 : 0) |
    (pick(layers, "underline") ? 4 : 0) |
    (pick(layers, "strike") ? 8 : 0) |
    (pick(layers, "smallCaps") ? 16 : 0) |
    (vertAlign === "superscript" ? 32 : vertAlign === "subscript" ? 64 : 0) |
    (pick(layers, "doubleStrike") ? 128 : 0) |
    (pick(layers, "caps") ? 256 : 0) |
    (pick(layers, "hidden") ? 512 : 0);
  const underlineStyle = (flags & 4) !== 0 ? (pick(layers, "underlineStyle") ?? "single") : undefined;
  const color = pick(layers, "color") ?? null;
  const highlight = pick(layers, "highlight") ?? null;
  const size = pick(layers, "size");
  const font = pick(layers, "font");
  // automatic colour, no highlight, no underline or a single one: the common case
  const rest = (underlineStyle === undefined || underlineStyle === "single") && color === null && highlight === null ? "" : `${underlineStyle}\u0000${color ?? "-"}\u0000${highlight ?? "-"}`;
  const number = flags + (size ?? 0) * 1024;
  if (sharedCount >= MAX_SHARED) {
    SHARED.clear();
    sharedCount = 0;
  }
  let byFont = SHARED.get(number);
  if (!byFont) SHARED.set(number, (byFont = new Map()));
  let byRest = byFont.get(font);
  if (!byRest) byFont.set(font, (byRest = new Map()));
  let shared = byRest.get(rest);
  if (!shared) {
    shared = Object.freeze({
      bold: (flags & 1) !== 0,
      italic: (flags & 2) !== 0,
      underline: (flags & 4) !== 0,
      strike: (flags & 8) !== 0,
      doubleStrike: (flags & 128) !== 0,
      vertAlign,
      smallCaps: (flags & 16) !== 0,
      caps: (flags & 256) !== 0,
      hidden: (flags & 512) !== 0,
      underlineStyle,
      color,
      highlight,
      size,
      font,
    });
    byRest.set(rest, shared);
    sharedCount++;
  }
  return shared as RunFormat;
}

export function sameFormat(a: RunFormat, b: RunFormat): boolean {
  return (
    a === b ||
    (a.bold === b.bold &&
      a.italic === b.italic &&
      a.underline === b.underline &&
      a.strike === b.strike &&
      a.doubleStrike === b.doubleStrike &&
      a.vertAlign === b.vertAlign &&
      a.smallCaps === b.smallCaps &&
      a.caps === b.caps &&
      a.hidden === b.hidden &&
      sameValues(a, b))
  );
}

/** Whether two runs set the same values themselves (`Run.ownValues`: most are undefined or one shared object). */
export function sameOwnValues(a: Readonly<FormatValues> | undefined, b: Readonly<FormatValues> | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && sameValues(a, b));
}

/** Whether two formats, or two runs' own values, have the same values (a format's are all there, a run's own only what it sets). */
function sameValues(a: Readonly<FormatValues>, b: Readonly<FormatValues>): boolean {
  return a.underlineStyle === b.underlineStyle && a.color === b.color && a.highlight === b.highlight && a.size === b.size && a.font === b.font;
}

/** The `w:rPr` of a run as the view sees it: the old properties (`w:rPrChange`) when rejecting. */
export function viewRunProperties(run: XmlElement, rejected: boolean): XmlElement | null {
  const rPr = findChild(run, "w:rPr");
  if (!rPr || !rejected) return rPr;
  const change = findChild(rPr, "w:rPrChange");
  return change ? findChild(change, "w:rPr") : rPr;
}
