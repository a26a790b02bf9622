/**
 * Deterministic editor for real .docx files (the docx benchmark's NEW side).
 *
 *   editDocx(bytes, fraction, name) -> { bytes, paragraphs, edits, editsMade, editedOld, editedNew }
 *
 * Edits `fraction` of the body's non-empty paragraphs (evenly spaced: every
 * k-th one, k = 1 / fraction), each chosen paragraph once, with a mix of:
 *   replace    one word (4+ letters) inside a `w:t` replaced by another (8 edits in 10)
 *   delete     the `w:p` is removed from its parent (1 in 10)
 *   duplicate  a copy of the `w:p` with one word replaced is inserted after it (1 in 10)
 * Deletions and duplicates only touch "simple" paragraphs (one `w:p`, no section
 * break, note reference, field, bookmark, comment or drawing, and for a deletion
 * another `w:p` left in its container); others get a word replaced instead.
 * Only the main part is touched: it is serialized and the package re-zipped
 * with writePackage, every other part copied as stored.
 *
 * `editedOld` / `editedNew` are the `Paragraph.index` values (in OLD's and
 * NEW's reading) of the paragraphs each edit touched, so a Delta can be
 * checked against them.
 *
 * The benchmarks call editDocxApart, which runs the editor in a process of its
 * own (this file as a command: node bench/docx-edit.mjs FILE FRACTION OUT.docx).
 */
import { spawnSync } from "node:child_process";
import { readFileSync, realpathSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { cloneNode, documentElement, openPackage, readDocxPackage, serializeXmlBytes, setAttrs, walkElements, writePackage } from "../packages/docx/dist/index.js";
import { childFailure } from "./report.mjs";

const WORDS = ["quorum", "meridian", "lattice", "cobalt", "harbour", "vellum", "tundra", "orchid", "saffron", "granite", "juniper", "marrow"];
const WORD = /\p{L}{4,}/gu;
const NOT_SIMPLE = new Set([
  "w:sectPr",
  "w:footnoteReference",
  "w:endnoteReference",
  "w:drawing",
  "w:pict",
  "w:object",
  "w:fldChar",
  "w:fldSimple",
  "w:bookmarkStart",
  "w:bookmarkEnd",
  "w:commentRangeStart",
  "w:commentRangeEnd",
  "w:commentReference",
  "w:txbxContent",
  "mc:AlternateContent",
]);

function textChild(t) {
  return t.children.find((c) => c.type === "text") ?? null;
}

/** Words of 4+ letters in the paragraph's `w:t` nodes: [{ t, index, word }]. */
function wordSlots(tNodes) {
  const slots = [];
  for (const t of tNodes) {
    const tx = textChild(t);
    if (!tx) continue;
    for (const m of tx.text.matchAll(WORD)) slots.push({ t, index: m.index, word: m[0] });
  }
  return slots;
}

function replaceSlot(slot, n) {
  let w = WORDS[n % WORDS.length];
  if (w.toLowerCase() === slot.word.toLowerCase()) w = WORDS[(n + 1) % WORDS.length];
  const tx = textChild(slot.t);
  tx.text = tx.text.slice(0, slot.index) + w + tx.text.slice(slot.index + slot.word.length);
}

function isSimple(p) {
  let ok = true;
  walkElements(p, (el) => {
    if (NOT_SIMPLE.has(el.name)) ok = false;
  });
  return ok;
}

const countWp = (el) => el.children.filter((c) => c.type === "element" && c.name === "w:p").length;

export function editDocx(bytes, fraction, name = "old.docx") {
  const pkg = openPackage(bytes, name);
  const { doc, sources, trees } = readDocxPackage(pkg);
  const part = pkg.mainPart;
  const tree = trees.get(part);

  const parent = new Map();
  (function walk(el) {
    for (const c of el.children) {
      if (c.type !== "element") continue;
      parent.set(c, el);
      walk(c);
    }
  })(documentElement(tree));

  const candidates = [];
  for (let i = 0; i < doc.paragraphs.length; i++) {
    const p = doc.paragraphs[i];
    if (p.part === "body" && sources[i].part === part && p.text.trim() !== "") candidates.push(i);
  }
  const n = candidates.length;
  const count = n === 0 ? 0 : Math.max(1, Math.round(n * fraction));
  const step = n / Math.max(count, 1);

  const used = new Set();
  const done = []; // { old: paragraph index, kind }
  const edits = { replaced: 0, deleted: 0, duplicated: 0 };
  for (let e = 0; e < count; e++) {
    // the e-th evenly spaced candidate, or the next one that can take a word replacement
    for (let c = Math.floor((e + 0.5) * step); c < n; c++) {
      const i = candidates[c];
      if (used.has(i)) continue;
      const src = sources[i];
      const tNodes = [...new Set(src.pieces.filter((x) => x.node.name === "w:t").map((x) => x.node))];
      const slots = wordSlots(tNodes);
      if (slots.length === 0) continue;
      used.add(i);
      let kind = e % 10 === 4 ? "delete" : e % 10 === 9 ? "duplicate" : "replace";
      const p = src.elements[0];
      const up = parent.get(p);
      if (kind !== "replace" && (src.elements.length !== 1 || !up || !isSimple(p))) kind = "replace";
      if (kind === "delete" && countWp(up) < 2) kind = "replace";

      if (kind === "replace") {
        replaceSlot(slots[e % slots.length], e);
        edits.replaced++;
      } else if (kind === "delete") {
        up.children.splice(up.children.indexOf(p), 1);
        edits.deleted++;
      } else {
        const allT = [];
        walkElements(p, (el) => el.name === "w:t" && allT.push(el));
        // cloneNode and setAttrs, as the tree's contract asks (xml/tree.ts): a copy with no source, written node by node
        const copy = cloneNode(p);
        setAttrs(copy, copy.attrs.filter(([a]) => a !== "w14:paraId" && a !== "w14:textId"));
        const copyT = [];
        walkElements(copy, (el) => el.name === "w:t" && copyT.push(el));
        const slot = slots[e % slots.length];
        replaceSlot({ ...slot, t: copyT[allT.indexOf(slot.t)] }, e);
        up.children.splice(up.children.indexOf(p) + 1, 0, copy);
        edits.duplicated++;
      }
      done.push({ old: i, kind });
      break;
    }
  }

  // Paragraph indices on NEW's side: every deletion before a paragraph moves it up one, every duplicate down one.
  done.sort((a, b) => a.old - b.old);
  const editedOld = [];
  const editedNew = [];
  let shift = 0;
  for (const d of done) {
    editedOld.push(d.old);
    if (d.kind === "replace") editedNew.push(d.old + shift);
    else if (d.kind === "duplicate") {
      editedNew.push(d.old + shift, d.old + shift + 1);
      shift++;
    } else shift--;
  }

  const out = done.length ? writePackage(pkg, new Map([[part, serializeXmlBytes(tree)]])) : bytes;
  return { bytes: out, paragraphs: n, edits, editsMade: done.length, editedOld, editedNew, done };
}

const self = realpathSync(fileURLToPath(import.meta.url));

/**
 * editDocx(file's bytes, fraction) in a process of its own: writes NEW to `out` and returns what editDocx
 * returns, plus `ms`, the time the edit took there. The benchmarks time redline in the process that calls
 * this; with the editor run in that process first, its timed runs were slower than in a process that only
 * compares (Q.850 × 30%, read + compare + write, six processes each: medians 143–153 against 138–145 ms),
 * and a process that only compares is what the command and a batch worker are.
 */
export function editDocxApart(file, fraction, out) {
  const r = spawnSync(process.execPath, [self, file, String(fraction), out], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    const why = childFailure(r);
    throw new Error(why.startsWith("docx-edit:") ? why : `docx-edit: ${file}: ${why}`);
  }
  return { ...JSON.parse(r.stdout), bytes: new Uint8Array(readFileSync(out)) };
}

if (process.argv[1] !== undefined && realpathSync(process.argv[1]) === self) {
  const [file, fraction, out] = process.argv.slice(2);
  try {
    const bytes = new Uint8Array(readFileSync(file));
    const t = performance.now();
    const { bytes: edited, ...record } = editDocx(bytes, Number(fraction), basename(file));
    const ms = performance.now() - t;
    writeFileSync(out, edited);
    process.stdout.write(`${JSON.stringify({ ...record, ms })}\n`);
  } catch (e) {
    process.stderr.write(`docx-edit: ${file}: ${String(e?.message ?? e).split("\n")[0]}\n`);
    process.exitCode = 2;
  }
}
