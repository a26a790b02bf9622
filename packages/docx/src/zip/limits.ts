import { DEFAULT_DOC_LIMITS, type DocLimits } from "@redline/core";

/**
 * Budgets that keep a hostile package from exhausting memory or the stack.
 * The archive budgets are checked twice: against the sizes the archive
 * declares (before anything is inflated) and against the bytes inflation
 * really produces (declared sizes can lie). A part that honestly declares
 * 200 MiB passes them, so the XML budgets bound what parsing may build, and
 * the document budgets (shared with the text readers) what reading may build.
 * docs/limits.md has the measurements behind the numbers.
 */
export interface PackageLimits extends DocLimits {
  /** Largest sum of uncompressed part sizes, in bytes. */
  maxTotalBytes: number;
  /** Largest single uncompressed part, in bytes. */
  maxPartBytes: number;
  /** Most entries an archive may list. Word documents have a few dozen. */
  maxEntries: number;
  /** Largest XML part the reader parses, in bytes (images and other parts are never inflated to read). */
  maxXmlPartBytes: number;
  /** Most XML nodes (elements, text, comments...) parsing may build, over all the parts of one package. */
  maxXmlNodes: number;
  /** Deepest element nesting in a part; the readers and writers walk trees recursively. */
  maxXmlDepth: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<PackageLimits> = Object.freeze({
  maxTotalBytes: 512 * MiB,
  maxPartBytes: 256 * MiB,
  maxEntries: 10_000,
  // 8x the largest document.xml in the test corpora (H.222.0: 7.9 MB, 250,000 nodes)
  maxXmlPartBytes: 64 * MiB,
  maxXmlNodes: 2_000_000,
  // libxml2's default (xmlParserMaxDepth); real documents nest fewer than 30 levels
  maxXmlDepth: 256,
  ...DEFAULT_DOC_LIMITS,
});

export function resolveLimits(limits: Partial<PackageLimits> | undefined): PackageLimits {
  return { ...DEFAULT_LIMITS, ...limits };
}

/** "256 MiB", "1.5 KiB": sizes in messages people read. */
export function formatBytes(n: number): string {
  const units = ["bytes", "KiB", "MiB", "GiB", "TiB"];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = unit === 0 || value >= 10 ? Math.round(value).toString() : value.toFixed(1);
  return `${shown} ${units[unit]}`;
}
