/**
 * The one diff engine: a diff of two sequences of comparison keys, used by the
 * word differ (keys are words) and by anything else that needs a sequence
 * diff. It returns index ranges so callers can map back to their own items.
 *
 * jsdiff's Myers (`diffArrays`) does the diff because it takes a deterministic
 * budget (`maxEditLength`); diff-match-patch's timeout would make the output
 * depend on machine speed. diff-match-patch's semantic clean-up then runs on
 * the keys encoded one character each, which merges splinters into changes a
 * person would write ("encourage" -> "promote", never "en/pro/cour/mote").
 */
import { diffArrays } from "diff";
import { diffCleanupSemantic, type Diff } from "diff-match-patch-es";

export interface SeqOp {
  op: "equal" | "insert" | "delete";
  /** range in `a` (empty for inserts) */
  aStart: number;
  aEnd: number;
  /** range in `b` (empty for deletes) */
  bStart: number;
  bEnd: number;
}

export interface SeqDiff {
  ops: SeqOp[];
  /** The edit budget was exceeded: the changed middle is one delete and one insert. */
  approximate: boolean;
}

export interface SeqDiffOptions {
  /** Maximum number of edits Myers may explore before giving up (default: `editBudget(a.length + b.length)`). */
  maxEditLength?: number;
  /** Run the semantic clean-up (default true). */
  cleanup?: boolean;
}

/**
 * Myers costs about (n + m) x D, so the edit budget shrinks as the inputs grow:
 * no pair of clauses, however long, costs more than about WORK_BUDGET steps.
 */
export const WORK_BUDGET = 50_000_000;
export const MAX_EDIT_LENGTH = 4000;

export function editBudget(total: number): number {
  return Math.max(16, Math.min(MAX_EDIT_LENGTH, Math.floor(WORK_BUDGET / Math.max(1, total))));
}

export function diffSequences(a: readonly string[], b: readonly string[], options: SeqDiffOptions = {}): SeqDiff {
  let pre = 0;
  const minLen = Math.min(a.length, b.length);
  while (pre < minLen && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < minLen - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const aEnd = a.length - suf;
  const bEnd = b.length - suf;

  // Middle ops as lengths: [op, count]
  let middle: [SeqOp["op"], number][] = [];
  let approximate = false;
  if (pre === aEnd || pre === bEnd) {
    if (aEnd > pre) middle.push(["delete", aEnd - pre]);
    if (bEnd > pre) middle.push(["insert", bEnd - pre]);
  } else {
    const midA = a.slice(pre, aEnd);
    const midB = b.slice(pre, bEnd);
    const result = diffArrays(midA, midB, { maxEditLength: options.maxEditLength ?? editBudget(midA.length + midB.length) });
    if (result === undefined) {
      approximate = true;
      middle = [["delete", midA.length], ["insert", midB.length]];
    } else {
      middle = result.map((c) => [c.added ? "insert" : c.removed ? "delete" : "equal", c.count ?? c.value.length]);
      if (options.cleanup !== false) middle = semanticCleanup(middle, midA, midB);
    }
  }
  const ops: SeqOp[] = [];
  let i = 0;
  let j = 0;
  const emit = (op: SeqOp["op"], n: number) => {
    if (n === 0) return;
    const da = op === "insert" ? 0 : n;
    const db = op === "delete" ? 0 : n;
    ops.push({ op, aStart: i, aEnd: i + da, bStart: j, bEnd: j + db });
    i += da;
    j += db;
  };
  emit("equal", pre);
  for (const [op, n] of middle) emit(op, n);
  emit("equal", suf);
  return { ops: mergeOps(ops), approximate };
}

/** Encode keys one character each (private-use planes), run DMP's semantic clean-up, decode to lengths. */
function semanticCleanup(ops: [SeqOp["op"], number][], a: string[], b: string[]): [SeqOp["op"], number][] {
  const codes = new Map<string, string>();
  const encode = (t: string): string | null => {
    let c = codes.get(t);
    if (c === undefined) {
      const n = codes.size;
      // U+E000..U+F8FF, then planes 15 and 16: never a lone surrogate half
      const cp = n < 0x1900 ? 0xe000 + n : n - 0x1900 + 0xf0000;
      if (cp > 0x10fffd) return null;
      c = String.fromCodePoint(cp);
      codes.set(t, c);
    }
    return c;
  };
  const diffs: Diff[] = [];
  let i = 0;
  let j = 0;
  for (const [op, n] of ops) {
    const src = op === "insert" ? b : a;
    const at = op === "insert" ? j : i;
    let s = "";
    for (let k = at; k < at + n; k++) {
      const c = encode(src[k]!);
      if (c === null) return ops;
      s += c;
    }
    if (op !== "insert") i += n;
    if (op !== "delete") j += n;
    diffs.push([op === "equal" ? 0 : op === "insert" ? 1 : -1, s]);
  }
  diffCleanupSemantic(diffs);
  const out: [SeqOp["op"], number][] = [];
  for (const [op, s] of diffs) {
    // lengths in code points: supplementary-plane codes are two UTF-16 units
    let n = 0;
    for (const _ of s) n++;
    if (n) out.push([op === 0 ? "equal" : op === 1 ? "insert" : "delete", n]);
  }
  return out;
}

/** Merge neighbours with the same op and put each change's delete before its insert. */
function mergeOps(ops: SeqOp[]): SeqOp[] {
  const out: SeqOp[] = [];
  let k = 0;
  while (k < ops.length) {
    const o = ops[k]!;
    if (o.op === "equal") {
      const last = out[out.length - 1];
      if (last && last.op === "equal") {
        last.aEnd = o.aEnd;
        last.bEnd = o.bEnd;
      } else out.push({ ...o });
      k++;
      continue;
    }
    const aStart = o.aStart;
    const bStart = o.bStart;
    let aEnd = aStart;
    let bEnd = bStart;
    while (k < ops.length && ops[k]!.op !== "equal") {
      aEnd = Math.max(aEnd, ops[k]!.aEnd);
      bEnd = Math.max(bEnd, ops[k]!.bEnd);
      k++;
    }
    if (aEnd > aStart) out.push({ op: "delete", aStart, aEnd, bStart, bEnd: bStart });
    if (bEnd > bStart) out.push({ op: "insert", aStart: aEnd, aEnd, bStart, bEnd });
  }
  return out;
}
