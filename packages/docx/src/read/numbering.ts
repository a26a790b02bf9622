import { childElements, documentElement, findChild, getAttr, type XmlDocument, type XmlElement } from "../xml/tree.js";
import { intAttr, onOff } from "./on-off.js";
import { styleChain, type StyleSheet } from "./styles.js";

/**
 * word/numbering.xml: abstract list definitions (`w:abstractNum`, nine
 * levels each) and the list instances paragraphs point at (`w:num`), which
 * may override a level's start value or the whole level.
 */

export interface LevelDefinition {
  /** `w:start`; the schema's default is 0. */
  start: number;
  /** `w:numFmt`: "decimal", "lowerLetter", "bullet", ... */
  format: string;
  /** `w:lvlText`: "%1.", "%1.%2", "(%1)", or the bullet character. */
  text: string | null;
  /** `w:lvlRestart`: 1-based level whose use restarts this one; 0 = never; null = the default (any higher level). */
  restart: number | null;
  /** `w:isLgl`: show every level's number as decimal ("1.1" under "I."). */
  legal: boolean;
  /** `w:pStyle`: the paragraph style linked to this level. */
  pStyle: string | null;
}

export interface AbstractNumbering {
  levels: Map<number, LevelDefinition>;
  /** `w:numStyleLink`: the levels live in the list that defines this numbering style. */
  numStyleLink: string | null;
}

export interface NumberingInstance {
  abstractId: string;
  overrides: Map<number, { start: number | null; level: LevelDefinition | null }>;
}

export interface NumberingDefinitions {
  abstracts: Map<string, AbstractNumbering>;
  nums: Map<string, NumberingInstance>;
}

function readLevel(lvl: XmlElement): LevelDefinition {
  return {
    start: intAttr(findChild(lvl, "w:start")) ?? 0,
    format: getAttr(findChild(lvl, "w:numFmt") ?? lvl, "w:val") ?? "decimal",
    text: getAttr(findChild(lvl, "w:lvlText") ?? lvl, "w:val"),
    restart: intAttr(findChild(lvl, "w:lvlRestart")),
    legal: onOff(findChild(lvl, "w:isLgl")) ?? false,
    pStyle: getAttr(findChild(lvl, "w:pStyle") ?? lvl, "w:val"),
  };
}

export function readNumbering(doc: XmlDocument | null): NumberingDefinitions {
  const defs: NumberingDefinitions = { abstracts: new Map(), nums: new Map() };
  if (!doc) return defs;
  for (const el of childElements(documentElement(doc))) {
    if (el.name === "w:abstractNum") {
      const id = getAttr(el, "w:abstractNumId");
      if (id === null) continue;
      const levels = new Map<number, LevelDefinition>();
      for (const lvl of childElements(el)) {
        if (lvl.name === "w:lvl") levels.set(intAttr(lvl, "w:ilvl") ?? 0, readLevel(lvl));
      }
      defs.abstracts.set(id, { levels, numStyleLink: getAttr(findChild(el, "w:numStyleLink") ?? el, "w:val") });
    } else if (el.name === "w:num") {
      const id = getAttr(el, "w:numId");
      const abstractId = getAttr(findChild(el, "w:abstractNumId") ?? el, "w:val");
      if (id === null || abstractId === null) continue;
      const overrides: NumberingInstance["overrides"] = new Map();
      for (const override of childElements(el)) {
        if (override.name !== "w:lvlOverride") continue;
        const lvl = findChild(override, "w:lvl");
        overrides.set(intAttr(override, "w:ilvl") ?? 0, {
          start: intAttr(findChild(override, "w:startOverride")),
          level: lvl ? readLevel(lvl) : null,
        });
      }
      defs.nums.set(id, { abstractId, overrides });
    }
  }
  return defs;
}

/** The abstract definition behind a list instance, following numbering-style links (bounded: links can loop). */
export function abstractFor(defs: NumberingDefinitions, styles: StyleSheet, numId: string): { id: string; def: AbstractNumbering } | null {
  let abstractId = defs.nums.get(numId)?.abstractId ?? null;
  for (let hops = 0; abstractId !== null && hops < 8; hops++) {
    const def = defs.abstracts.get(abstractId);
    if (!def) return null;
    if (def.numStyleLink === null) return { id: abstractId, def };
    const linkedNum = styleChain(styles, def.numStyleLink).find((s) => s.numId !== null)?.numId ?? null;
    abstractId = linkedNum === null ? null : (defs.nums.get(linkedNum)?.abstractId ?? null);
  }
  return null;
}

export function levelFor(defs: NumberingDefinitions, styles: StyleSheet, numId: string, ilvl: number): LevelDefinition | null {
  const override = defs.nums.get(numId)?.overrides.get(ilvl)?.level;
  if (override) return override;
  return abstractFor(defs, styles, numId)?.def.levels.get(ilvl) ?? null;
}

/** The level of a list that is linked to a paragraph style (`w:lvl/w:pStyle`), if any. */
export function levelLinkedToStyle(defs: NumberingDefinitions, styles: StyleSheet, numId: string, styleId: string): number | null {
  const abstract = abstractFor(defs, styles, numId);
  if (!abstract) return null;
  for (const [ilvl, level] of abstract.def.levels) if (level.pStyle === styleId) return ilvl;
  return null;
}
