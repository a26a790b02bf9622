/**
 * ST_NumberFormat (ECMA-376-1 17.18.59): the formats Word documents actually
 * use for list labels and note marks. Anything else falls back to decimal,
 * which keeps the label's position and punctuation right even when the
 * digits differ from what Word shows.
 */

const ROMAN: [number, string][] = [
  [1000, "m"],
  [900, "cm"],
  [500, "d"],
  [400, "cd"],
  [100, "c"],
  [90, "xc"],
  [50, "l"],
  [40, "xl"],
  [10, "x"],
  [9, "ix"],
  [5, "v"],
  [4, "iv"],
  [1, "i"],
];

function roman(n: number): string {
  if (n <= 0) return String(n);
  let out = "";
  for (const [value, digits] of ROMAN) {
    while (n >= value) {
      out += digits;
      n -= value;
    }
  }
  return out;
}

/** Word's letters repeat rather than carry: 26 = "z", 27 = "aa", 28 = "bb", 53 = "aaa". */
function letters(n: number): string {
  if (n <= 0) return String(n);
  const letter = String.fromCharCode(97 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

function ordinalSuffix(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return "th";
  return ["th", "st", "nd", "rd"][n % 10] ?? "th";
}

const ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const ORDINAL_WORDS: Record<string, string> = { one: "first", two: "second", three: "third", five: "fifth", eight: "eighth", nine: "ninth", twelve: "twelfth" };

/** English number words below 1000 ("twenty-one"); null beyond, where callers fall back to digits. */
function words(n: number): string | null {
  if (n < 0 || n >= 1000 || !Number.isInteger(n)) return null;
  if (n < 20) return ONES[n] as string;
  if (n < 100) return (TENS[Math.floor(n / 10)] as string) + (n % 10 ? `-${ONES[n % 10]}` : "");
  const rest = n % 100;
  return `${ONES[Math.floor(n / 100)]} hundred${rest ? ` ${words(rest)}` : ""}`;
}

/** "twenty-one" -> "twenty-first": only the last word changes. */
function ordinalWords(n: number): string | null {
  const cardinal = words(n);
  if (cardinal === null) return null;
  return cardinal.replace(/[a-z]+$/, (last) => ORDINAL_WORDS[last] ?? (last.endsWith("y") ? `${last.slice(0, -1)}ieth` : `${last}th`));
}

function capitalized(text: string | null, n: number): string {
  return text === null ? String(n) : text.charAt(0).toUpperCase() + text.slice(1);
}

/** Chicago Manual of Style note marks: *, †, ‡, §, then doubled, tripled... */
function chicago(n: number): string {
  const marks = ["*", "\u2020", "\u2021", "\u00a7"];
  if (n <= 0) return String(n);
  return (marks[(n - 1) % 4] as string).repeat(Math.floor((n - 1) / 4) + 1);
}

/**
 * Letters ("zzz…"), Roman numerals ("mmm…") and Chicago marks ("***…") grow
 * linearly with the number, so a list that starts at w:start="2147483647"
 * would make labels of millions of characters out of a 2 KB file (and exhaust
 * memory). Past Word's own largest start value those formats fall back to
 * decimal, as unknown formats do.
 */
const LARGEST_SPELLED = 32_767;

export function formatNumber(n: number, format: string): string {
  if (n > LARGEST_SPELLED && /Roman|Letter|chicago/.test(format)) return String(n);
  switch (format) {
    case "decimal":
      return String(n);
    case "decimalZero":
      return n < 10 && n >= 0 ? `0${n}` : String(n);
    case "lowerRoman":
      return roman(n);
    case "upperRoman":
      return roman(n).toUpperCase();
    case "lowerLetter":
      return letters(n);
    case "upperLetter":
      return letters(n).toUpperCase();
    case "ordinal":
      return `${n}${ordinalSuffix(n)}`;
    case "chicago":
      return chicago(n);
    case "cardinalText":
      return capitalized(words(n), n);
    case "ordinalText":
      return capitalized(ordinalWords(n), n);
    case "none":
    case "bullet":
      return "";
    default:
      return String(n);
  }
}
