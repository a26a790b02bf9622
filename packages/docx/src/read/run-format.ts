import type { RunFormat } from "@redline/core";
import { findChild, getAttr, type XmlElement } from "../xml/tree.js";
import { onOff } from "./on-off.js";

/**
 * Character formatting as far as a redline shows it. A `w:rPr` sets some
 * properties and leaves the rest to the styles below it, so a partial format
 * keeps "unset" (undefined) apart from "off" (false).
 */
export type PartialFormat = Partial<RunFormat>;

export const PLAIN: Readonly<RunFormat> = Object.freeze({
  bold: false,
  italic: false,
  underline: false,
  strike: false,
  vertAlign: null,
  smallCaps: false,
});

/** Reads the properties we show from a `w:rPr` (or a style's `w:rPr`). */
export function readRunProperties(rPr: XmlElement | null): PartialFormat {
  const out: PartialFormat = {};
  if (!rPr) return out;
  for (const child of rPr.children) {
    if (child.type !== "element") continue;
    switch (child.name) {
      case "w:b":
        out.bold = onOff(child) ?? false;
        break;
      case "w:i":
        out.italic = onOff(child) ?? false;
        break;
      case "w:u":
        out.underline = (getAttr(child, "w:val") ?? "single") !== "none";
        break;
      case "w:strike":
      case "w:dstrike":
        // single or double, either reads as struck
        out.strike = (out.strike ?? false) || (onOff(child) ?? false);
        break;
      case "w:vertAlign": {
        const value = getAttr(child, "w:val");
        out.vertAlign = value === "superscript" || value === "subscript" ? value : null;
        break;
      }
      case "w:smallCaps":
        out.smallCaps = onOff(child) ?? false;
        break;
    }
  }
  return out;
}

/** Layers formats, later ones winning property by property. */
export function layer(...formats: PartialFormat[]): PartialFormat {
  return Object.assign({}, ...formats) as PartialFormat;
}

export function complete(format: PartialFormat): RunFormat {
  return { ...PLAIN, ...format };
}

export function sameFormat(a: RunFormat, b: RunFormat): boolean {
  return (
    a.bold === b.bold &&
    a.italic === b.italic &&
    a.underline === b.underline &&
    a.strike === b.strike &&
    a.vertAlign === b.vertAlign &&
    a.smallCaps === b.smallCaps
  );
}

/** The `w:rPr` of a run as the view sees it: the old properties (`w:rPrChange`) when rejecting. */
export function viewRunProperties(run: XmlElement, rejected: boolean): XmlElement | null {
  const rPr = findChild(run, "w:rPr");
  if (!rPr || !rejected) return rPr;
  const change = findChild(rPr, "w:rPrChange");
  return change ? findChild(change, "w:rPr") : rPr;
}
