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
 *
 * TOKEN below is the definition. Most text is ASCII, though, and V8 runs a
 * Unicode-property regex several times slower than a loop over char codes,
 * so each stretch between ASCII whitespace that holds only ASCII is cut by
 * `asciiToken`, which gives the same tokens there (tokenize.test.ts checks
 * the two against each other); any other stretch goes through TOKEN. No
 * token spans ASCII whitespace (only the whitespace alternative matches it),
 * so the stretches can be cut independently.
 */

const SUFFIXES = ["bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies"];
const SUFFIX = `(?:${SUFFIXES.join("|")})`;
/** The definition of a token, the alternatives tried in order at each position (exported for the tests, which hold the scanner to it). */
export const TOKEN = new RegExp(
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
 * ASCII whitespace (space, tab to CR): what ends a stretch of the scanner, so no token but a
 * whitespace one spans it (`stretch` and `scan` spell the test out in their loops).
 */
export function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** Whether a UTF-16 code unit is whitespace as \s and trim() see it (Unicode Zs, tab to CR, BOM, LS, PS). */
export function isSpace(c: number): boolean {
  if (c < 128) return isAsciiSpace(c);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** [A-Za-z0-9_]: what \b counts as a word character (ASCII only, the pattern has no i flag). */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c === 95;
}

/** The length of the suffix ("bis", "ter", ...) at `at`, ending by `end`, or 0; tried in the pattern's order. */
function suffixAt(text: string, at: number, end: number): number {
  const c = text.charCodeAt(at);
  // b, t, q, s, o, n, d: the first letters of the suffixes
  if (c !== 98 && c !== 116 && c !== 113 && c !== 115 && c !== 111 && c !== 110 && c !== 100) return 0;
  for (const s of SUFFIXES) if (at + s.length <= end && text.startsWith(s, at)) return s.length;
  return 0;
}

/** Past the digits from `at`. */
function pastDigits(text: string, at: number, end: number): number {
  let j = at;
  while (j < end && isDigit(text.charCodeAt(j))) j++;
  return j;
}

/** Past each "." (or "," too when `comma`) followed by digits, from `at`: (?:[.,]\d+)* or (?:\.\d+)*. */
function pastGroups(text: string, at: number, end: number, comma: boolean): number {
  let j = at;
  for (;;) {
    const c = text.charCodeAt(j);
    if (j + 1 < end && (c === 46 || (comma && c === 44)) && isDigit(text.charCodeAt(j + 1))) j = pastDigits(text, j + 2, end);
    else return j;
  }
}

/**
 * The end of the token TOKEN matches at `at`, for `text[at]` not whitespace
 * and `text[at, end)` all ASCII with no whitespace; `~end` when the token is
 * not a word (isWordToken false).
 */
function asciiToken(text: string, at: number, end: number): number {
  const c = text.charCodeAt(at);
  if (isDigit(c)) {
    // \d+(?:[.,]\d+)* SUFFIX? (?:\.\d+)*
    const j = pastGroups(text, pastDigits(text, at, end), end, true);
    const suffix = suffixAt(text, j, end);
    return suffix > 0 ? pastGroups(text, j + suffix, end, false) : j;
  }
  // \b \p{Ll} \) SUFFIX: the character before is not a word character (or there is none)
  if (c >= 97 && c <= 122 && at + 1 < end && text.charCodeAt(at + 1) === 41 && (at === 0 || !isWordChar(text.charCodeAt(at - 1)))) {
    const suffix = suffixAt(text, at + 2, end);
    if (suffix > 0) return at + 2 + suffix;
  }
  if (!isWordChar(c)) return ~(at + 1);
  // [\w]+(?:['-][\w]+)*: a word unless it is underscores (and joiners) only
  let word = c !== 95;
  let j = at + 1;
  for (;;) {
    let d = text.charCodeAt(j);
    while (j < end && isWordChar(d)) {
      if (d !== 95) word = true;
      d = text.charCodeAt(++j);
    }
    if (j + 1 < end && (d === 39 || d === 45) && isWordChar(text.charCodeAt(j + 1))) j++;
    else return word ? j : ~j;
  }
}

/** The end of the stretch from `at` up to ASCII whitespace; negated (~end) if the stretch holds a character above ASCII. */
function stretch(text: string, at: number): number {
  let ascii = true;
  let j = at;
  for (; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c <= 32 && (c === 32 || (c >= 9 && c <= 13))) break;
    if (c >= 128) ascii = false;
  }
  return ascii ? j : ~j;
}

/**
 * Calls `token(start, end, word, ascii)` for each token that is not
 * whitespace, in order: `word` says whether it counts as a word
 * (isWordToken), `ascii` that the token is ASCII (true only where the
 * scanner cut it; a token the pattern cut may be ASCII too).
 */
export function scan(text: string, token: (start: number, end: number, word: boolean, ascii: boolean) => void): void {
  let at = 0;
  const n = text.length;
  while (at < n) {
    const c = text.charCodeAt(at);
    if (c === 32 || (c >= 9 && c <= 13)) {
      at++;
      continue;
    }
    const s = stretch(text, at);
    if (s >= 0) {
      while (at < s) {
        const r = asciiToken(text, at, s);
        const e = r < 0 ? ~r : r;
        token(at, e, r >= 0, true);
        at = e;
      }
      continue;
    }
    const end = ~s;
    // a whitespace match may run on past `end`: the loop above carries on from there
    while (at < end) {
      // set before each match: a callback that tokenizes another text moves the shared pattern's lastIndex
      TOKEN.lastIndex = at;
      if (!TOKEN.test(text)) return;
      const e = TOKEN.lastIndex;
      if (!isSpace(text.charCodeAt(at))) token(at, e, isWordToken(text.slice(at, e)), false);
      at = e;
    }
  }
}

/**
 * Split `text` into tokens whose concatenation is `text`: a token runs from
 * the start of one token that is not whitespace to the start of the next
 * (whitespace opens a token only at the very start).
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let start = 0;
  scan(text, (at) => {
    if (at > 0) {
      tokens.push(text.slice(start, at));
      start = at;
    }
  });
  if (text.length > 0) tokens.push(text.slice(start));
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
 * building the other tokens or gluing whitespace on.
 */
export function wordTokens(text: string): string[] {
  const words: string[] = [];
  scan(text, (at, end, word) => {
    if (word) words.push(text.slice(at, end));
  });
  return words;
}

/** Number of word tokens in a text. */
export function countWords(text: string): number {
  let count = 0;
  scan(text, (_at, _end, word) => {
    if (word) count++;
  });
  return count;
}
