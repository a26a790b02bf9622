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

/**
 * Split `text` into tokens whose concatenation is `text`.
 *
 * The pattern's matches tile the text (its last alternative takes any code
 * point), so a token runs from the start of one match that is not whitespace
 * to the start of the next; a whitespace match opens a token only at the very
 * start. Matching with test (no match array per token) and cutting each token
 * once is what makes this cheap on long clauses.
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let start = 0;
  let at = 0;
  while (at < text.length && TOKEN.test(text)) {
    if (at > 0 && !isSpace(text.charCodeAt(at))) {
      tokens.push(text.slice(start, at));
      start = at;
    }
    at = TOKEN.lastIndex;
  }
  if (text.length > 0) tokens.push(text.slice(start));
  return tokens;
}

/** Whether a UTF-16 code unit is whitespace as \s and trim() see it (Unicode Zs, tab to CR, BOM, LS, PS). */
export function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
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
  let at = 0;
  while (at < text.length && TOKEN.test(text)) {
    const end = TOKEN.lastIndex;
    if (!isSpace(text.charCodeAt(at))) {
      const t = text.slice(at, end);
      if (isWordToken(t)) words.push(t);
    }
    at = end;
  }
  return words;
}

/** Number of word tokens in a text. */
export function countWords(text: string): number {
  return wordTokens(text).length;
}
