import { formatNumber } from "./number-format.js";
import { abstractFor, levelFor, type NumberingDefinitions } from "./numbering.js";
import type { StyleSheet } from "./styles.js";

/**
 * Computes list labels in document order, the way Word counts:
 * - list instances (`w:num`) that share an abstract definition share one
 *   set of counters: a new `w:num` without overrides continues the list
 *   (the behaviour python-docx users keep tripping over);
 * - the first paragraph of an instance at a level that instance overrides
 *   (`w:startOverride`) restarts that level at the override; paragraphs of
 *   any instance of the list then continue from there. Overrides of other
 *   levels wait until the instance is used at those levels. ("Restart
 *   numbering" in Word creates such an instance; LibreOffice counts the
 *   same way, which the corpus comparison against it confirms.)
 * - using a level resets the levels below it, unless `w:lvlRestart` says otherwise.
 */

const LEVELS = 9;

/** Bullets drawn from the Symbol and Wingdings fonts sit in the private use area; show their Unicode look-alikes. */
const SYMBOL_BULLETS: Record<string, string> = {
  "\uf0b7": "\u2022", // Symbol bullet
  "\uf0a7": "\u25aa", // Wingdings small square
  "\uf0d8": "\u27a2", // Wingdings arrowhead
  "\uf0fc": "\u2713", // Wingdings check mark
  "\uf076": "\u2756", // Wingdings diamond
  "\uf06e": "\u25a0", // Wingdings black square
  "\uf0a8": "\u25e6", // Symbol white bullet
  "\uf02d": "\u2013", // Symbol en dash
};

export class ListCounter {
  private readonly counters = new Map<string, (number | undefined)[]>();
  private readonly started = new Set<string>();

  constructor(
    private readonly defs: NumberingDefinitions,
    private readonly styles: StyleSheet,
  ) {}

  /** Counts one paragraph of list `numId` at level `ilvl` and returns its label, or null if it shows none. */
  next(numId: string, ilvl: number): string | null {
    const num = this.defs.nums.get(numId);
    const abstract = abstractFor(this.defs, this.styles, numId);
    if (!num || !abstract || ilvl < 0 || ilvl >= LEVELS) return null;
    const level = levelFor(this.defs, this.styles, numId, ilvl);
    if (!level) return null;
    let counts = this.counters.get(abstract.id);
    if (!counts) {
      counts = new Array<number | undefined>(LEVELS).fill(undefined);
      this.counters.set(abstract.id, counts);
    }
    const use = `${numId}:${ilvl}`;
    if (!this.started.has(use)) {
      this.started.add(use);
      if ((num.overrides.get(ilvl)?.start ?? null) !== null) counts[ilvl] = undefined;
    }
    const start = (i: number): number =>
      num.overrides.get(i)?.start ?? levelFor(this.defs, this.styles, numId, i)?.start ?? 0;
    const current = counts[ilvl];
    counts[ilvl] = current === undefined ? start(ilvl) : current + 1;
    for (let deeper = ilvl + 1; deeper < LEVELS; deeper++) {
      const restart = levelFor(this.defs, this.styles, numId, deeper)?.restart ?? null;
      if (restart === null ? true : restart !== 0 && ilvl < restart) counts[deeper] = undefined;
    }
    if (level.format === "bullet") {
      const bullet = level.text ?? "";
      return (SYMBOL_BULLETS[bullet] ?? bullet) || null;
    }
    const label = (level.text ?? "").replace(/%([1-9])/g, (_, digit: string) => {
      const i = Number(digit) - 1;
      const format = levelFor(this.defs, this.styles, numId, i)?.format ?? "decimal";
      const value = counts[i] ?? start(i);
      return formatNumber(value, level.legal && format !== "none" ? "decimal" : format);
    });
    return label === "" ? null : label;
  }
}
