import { childElements, documentElement, findChild, findPath, getAttr, type XmlDocument, type XmlElement } from "../xml/tree.js";
import { intAttr } from "./on-off.js";
import { layer, NOTHING_SET, readRunProperties, type PartialFormat } from "./run-format.js";
import type { View } from "./view.js";

/**
 * The parts of word/styles.xml a reader needs: names for display, the
 * basedOn chains, the numbering a paragraph style brings, and the run
 * formatting styles contribute (a heading style that is bold makes its text
 * bold without any `w:b` in the runs).
 */

export interface StyleDefinition {
  id: string;
  type: string;
  name: string | null;
  basedOn: string | null;
  /** `w:pPr/w:numPr` of the style itself (not inherited). */
  numId: string | null;
  ilvl: number | null;
  run: PartialFormat;
}

export interface StyleSheet {
  styles: Map<string, StyleDefinition>;
  /** The paragraph style used where a paragraph names none (`w:default="1"`), usually "Normal". */
  defaultParagraphStyle: string | null;
  /** `w:docDefaults/w:rPrDefault`: the bottom layer of every run. */
  defaults: PartialFormat;
  /** Memo of flattened run formats per style id. */
  flattened: Map<string, PartialFormat>;
}

export function emptyStyleSheet(): StyleSheet {
  return { styles: new Map(), defaultParagraphStyle: null, defaults: {}, flattened: new Map() };
}

/** A style's own properties as the view sees them: the old ones (`w:pPrChange`, `w:rPrChange`) when rejecting. */
function viewProperties(style: XmlElement, name: "w:pPr" | "w:rPr", view: View): XmlElement | null {
  const props = findChild(style, name);
  if (!props || view === "accepted") return props;
  const change = findChild(props, name === "w:pPr" ? "w:pPrChange" : "w:rPrChange");
  return change ? findChild(change, name) : props;
}

export function readStyles(doc: XmlDocument | null, view: View = "accepted"): StyleSheet {
  const sheet = emptyStyleSheet();
  if (!doc) return sheet;
  const root = documentElement(doc);
  sheet.defaults = readRunProperties(findPath(root, ["w:docDefaults", "w:rPrDefault", "w:rPr"]));
  for (const el of childElements(root)) {
    if (el.name !== "w:style") continue;
    const id = getAttr(el, "w:styleId");
    if (id === null) continue;
    const type = getAttr(el, "w:type") ?? "paragraph";
    const pPr = viewProperties(el, "w:pPr", view);
    const numPr = pPr ? findChild(pPr, "w:numPr") : null;
    const numId = numPr ? findChild(numPr, "w:numId") : null;
    sheet.styles.set(id, {
      id,
      type,
      name: getAttr(findChild(el, "w:name") ?? el, "w:val"),
      basedOn: getAttr(findChild(el, "w:basedOn") ?? el, "w:val"),
      numId: numId ? getAttr(numId, "w:val") : null,
      ilvl: numPr ? intAttr(findChild(numPr, "w:ilvl")) : null,
      run: readRunProperties(viewProperties(el, "w:rPr", view)),
    });
    const isDefault = getAttr(el, "w:default");
    if (type === "paragraph" && (isDefault === "1" || isDefault === "true") && sheet.defaultParagraphStyle === null) {
      sheet.defaultParagraphStyle = id;
    }
  }
  return sheet;
}

/** The style and its ancestors, nearest first; stops at unknown ids and at cycles. */
export function styleChain(sheet: StyleSheet, id: string | null): StyleDefinition[] {
  const chain: StyleDefinition[] = [];
  const seen = new Set<string>();
  for (let at = id; at !== null && !seen.has(at); ) {
    seen.add(at);
    const style = sheet.styles.get(at);
    if (!style) break;
    chain.push(style);
    at = style.basedOn;
  }
  return chain;
}

/** Run formatting a style contributes, its ancestors' included. */
export function styleRunFormat(sheet: StyleSheet, id: string | null): PartialFormat {
  if (id === null) return NOTHING_SET;
  let format = sheet.flattened.get(id);
  if (!format) {
    format = layer(...styleChain(sheet, id).reverse().map((s) => s.run));
    sheet.flattened.set(id, format);
  }
  return format;
}

/** The numbering a paragraph style brings: the nearest `w:numPr` up its basedOn chain. */
export function styleNumbering(sheet: StyleSheet, id: string | null): { numId: string; ilvl: number | null; styleId: string } | null {
  for (const style of styleChain(sheet, id)) {
    if (style.numId !== null) return { numId: style.numId, ilvl: style.ilvl, styleId: style.id };
  }
  return null;
}
