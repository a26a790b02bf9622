/**
 * The word-level inline diff of one clause pair, shaped for people.
 *
 * Tokens carry their trailing whitespace (so the text rebuilds exactly), but
 * they are compared without it: "website " and "website" are the same word,
 * and "website" -> "website, often over connections," reads as an insertion
 * after "website", not as a replaced word. Where an equal word's trailing
 * whitespace did change, that whitespace alone becomes a small change.
 */
import type { InlineOp } from "../model/delta.js";
import { diffSequences, type SeqDiffOptions } from "./engine.js";
import { isSpace, isWordToken, tokenize } from "./tokenize.js";

export interface WordDiff {
  inline: InlineOp[];
  approximate: boolean;
  insertedWords: number;
  deletedWords: number;
}

const TRAILING_SPACE = /\s+$/u;

/** A token without its trailing whitespace (what replacing TRAILING_SPACE gives, without a regex run per token). */
function core(t: string): string {
  let end = t.length;
  while (end > 0 && isSpace(t.charCodeAt(end - 1))) end--;
  return end === t.length ? t : t.slice(0, end);
}

export function diffWords(oldText: string, newText: string, options: SeqDiffOptions = {}): WordDiff {
  if (oldText === newText) {
    return { inline: oldText ? [{ op: "equal", text: oldText }] : [], approximate: false, insertedWords: 0, deletedWords: 0 };
  }
  const a = tokenize(oldText);
  const b = tokenize(newText);
  const { ops, approximate } = diffSequences(a.map(core), b.map(core), options);
  const out: InlineOp[] = [];
  const push = (op: InlineOp["op"], text: string) => {
    if (!text) return;
    const last = out[out.length - 1];
    if (last && last.op === op) last.text += text;
    else if (op === "delete" && last && last.op === "insert") {
      // keep delete before insert inside one change
      const prev = out[out.length - 2];
      if (prev && prev.op === "delete") prev.text += text;
      else out.splice(out.length - 1, 0, { op, text });
    } else out.push({ op, text });
  };
  let insertedWords = 0;
  let deletedWords = 0;
  for (const o of ops) {
    if (o.op === "equal") {
      for (let k = 0; k < o.aEnd - o.aStart; k++) {
        const x = a[o.aStart + k]!;
        const y = b[o.bStart + k]!;
        if (x === y) push("equal", x);
        else {
          const c = core(x);
          push("equal", c);
          push("delete", x.slice(c.length));
          push("insert", y.slice(c.length));
        }
      }
    } else if (o.op === "delete") {
      for (let k = o.aStart; k < o.aEnd; k++) {
        if (isWordToken(a[k]!)) deletedWords++;
        push("delete", a[k]!);
      }
    } else {
      for (let k = o.bStart; k < o.bEnd; k++) {
        if (isWordToken(b[k]!)) insertedWords++;
        push("insert", b[k]!);
      }
    }
  }
  return { inline: tidy(out), approximate, insertedWords, deletedWords };
}

/**
 * Whitespace at the end of a change that also follows it in the equal text is
 * shifted so the change ends on a word: "delete 'encourage ', insert
 * 'promote '" becomes "delete 'encourage', insert 'promote', equal ' '".
 */
function tidy(ops: InlineOp[]): InlineOp[] {
  const out: InlineOp[] = [];
  for (let i = 0; i < ops.length; i++) {
    const d = ops[i]!;
    const n = ops[i + 1];
    if (d.op === "delete" && n && n.op === "insert") {
      const ds = TRAILING_SPACE.exec(d.text)?.[0] ?? "";
      const is = TRAILING_SPACE.exec(n.text)?.[0] ?? "";
      let k = 0;
      while (k < ds.length && k < is.length && ds[ds.length - 1 - k] === is[is.length - 1 - k]) k++;
      if (k > 0) {
        const shared = d.text.slice(d.text.length - k);
        if (k < d.text.length) out.push({ op: "delete", text: d.text.slice(0, -k) });
        if (k < n.text.length) out.push({ op: "insert", text: n.text.slice(0, -k) });
        const after = ops[i + 2];
        if (after && after.op === "equal") ops[i + 2] = { op: "equal", text: shared + after.text };
        else out.push({ op: "equal", text: shared });
        i++;
        continue;
      }
    }
    const last = out[out.length - 1];
    if (last && last.op === d.op) last.text += d.text;
    else out.push({ ...d });
  }
  return out;
}
