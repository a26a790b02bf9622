/**
 * A short context for one Delta entry, for reports that list changes rather
 * than print the whole text: the entry with its label, its changes, and
 * about `radius` characters of unchanged text on each side of them. What is
 * left out is replaced by "…", so the result is for display only: joining
 * its texts does not give the entry's text back.
 */
import type { DeltaClause, InlineOp } from "../model/delta.js";

export interface ExcerptOptions {
  /** unchanged characters kept before the first change, after the last one and around a gap between two (default 50) */
  radius?: number;
  /** a longer change (a whole added or deleted clause) is cut to about this many characters (default 160) */
  maxChange?: number;
}

const ELLIPSIS = "…";

export function excerpt(entry: DeltaClause, options: ExcerptOptions = {}): InlineOp[] {
  const radius = options.radius ?? 50;
  const maxChange = options.maxChange ?? 160;
  const ops = withLabel(entry);
  const first = ops.findIndex((o) => o.op !== "equal");
  if (first < 0) return ops.length > 0 ? [{ op: "equal", text: head(ops.map((o) => o.text).join(""), 2 * radius) }] : [];
  let last = ops.length - 1;
  while (ops[last]!.op === "equal") last--;
  const out: InlineOp[] = [];
  ops.forEach((o, i) => {
    let text: string;
    if (o.op !== "equal") text = head(o.text, maxChange);
    else if (i < first) text = tail(o.text, radius);
    else if (i > last) text = head(o.text, radius);
    else text = o.text.length > 2 * radius + 10 ? `${headCut(o.text, radius)} ${ELLIPSIS} ${tailCut(o.text, radius)}` : o.text;
    if (text !== "") out.push({ op: o.op, text });
  });
  return out;
}

/**
 * The entry as a person reads it, label first: a changed label is a deletion
 * and an insertion like any other edit. The space after the label belongs
 * to a wholly added or deleted entry, so that it reads as one change.
 */
function withLabel(c: DeltaClause): InlineOp[] {
  const raw: InlineOp[] = [];
  const oldLabel = c.old?.label ?? null;
  const newLabel = c.new?.label ?? null;
  if (oldLabel !== null && oldLabel === newLabel) raw.push({ op: "equal", text: oldLabel });
  else {
    if (oldLabel !== null) raw.push({ op: "delete", text: oldLabel });
    if (newLabel !== null) raw.push({ op: "insert", text: newLabel });
  }
  if (raw.length > 0 && c.inline.length > 0) raw.push({ op: c.status === "added" ? "insert" : c.status === "deleted" ? "delete" : "equal", text: " " });
  raw.push(...c.inline);
  const ops: InlineOp[] = [];
  for (const o of raw) {
    const prev = ops[ops.length - 1];
    if (o.text === "") continue;
    if (prev && prev.op === o.op) prev.text += o.text;
    else ops.push({ op: o.op, text: o.text });
  }
  return ops;
}

const head = (text: string, n: number) => (text.length <= n ? text : headCut(text, n) + ELLIPSIS);
const tail = (text: string, n: number) => (text.length <= n ? text : ELLIPSIS + tailCut(text, n));

/** The first `n` characters or so, cut after a word. */
function headCut(text: string, n: number): string {
  const space = text.lastIndexOf(" ", n);
  return text.slice(0, space > n / 2 ? space : safeCut(text, n)).trimEnd();
}

/** The last `n` characters or so, cut before a word. */
function tailCut(text: string, n: number): string {
  const from = text.length - n;
  const space = text.indexOf(" ", from);
  return text.slice(space >= 0 && space < from + n / 2 ? space + 1 : safeCut(text, from)).trimStart();
}

/** `i`, moved off the middle of a surrogate pair. */
function safeCut(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff ? i + 1 : i;
}
