/**
 * Tables are aligned row by row before anything else: a row is paired with
 * the old row it resembles most (in order), and the cells of paired rows
 * pair by column. Rows left unpaired are added or deleted as rows, and their
 * cells take no part in the rest of the alignment, so a deleted row is never
 * scattered into the cells of others.
 */
import type { Clause } from "../model/clauses.js";
import { dice, diceBound, type Bag, type BagCache, type Vocabulary } from "./similarity.js";

const CELL = /^(.*\/table\d+)\/r(\d+)c(\d+)$/;

interface Row {
  cells: Map<number, number>;
  text: string;
  /** every clause whose text makes up `text`, in order (a repeated cell id overwrites `cells`, not the text) */
  parts: number[];
}

interface Table {
  key: string;
  rows: Row[];
}

function tablesOf(clauses: readonly Clause[]): Table[] {
  const tables: Table[] = [];
  const byKey = new Map<string, Table>();
  clauses.forEach((c, i) => {
    if (c.kind !== "table-cell") return;
    const m = CELL.exec(c.id.replace(/~\d+$/, ""));
    if (!m) return;
    let t = byKey.get(m[1]!);
    if (!t) {
      t = { key: m[1]!, rows: [] };
      byKey.set(m[1]!, t);
      tables.push(t);
    }
    const r = Number(m[2]) - 1;
    while (t.rows.length <= r) t.rows.push({ cells: new Map(), text: "", parts: [] });
    t.rows[r]!.cells.set(Number(m[3]), i);
    t.rows[r]!.text += `${c.text} `;
    t.rows[r]!.parts.push(i);
  });
  for (const t of tables) t.rows = t.rows.filter((r) => r.cells.size > 0);
  return tables;
}

/** Weighted LCS of two lists by a score (-1 = must not pair). Returns index pairs in order. */
function lcs<T>(a: readonly T[], b: readonly T[], score: (x: T, y: T) => number): [number, number][] {
  const w = b.length + 1;
  const dp = new Float64Array((a.length + 1) * w);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      let best = Math.max(dp[(i - 1) * w + j]!, dp[i * w + j - 1]!);
      const s = score(a[i - 1]!, b[j - 1]!);
      if (s >= 0) best = Math.max(best, dp[(i - 1) * w + j - 1]! + s);
      dp[i * w + j] = best;
    }
  }
  const out: [number, number][] = [];
  let i = a.length;
  let j = b.length;
  while (i > 0 && j > 0) {
    const s = score(a[i - 1]!, b[j - 1]!);
    if (s >= 0 && dp[i * w + j] === dp[(i - 1) * w + j - 1]! + s) {
      out.push([i - 1, j - 1]);
      i--;
      j--;
    } else if (dp[i * w + j] === dp[(i - 1) * w + j]) i--;
    else j--;
  }
  return out.reverse();
}

export interface TablePairing {
  /** cell pairs [old clause index, new clause index] */
  pairs: [number, number][];
  /** cells of rows that have no counterpart: added or deleted with their row */
  lockedOld: number[];
  lockedNew: number[];
}

/** Largest table (rows x rows) aligned exactly; beyond it rows pair in order. */
const MAX_ROW_CELLS = 250_000;

/**
 * Row and table bags are sums of the cells' bags, which the rest of the alignment uses too: a row's
 * text is its cells' texts joined with spaces, and no word spans a space, so each cell is tokenized once.
 */
export function alignTables(
  oldClauses: readonly Clause[],
  newClauses: readonly Clause[],
  vocabulary: Vocabulary,
  oldBags: BagCache,
  newBags: BagCache,
): TablePairing {
  const to = tablesOf(oldClauses);
  const tn = tablesOf(newClauses);
  const out: TablePairing = { pairs: [], lockedOld: [], lockedNew: [] };
  if (!to.length || !tn.length) return out;
  const rowBags = (t: Table, bags: BagCache): Bag[] => t.rows.map((r) => vocabulary.sum(r.parts.map((i) => bags.bag(i))));
  const orb = to.map((t) => rowBags(t, oldBags));
  const nrb = tn.map((t) => rowBags(t, newBags));
  const ob = orb.map((rows) => vocabulary.sum(rows));
  const nb = nrb.map((rows) => vocabulary.sum(rows));
  const single = to.length === 1 && tn.length === 1;
  const tablePairs = lcs(to.map((_, i) => i), tn.map((_, i) => i), (i, j) => {
    if (!single && diceBound(ob[i]!, nb[j]!) < 0.3) return -1;
    const s = dice(ob[i]!, nb[j]!);
    return s >= 0.3 || single ? s + 0.01 : -1;
  });
  for (const [i, j] of tablePairs) {
    const a = to[i]!.rows;
    const b = tn[j]!.rows;
    const ab = orb[i]!;
    const bb = nrb[j]!;
    const rowPairs =
      a.length * b.length > MAX_ROW_CELLS
        ? a.slice(0, Math.min(a.length, b.length)).map((_, k) => [k, k] as [number, number])
        : lcs(a.map((_, k) => k), b.map((_, k) => k), (x, y) => {
            if (a[x]!.text === b[y]!.text) return 2;
            if (diceBound(ab[x]!, bb[y]!) < 0.3) return -1;
            const s = dice(ab[x]!, bb[y]!);
            return s >= 0.3 ? s : -1;
          });
    const pairedA = new Set(rowPairs.map((p) => p[0]));
    const pairedB = new Set(rowPairs.map((p) => p[1]));
    for (const [x, y] of rowPairs) {
      for (const [col, o] of a[x]!.cells) {
        const n = b[y]!.cells.get(col);
        if (n !== undefined) out.pairs.push([o, n]);
      }
    }
    a.forEach((r, k) => {
      if (!pairedA.has(k)) out.lockedOld.push(...r.cells.values());
    });
    b.forEach((r, k) => {
      if (!pairedB.has(k)) out.lockedNew.push(...r.cells.values());
    });
  }
  return out;
}
