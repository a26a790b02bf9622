/**
 * How much document the readers accept. Memory grows with paragraphs (each
 * costs about 1 KB through reading, alignment, the Delta and its rendering)
 * and with text (tokens); these budgets keep one document well inside a
 * 1 GiB heap, whatever its file size says. docs/limits.md has the measurements.
 */
import { RedlineError } from "./errors.js";

export interface DocLimits {
  /** Most paragraphs one document may have (in a .docx every w:p counts, empty or not). */
  maxParagraphs: number;
  /** Most lines a text or Markdown document may have, blank ones included (lines are cheaper than paragraphs). */
  maxLines: number;
  /** Most characters (UTF-16 code units) of text one document may have. */
  maxTextChars: number;
}

export const DEFAULT_DOC_LIMITS: Readonly<DocLimits> = Object.freeze({
  // 4x the largest real document in the test corpora (H.222.0: 12,700 paragraphs) and 1.7x
  // the 1M-word benchmark book; two documents of 50,000 short paragraphs peak near 600 MB
  maxParagraphs: 50_000,
  maxLines: 1_000_000,
  // 8 Mi characters: about 1.2 million words, above the 1M-word benchmark book
  maxTextChars: 8 * 1024 * 1024,
});

export function resolveDocLimits(limits: Partial<DocLimits> | undefined): DocLimits {
  return { ...DEFAULT_DOC_LIMITS, ...limits };
}

export function tooManyParagraphs(file: string | null, limits: DocLimits, unit: "paragraphs" | "lines" = "paragraphs"): RedlineError {
  const max = unit === "lines" ? limits.maxLines : limits.maxParagraphs;
  return new RedlineError(
    "too-large",
    file,
    `has more than ${max.toLocaleString("en-US")} ${unit}, more than redline reads (a limit that keeps memory bounded); compare it in parts.`,
  );
}

export function tooMuchText(file: string | null, limits: DocLimits): RedlineError {
  return new RedlineError(
    "too-large",
    file,
    `has more than ${limits.maxTextChars.toLocaleString("en-US")} characters of text, more than redline reads (a limit that keeps memory bounded); compare it in parts.`,
  );
}
