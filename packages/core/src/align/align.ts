/**
 * Pairs the clauses of two trees by what they say, not by their labels.
 *
 * 1. Patience-style anchoring: clauses whose text occurs exactly once on each
 *    side (within the range being aligned) are paired, and the longest run of
 *    such pairs that keeps its order becomes the set of anchors. The ranges
 *    between anchors are aligned the same way, recursively, so a heading that
 *    repeats across a document becomes unique within its own gap.
 * 2. What is left inside a gap is aligned by a weighted LCS over word-bag
 *    similarity, so an edited clause pairs with its old self and inserted or
 *    deleted clauses stay unpaired. Heading kinds pair only with their kind.
 * 3. Clauses still unpaired are matched across the whole document (exact text
 *    first, then strong similarity): these are the moves.
 * 4. Pairs outside the longest order-preserving subsequence are `moved`; pairs
 *    whose label changed are `renumbered`.
 *
 * Work is capped: a gap whose LCS table would exceed `maxGapCells` is paired
 * greedily inside a window instead, and the Alignment says so.
 */
import type { AlignedPair, Alignment, MatchKind } from "../model/alignment.js";
import type { Clause, ClauseKind, ClauseTree } from "../model/clauses.js";
import { labelKey } from "../structure/labels.js";
import { longestIncreasing } from "./lis.js";
import { BagCache, dice, diceBound, Vocabulary } from "./similarity.js";
import { isBlank } from "../text/blank.js";
import { keyClasses } from "./keys.js";
import { alignTables } from "./tables.js";

export interface AlignOptions {
  /** Minimum similarity to pair two clauses standing in the same place (default 0.5). */
  threshold?: number;
  /** Minimum similarity to pair two clauses standing in different places, i.e. a move (default 0.6). */
  moveThreshold?: number;
  /** Largest LCS table (old x new clauses in one gap) before pairing greedily (default 250,000). */
  maxGapCells?: number;
}

const HEAD_KINDS = new Set<ClauseKind>(["number-line", "title", "history", "opening"]);
const HEADING_KINDS = new Set<ClauseKind>(["section-heading", "part-heading", "heading"]);
const MAX_DEPTH = 16;
const WINDOW = 64;
/** words in more clauses than this are too common to suggest a move */
const MAX_POSTING = 64;

export function align(oldTree: ClauseTree, newTree: ClauseTree, options: AlignOptions = {}): Alignment {
  const threshold = options.threshold ?? 0.5;
  const moveThreshold = options.moveThreshold ?? 0.6;
  const maxGapCells = options.maxGapCells ?? 250_000;
  const O = oldTree.clauses;
  const N = newTree.clauses;
  const oTexts = O.map((c) => c.text);
  const nTexts = N.map((c) => c.text);
  const classes = keyClasses(oTexts, nTexts);
  const oCls = classes.old;
  const nCls = classes.new;
  const vocabulary = new Vocabulary();
  const oBags = new BagCache(oTexts, vocabulary);
  const nBags = new BagCache(nTexts, vocabulary);
  const oldOf = new Int32Array(N.length).fill(-1);
  const newOf = new Int32Array(O.length).fill(-1);
  const how: (MatchKind | null)[] = new Array(N.length).fill(null);
  const sim: (number | null)[] = new Array(N.length).fill(null);
  const notes: string[] = [];

  const pair = (o: number, n: number, kind: MatchKind, s: number) => {
    oldOf[n] = o;
    newOf[o] = n;
    how[n] = kind;
    sim[n] = s;
  };

  const similarity = (o: number, n: number) => dice(oBags.bag(o), nBags.bag(n));

  /** Score of pairing o with n in place, or -1 when they must not pair. */
  const score = (o: number, n: number, soleHeading: boolean): number => {
    const a = O[o]!;
    const b = N[n]!;
    if (oCls[o] === nCls[n] && a.kind === b.kind) return 3;
    if (HEAD_KINDS.has(a.kind) || HEAD_KINDS.has(b.kind)) return a.kind === b.kind ? 1.5 + similarity(o, n) : -1;
    // a table cell pairs only with a cell, and with the cell at the same place even when rewritten
    if ((a.kind === "table-cell") !== (b.kind === "table-cell")) return -1;
    if (a.kind === "table-cell" && a.id === b.id) return 1 + similarity(o, n);
    const ha = HEADING_KINDS.has(a.kind);
    if (ha !== HEADING_KINDS.has(b.kind) || (ha && a.kind !== b.kind)) return -1;
    // bags too different in size to reach the threshold need no word comparison
    const bound = diceBound(oBags.bag(o), nBags.bag(n));
    if (ha ? !soleHeading && bound < 0.2 : bound < threshold) return -1;
    const s = similarity(o, n);
    if (ha) return s >= 0.2 || soleHeading ? 1 + s : -1;
    if (s < threshold) return -1;
    return s + (a.label !== null && b.label !== null && labelKey(a.label) === labelKey(b.label) ? 0.05 : 0);
  };

  const unpairedIn = (lo: number, hi: number, of: Int32Array) => {
    const out: number[] = [];
    for (let i = lo; i < hi; i++) if (of[i] === -1) out.push(i);
    return out;
  };

  const alignGap = (os: number[], ns: number[]) => {
    if (!os.length || !ns.length) return;
    let oh = 0;
    let nh = 0;
    for (const o of os) if (O[o]!.kind === "section-heading" || O[o]!.kind === "part-heading") oh++;
    for (const n of ns) if (N[n]!.kind === "section-heading" || N[n]!.kind === "part-heading") nh++;
    const sole = oh === 1 && nh === 1;
    const k = os.length;
    const m = ns.length;
    if (k * m > maxGapCells) {
      greedyGap(os, ns, sole);
      return;
    }
    const w = m + 1;
    const dp = new Float64Array((k + 1) * w);
    const sc = new Float64Array(k * m);
    for (let i = 1; i <= k; i++) {
      for (let j = 1; j <= m; j++) {
        const s = score(os[i - 1]!, ns[j - 1]!, sole);
        sc[(i - 1) * m + (j - 1)] = s;
        let best = Math.max(dp[(i - 1) * w + j]!, dp[i * w + j - 1]!);
        if (s >= 0) best = Math.max(best, dp[(i - 1) * w + j - 1]! + s);
        dp[i * w + j] = best;
      }
    }
    let i = k;
    let j = m;
    while (i > 0 && j > 0) {
      const s = sc[(i - 1) * m + (j - 1)]!;
      if (s >= 0 && dp[i * w + j] === dp[(i - 1) * w + j - 1]! + s) {
        const o = os[i - 1]!;
        const n = ns[j - 1]!;
        const exact = oCls[o] === nCls[n];
        pair(o, n, exact ? "exact" : s >= 1 && similarity(o, n) < 0.2 ? "position" : "similar", exact ? 1 : similarity(o, n));
        i--;
        j--;
      } else if (dp[i * w + j] === dp[(i - 1) * w + j]) i--;
      else j--;
    }
  };

  /** Beyond the LCS cap: walk the new clauses and take the best free old clause in a window ahead. */
  const greedyGap = (os: number[], ns: number[], sole: boolean) => {
    if (!notes.length || !notes.includes(GREEDY_NOTE)) notes.push(GREEDY_NOTE);
    let from = 0;
    for (const n of ns) {
      let best = -1;
      let bestScore = -1;
      for (let x = from; x < Math.min(os.length, from + WINDOW); x++) {
        const s = score(os[x]!, n, sole);
        if (s > bestScore) {
          bestScore = s;
          best = x;
        }
      }
      if (best >= 0 && bestScore >= 0) {
        const o = os[best]!;
        const exact = oCls[o] === nCls[n];
        pair(o, n, exact ? "exact" : "similar", exact ? 1 : similarity(o, n));
        from = best + 1;
      }
    }
  };

  // Per-class counts for the anchor search, left all zero between calls.
  const oCount = new Int32Array(classes.count);
  const nCount = new Int32Array(classes.count);
  const oAt = new Int32Array(classes.count);

  const alignRange = (o0: number, o1: number, n0: number, n1: number, depth: number) => {
    if (o0 >= o1 || n0 >= n1) return;
    const os = unpairedIn(o0, o1, newOf);
    const ns = unpairedIn(n0, n1, oldOf);
    if (!os.length || !ns.length) return;
    if (depth >= MAX_DEPTH) {
      alignGap(os, ns);
      return;
    }
    // Indexed loops here and below: the first call covers whole documents and runs before the optimizing
    // compiler takes over, where for-of allocates an iterator result per element.
    for (let i = 0; i < os.length; i++) {
      const c = oCls[os[i]!]!;
      oCount[c]!++;
      oAt[c] = os[i]!;
    }
    for (let i = 0; i < ns.length; i++) nCount[nCls[ns[i]!]!]!++;
    // anchors: keys that occur once on each side, in new order
    const candOld: number[] = [];
    const candNew: number[] = [];
    for (let i = 0; i < ns.length; i++) {
      const n = ns[i]!;
      const c = nCls[n]!;
      if (nCount[c] !== 1 || oCount[c] !== 1) continue;
      const o = oAt[c]!;
      if (O[o]!.kind === N[n]!.kind) {
        candOld.push(o);
        candNew.push(n);
      }
    }
    for (let i = 0; i < os.length; i++) oCount[oCls[os[i]!]!] = 0;
    for (let i = 0; i < ns.length; i++) nCount[nCls[ns[i]!]!] = 0;
    if (!candOld.length) {
      alignGap(os, ns);
      return;
    }
    const keep = longestIncreasing(candOld);
    let po = o0;
    let pn = n0;
    for (let k = 0; k < keep.length; k++) {
      const o = candOld[keep[k]!]!;
      const n = candNew[keep[k]!]!;
      pair(o, n, "exact", 1);
      alignRange(po, o, pn, n, depth + 1);
      po = o + 1;
      pn = n + 1;
    }
    alignRange(po, o1, pn, n1, depth + 1);
  };

  // Tables first, row by row; cells of unmatched rows stay out of the rest (they are added or deleted rows).
  const tables = alignTables(O, N, vocabulary, oBags, nBags);
  for (const [o, n] of tables.pairs) {
    const exact = oCls[o] === nCls[n];
    pair(o, n, exact ? "exact" : "position", exact ? 1 : similarity(o, n));
  }
  for (const o of tables.lockedOld) newOf[o] = LOCKED;
  for (const n of tables.lockedNew) oldOf[n] = LOCKED;

  alignRange(0, O.length, 0, N.length, 0);
  matchMoves();

  function matchMoves() {
    const os = unpairedIn(0, O.length, newOf);
    const ns = unpairedIn(0, N.length, oldOf);
    if (!os.length || !ns.length) return;
    // Exact text elsewhere: the same clause, moved.
    const byKey = new Map<number, number[]>();
    for (const o of os) {
      // an empty key (a blank text) is no evidence of a move
      if (isBlank(oTexts[o]!)) continue;
      const list = byKey.get(oCls[o]!);
      if (list) list.push(o);
      else byKey.set(oCls[o]!, [o]);
    }
    for (const n of ns) {
      const list = byKey.get(nCls[n]!);
      if (!list) continue;
      const at = list.findIndex((o) => O[o]!.kind === N[n]!.kind);
      if (at >= 0) pair(list.splice(at, 1)[0]!, n, "exact", 1);
    }
    // Strong similarity elsewhere, found through rare shared words.
    const freeO = os.filter((o) => newOf[o] === -1 && !HEADING_KINDS.has(O[o]!.kind) && !HEAD_KINDS.has(O[o]!.kind));
    const freeN = ns.filter((n) => oldOf[n] === -1 && !HEADING_KINDS.has(N[n]!.kind) && !HEAD_KINDS.has(N[n]!.kind));
    if (!freeO.length || !freeN.length) return;
    const postings = new Map<number, number[]>();
    for (const o of freeO) {
      for (const w of oBags.bag(o).words) {
        const list = postings.get(w);
        if (list) list.push(o);
        else postings.set(w, [o]);
      }
    }
    const found: [number, number, number][] = [];
    for (const n of freeN) {
      const shared = new Map<number, number>();
      for (const w of nBags.bag(n).words) {
        const list = postings.get(w);
        if (!list || list.length > MAX_POSTING) continue;
        for (const o of list) shared.set(o, (shared.get(o) ?? 0) + 1);
      }
      for (const o of shared.keys()) {
        if ((O[o]!.kind === "table-cell") !== (N[n]!.kind === "table-cell")) continue;
        const s = similarity(o, n);
        if (s >= moveThreshold) found.push([s, o, n]);
      }
    }
    found.sort((a, b) => b[0] - a[0] || a[2] - b[2] || a[1] - b[1]);
    for (const [s, o, n] of found) if (newOf[o] === -1 && oldOf[n] === -1) pair(o, n, "similar", s);
  }

  // Moves: pairs outside the longest subsequence that keeps the old order.
  const pairedNew: number[] = [];
  for (let n = 0; n < N.length; n++) if (oldOf[n]! >= 0) pairedNew.push(n);
  const inOrder = new Uint8Array(N.length);
  const kept = longestIncreasing(pairedNew.map((n) => oldOf[n]!));
  for (let k = 0; k < kept.length; k++) inOrder[pairedNew[kept[k]!]!] = 1;

  for (let n = 0; n < N.length; n++) if (oldOf[n] === LOCKED) oldOf[n] = -1;
  for (let o = 0; o < O.length; o++) if (newOf[o] === LOCKED) newOf[o] = -1;

  // Rows in the order orderRows would sort them into, built in one pass instead of sorted: the new
  // order, each deleted clause after the row of the paired clause before it in the old order (at the
  // very start if there is none), deleted clauses sharing that place in their old order.
  const after = new Int32Array(N.length + 1).fill(-1);
  const afterLast = new Int32Array(N.length + 1).fill(-1);
  const nextDeleted = new Int32Array(O.length).fill(-1);
  let place = 0;
  for (let o = 0; o < O.length; o++) {
    const n = newOf[o]!;
    if (n >= 0) {
      place = n + 1;
      continue;
    }
    if (after[place] === -1) after[place] = o;
    else nextDeleted[afterLast[place]!] = o;
    afterLast[place] = o;
  }
  const pairs: AlignedPair[] = [];
  const pushDeleted = (at: number) => {
    for (let o = after[at]!; o !== -1; o = nextDeleted[o]!) {
      pairs.push({ type: "pair", old: o, new: null, match: null, similarity: null, moved: false, renumbered: false });
    }
  };
  pushDeleted(0);
  for (let n = 0; n < N.length; n++) {
    const o = oldOf[n]!;
    pairs.push({
      type: "pair",
      old: o === -1 ? null : o,
      new: n,
      match: how[n]!,
      similarity: sim[n]!,
      moved: o !== -1 && inOrder[n] === 0,
      renumbered: o !== -1 && labelChanged(O[o]!, N[n]!),
    });
    pushDeleted(n + 1);
  }
  return {
    type: "alignment",
    old: oldTree,
    new: newTree,
    pairs,
    approximate: notes.length > 0,
    notes,
  };
}

/** marks a clause that must stay unpaired (a cell of an added or deleted row) */
const LOCKED = -2;

const GREEDY_NOTE = "a stretch of unmatched clauses was too long for an exact alignment and was paired greedily";

function labelChanged(a: Clause, b: Clause): boolean {
  if (a.label === null || b.label === null) return a.label !== b.label;
  return labelKey(a.label) !== labelKey(b.label);
}
