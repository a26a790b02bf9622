/**
 * Deterministic editor for generated resolution books (bench/generate.mjs).
 *
 *   editBook(text, fraction, seed) -> string
 *   editBookDetailed(text, fraction, seed) -> { text, clauses, edits, expected }
 *
 * Edits `fraction` of the clauses (labelled paragraphs `label<TAB>text`, with
 * their dash sub-items `–<TAB>...`), each chosen clause once, with a mix of:
 *   replace-word    one word replaced by another (most edits)
 *   insert-phrase   2-6 words inserted
 *   delete-phrase   2-6 consecutive words deleted
 *   delete-clause   the clause is deleted; following siblings are relabelled (c) -> b), 3 -> 2, 3.1 -> 2.1)
 *   insert-clause   a new clause is inserted after it; following siblings are relabelled
 *   move-clause     the clause moves to another place among its siblings; the section is relabelled
 *                   (at most one move per section)
 * Clause-level edits only touch clauses without sub-clauses, so the numbering
 * stays valid. `expected` records what a precise delta should report.
 */
import { CONTENT_WORDS, mulberry32, newClauseBody, tools, words } from "./generate.mjs";

const LABELLED = /^(?:([a-z])\)|(\d+(?:\.\d+)*))\t/;
const DASH = /^–\t/;
const LETTERS = "abcdefghijklmnopqrstuvwxyz";

/** Text of a clause as the engine sees it: label dropped, continuation paragraphs joined with "\n". */
export function unitText(unit) {
  const first = unit.paras[0];
  return [first.slice(first.indexOf("\t") + 1), ...unit.paras.slice(1)].join("\n");
}

/** The first line of a clause's text (what `expected` is keyed by). */
export function firstLine(text) {
  const i = text.indexOf("\n");
  return i < 0 ? text : text.slice(0, i);
}

/** Paragraphs -> blocks: plain paragraphs and sections (runs of labelled clauses with their dash items). */
export function parseBook(text) {
  const paras = text.replace(/\n+$/, "").split(/\n[ \t]*\n/);
  const blocks = [];
  let section = null;
  let unit = null;
  for (const p of paras) {
    const m = LABELLED.exec(p);
    if (m) {
      const kind = m[1] ? "letter" : "number";
      if (!section || section.kind !== kind) {
        section = { type: "section", kind, units: [] };
        blocks.push(section);
      }
      unit = { label: m[1] ?? m[2], orig: m[1] ?? m[2], depth: m[2] ? m[2].split(".").length - 1 : 0, paras: [p] };
      section.units.push(unit);
    } else if (DASH.test(p) && unit) {
      unit.paras.push(p);
    } else {
      blocks.push({ type: "para", text: p });
      section = null;
      unit = null;
    }
  }
  return blocks;
}

export function serializeBook(blocks) {
  const out = [];
  for (const b of blocks) {
    if (b.type === "para") out.push(b.text);
    else for (const u of b.units) for (const p of u.paras) out.push(p);
  }
  return out.join("\n\n") + "\n";
}

function bodyWords(p) {
  const t = p.indexOf("\t");
  return { prefix: p.slice(0, t + 1), words: p.slice(t + 1).split(" ") };
}

function otherWord(r, old) {
  const core = old.replace(/[,;:.]+$/, "");
  for (;;) {
    const w = r.pick(CONTENT_WORDS);
    if (w !== core) return w + old.slice(core.length);
  }
}

/** Word-level edits of one clause; returns false when the clause is too short for the edit. */
function editWords(r, unit, op) {
  // replace-word may hit a dash item; phrase edits go to the clause's own paragraph
  const pi = op === "replace-word" && unit.paras.length > 1 && r.chance(0.3) ? r.int(1, unit.paras.length - 1) : 0;
  const { prefix, words: ws } = bodyWords(unit.paras[pi]);
  const first = pi === 0 ? 1 : 0; // keep the leading "that"/"to"
  const last = ws.length - 1; // keep the last word, which carries the final punctuation
  if (op === "replace-word") {
    if (last - first < 1) return false;
    const i = r.int(first, last - 1);
    ws[i] = otherWord(r, ws[i]);
  } else if (op === "insert-phrase") {
    if (last < 2) return false;
    const i = r.int(first, last);
    ws.splice(i, 0, words(r, r.int(2, 6)));
  } else if (op === "delete-phrase") {
    if (ws.length < 12) return false;
    const k = r.int(2, 6);
    const i = r.int(first, last - k);
    ws.splice(i, k);
  }
  unit.paras[pi] = prefix + ws.join(" ");
  return true;
}

function isLeaf(section, i) {
  if (section.kind === "letter") return true;
  const next = section.units[i + 1];
  return !next || next.depth <= section.units[i].depth;
}

function parentOf(unit) {
  const i = unit.label.lastIndexOf(".");
  return i < 0 ? "" : unit.label.slice(0, i);
}

/** Index just past unit i and its sub-clauses. */
function blockEnd(section, i) {
  const d = section.units[i].depth;
  let j = i + 1;
  while (j < section.units.length && section.units[j].depth > d) j++;
  return j;
}

/** Relabel a section in order: a), b), c)... or 1, 2, 2.1, 2.2, 3... */
function relabel(section) {
  const counters = [];
  section.units.forEach((u, i) => {
    let label;
    if (section.kind === "letter") label = LETTERS[i];
    else {
      counters.length = u.depth + 1;
      for (let d = 0; d < u.depth; d++) counters[d] ??= 1;
      counters[u.depth] = (counters[u.depth] ?? 0) + 1;
      label = counters.join(".");
    }
    if (label !== u.label) {
      const p = u.paras[0];
      u.paras[0] = (section.kind === "letter" ? `${label})` : label) + p.slice(p.indexOf("\t"));
      u.label = label;
    }
  });
}

function newUnit(r, like, depth) {
  const body = unitText(like);
  const lead = body.split(" ", 1)[0];
  let text;
  if (lead === "that" || lead === "to") text = `${newClauseBody(r, lead)};`;
  else {
    const w = words(r, r.int(15, 50));
    text = `${w.charAt(0).toUpperCase()}${w.slice(1)}.`;
  }
  const label = depth ? `${parentOf(like)}.?` : "?";
  return { label, depth, inserted: true, paras: [`${label}\t${text}`] };
}

const OPS = [
  ["replace-word", 0.55],
  ["insert-phrase", 0.12],
  ["delete-phrase", 0.12],
  ["delete-clause", 0.08],
  ["insert-clause", 0.08],
  ["move-clause", 0.05],
];

function pickOp(r) {
  let x = r.rng();
  for (const [op, p] of OPS) {
    if (x < p) return op;
    x -= p;
  }
  return OPS[0][0];
}

export function editBookDetailed(text, fraction, seed = 1) {
  const r = tools(mulberry32(seed ^ 0x9e3779b9));
  const blocks = parseBook(text);
  const all = []; // [section, unit]
  for (const b of blocks) if (b.type === "section") for (const u of b.units) all.push([b, u]);
  // clauses long enough to edit (not the annex's one-word headings "1<TAB>Scope")
  const candidates = all.filter(([, u]) => unitText(u).split(" ").length >= 8);
  const target = Math.min(candidates.length, Math.round(fraction * all.length));
  // partial Fisher-Yates: `target` distinct clauses
  for (let i = 0; i < target; i++) {
    const j = i + Math.floor(r.rng() * (candidates.length - i));
    [candidates[i], candidates[j]] = [candidates[j], candidates[i]];
  }
  const chosen = candidates.slice(0, target);

  const edits = { "replace-word": 0, "insert-phrase": 0, "delete-phrase": 0, "delete-clause": 0, "insert-clause": 0, "move-clause": 0 };
  const expected = { modified: new Map(), added: new Set(), deleted: new Set(), moved: new Set(), movedAlt: new Map(), swaps: [] };
  const structural = new Map(); // section -> [[op, unit]]

  for (const [section, unit] of chosen) {
    let op = pickOp(r);
    if (op === "delete-clause" || op === "insert-clause" || op === "move-clause") {
      const list = structural.get(section) ?? [];
      list.push([op, unit]);
      structural.set(section, list);
      continue;
    }
    textEdit(r, unit, op, edits, expected);
  }

  const moved = new Set();
  for (const [section, list] of structural) {
    // deletions and insertions first, then the move, so that a move is still a move in the result
    list.sort((a, b) => (a[0] === "move-clause") - (b[0] === "move-clause"));
    for (const [op, unit] of list) {
      const i = section.units.indexOf(unit);
      const leaf = isLeaf(section, i);
      if (op === "delete-clause" && leaf && section.units.length > 2) {
        section.units.splice(i, 1);
        expected.deleted.add(firstLine(unitText(unit)));
      } else if (op === "insert-clause" && leaf && (section.kind !== "letter" || section.units.length < 8)) {
        const u = newUnit(r, unit, unit.depth);
        section.units.splice(i + 1, 0, u);
        expected.added.add(firstLine(unitText(u)));
      } else if (op === "move-clause" && leaf && !moved.has(section) && moveWithinSiblings(r, section, i, expected)) {
        // one move per section, so moves never undo or mask each other
        moved.add(section);
        expected.moved.add(firstLine(unitText(unit)));
      } else {
        textEdit(r, unit, "replace-word", edits, expected);
        continue;
      }
      edits[op]++;
    }
    relabel(section);
  }
  for (const [jumped, unit] of expected.swaps) expected.movedAlt.set(firstLine(unitText(jumped)), firstLine(unitText(unit)));
  delete expected.swaps;
  const clauses = all.length;
  // same clause, new label (the engine's "renumbered")
  expected.renumbered = 0;
  for (const b of blocks) if (b.type === "section") for (const u of b.units) if (u.orig && u.orig !== u.label) expected.renumbered++;
  return { text: serializeBook(blocks), clauses, edits, expected };
}

function textEdit(r, unit, op, edits, expected) {
  const before = unitText(unit);
  if (!editWords(r, unit, op)) {
    op = "replace-word";
    editWords(r, unit, op);
  }
  edits[op]++;
  const key = firstLine(before);
  // a clause edited twice (a fallback) keeps its first old text
  const prev = expected.modified.get(key);
  expected.modified.set(key, { old: prev?.old ?? before, new: unitText(unit) });
}

/**
 * Move leaf clause i to another place among its siblings (same parent, same
 * depth), past at least one sibling that was there before (moving past only
 * inserted clauses would not be a move at all).
 */
function moveWithinSiblings(r, section, i, expected) {
  const unit = section.units[i];
  const parent = parentOf(unit);
  const sib = (u) => u.depth === unit.depth && parentOf(u) === parent;
  section.units.splice(i, 1);
  const siblings = section.units.filter(sib);
  // places[k]: just before sibling k; places[n]: after the last sibling's block
  const places = [];
  section.units.forEach((u, j) => {
    if (sib(u)) places.push(j);
  });
  if (places.length) places.push(blockEnd(section, places[places.length - 1]));
  const from = places.indexOf(i);
  const options = [];
  for (let k = 0; k < places.length; k++) {
    if (k === from) continue;
    const jumped = siblings.slice(Math.min(k, from), Math.max(k, from)).filter((u) => !u.inserted);
    if (jumped.length) options.push([places[k], jumped]);
  }
  if (from < 0 || !options.length) {
    section.units.splice(i, 0, unit);
    return false;
  }
  const [to, jumped] = options[Math.floor(r.rng() * options.length)];
  section.units.splice(to, 0, unit);
  // Moving past one sibling is a swap: "b moved up" and "a moved down" are equally minimal.
  if (jumped.length === 1) expected.swaps.push([jumped[0], unit]); // keyed at the end: it may still be edited
  return true;
}

export function editBook(text, fraction, seed = 1) {
  return editBookDetailed(text, fraction, seed).text;
}
