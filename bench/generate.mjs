/**
 * Deterministic generator of ITU-style "resolution books" in redline's text
 * format (one paragraph per line, a blank line between paragraphs,
 * `label<TAB>text` for clauses): many resolutions one after another, each with
 * number line, title, history line, opening line, preamble sections with
 * lettered clauses, operative sections with numbered clauses (and sub-clauses,
 * dash sub-items) and sometimes an annex. See /work/shared/ITU-CONVENTIONS.md.
 *
 *   generateBook(targetWords, seed) -> string
 *
 * Same arguments, same string: the only randomness is a seeded mulberry32.
 *
 * Run directly to print a book: `node bench/generate.mjs 2000 1`.
 */

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Helpers over a PRNG. */
export function tools(rng) {
  const int = (lo, hi) => lo + Math.floor(rng() * (hi - lo + 1)); // inclusive
  const pick = (arr) => arr[Math.floor(rng() * arr.length)];
  const chance = (p) => rng() < p;
  return { rng, int, pick, chance };
}

// ---------------------------------------------------------------------------
// Vocabulary: common English function words, a few hundred real words of the
// ITU register, and a few thousand pronounceable pseudo-words made from
// syllables with a fixed seed (the vocabulary never depends on the book seed).

export const FUNCTION_WORDS = (
  "the of and to in for on with by as at from that which this these those its their such all any other " +
  "be is are was were been shall should may can will would has have had not also including within between " +
  "into under through without upon where when while both each more most further particular relevant"
).split(" ");

const REAL_WORDS = (
  "access accessibility activities administrations adoption agreement allocation analysis applications approach " +
  "approval arrangements assistance availability awareness bandwidth benefits broadband budget capacity " +
  "challenges characteristics collaboration committee communication competition compliance conference " +
  "confidence connectivity consultation contributions cooperation coordination countries coverage cybersecurity " +
  "data deployment developing development devices digital documents economic education effective efficiency " +
  "electronic emergency energy environment equipment evaluation experience experts facilities financial " +
  "framework frequency global governance guidelines harmonization implementation inclusion information " +
  "infrastructure initiatives innovation institutions integration interconnection international internet " +
  "interoperability investment knowledge languages least liaison management measures meetings members " +
  "methods mobile monitoring multilingual national needs network networks numbering objectives operators " +
  "organizations participation partnership performance planning platforms policies policy priorities " +
  "procedures programmes progress protection provision publication quality questions rapporteurs " +
  "recommendations regional regulatory reports requirements research resources responsibilities review " +
  "rights rural satellite secretariat sector security services spectrum stakeholders standardization " +
  "standards statistics strategic strategies study support sustainable systems technical technologies " +
  "telecommunication telecommunications terminals testing training transition transparency union universal " +
  "users work workshops timely appropriate consistent continued enhanced existing improved necessary " +
  "open public relevant specific various ensure promote encourage facilitate identify consider develop " +
  "strengthen provide continue assist examine establish maintain improve support review report coordinate " +
  "adopt address enable reduce increase share collect publish organize invite study prepare submit"
).split(/\s+/);

const ONSETS = ["b", "c", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "br", "cr", "pl", "tr", "st", "gr", "pr", "sc", "qu"];
const VOWELS = ["a", "e", "i", "o", "u", "ea", "io", "ou", "ai"];
const CODAS = ["", "", "n", "r", "s", "l", "m", "nt", "st", "ct", "x"];
const ENDINGS = ["ation", "ity", "al", "ive", "ment", "ance", "ing", "ous", "ic", "ism", "ology", "able", "ence", "ure", "ory", "ure"];

function buildPseudoWords(count) {
  const r = tools(mulberry32(0x5eed));
  const seen = new Set([...FUNCTION_WORDS, ...REAL_WORDS]);
  const out = [];
  while (out.length < count) {
    const syl = r.int(1, 2);
    let w = "";
    for (let s = 0; s < syl; s++) w += r.pick(ONSETS) + r.pick(VOWELS) + (s === syl - 1 ? "" : r.pick(CODAS));
    w += r.chance(0.6) ? r.pick(ENDINGS) : r.pick(CODAS);
    if (w.length < 4 || seen.has(w)) continue;
    seen.add(w);
    out.push(w);
  }
  return out;
}

export const PSEUDO_WORDS = buildPseudoWords(3000);
export const CONTENT_WORDS = [...REAL_WORDS, ...PSEUDO_WORDS];

/** One word of running text: function words ~35%, real domain words ~20%, pseudo-words the rest. */
export function word(r) {
  const x = r.rng();
  if (x < 0.35) return r.pick(FUNCTION_WORDS);
  if (x < 0.55) return r.pick(REAL_WORDS);
  return r.pick(PSEUDO_WORDS);
}

/** `n` words of running text with an occasional comma; no final punctuation. */
export function words(r, n) {
  const out = new Array(n);
  for (let i = 0; i < n; i++) out[i] = word(r);
  for (let i = 3; i < n - 3; i++) if (r.chance(0.04)) out[i] += ",";
  return out.join(" ");
}

// ---------------------------------------------------------------------------
// ITU furniture (ITU-CONVENTIONS.md)

const PLACES = [
  ["Hammamet", 2016], ["Geneva", 2022], ["Dubai", 2012], ["Johannesburg", 2008], ["Florianópolis", 2004],
  ["Québec", 2000], ["Montreal", 2000], ["Geneva", 2024], ["New Delhi", 2024], ["Busan", 2014],
  ["Guadalajara", 2010], ["Antalya", 2006], ["Bucharest", 2022], ["Hyderabad", 2010], ["Buenos Aires", 2017],
];

export const PREAMBLE_HEADINGS = [
  "considering", "considering further", "recognizing", "recognizing further", "noting", "noting further",
  "recalling", "aware", "conscious", "acknowledging", "reaffirming", "bearing in mind", "taking into account",
  "emphasizing", "observing",
];

/** [heading, first word of its clauses] */
export const OPERATIVE_HEADINGS = [
  ["resolves", "that"],
  ["resolves further", "that"],
  ["instructs the Director of the Telecommunication Standardization Bureau", "to"],
  ["instructs the study groups", "to"],
  ["instructs the Telecommunication Standardization Advisory Group", "to"],
  ["invites Member States", "to"],
  ["invites Member States and Sector Members", "to"],
  ["requests the Secretary-General", "to"],
  ["encourages Member States", "to"],
  ["resolves to invite the Plenipotentiary Conference", "to"],
];

const ASSEMBLIES = [
  "The World Telecommunication Standardization Assembly",
  "The Plenipotentiary Conference of the International Telecommunication Union",
  "The World Telecommunication Development Conference",
];

const ANNEX_HEADINGS = ["Scope", "Definitions", "Access rights", "Technical provisions", "Procedures", "Reporting", "Responsibilities"];

const LETTERS = "abcdefgh";

function titleText(r) {
  const w = words(r, r.int(5, 12)).replace(/,/g, "");
  return w.charAt(0).toUpperCase() + w.slice(1);
}

/** A clause body of 15-60 words: "that ..." / "to ...", sometimes citing another resolution. */
function clauseBody(r, lead, nRes) {
  let n = r.int(15, 60);
  let text = lead + " " + words(r, n - 1);
  if (r.chance(0.08)) {
    const [p, y] = r.pick(PLACES);
    text += ` in accordance with Resolution ${r.int(1, nRes)} (Rev. ${p}, ${y})`;
  }
  return text;
}

/** A new clause body, for the editor's insertions. */
export function newClauseBody(r, lead = "that") {
  return clauseBody(r, lead, 100);
}

/**
 * Emits paragraphs into `out` (strings) and returns the number of words
 * written (whitespace-separated tokens, labels excluded).
 */
function resolution(r, n, out) {
  const start = out.length;
  const [place, year] = r.pick(PLACES);
  const revised = r.chance(0.8);
  out.push(`RESOLUTION ${n} (${revised ? "Rev. " : ""}${place}, ${year})`);
  out.push(titleText(r));
  const hist = [];
  for (let k = r.int(0, 3); k > 0; k--) {
    const [p, y] = r.pick(PLACES);
    hist.push(`${p}, ${y}`);
  }
  hist.push(`${place}, ${year}`);
  out.push(`(${hist.join("; ")})`);
  out.push(`${r.pick(ASSEMBLIES)} (${place}, ${year}),`);

  // Preamble: 2-4 sections, lettered clauses a)..h) (a single item has no letter).
  const preamble = shuffleTake(r, PREAMBLE_HEADINGS, r.int(2, 4));
  preamble.forEach((heading, si) => {
    out.push(heading);
    const count = r.chance(0.08) ? 1 : r.int(2, 8);
    for (let i = 0; i < count; i++) {
      const last = si === preamble.length - 1 && i === count - 1;
      const label = count === 1 ? "" : `${LETTERS[i]})\t`;
      emitClause(r, out, label, "that", n, last ? "," : ";");
    }
  });

  // Operative: 2-4 sections, numbered clauses 1, 2, 2.1, ...
  const operative = shuffleTake(r, OPERATIVE_HEADINGS, r.int(2, 4));
  operative.forEach(([heading, lead], si) => {
    out.push(heading);
    const count = r.int(2, 9);
    for (let i = 1; i <= count; i++) {
      const lastTop = si === operative.length - 1 && i === count;
      const subs = r.chance(0.12) ? r.int(2, 3) : 0;
      emitClause(r, out, `${i}\t`, lead, n, subs ? ":" : lastTop ? "." : ";");
      for (let k = 1; k <= subs; k++) emitClause(r, out, `${i}.${k}\t`, lead, n, lastTop && k === subs ? "." : ";");
    }
  });

  // Annex, sometimes: numbered like a Recommendation.
  if (r.chance(0.2)) {
    out.push(`Annex (to Resolution ${n} (${revised ? "Rev. " : ""}${place}, ${year}))`);
    out.push(titleText(r));
    const parts = shuffleTake(r, ANNEX_HEADINGS, r.int(2, 4));
    parts.forEach((h, i) => {
      out.push(`${i + 1}\t${h}`);
      const subs = r.int(1, 4);
      for (let k = 1; k <= subs; k++) {
        const body = words(r, r.int(15, 50));
        out.push(`${i + 1}.${k}\t${body.charAt(0).toUpperCase()}${body.slice(1)}.`);
      }
    });
  }
  let count = 0;
  for (let i = start; i < out.length; i++) count += wordCount(out[i]);
  return count;
}

function emitClause(r, out, label, lead, nRes, end) {
  const dashes = end === ";" && r.chance(0.07) ? r.int(2, 4) : 0;
  out.push(`${label}${clauseBody(r, lead, nRes)}${dashes ? ":" : end}`);
  for (let d = 0; d < dashes; d++) out.push(`–\t${words(r, r.int(5, 15))};`);
}

function shuffleTake(r, arr, k) {
  const a = arr.slice();
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(r.rng() * (a.length - i));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, k);
}

/** Words of a paragraph: whitespace-separated tokens, not counting a leading `label<TAB>`. */
export function wordCount(paragraph) {
  const t = paragraph.indexOf("\t");
  const body = t >= 0 && t < 12 ? paragraph.slice(t + 1) : paragraph;
  let n = 0;
  let inWord = false;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    const space = c === 32 || c === 9 || c === 10;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

/**
 * A book of resolutions 1, 2, 3, ... until at least `targetWords` words.
 * Paragraphs are separated by a blank line; the text ends with a newline.
 */
export function generateBook(targetWords, seed = 1) {
  const r = tools(mulberry32(seed));
  const out = [];
  let total = 0;
  for (let n = 1; total < targetWords; n++) total += resolution(r, n, out);
  return out.join("\n\n") + "\n";
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const target = Number(process.argv[2] ?? 2000);
  const seed = Number(process.argv[3] ?? 1);
  process.stdout.write(generateBook(target, seed));
}
