/**
 * The exact-match key of a clause: its text with whitespace runs made one
 * space, trimmed. Alignment compares keys constantly (anchors, exact pairs,
 * moves), so each clause's key is reduced to a class number once, and equal
 * numbers mean equal keys.
 */
import { keepShape } from "../runtime/keep-shape.js";

/** A space followed by whitespace, or whitespace other than a space: what normalizeKey would rewrite. */
const UNNORMAL = / \s|[^\S ]/;

export function normalizeKey(text: string): string {
  // Most texts are already normal: testing is one scan, rewriting builds a new string.
  if (isNormal(text)) return text;
  // The usual exception is a clause whose paragraphs are joined with "\n": when turning those into
  // spaces gives a normal text, that is the key, and split/join is many times cheaper than the replace.
  if (text.indexOf("\n") !== -1) {
    const joined = text.split("\n").join(" ");
    if (isNormal(joined)) return joined;
  }
  return text.replace(/\s+/gu, " ").trim();
}

function isNormal(text: string): boolean {
  return text === "" || (text.charCodeAt(0) !== 32 && text.charCodeAt(text.length - 1) !== 32 && !UNNORMAL.test(text));
}

export interface KeyClasses {
  old: Int32Array;
  new: Int32Array;
  /** number of distinct keys: classes are 0 .. count - 1 */
  count: number;
}

export function keyClasses(oldTexts: readonly string[], newTexts: readonly string[]): KeyClasses {
  const expected = oldTexts.length + newTexts.length;
  return classify(oldTexts, newTexts, new SampledTable(expected)) ?? classify(oldTexts, newTexts, new MapTable())!;
}

/**
 * Texts are looked up as they are: only the first of each distinct text is normalised (a scan), and
 * one that is not normal is entered under its key too, so that a later text equal to the key, or
 * normalising to it, finds the same class. Null if the table gave up (see SampledTable).
 */
function classify(oldTexts: readonly string[], newTexts: readonly string[], table: Table): KeyClasses | null {
  let count = 0;
  const classOf = (text: string): number => {
    let c = table.get(text);
    if (c !== -1) return c;
    const key = normalizeKey(text);
    if (key !== text) {
      c = table.get(key);
      if (c === -1) {
        c = count++;
        table.add(key, c);
      }
    } else c = count++;
    table.add(text, c);
    return c;
  };
  const old = new Int32Array(oldTexts.length);
  // per class met in the old text (classes are numbered as met): its position there, or -1 if it has several
  const oldAt: number[] = [];
  for (let i = 0; i < oldTexts.length; i++) {
    const c = classOf(oldTexts[i]!);
    if (table.failed) return null;
    old[i] = c;
    if (c === oldAt.length) oldAt.push(i);
    else oldAt[c] = -1;
  }
  // Most new texts equal the old text at the next position (or the one after, past a deleted clause):
  // comparing them directly spares looking up every text of the new document.
  const neu = new Int32Array(newTexts.length);
  let next = 0;
  for (let j = 0; j < newTexts.length; j++) {
    const text = newTexts[j]!;
    if (next < oldTexts.length && text === oldTexts[next]) {
      neu[j] = old[next++]!;
    } else if (next + 1 < oldTexts.length && text === oldTexts[next + 1]) {
      neu[j] = old[next + 1]!;
      next += 2;
    } else {
      const c = classOf(text);
      if (table.failed) return null;
      neu[j] = c;
      // the new text most likely continues after the one old text of its class
      if (c < oldAt.length && oldAt[c]! >= 0) next = oldAt[c]! + 1;
    }
  }
  return { old, new: neu, count };
}

interface Table {
  /** the class stored for `text`, or -1 */
  get(text: string): number;
  /** store the class of a text not in the table */
  add(text: string, value: number): void;
  readonly failed: boolean;
}

class MapTable implements Table {
  private readonly map = new Map<string, number>();
  readonly failed = false;
  get(text: string): number {
    return this.map.get(text) ?? -1;
  }
  add(text: string, value: number): void {
    this.map.set(text, value);
  }
}

/**
 * Open addressing on a hash of a text's length and a few dozen of its characters (the first 16,
 * 8 spread over the rest, the last): a Map hashes every character of every text, a pass over the
 * whole document, while equal texts are compared in full anyway. Different texts that agree on
 * every sampled character only cost a comparison; should they cost too many (texts made to
 * collide), the table gives up and the caller starts again with a Map.
 */
class SampledTable implements Table {
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly texts: string[] = [];
  private readonly hashes: number[] = [];
  private readonly values: number[] = [];
  private budget: number;
  failed = false;

  constructor(expected: number) {
    let size = 64;
    // entries: each text at most once, plus the keys of texts that are not normal; load stays under a half
    while (size < 4 * expected) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    this.budget = 4 * expected + 1024;
  }

  /** where the last get() missed, so that adding that text next does not sample it again */
  private missed: string | null = null;
  private missedHash = 0;
  private missedSlot = 0;

  get(text: string): number {
    const h = sample(text);
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const e = this.slots[i]!;
      if (e === -1) {
        this.missed = text;
        this.missedHash = h;
        this.missedSlot = i;
        return -1;
      }
      if (this.hashes[e] === h) {
        if (this.texts[e] === text) return this.values[e]!;
        if (--this.budget < 0) this.failed = true;
      }
    }
  }

  add(text: string, value: number): void {
    let h: number;
    let i: number;
    if (this.missed === text) {
      h = this.missedHash;
      i = this.missedSlot;
    } else {
      h = sample(text);
      i = h & this.mask;
      while (this.slots[i] !== -1) i = (i + 1) & this.mask;
    }
    this.missed = null;
    this.slots[i] = this.texts.length;
    this.texts.push(text);
    this.hashes.push(h);
    this.values.push(value);
  }
}

function sample(text: string): number {
  const n = text.length;
  let h = Math.imul(n ^ 0x9e3779b9, 0x85ebca6b);
  const head = n < 16 ? n : 16;
  for (let i = 0; i < head; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  if (n > 16) {
    const step = Math.max(1, (n - 16) >>> 3);
    for (let i = 16 + (step >>> 1); i < n; i += step) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ text.charCodeAt(n - 1), 0x01000193);
  }
  // 30 bits: a small integer for V8, so the hashes array holds no boxed numbers
  return (h ^ (h >>> 15)) & 0x3fffffff;
}

keepShape(new MapTable());
keepShape(new SampledTable(0));
