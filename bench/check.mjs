/**
 * Precision check: compares a Delta with what bench/edit.mjs says it did.
 *
 * A reported entry "matches" when it is the clause the editor touched, found
 * by the first line of its text (the clause's own paragraph, without label):
 *   modified  old first line is an edited clause, and old/new texts start with the editor's before/after texts
 *   added     new first line is an inserted clause
 *   deleted   old first line is a deleted clause
 *   moved     new first line is a moved clause (or, for a swap of two neighbours, the other one)
 * Everything else reported under those statuses is "unexpected" (the engine
 * paired or split something the editor did not touch), and edits not found
 * are "missed".
 */
import { firstLine } from "./edit.mjs";

const SAMPLES = 5;

export function checkDelta(delta, expected) {
  const res = {
    modified: tally(expected.modified.size),
    added: tally(expected.added.size),
    deleted: tally(expected.deleted.size),
    moved: tally(expected.moved.size),
    renumbered: { expected: expected.renumbered, reported: delta.summary.renumbered },
  };
  const seen = { modified: new Set(), added: new Set(), deleted: new Set(), moved: new Set() };
  // where each clause went on the other side: a clause reported added may be an old clause the engine
  // paired with something else (or reported deleted), and the other way round
  const oldAt = new Map();
  const newAt = new Map();
  for (const c of delta.clauses) {
    if (c.old) oldAt.set(firstLine(c.old.text), c);
    if (c.new) newAt.set(firstLine(c.new.text), c);
  }
  // an edited clause's first line differs between the sides
  const oldKeyOf = new Map();
  for (const [k, v] of expected.modified) oldKeyOf.set(firstLine(v.new), k);
  const otherOld = (key) => oldAt.get(key) ?? oldAt.get(oldKeyOf.get(key));
  const otherNew = (key) => {
    const edited = expected.modified.get(key);
    return newAt.get(key) ?? (edited ? newAt.get(firstLine(edited.new)) : undefined);
  };
  for (const c of delta.clauses) {
    if (c.status === "modified") {
      const key = firstLine(c.old.text);
      const exp = expected.modified.get(key);
      const ok = exp && c.old.text.startsWith(exp.old) && c.new.text.startsWith(exp.new) && !seen.modified.has(key);
      note(res.modified, seen.modified, key, ok, c);
    } else if (c.status === "added") {
      const key = firstLine(c.new.text);
      note(res.added, seen.added, key, expected.added.has(key) && !seen.added.has(key), c, otherOld(key));
    } else if (c.status === "deleted") {
      const key = firstLine(c.old.text);
      note(res.deleted, seen.deleted, key, expected.deleted.has(key) && !seen.deleted.has(key), c, otherNew(key));
    }
    if (c.moved) {
      let key = firstLine(c.new.text);
      // a swap of neighbours may be reported on either of the two
      if (!expected.moved.has(key) && expected.movedAlt?.has(key)) key = expected.movedAlt.get(key);
      note(res.moved, seen.moved, key, expected.moved.has(key) && !seen.moved.has(key), c);
    }
  }
  for (const k of ["modified", "added", "deleted", "moved"]) res[k].missed = res[k].expected - res[k].matched;
  return res;
}

function tally(expected) {
  return { expected, reported: 0, matched: 0, unexpected: 0, gluedHead: 0, missed: 0, samples: [] };
}

/** A later resolution's head (number line, title, history, opening) carried inside a clause's text. */
const GLUED_HEAD = /\nRESOLUTION \d/;

const glued = (c) => !!c && (GLUED_HEAD.test(c.old?.text ?? "") || GLUED_HEAD.test(c.new?.text ?? ""));

/** `other`: the entry holding the same clause on the other side, if any. */
function note(t, seen, key, ok, c, other) {
  t.reported++;
  if (ok) {
    t.matched++;
    seen.add(key);
  } else {
    t.unexpected++;
    if (glued(c) || glued(other)) t.gluedHead++;
    if (t.samples.length < SAMPLES) t.samples.push(sample(c));
  }
}

function sample(c) {
  const cut = (s) => (s && s.length > 160 ? `${s.slice(0, 160)}…` : s);
  const changes = (c.inline ?? []).filter((o) => o.op !== "equal").map((o) => `${o.op === "insert" ? "+" : "-"}[${cut(o.text)}]`);
  return {
    status: c.status,
    moved: c.moved,
    old: c.old ? `${c.old.id}: ${cut(c.old.text)}` : null,
    new: c.new ? `${c.new.id}: ${cut(c.new.text)}` : null,
    changes: c.status === "modified" ? changes.slice(0, 6) : undefined,
  };
}
