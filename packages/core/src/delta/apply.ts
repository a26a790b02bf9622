/**
 * apply(old, delta) rebuilds the new text from the old one and the Delta's
 * inline operations, checking on the way that the Delta really describes this
 * old text; invert(delta) describes the way back.
 */
import type { Clause, ClauseTree } from "../model/clauses.js";
import type { Doc } from "../model/doc.js";
import type { Delta, DeltaClause, DeltaSide, InlineOp } from "../model/delta.js";
import { RedlineError } from "../model/errors.js";
import { orderRows } from "../align/order.js";
import { structure } from "../structure/index.js";
import { readText } from "../text/read.js";

/**
 * The canonical text of a clause tree: one paragraph per line, a label and a
 * tab before its text. This is what `apply` produces and what textconv prints.
 */
export function canonicalText(tree: ClauseTree): string {
  return tree.clauses.map((c) => entryText(c.label, c.text)).join("") ;
}

function entryText(label: string | null, text: string): string {
  if (label === null && text === "") return "";
  return `${label !== null ? `${label}\t` : ""}${text}\n`;
}

function joinOps(ops: InlineOp[], keep: "insert" | "delete"): string {
  let s = "";
  for (const o of ops) if (o.op === "equal" || o.op === keep) s += o.text;
  return s;
}

export function apply(old: string | Doc | ClauseTree, delta: Delta): string {
  const tree = typeof old === "string" ? structure(readText(old), delta.profile) : old.type === "doc" ? structure(old, delta.profile) : old;
  const byId = new Map<string, Clause>();
  for (const c of tree.clauses) byId.set(c.id, c);
  const fail = (why: string) => new RedlineError("bad-delta", delta.old.name, `the delta does not fit this document: ${why}`);
  let seen = 0;
  let out = "";
  for (const entry of delta.clauses) {
    if (entry.old) {
      const c = byId.get(entry.old.id);
      if (!c) throw fail(`it has no entry ${entry.old.id}`);
      if (c.text !== entry.old.text) throw fail(`entry ${entry.old.id} reads differently`);
      if (joinOps(entry.inline, "delete") !== c.text) throw fail(`the changes of ${entry.old.id} do not start from its text`);
      seen++;
    }
    if (entry.new) out += entryText(entry.new.label, joinOps(entry.inline, "insert"));
  }
  if (seen !== tree.clauses.length) throw fail(`it accounts for ${seen} of the document's ${tree.clauses.length} entries`);
  return out;
}

const SWAP_OP: Record<InlineOp["op"], InlineOp["op"]> = { equal: "equal", insert: "delete", delete: "insert" };

export function invert(delta: Delta): Delta {
  const clauses: DeltaClause[] = delta.clauses.map((c) => ({
    status: c.status === "added" ? "deleted" : c.status === "deleted" ? "added" : c.status,
    marker: c.marker === "ADD" ? "SUP" : c.marker === "SUP" ? "ADD" : c.marker,
    moved: c.moved,
    renumbered: c.renumbered,
    old: c.new,
    new: c.old,
    inline: invertOps(c.inline),
    approximate: c.approximate,
    ...(c.noteReferences ? { noteReferences: { added: c.noteReferences.removed.slice(), removed: c.noteReferences.added.slice() } } : {}),
    // the stretch is quoted as the new side has it; the text both share is the same on either side
    ...(c.formatting ? { formatting: c.formatting.map((f) => ({ text: f.text, added: f.removed.slice(), removed: f.added.slice() })) } : {}),
  }));
  const pos = (s: DeltaSide | null) => (s ? s.paragraphs[0] ?? null : null);
  const s = delta.summary;
  return {
    ...delta,
    old: delta.new,
    new: delta.old,
    summary: { ...s, added: s.deleted, deleted: s.added, insertedWords: s.deletedWords, deletedWords: s.insertedWords },
    clauses: orderRows(clauses, (c) => ({ oldPos: pos(c.old), newPos: pos(c.new) })),
    notes: delta.notes.slice(),
  };
}

/** Swap inserts and deletes, keeping each change's delete before its insert. */
function invertOps(ops: InlineOp[]): InlineOp[] {
  const out: InlineOp[] = [];
  for (let i = 0; i < ops.length; i++) {
    const a = ops[i]!;
    const b = ops[i + 1];
    if (a.op === "delete" && b && b.op === "insert") {
      out.push({ op: "delete", text: b.text }, { op: "insert", text: a.text });
      i++;
    } else out.push({ op: SWAP_OP[a.op], text: a.text });
  }
  return out;
}
