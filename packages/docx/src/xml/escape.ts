import type { XmlElement } from "./tree.js";

/**
 * The canonical way we write characters and tags: the way Word writes them.
 * Text escapes `&`, `<`, `>`; attribute values also escape `"` and the
 * whitespace characters that attribute-value normalisation would otherwise
 * turn into spaces. A carriage return is escaped everywhere because parsers
 * turn a literal one into a line feed.
 */

const TEXT_SPECIAL = /[&<>\r]/;
const ATTR_SPECIAL = /[&<>"\t\n\r]/;

export function escapeText(value: string): string {
  if (!TEXT_SPECIAL.test(value)) return value;
  return value.replace(/[&<>\r]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&#xD;"));
}

export function escapeAttr(value: string): string {
  if (!ATTR_SPECIAL.test(value)) return value;
  return value.replace(/[&<>"\t\n\r]/g, (c) => {
    switch (c) {
      case "&":
        return "&amp;";
      case "<":
        return "&lt;";
      case ">":
        return "&gt;";
      case '"':
        return "&quot;";
      case "\t":
        return "&#x9;";
      case "\n":
        return "&#xA;";
      default:
        return "&#xD;";
    }
  });
}

/** `<name a="1" b="2"`: an open tag without its final `>` or `/>`. */
export function canonicalOpenHead(el: XmlElement): string {
  let out = `<${el.name}`;
  for (const [name, value] of el.attrs) out += ` ${name}="${escapeAttr(value)}"`;
  return out;
}

const QUOTE = 34;
const SPACE = 32;
const EQUALS = 61;

/**
 * Whether `source[start, end)` is exactly `canonicalOpenHead(el)`, checked in
 * place: parsing calls this for every element, and building the string to
 * compare would double the garbage a large part produces.
 */
export function isCanonicalHead(source: string, start: number, end: number, el: XmlElement): boolean {
  if (source.charCodeAt(start) !== 60 || !source.startsWith(el.name, start + 1)) return false;
  let at = start + 1 + el.name.length;
  for (const [name, value] of el.attrs) {
    if (source.charCodeAt(at) !== SPACE || !source.startsWith(name, at + 1)) return false;
    at += 1 + name.length;
    if (source.charCodeAt(at) !== EQUALS || source.charCodeAt(at + 1) !== QUOTE) return false;
    at += 2;
    const spelled = ATTR_SPECIAL.test(value) ? escapeAttr(value) : value;
    if (!source.startsWith(spelled, at) || source.charCodeAt(at + spelled.length) !== QUOTE) return false;
    at += spelled.length + 1;
  }
  return at === end;
}
