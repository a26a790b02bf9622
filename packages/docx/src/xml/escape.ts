/**
 * The canonical way we write characters: the way Word writes them.
 * Text escapes `&`, `<`, `>`; attribute values also escape `"` and the
 * whitespace characters that attribute-value normalisation would otherwise
 * turn into spaces. A carriage return is escaped everywhere because parsers
 * turn a literal one into a line feed.
 */

const TEXT_ESCAPES = new Map([
  ["&", "&amp;"],
  ["<", "&lt;"],
  [">", "&gt;"],
  ["\r", "&#xD;"],
]);
const ATTR_ESCAPES = new Map([...TEXT_ESCAPES, ['"', "&quot;"], ["\t", "&#x9;"], ["\n", "&#xA;"]]);
/** The same tables by character code, for the byte writer (serialize.ts): every escaped character is ASCII. */
function byCode(escapes: ReadonlyMap<string, string>): (string | null)[] {
  const table: (string | null)[] = new Array<string | null>(0x80).fill(null);
  for (const [char, spelled] of escapes) table[char.charCodeAt(0)] = spelled;
  return table;
}
const TEXT_BY_CODE = byCode(TEXT_ESCAPES);
const ATTR_BY_CODE = byCode(ATTR_ESCAPES);
const TEXT_SPECIAL = /[&<>\r]/;
const ATTR_SPECIAL = /[&<>"\t\n\r]/;

export function escapeText(value: string): string {
  if (!TEXT_SPECIAL.test(value)) return value;
  return value.replace(/[&<>\r]/g, (c) => TEXT_ESCAPES.get(c)!);
}

export function escapeAttr(value: string): string {
  if (!ATTR_SPECIAL.test(value)) return value;
  return value.replace(/[&<>"\t\n\r]/g, (c) => ATTR_ESCAPES.get(c)!);
}

/**
 * How the writer spells one character in text or in an attribute value, if
 * it escapes it; null if it writes the character as it is. The parser uses
 * this to tell whether a reference it decodes is spelled canonically.
 */
export function escapedSpelling(char: string, inAttribute: boolean): string | null {
  return (inAttribute ? ATTR_ESCAPES : TEXT_ESCAPES).get(char) ?? null;
}

/** How the writer spells the ASCII character `code` (below 0x80) in text or in an attribute value, or null if it writes it as it is. */
export function escapeOf(code: number, inAttribute: boolean): string | null {
  return (inAttribute ? ATTR_BY_CODE : TEXT_BY_CODE)[code]!;
}
