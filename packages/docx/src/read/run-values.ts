import { getAttr, type XmlElement } from "../xml/tree.js";

/**
 * The values of a run's formatting as `w:rPr` spells them, read into what
 * the Doc keeps (`RunFormat`'s underlineStyle, color, highlight, size,
 * font). A value outside what the schema allows is read as Word would show
 * it where that is clear (an unknown underline is a single one, a colour
 * that is not six hex digits automatic) and as not set otherwise, so that no
 * odd spelling reaches the Delta as a name of its own.
 */

/** ST_Underline (ECMA-376-1 17.18.99) but "none" */
const UNDERLINES = new Set(["single", "words", "double", "thick", "dotted", "dottedHeavy", "dash", "dashedHeavy", "dashLong", "dashLongHeavy", "dotDash", "dashDotHeavy", "dotDotDash", "dashDotDotHeavy", "wave", "wavyHeavy", "wavyDouble"]);

/** ST_HighlightColor (17.18.40) but "none" */
const HIGHLIGHTS = new Set(["black", "blue", "cyan", "green", "magenta", "red", "yellow", "white", "darkBlue", "darkCyan", "darkGreen", "darkMagenta", "darkRed", "darkYellow", "darkGray", "lightGray"]);

const HEX_COLOR = /^[0-9A-Fa-f]{6}$/;

/** Points per unit of a universal measure (ST_UniversalMeasure, 22.9.2.15) */
const POINTS: Record<string, number> = { pt: 1, pc: 12, pi: 12, in: 72, cm: 72 / 2.54, mm: 72 / 25.4 };
const MEASURE = /^(\d+(?:\.\d+)?)(pt|pc|pi|in|cm|mm)$/;

/** Word's largest font size, 1,638 pt, in half-points */
const MAX_HALF_POINTS = 3276;

/** The kind of underline `w:u`'s value shows: null for none; an unknown kind (or none given) shows single. */
export function underlineKind(value: string | null): string | null {
  if (value === "none") return null;
  return value !== null && UNDERLINES.has(value) ? value : "single";
}

/** A text colour (`w:color w:val`): six upper-case hex digits, or null for automatic ("auto", or anything else). */
export function textColor(value: string | null): string | null {
  return value !== null && HEX_COLOR.test(value) ? value.toUpperCase() : null;
}

/** A highlight (`w:highlight w:val`): its name, null for none, undefined (not set) for a name the schema lacks. */
export function highlightColor(value: string | null): string | null | undefined {
  if (value === "none") return null;
  return value !== null && HIGHLIGHTS.has(value) ? value : undefined;
}

/** A size (`w:sz w:val`, ST_HpsMeasure) in half-points: a whole number or a universal measure ("12pt"); undefined when neither, or out of Word's range. */
export function halfPoints(value: string | null): number | undefined {
  if (value === null) return undefined;
  let n: number;
  if (/^\d+$/.test(value)) n = Number(value);
  else {
    const m = MEASURE.exec(value);
    if (!m) return undefined;
    n = Math.round(Number(m[1]) * POINTS[m[2]!]! * 2);
  }
  return n >= 1 && n <= MAX_HALF_POINTS ? n : undefined;
}

/**
 * The font of Latin text a `w:rFonts` sets: the theme's (`w:asciiTheme`,
 * which wins over a named one, 17.3.2.26) as "+Headings" or "+Body", else
 * `w:ascii`'s name; undefined where it sets neither (a font for other
 * scripts only, or a hint).
 */
export function latinFont(rFonts: XmlElement): string | undefined {
  const theme = getAttr(rFonts, "w:asciiTheme");
  if (theme !== null && theme.startsWith("major")) return "+Headings";
  if (theme !== null && theme.startsWith("minor")) return "+Body";
  const name = getAttr(rFonts, "w:ascii")?.trim();
  return name ? name : undefined;
}
