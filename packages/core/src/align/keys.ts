/**
 * The exact-match key of a clause: its text with whitespace runs made one
 * space, trimmed. Alignment compares keys constantly (anchors, exact pairs,
 * moves), so each clause's key is reduced to a class number once, and equal
 * numbers mean equal keys.
 */

/** A space followed by whitespace, or whitespace other than a space: what normalizeKey would rewrite. */
const UNNORMAL = / \s|[^\S ]/;

export function normalizeKey(text: string): string {
  // Most texts are already normal: testing is one scan, rewriting builds a new string (which must then be hashed anew).
  if (text === "" || (text.charCodeAt(0) !== 32 && text.charCodeAt(text.length - 1) !== 32 && !UNNORMAL.test(text))) return text;
  return text.replace(/\s+/gu, " ").trim();
}

export interface KeyClasses {
  old: Int32Array;
  new: Int32Array;
  /** number of distinct keys: classes are 0 .. count - 1 */
  count: number;
}

export function keyClasses(oldTexts: readonly string[], newTexts: readonly string[]): KeyClasses {
  // Texts are looked up as they are first: an unchanged clause's text repeats on the other side, so only
  // the first of each distinct text is normalised (a scan) and looked up again by its key.
  const byText = new Map<string, number>();
  const byKey = new Map<string, number>();
  const classOf = (text: string): number => {
    let c = byText.get(text);
    if (c === undefined) {
      const key = normalizeKey(text);
      c = byKey.get(key);
      if (c === undefined) {
        c = byKey.size;
        byKey.set(key, c);
      }
      byText.set(text, c);
    }
    return c;
  };
  const old = new Int32Array(oldTexts.length);
  // per class met in the old text (classes are numbered as met): its position there, or -1 if it has several
  const oldAt: number[] = [];
  for (let i = 0; i < oldTexts.length; i++) {
    const c = classOf(oldTexts[i]!);
    old[i] = c;
    if (c === oldAt.length) oldAt.push(i);
    else oldAt[c] = -1;
  }
  // Most new texts equal the old text at the next position (or the one after, past a deleted clause):
  // comparing them directly spares hashing every character of the new document.
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
      neu[j] = c;
      // the new text most likely continues after the one old text of its class
      if (c < oldAt.length && oldAt[c]! >= 0) next = oldAt[c]! + 1;
    }
  }
  return { old, new: neu, count: byKey.size };
}
