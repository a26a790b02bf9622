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
import { isAsciiSpace, isSpace, isWordToken, tokenize } from "./tokenize.js";

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

/** Whether a token starts at `at` of `text` once `text[at - 1]` is ASCII whitespace (or the text ends there). */
function opensToken(text: string, at: number): boolean {
  return at === text.length || !isSpace(text.charCodeAt(at));
}

/**
 * Where both texts can be cut so that they hold the same tokens before `head`
 * and the same tokens in their last `tail` characters.
 *
 * A cut is only made where ASCII whitespace is followed by a character that
 * is not whitespace. The scanner starts a token there whatever comes before:
 * only the whitespace alternative of TOKEN matches ASCII whitespace, and
 * though it may run on over other whitespace, it stops at a character that
 * is not; the one pattern that looks behind, `\b`, sees a non-word character
 * either way. So each side of the cut tokenizes as it would in the whole
 * text. (Whitespace beyond ASCII would do too, but the ASCII scanner and the
 * pattern would then both have to agree on it: ASCII is enough for the
 * texts this is for.) `tail` stays below what is left of the shorter text
 * after `head`, so it never reaches back into the head, and the whitespace
 * before its cut lies in the common end, where it belongs to the same token
 * on both sides.
 */
function commonEnds(oldText: string, newText: string): { head: number; tail: number } {
  const shorter = Math.min(oldText.length, newText.length);
  let same = 0;
  while (same < shorter && oldText.charCodeAt(same) === newText.charCodeAt(same)) same++;
  let head = same;
  while (head > 0 && !(isAsciiSpace(oldText.charCodeAt(head - 1)) && opensToken(oldText, head) && opensToken(newText, head))) head--;
  const room = shorter - head;
  let end = 0;
  while (end < room && oldText.charCodeAt(oldText.length - 1 - end) === newText.charCodeAt(newText.length - 1 - end)) end++;
  // the cut at oldText.length - tail: the character before it (common, so also in newText) is ASCII whitespace
  let tail = end - 1;
  while (tail > 0 && !(isAsciiSpace(oldText.charCodeAt(oldText.length - tail - 1)) && !isSpace(oldText.charCodeAt(oldText.length - tail)))) tail--;
  return { head, tail: Math.max(0, tail) };
}

/** The first token of `text` (which starts one), without its trailing whitespace. */
function firstCore(text: string): string {
  let end = 0;
  while (end < text.length && !isAsciiSpace(text.charCodeAt(end))) end++;
  return core(tokenize(text.slice(0, end))[0] ?? "");
}

interface Cut {
  /** Tokens of the two texts between the common ends. */
  a: string[];
  b: string[];
  /** The common ends' text. */
  head: string;
  tail: string;
}

/**
 * The tokens of the two texts between their common ends, or null where
 * diffing only those would pair tokens otherwise than diffing the whole.
 *
 * diffSequences strips the common prefix (compared without trailing
 * whitespace) and then the common suffix of what is left, and diffs the
 * rest. Tokens identical on both sides before `head` or after the tail cut
 * are stripped by it either way, so leaving them out changes nothing, except
 * where its prefix would run through one middle and on into the common
 * tail: then the tail would have been paired differently, and the whole is
 * diffed.
 */
export function middles(oldText: string, newText: string): Cut | null {
  const { head, tail } = commonEnds(oldText, newText);
  const a = tokenize(oldText.slice(head, oldText.length - tail));
  const b = tokenize(newText.slice(head, newText.length - tail));
  const tailText = oldText.slice(oldText.length - tail);
  if (tail > 0 && a.length !== b.length) {
    // the engine's prefix over the middles (in tokens): run through the shorter one, it would go on into the tail
    const fewer = Math.min(a.length, b.length);
    let pre = 0;
    while (pre < fewer && core(a[pre]!) === core(b[pre]!)) pre++;
    if (pre === fewer && core((a.length > b.length ? a : b)[pre]!) === firstCore(tailText)) return null;
  }
  return { a, b, head: oldText.slice(0, head), tail: tailText };
}

export function diffWords(oldText: string, newText: string, options: SeqDiffOptions = {}): WordDiff {
  if (oldText === newText) return same(oldText);
  // most pairs differ in a few words: tokenize and diff only what lies between the common ends
  return diffCut(middles(oldText, newText) ?? whole(oldText, newText), options);
}

/** diffWords without cutting off the common ends: what it must equal (exported for the tests, which hold the two to each other). */
export function diffWholeWords(oldText: string, newText: string, options: SeqDiffOptions = {}): WordDiff {
  return oldText === newText ? same(oldText) : diffCut(whole(oldText, newText), options);
}

function same(text: string): WordDiff {
  return { inline: text ? [{ op: "equal", text }] : [], approximate: false, insertedWords: 0, deletedWords: 0 };
}

function whole(oldText: string, newText: string): Cut {
  return { a: tokenize(oldText), b: tokenize(newText), head: "", tail: "" };
}

function diffCut(cut: Cut, options: SeqDiffOptions): WordDiff {
  const { a, b } = cut;
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
  push("equal", cut.head);
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
  push("equal", cut.tail);
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
