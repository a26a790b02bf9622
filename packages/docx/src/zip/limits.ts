/**
 * Budgets that keep a hostile package from exhausting memory. They are checked
 * twice: against the sizes the archive declares (before anything is inflated)
 * and against the bytes inflation really produces (declared sizes can lie).
 */
export interface PackageLimits {
  /** Largest sum of uncompressed part sizes, in bytes. */
  maxTotalBytes: number;
  /** Largest single uncompressed part, in bytes. */
  maxPartBytes: number;
  /** Most entries an archive may list. Word documents have a few dozen. */
  maxEntries: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<PackageLimits> = Object.freeze({
  maxTotalBytes: 512 * MiB,
  maxPartBytes: 256 * MiB,
  maxEntries: 10_000,
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
