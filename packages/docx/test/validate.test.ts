/// <reference types="node" />
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compare, compareTexts, isRedlineError } from "@redline/core";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { element, generateTrackedDocx, openPackage, readDocx, writeTrackedDocx } from "../src/index.js";
import { corpusAvailable, corpusPath, describeCorpus, readCorpus, repoRoot } from "./corpus.js";
import { editDocx, type Edit } from "./tools/edit-docx.js";
import { makeDocx } from "./make-docx.js";
import { validateDocx, validatorStatus, type ValidationError } from "./tools/validate.js";

/**
 * Our tracked-change documents must pass the Open XML SDK validator (the
 * schemas and semantic constraints Word itself is built on), run offline
 * through @ooxml-tools/validate (see ./tools/validate.ts).
 *
 * Word-produced inputs do not always pass it themselves, and an in-place
 * output is NEW's package with revisions added, so NEW's own errors are not
 * ours: each input is validated first, and an output may have no error beyond
 * those of its NEW input (the same description in the same part, counted,
 * since element paths shift when revisions add paragraphs). A generated
 * document has no input: it must have no error at all.
 *
 * Without the corpora the corpus cases skip with one line (fail under
 * CI=true). Without the validator everything skips with one line, except
 * under CI=true when the package is installed but does not start.
 *
 * REDLINE_VALIDATE_ALL=1 validates every pair of the WmlComparer manifest
 * instead of the chosen few.
 */

const CI = process.env.CI === "true";
const OPTS = { author: "A", date: "2024-01-01T00:00:00Z" };
const TIMEOUT = 180_000;
const status = await validatorStatus();

// ---------------------------------------------------------------- helpers

interface Timing {
  name: string;
  kind: "old" | "new" | "output";
  kb: number;
  ms: number;
  errors: number;
}
const timings: Timing[] = [];
const found: { name: string; errors: ValidationError[] }[] = [];
const skipped: string[] = [];
/** in-place outputs without any revision (no change we see as text): still validated, but they prove less */
const unrevised: string[] = [];

async function validated(name: string, kind: Timing["kind"], bytes: Uint8Array): Promise<ValidationError[]> {
  const start = performance.now();
  const result = await validateDocx(bytes);
  if (result === null) throw new Error(`the validator stopped working: ${status.ok ? "unknown reason" : status.reason}`);
  timings.push({ name, kind, kb: Math.round(bytes.length / 1024), ms: Math.round(performance.now() - start), errors: result.errors.length });
  return result.errors;
}

/** An input's errors, validated once per file however many cases use it. */
const inputErrors = new Map<string, Promise<ValidationError[]>>();
function validatedInput(key: string, kind: "old" | "new", bytes: Uint8Array): Promise<ValidationError[]> {
  let errors = inputErrors.get(key);
  if (!errors) {
    errors = validated(key, kind, bytes).then((list) => {
      if (list.length > 0) console.log(`input ${key} already has ${list.length} validation error(s) (not ours):\n${list.map(show).join("\n")}`);
      return list;
    });
    inputErrors.set(key, errors);
  }
  return errors;
}

const group = (e: ValidationError) => `${e.part ?? "?"} ${e.id ?? ""}: ${e.description}`;
const show = (e: ValidationError) => `  ${e.part ?? "?"} ${e.path ?? "?"}: [${e.id ?? "?"}] ${e.description}`;

/**
 * The output's errors not explained by the input's: per part and description,
 * any beyond the input's count (those at a path the input has not, first).
 */
function beyond(output: readonly ValidationError[], input: readonly ValidationError[]): ValidationError[] {
  const byGroup = (list: readonly ValidationError[]) => {
    const m = new Map<string, ValidationError[]>();
    for (const e of list) {
      const g = group(e);
      const l = m.get(g);
      if (l) l.push(e);
      else m.set(g, [e]);
    }
    return m;
  };
  const inputs = byGroup(input);
  const out: ValidationError[] = [];
  for (const [g, errors] of byGroup(output)) {
    const theirs = inputs.get(g) ?? [];
    const extra = errors.length - theirs.length;
    if (extra <= 0) continue;
    const paths = new Set(theirs.map((e) => e.path));
    const unmatched = errors.filter((e) => !paths.has(e.path));
    const matched = errors.filter((e) => paths.has(e.path));
    out.push(...[...unmatched, ...matched].slice(0, extra));
  }
  return out;
}

function expectNoNewErrors(name: string, output: readonly ValidationError[], newInput: readonly ValidationError[], oldInput: readonly ValidationError[] = []): void {
  const ours = beyond(output, newInput);
  if (ours.length > 0) {
    const fromOld = new Set(oldInput.map(group));
    found.push({ name, errors: ours });
    const lines = ours.map((e) => `${show(e)}${fromOld.has(group(e)) ? "   (OLD has this error too)" : ""}`);
    expect.fail(`${name}: ${ours.length} validation error(s) beyond those of NEW:\n${lines.join("\n")}`);
  }
}

/** Validates both inputs, writes the tracked document in place, validates it. */
async function checkInPlace(
  name: string,
  oldKey: string,
  oldBytes: Uint8Array,
  newKey: string,
  newBytes: Uint8Array,
  mustRevise: boolean,
  moves = true,
): Promise<"skipped" | void> {
  let bytes: Uint8Array;
  try {
    const delta = compare(readDocx(oldBytes, { name: "old.docx" }), readDocx(newBytes, { name: "new.docx" }));
    bytes = writeTrackedDocx(openPackage(oldBytes, "old.docx"), openPackage(newBytes, "new.docx"), delta, { ...OPTS, moves }).bytes;
  } catch (e) {
    if (isRedlineError(e) && e.code === "unsupported-format" && /tracked changes/.test(e.message)) return "skipped";
    throw e;
  }
  if (!readDocx(bytes, { name: "out.docx" }).hasRevisions) {
    expect.soft(mustRevise, `${name}: the output has no revision, so validating it proves little`).toBe(false);
    unrevised.push(name);
  }
  const oldErrors = await validatedInput(oldKey, "old", oldBytes);
  const newErrors = await validatedInput(newKey, "new", newBytes);
  const output = await validated(name, "output", bytes);
  expectNoNewErrors(name, output, newErrors, oldErrors);
}

function describeValidated(name: string, body: () => void): void {
  if (status.ok) {
    describe(name, body);
    return;
  }
  if (CI && status.installed) {
    describe(name, () => {
      it("runs the Open XML SDK validator", () => {
        throw new Error(`${status.reason} (required under CI=true)`);
      });
    });
    return;
  }
  console.log(`skipping "${name}": ${status.reason}`);
  describe.skip(name, body);
}

afterAll(() => {
  if (timings.length === 0) return;
  const rows = timings.map((t) => `  ${t.ms.toString().padStart(6)} ms  ${t.kb.toString().padStart(5)} KB  ${t.kind.padEnd(6)} ${t.errors} error(s)  ${t.name}`);
  console.log(`Open XML SDK validation (${status.ok ? `@ooxml-tools/validate@${status.version}` : "?"}), per document:\n${rows.join("\n")}`);
  if (skipped.length > 0) console.log(`skipped (NEW already has tracked changes): ${skipped.join(", ")}`);
  if (unrevised.length > 0) console.log(`outputs without any revision (nothing changed as we read it): ${unrevised.join(", ")}`);
  if (found.length > 0) {
    console.log(`outputs with validation errors of our own:\n${found.map((f) => `${f.name}\n${f.errors.map(show).join("\n")}`).join("\n")}`);
  }
});

// ---------------------------------------------------------------- the generated document

describeValidated("Open XML SDK validation: generated tracked-change document", () => {
  const text = (f: string) => readFileSync(path.join(repoRoot, "examples", f), "utf8");
  const generated = () => generateTrackedDocx(compareTexts(text("res-99-in-force.txt"), text("res-99-proposed.txt")), OPTS);

  it("Resolution 99, in force vs proposed, has no validation error", async () => {
    const bytes = await generated();
    expect(readDocx(bytes, { name: "generated.docx" }).hasRevisions).toBe(true);
    expectNoNewErrors("generated: res-99", await validated("generated: res-99", "output", bytes), []);
  }, TIMEOUT);

  it("the validator does find errors: a revision without its w:id, an unknown element", async () => {
    const files = unzipSync(await generated());
    const xml = strFromU8(files["word/document.xml"]!);
    const broken = xml.replace(/(<w:ins\b[^>]*?) w:id="[^"]*"/, "$1").replace("</w:body>", "<w:bogus/></w:body>");
    expect(broken).not.toBe(xml);
    files["word/document.xml"] = strToU8(broken);
    const errors = await validated("canary: broken on purpose", "output", zipSync(files));
    const ours = beyond(errors, []);
    expect(ours.map((e) => `${e.part} ${e.id}`).sort()).toEqual([
      "/word/document.xml Sch_InvalidElementContentExpectingComplex",
      "/word/document.xml Sch_MissRequiredAttribute",
    ]);
    expect(ours.find((e) => e.id === "Sch_MissRequiredAttribute")?.path).toMatch(/\/w:ins\[1\]$/);
  }, TIMEOUT);
});

describeValidated("Open XML SDK validation: in place, a styles part made for NEW", () => {
  // NEW has no styles part; the text it deleted carries OLD's character style, which the writer puts in a part it makes
  it("deleted text in a character style NEW has no part for: no validation error beyond NEW's", async () => {
    const run = (t: string, style = "") => `<w:r>${style ? `<w:rPr><w:rStyle w:val="${style}"/></w:rPr>` : ""}<w:t xml:space="preserve">${t}</w:t></w:r>`;
    const styles = '<w:style w:type="character" w:styleId="Emph"><w:name w:val="Emph"/><w:basedOn w:val="Base"/><w:rPr><w:i/></w:rPr></w:style><w:style w:type="character" w:styleId="Base"><w:name w:val="Base"/></w:style>';
    const oldBytes = makeDocx({ styles, body: `<w:p>${run("The committee shall meet ")}${run("twice", "Emph")}${run(" a year.")}</w:p>` });
    const newBytes = makeDocx({ body: `<w:p>${run("The committee shall meet three times a year.")}</w:p>` });
    await checkInPlace("made styles part", "made styles part (OLD)", oldBytes, "made styles part (NEW)", newBytes, true);
  }, TIMEOUT);
});

// ---------------------------------------------------------------- in place: edited copies of ITU Resolution 1

describeValidated("Open XML SDK validation: in place, edited copies of ITU Resolution 1", () => {
  describeCorpus("ITU Resolution 1", () => {
    const R1 = "itu/T-RES-T.1-2016-MSW-E.docx";
    const old = () => readCorpus(R1);
    const paragraphs = corpusAvailable ? readDocx(old(), { name: "r1.docx" }).paragraphs : [];
    const at = (text: string) => {
      const i = paragraphs.findIndex((p) => p.text.includes(text));
      if (i < 0) throw new Error(`no paragraph with "${text}" in ${R1}`);
      return i;
    };
    const scenarios: [string, () => Edit[], boolean?][] = [
      ["a changed word", () => [{ op: "replace", paragraph: at("careful review of the more detailed"), from: "careful", to: "thorough" }]],
      ["a deleted paragraph", () => [{ op: "delete", paragraph: at("that the ITU‑T Recommendations resulting from these studies") }]],
      [
        "an inserted paragraph",
        () => [{ op: "insert-after", paragraph: at("that, accordingly, the rapid developments"), text: "d)bis\tthat regional preparatory meetings improve the quality of proposals to the assembly;" }],
      ],
      ["a moved paragraph", () => [{ op: "move-after", paragraph: at("It shall establish a Steering Committee"), after: at("WTSA shall establish a Budget Control Committee") }]],
      ["a moved paragraph (moves: false)", () => [{ op: "move-after", paragraph: at("It shall establish a Steering Committee"), after: at("WTSA shall establish a Budget Control Committee") }], false],
      ["a changed word in a table cell", () => [{ op: "replace", paragraph: at("Resolution 1 – Rules of procedure"), from: "Rules", to: "Standing rules" }]],
      ["a changed word in a footnote", () => [{ op: "replace", paragraph: at("In special cases, WTSA may appoint"), from: "special", to: "exceptional" }]],
      [
        "restyled paragraphs (w:pPrChange), one of them edited",
        () => [
          { op: "restyle", paragraph: at("Presentation of texts"), style: "Heading2" },
          { op: "restyle", paragraph: at("WTSA shall establish a Budget Control Committee"), style: "Note" },
          { op: "replace", paragraph: at("WTSA shall establish a Budget Control Committee"), from: "Budget", to: "Finance" },
        ],
      ],
      [
        "words given other formatting (w:rPrChange), one in an edited paragraph",
        () => [
          { op: "format", paragraph: at("It shall establish a Steering Committee"), word: "Steering", props: [element("w:b")] },
          { op: "format", paragraph: at("WTSA shall establish a Budget Control Committee"), word: "Control", props: [element("w:vertAlign", [["w:val", "superscript"]])] },
          { op: "replace", paragraph: at("WTSA shall establish a Budget Control Committee"), from: "Budget", to: "Finance" },
        ],
      ],
      ["a deleted paragraph carrying footnote references", () => [{ op: "delete", paragraph: at("(Hammamet, 2016)1") }]],
      [
        "edits in several sections at once",
        () => [
          { op: "replace", paragraph: at("RESOLUTION 1"), from: "2016", to: "2024" },
          { op: "replace", paragraph: at("It shall establish a Steering Committee"), from: "Steering", to: "Guiding" },
          { op: "delete", paragraph: at("WTSA shall establish resolutions which define working methods") },
          { op: "insert-after", paragraph: at("The programme of work of WTSA shall be designed"), text: "1.11bis\tWTSA shall publish its programme of work in advance." },
          { op: "move-after", paragraph: at("1bis.1.1.5\tSupplements to Recommendations"), after: at("1bis.1.1.2\tEach text should include") },
        ],
      ],
    ];
    for (const [name, edits, moves] of scenarios) {
      it(`${name}: no validation error beyond NEW's`, async () => {
        const oldBytes = old();
        const label = `R1: ${name}`;
        await checkInPlace(label, R1, oldBytes, `${label} (NEW)`, editDocx(oldBytes, edits()), true, moves ?? true);
      }, TIMEOUT);
    }
  });
});

// ---------------------------------------------------------------- in place: WmlComparer pairs

interface WcCase {
  id: string;
  before: string;
  after: string;
  features?: string[];
}

/** Pairs covering tables (rows, merged cells, nesting), notes, images, text boxes; each gives revisions. */
const CHOSEN: Record<string, string> = {
  "WC-1010": "plain paragraphs, digits changed",
  "WC-1140": "table: a deleted row",
  "WC-1150": "table: an inserted row",
  "WC-1200": "table: a changed cell",
  "WC-1570": "table: merged cells",
  "WC-1850": "nested table",
  "WC-1400": "footnote",
  "WC-1640": "footnote added",
  "WC-1660": "footnote containing a table",
  "WC-1730": "endnote",
  "WC-1610": "footnote reference moved inside its paragraph",
  "WC-1650": "footnote deleted, NEW without a footnotes part",
  "WC-2050": "footnote emptied",
  "WC-1250": "image",
  "WC-1340": "a deleted picture brought back, with its image",
  "WC-1350": "a picture deleted, words inserted around it",
  "WC-1810": "paragraphs around an image",
  "WC-1450": "table rows with images, one deleted",
  "WC-1770": "text box",
  "WC-2090": "a text box inserted whole",
  "WC-2092": "a text box deleted whole, brought back",
  "WC-1420": "equations in deleted and inserted paragraphs",
  "WC-1550": "an equation changed",
};

describeValidated("Open XML SDK validation: in place, WmlComparer pairs", () => {
  describeCorpus("WmlComparer pairs", () => {
    const manifest: WcCase[] = corpusAvailable ? (JSON.parse(readFileSync(corpusPath("wmlcomparer", "manifest.json"), "utf8")) as WcCase[]) : [];
    const all = process.env.REDLINE_VALIDATE_ALL === "1";
    const cases = manifest.filter((c) => all || c.id in CHOSEN);
    const missing = Object.keys(CHOSEN).filter((id) => corpusAvailable && !cases.some((c) => c.id === id));
    if (missing.length > 0) throw new Error(`not in the WmlComparer manifest: ${missing.join(", ")}`);
    it.for(cases.map((c): [string, WcCase] => [`${c.id} ${CHOSEN[c.id] ?? (c.features ?? []).join(", ")}`, c]))(
      "%s: no validation error beyond NEW's",
      { timeout: TIMEOUT },
      async ([label, c], ctx) => {
        const result = await checkInPlace(
          `${c.id} (${c.before} -> ${c.after})`,
          c.before,
          readCorpus("wmlcomparer", c.before),
          c.after,
          readCorpus("wmlcomparer", c.after),
          c.id in CHOSEN,
        );
        if (result === "skipped") {
          skipped.push(c.id);
          ctx.skip(`${label}: NEW already has tracked changes`);
        }
      },
    );
  });
});
