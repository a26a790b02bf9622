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
  doubleStrike: false,
  vertAlign: null,
  smallCaps: false,
  caps: false,
});

const NOTHING_SET: PartialFormat = Object.freeze({});

/** Reads the properties we show from a `w:rPr` (or a style's `w:rPr`). */
export function readRunProperties(rPr: XmlElement | null): PartialFormat {
  if (!rPr) return NOTHING_SET;
  const out: PartialFormat = {};
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
        out.strike = onOff(child) ?? false;
        break;
      case "w:dstrike":
        out.doubleStrike = onOff(child) ?? false;
        break;
      case "w:vertAlign": {
        const value = getAttr(child, "w:val");
        out.vertAlign = value === "superscript" || value === "subscript" ? value : null;
        break;
      }
      case "w:smallCaps":
        out.smallCaps = onOff(child) ?? false;
        break;
      case "w:caps":
        out.caps = onOff(child) ?? false;
        break;
    }
  }
  return out;
}

/** Layers formats, later ones winning property by property. */
export function layer(...formats: PartialFormat[]): PartialFormat {
  return Object.assign({}, ...formats) as PartialFormat;
}

/**
 * The formats runs can have, made once each: a document has hundreds of
 * thousands of runs and a handful of distinct formats, so every run with the
 * same format shares one frozen object instead of allocating its own.
 */
const SHARED = new Map<number, Readonly<RunFormat>>();

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
  const key =
    (pick(layers, "bold") ? 1 : 0) |
    (pick(layers, "italic") ? 2 : 0) |
    (pick(layers, "underline") ? 4 : 0) |
    (pick(layers, "strike") ? 8 : 0) |
    (pick(layers, "smallCaps") ? 16 : 0) |
    (vertAlign === "superscript" ? 32 : vertAlign === "subscript" ? 64 : 0) |
    (pick(layers, "doubleStrike") ? 128 : 0) |
    (pick(layers, "caps") ? 256 : 0);
  let shared = SHARED.get(key);
  if (!shared) {
    shared = Object.freeze({
      bold: (key & 1) !== 0,
      italic: (key & 2) !== 0,
      underline: (key & 4) !== 0,
      strike: (key & 8) !== 0,
      doubleStrike: (key & 128) !== 0,
      vertAlign,
      smallCaps: (key & 16) !== 0,
      caps: (key & 256) !== 0,
    });
    SHARED.set(key, shared);
  }
  return shared as RunFormat;
}

export function sameFormat(a: RunFormat, b: RunFormat): boolean {
  return (
    a.bold === b.bold &&
    a.italic === b.italic &&
    a.underline === b.underline &&
    a.strike === b.strike &&
    a.doubleStrike === b.doubleStrike &&
    a.vertAlign === b.vertAlign &&
    a.smallCaps === b.smallCaps &&
    a.caps === b.caps
  );
}

/** The `w:rPr` of a run as the view sees it: the old properties (`w:rPrChange`) when rejecting. */
export function viewRunProperties(run: XmlElement, rejected: boolean): XmlElement | null {
  const rPr = findChild(run, "w:rPr");
  if (!rPr || !rejected) return rPr;
  const change = findChild(rPr, "w:rPrChange");
  return change ? findChild(change, "w:rPr") : rPr;
}
