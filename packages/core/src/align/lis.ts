/**
 * Longest strictly increasing subsequence, O(n log n). Alignment uses it to
 * find which pairs keep their relative order (anchors) and which moved.
 * Returns the positions (into `values`) of one longest subsequence; among
 * equals it keeps the earliest, so the result is deterministic.
 */
export function longestIncreasing(values: readonly number[]): number[] {
  const tails: number[] = [];
  const prev = new Int32Array(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (values[tails[mid]!]! < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const out: number[] = new Array(tails.length);
  let k = tails.length ? tails[tails.length - 1]! : -1;
  for (let j = tails.length - 1; j >= 0; j--) {
    out[j] = k;
    k = prev[k]!;
  }
  return out;
}
