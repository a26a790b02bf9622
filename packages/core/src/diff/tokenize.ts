/**
 * Word tokens for the inline diff.
 *
 * Whitespace stays attached to the token before it (as jsdiff's word mode
 * does) so that joining the tokens rebuilds the text exactly and a change
 * never starts or ends in the middle of a run of spaces. Numbers and clause
 * labels ("2016", "1.1", "3bis", "b)bis") are single tokens so a renumbering
 * reads "1.2" -> "1.3", never "1." + "2" -> "3". Punctuation is a token of its
 * own so "members;" -> "members," changes only the mark. Han, Hiragana and
 * Katakana characters are one token each: those scripts have no spaces, and a
 * regex is far cheaper than Intl.Segmenter on Node 20.
 */

const SUFFIX = "(?:bis|ter|quater|quinquies|sexies|septies|octies|novies|decies)";
const TOKEN = new RegExp(
  [
    "\\s+",
    "[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}]",
    // a lettered label with its suffix: "b)bis"
    `\\b\\p{Ll}\\)${SUFFIX}`,
    // numbers and numbered labels: 2016, 1.1, 3.5.2, 1bis, 1bis.1, 10,000
    `\\p{Nd}+(?:[.,]\\p{Nd}+)*${SUFFIX}?(?:\\.\\p{Nd}+)*`,
    // words, including internal apostrophes and hyphens (Sector-Member, don't)
    "[\\p{L}\\p{M}\\p{Nd}_]+(?:['’\\-‐][\\p{L}\\p{M}\\p{Nd}_]+)*",
    // anything else is one code point
    "[\\s\\S]",
  ].join("|"),
  "gu",
);

const SPACE = /^\s/u;

/** Split `text` into tokens whose concatenation is `text`. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(text)) !== null) {
    const t = m[0];
    if (SPACE.test(t) && tokens.length > 0) tokens[tokens.length - 1] += t;
    else tokens.push(t);
  }
  return tokens;
}

const WORD = /[\p{L}\p{Nd}]/u;

/** Whether a token counts as a word in the Delta's word counts (not punctuation or space). */
export function isWordToken(token: string): boolean {
  return WORD.test(token);
}

/**
 * The word tokens of `text` without their trailing whitespace: what
 * `tokenize(text).filter(isWordToken).map((t) => t.trimEnd())` gives, without
 * building the other tokens or gluing whitespace on. A match starts with
 * whitespace only when it is the whitespace alternative, and no other
 * alternative contains any, so a word token is exactly its match.
 */
export function wordTokens(text: string): string[] {
  const words: string[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(text)) !== null) {
    const t = m[0];
    if (!SPACE.test(t) && isWordToken(t)) words.push(t);
  }
  return words;
}

/** Number of word tokens in a text. */
export function countWords(text: string): number {
  return wordTokens(text).length;
}
