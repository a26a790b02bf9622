/**
 * Formatting changed on text both documents keep (a word made bold, a "3" made
 * superscript). The output is NEW's package, so such text shows NEW's
 * formatting whether the changes are accepted or rejected; Word's Compare
 * records the old run properties (`w:rPr/w:rPrChange`), and so does the
 * writer, on the runs whose formatting changed.
 *
 * What counts is what a redline shows of a run (`RunFormat`: bold, italic,
 * underline and its kind, single or double strike, superscript or subscript,
 * small or all capitals, hidden, colour, highlight, size, the font of Latin text),
 * made of the styles and the run's own properties. A language, a proofing flag or a font
 * hint that differs (two documents saved apart often differ so in every run)
 * is no change, and neither is a property spelled another way that shows the
 * same (`<w:b w:val="0"/>` where nothing makes the text bold).
 */
import { runAt, seen, type Paragraph, type Run } from "@redline/core";
import type { TextPiece } from "../read/paragraph-text.js";
import { sameFormat } from "../read/run-format.js";
import type { XmlElement } from "../xml/tree.js";
import type { KeptText } from "./plan.js";

/** NEW's characters [from, to), whose run shows the formatting `was` (OLD's run) had differently. */
export interface FormatChange {
  from: number;
  to: number;
  was: XmlElement;
}

export interface SideRuns {
  paragraph: Paragraph;
  pieces: readonly TextPiece[];
}

/**
 * Where NEW paragraph `now` keeps text of OLD paragraph `old` (`kept`, in `now`'s order) with other formatting.
 * Cheap when nothing changed: the reader's runs share one frozen object per format, so the formats of the
 * kept text compare by identity, and where they are all the same and the two paragraphs give a run that
 * sets nothing the same look (the same `runBase`: the same style in templates that agree), no run can have
 * changed in a way rejecting would show. Otherwise each stretch lying in one run on each side counts where
 * NEW's run, under OLD's paragraph style (what rejecting gives the paragraph), would look other than OLD's
 * run: a change of paragraph style alone changes the formats but not the look the runs give under
 * one style, while a run's own bold lost under a bold new style shows once the old style is back, and so
 * does a run's own 10 pt where NEW's defaults are 10 pt and OLD's 12 (the formats are the same object there).
 */
export function formatChanges(old: SideRuns, now: SideRuns, kept: readonly KeptText[]): FormatChange[] {
  if (kept.length === 0) return [];
  const oldRuns = old.paragraph.runs;
  const newRuns = now.paragraph.runs;
  if (!oldRuns || !newRuns) return [];
  const sameLooks = sameBase(old.paragraph, now.paragraph);
  const out: FormatChange[] = [];
  for (const k of kept) {
    if (sameLooks && sameFormats(oldRuns, k.from, newRuns, k.at, k.length)) continue;
    changedRuns(old, now, k, out);
  }
  return out;
}

/** Whether two paragraphs of the same length have the same style, run base and formats throughout: formatChanges would find none. */
export function sameLook(old: Paragraph, now: Paragraph): boolean {
  if (!sameBase(old, now)) return false;
  if (!old.runs || !now.runs) return true;
  return sameFormats(old.runs, 0, now.runs, 0, now.text.length);
}

/** Whether the two paragraphs have one style and give a run that sets nothing itself the same look. */
function sameBase(old: Paragraph, now: Paragraph): boolean {
  if (old.style !== now.style) return false;
  const a = old.runBase;
  const b = now.runBase;
  return a === b || (a !== undefined && b !== undefined && sameFormat(a, b));
}

/** Whether the formats of old [from, from + length) and new [at, at + length) are the same, character by character. */
function sameFormats(oldRuns: readonly Run[], from: number, newRuns: readonly Run[], at: number, length: number): boolean {
  let i = runAt(oldRuns, from);
  let j = runAt(newRuns, at);
  let x = 0;
  while (x < length) {
    const a = oldRuns[i];
    const b = newRuns[j];
    // text outside any run (none in practice) has no format to compare
    if (!a || !b) return true;
    const step = Math.min(a.end - (from + x), b.end - (at + x), length - x);
    if (step > 0 && a.format !== b.format) return false;
    x += step;
    if (a.end === from + x) i++;
    if (b.end === at + x) j++;
  }
  return true;
}


/**
 * Adds to `out` the stretches of `k` lying in one run on each side where NEW's run, seen in OLD's paragraph
 * (core's `seen`: its own formatting over what OLD's paragraph style gives, which the reader recorded), looks
 * other than OLD's. The pieces name the runs (OLD's is the one whose properties are recorded); the reader's
 * runs, merged from pieces of one look and one `own`, say how they look.
 */
function changedRuns(old: SideRuns, now: SideRuns, k: KeptText, out: FormatChange[]): void {
  const oldPieces = old.pieces;
  const newPieces = now.pieces;
  const oldRuns = old.paragraph.runs!;
  const newRuns = now.paragraph.runs!;
  let i = runAt(oldPieces, k.from);
  let j = runAt(newPieces, k.at);
  let x = 0;
  while (x < k.length) {
    const a = oldPieces[i];
    const b = newPieces[j];
    if (!a || !b) return;
    const oldAt = k.from + x;
    const newAt = k.at + x;
    // a character without a piece on one side (none in practice) is stepped over
    const gap = Math.max(a.start - oldAt, b.start - newAt);
    if (gap > 0) {
      x += gap;
      continue;
    }
    const step = Math.min(a.end - oldAt, b.end - newAt, k.length - x);
    if (step > 0 && a.run.name === "w:r" && b.run.name === "w:r" && looksOther(oldRuns[runAt(oldRuns, oldAt)], newRuns[runAt(newRuns, newAt)], now.paragraph, old.paragraph)) {
      const last = out[out.length - 1];
      if (last && last.to === newAt && last.was === a.run) last.to = newAt + step;
      else out.push({ from: newAt, to: newAt + step, was: a.run });
    }
    x += step;
    if (a.end === k.from + x) i++;
    if (b.end === k.at + x) j++;
  }
}

/** Whether new run `b` (of paragraph `p`), seen in old paragraph `q`, looks other than old run `a`. */
function looksOther(a: Run | undefined, b: Run | undefined, p: Paragraph, q: Paragraph): boolean {
  return a !== undefined && b !== undefined && !sameFormat(a.format, seen(b, p, q));
}
