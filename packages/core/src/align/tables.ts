/**
 * Tables are aligned row by row before anything else: a row is paired with
 * the old row it resembles most (in order), and the cells of paired rows
 * pair by column. Rows left unpaired are added or deleted as rows, and their
 * cells take no part in the rest of the alignment, so a deleted row is never
 * scattered into the cells of others. Nor do the cells of paired rows that
 * have no cell at their column on the other side (a blank cell makes no
 * clause): a value moved into the empty cell beside it is deleted from one
 * cell and added to the other, not the same clause unchanged.
 */
import type { Clause } from "../model/clauses.js";
import { longestIncreasing } from "./lis.js";
import { dice, diceBound, type Bag, type BagCache, type Vocabulary } from "./similarity.js";

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

/** Position of a cell id's digits ending at `end` (exclusive): the index of the first digit, or -1 if there is none. */
function digitsBefore(id: string, end: number): number {
  let i = end;
  while (i > 0 && id.charCodeAt(i - 1) >= 48 && id.charCodeAt(i - 1) <= 57) i--;
  return i < end ? i : -1;
}

/**
 * A cell's table key, row and column from its id, `…/table3/r2c5`, maybe with a `~2` that keeps
 * repeated ids apart (structure/build.ts). Read from the end by hand: a regular expression and a
 * replace per cell took a tenth of aligning H.222.0's 194 tables. Null for an id of another form.
 */
export function cellOf(id: string): { key: string; row: number; col: number } | null {
  let end = id.length;
  const tilde = id.lastIndexOf("~");
  if (tilde >= 0 && digitsBefore(id, end) === tilde + 1) end = tilde;
  const c = digitsBefore(id, end);
  if (c <= 0 || id.charCodeAt(c - 1) !== 99 /* c */) return null;
  const r = digitsBefore(id, c - 1);
  if (r < 2 || id.charCodeAt(r - 1) !== 114 /* r */ || id.charCodeAt(r - 2) !== 47 /* / */) return null;
  const slash = r - 2;
  const t = digitsBefore(id, slash);
  if (t < 6 || !id.startsWith("/table", t - 6)) return null;
  return { key: id.slice(0, slash), row: Number(id.slice(r, c - 1)), col: Number(id.slice(c, end)) };
}

const LINE_BREAK = /[\n\r\u2028\u2029]/;

function tablesOf(clauses: readonly Clause[]): Table[] {
  const tables: Table[] = [];
  const byKey = new Map<string, Table>();
  clauses.forEach((c, i) => {
    if (c.kind !== "table-cell") return;
    const cell = cellOf(c.id);
    if (!cell) return;
    let t = byKey.get(cell.key);
    if (!t) {
      // the pattern this replaces read keys as `.*`, which stops at a line break: such an id was no cell
      if (LINE_BREAK.test(cell.key)) return;
      t = { key: cell.key, rows: [] };
      byKey.set(cell.key, t);
      tables.push(t);
    }
    const r = cell.row - 1;
    while (t.rows.length <= r) t.rows.push({ cells: new Map(), text: "", parts: [] });
    t.rows[r]!.cells.set(cell.col, i);
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

/** Largest gap (rows x rows, or tables x tables) aligned exactly; beyond it the gap pairs in order. */
const MAX_ROW_CELLS = 250_000;

/**
 * Pairs the items of `a` and `b` in order, the weighted LCS of `score`
 * (-1 = must not pair). Items whose key occurs exactly once on each side
 * are paired first, as many as keep their order (identical text scores
 * highest, so the LCS would pair them too), and only the gaps between
 * them go through the quadratic LCS: an unchanged table or row costs one
 * string comparison, not a bag of words and a score against every other.
 */
function anchoredPairs(
  a: readonly string[],
  b: readonly string[],
  score: (i: number, j: number) => number,
): [number, number][] {
  const counts = new Map<string, { a: number; b: number; at: number }>();
  a.forEach((key, i) => {
    const c = counts.get(key);
    if (c) c.a++;
    else counts.set(key, { a: 1, b: 0, at: i });
  });
  const candA: number[] = [];
  const candB: number[] = [];
  for (const key of b) {
    const c = counts.get(key);
    if (c) c.b++;
  }
  b.forEach((key, j) => {
    const c = counts.get(key);
    if (c && c.a === 1 && c.b === 1) {
      candA.push(c.at);
      candB.push(j);
    }
  });
  const out: [number, number][] = [];
  const gap = (a0: number, a1: number, b0: number, b1: number): void => {
    // equal keys at either end of a gap pair as they stand (repeated rows next to an anchor, mostly)
    while (a0 < a1 && b0 < b1 && a[a0] === b[b0]) out.push([a0++, b0++]);
    let tail = 0;
    while (a0 < a1 - tail && b0 < b1 - tail && a[a1 - 1 - tail] === b[b1 - 1 - tail]) tail++;
    a1 -= tail;
    b1 -= tail;
    inner(a0, a1, b0, b1);
    for (let k = 0; k < tail; k++) out.push([a1 + k, b1 + k]);
  };
  const inner = (a0: number, a1: number, b0: number, b1: number): void => {
    if (a0 >= a1 || b0 >= b1) return;
    if ((a1 - a0) * (b1 - b0) > MAX_ROW_CELLS) {
      for (let k = 0; k < Math.min(a1 - a0, b1 - b0); k++) out.push([a0 + k, b0 + k]);
      return;
    }
    const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, k) => from + k);
    // lcs gives positions in the lists it is given: here, offsets into the gap
    for (const [x, y] of lcs(range(a0, a1), range(b0, b1), score)) out.push([a0 + x, b0 + y]);
  };
  let pa = 0;
  let pb = 0;
  for (const k of longestIncreasing(candA)) {
    gap(pa, candA[k]!, pb, candB[k]!);
    out.push([candA[k]!, candB[k]!]);
    pa = candA[k]! + 1;
    pb = candB[k]! + 1;
  }
  gap(pa, a.length, pb, b.length);
  return out;
}

function sameTexts(a: readonly Row[], b: readonly Row[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k]!.text !== b[k]!.text) return false;
  return true;
}

/** Bags computed on first use: rows and tables with an identical counterpart never need theirs. */
function lazy<T>(count: number, make: (i: number) => T): (i: number) => T {
  const made: (T | undefined)[] = new Array<T | undefined>(count).fill(undefined);
  return (i) => (made[i] ??= make(i));
}

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
  const rowBags = (t: Table, bags: BagCache): ((k: number) => Bag) => lazy(t.rows.length, (k) => vocabulary.sum(t.rows[k]!.parts.map((i) => bags.bag(i))));
  const orb = to.map((t) => rowBags(t, oldBags));
  const nrb = tn.map((t) => rowBags(t, newBags));
  const tableBag = (tables: Table[], rows: ((k: number) => Bag)[]) =>
    lazy(tables.length, (i) => vocabulary.sum(tables[i]!.rows.map((_, k) => rows[i]!(k))));
  const ob = tableBag(to, orb);
  const nb = tableBag(tn, nrb);
  const tableText = (t: Table): string => t.rows.map((r) => r.text).join("\n");
  const single = to.length === 1 && tn.length === 1;
  const tablePairs = anchoredPairs(to.map(tableText), tn.map(tableText), (i, j) => {
    if (!single && diceBound(ob(i), nb(j)) < 0.3) return -1;
    const s = dice(ob(i), nb(j));
    return s >= 0.3 || single ? s + 0.01 : -1;
  });
  for (const [i, j] of tablePairs) {
    const a = to[i]!.rows;
    const b = tn[j]!.rows;
    const ab = orb[i]!;
    const bb = nrb[j]!;
    // Rows of the same texts in the same order pair one to one, as anchoredPairs would pair them (every
    // text repeated or not, in a gap whose ends are equal): most tables of an edited document.
    const rowPairs = sameTexts(a, b)
      ? a.map((_, k): [number, number] => [k, k])
      : anchoredPairs(
          a.map((r) => r.text),
          b.map((r) => r.text),
          (x, y) => {
            if (a[x]!.text === b[y]!.text) return 2;
            if (diceBound(ab(x), bb(y)) < 0.3) return -1;
            const s = dice(ab(x), bb(y));
            return s >= 0.3 ? s : -1;
          },
        );
    for (const [x, y] of rowPairs) {
      const ra = a[x]!.cells;
      const rb = b[y]!.cells;
      for (const [col, o] of ra) {
        const n = rb.get(col);
        if (n !== undefined) out.pairs.push([o, n]);
        // a cell whose column is blank in the paired row was emptied there: it is not free to pair with a
        // cell elsewhere, or a value moved into the empty cell next to it would read as unchanged
        else out.lockedOld.push(o);
      }
      for (const [col, n] of rb) if (!ra.has(col)) out.lockedNew.push(n);
    }
    // rows left unpaired are deleted or added whole (pairs hold each row once: a full count is every row)
    if (rowPairs.length < a.length) {
      const pairedA = new Set(rowPairs.map((p) => p[0]));
      a.forEach((r, k) => {
        if (!pairedA.has(k)) out.lockedOld.push(...r.cells.values());
      });
    }
    if (rowPairs.length < b.length) {
      const pairedB = new Set(rowPairs.map((p) => p[1]));
      b.forEach((r, k) => {
        if (!pairedB.has(k)) out.lockedNew.push(...r.cells.values());
      });
    }
  }
  return out;
}
