import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { element, openPackage, readDocx, type XmlElement } from "@redline/docx";

/**
 * `redline check IN_FORCE PROPOSAL.docx`, run as the built CLI on proposals
 * whose revisions were written by another tool (pandoc, from Markdown spans),
 * by redline itself, and on the real ITU Resolution 1 with edits made by
 * packages/docx/test/tools/edit-docx.ts.
 */

const root = resolve(__dirname, "../../..");
const cli = join(root, "apps/cli/dist/main.js");
const corpusR1 = resolve(root, "../shared/corpora/itu/T-RES-T.1-2016-MSW-E.docx");
const corpusFC = resolve(root, "../shared/corpora/wmlcomparer/FC");

function redline(args: string[], opts: { env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "", FORCE_COLOR: "", ...opts.env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const made: string[] = [];
const tmp = () => {
  const dir = mkdtempSync(join(tmpdir(), "redline-check-"));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

type Edit = { op: "replace"; paragraph: number; from: string; to: string } | { op: "format"; paragraph: number; word: string; props: XmlElement[] };
/** The test editor of packages/docx, loaded at run time: it lives outside this package's sources. */
async function editDocx(bytes: Uint8Array, edits: Edit[]): Promise<Uint8Array> {
  const mod = (await import(pathToFileURL(join(root, "packages/docx/test/tools/edit-docx.ts")).href)) as { editDocx: (b: Uint8Array, e: Edit[]) => Uint8Array };
  return mod.editDocx(bytes, edits);
}

/** The index of the first paragraph of a .docx (accepted view) containing `text`. */
function paragraphWith(file: string, text: string): number {
  const i = readDocx(new Uint8Array(readFileSync(file)), { name: file }).paragraphs.findIndex((p) => p.text.includes(text));
  if (i < 0) throw new Error(`${file} has no paragraph with "${text}"`);
  return i;
}

/** Runs `body` when `available`; otherwise skips it with a note, or fails under CI=true. */
function describeIf(available: boolean, missing: string, name: string, body: () => void): void {
  if (available) describe(name, body);
  else if (process.env.CI === "true") describe(name, () => it("has what it needs", () => expect.fail(`${missing} (required when CI=true)`)));
  else {
    console.log(`skipping "${name}": ${missing}`);
    describe.skip(name, body);
  }
}

const hasPandoc = spawnSync("pandoc", ["--version"], { encoding: "utf8" }).status === 0;

/** A part of a .docx as text. */
function unzipText(file: string, part: string): string {
  return new TextDecoder().decode(openPackage(new Uint8Array(readFileSync(file)), file).get(part));
}

/** For the pandoc part of a test that has more to it: false (skip that part) without pandoc, a failure under CI=true. */
function pandocForPart(): boolean {
  if (!hasPandoc && process.env.CI === "true") throw new Error("pandoc is not installed (required when CI=true)");
  return hasPandoc;
}

/** The paragraphs pandoc reads from a .docx with every revision accepted or rejected, spacing normalised. */
function pandocParagraphs(file: string, mode: "accept" | "reject"): string[] {
  const r = spawnSync("pandoc", [`--track-changes=${mode}`, "-f", "docx", "-t", "plain", "--wrap=none", file], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`pandoc could not read ${file}: ${r.stderr}`);
  return normalised(r.stdout.split(/\n\s*\n/));
}
const normalised = (paras: string[]) => paras.map((p) => p.replace(/\s+/gu, " ").trim()).filter((p) => p !== "");

// --- a compact resolution and proposals marked up as pandoc Markdown spans -------------------------

const IN_FORCE = [
  "RESOLUTION 99 (Rev. Hammamet, 2016)",
  "Open access to study group working documents for developing countries",
  "(Johannesburg, 2008; Dubai, 2012; Hammamet, 2016)",
  "The World Telecommunication Standardization Assembly (Hammamet, 2016),",
  "considering",
  "a)\tthat the effective participation of experts from developing countries depends on timely access to contributions and temporary documents;",
  "b)\tthat many delegates follow study group meetings remotely and rely on the documents posted on the ITU website;",
  "c)\tthat the volume of working documents has grown steadily in each study period;",
  "d)\tthat electronic working methods have lowered the cost of distributing texts,",
  "recognizing",
  "a)\tthat restricted access may discourage new members from contributing;",
  "b)\tthat guest accounts allow limited access for the duration of a collaboration agreement,",
  "resolves",
  "1\tto give all ITU members free online access to study group working documents;",
  "2\tto publish temporary documents within 30 days of the end of each meeting;",
  "3\tto review the access policy after 2 years;",
  "instructs the Director of the Telecommunication Standardization Bureau",
  "1\tto report to the next assembly on the implementation of this resolution.",
];

/** Every change marked: `[-deleted-]` and `{+inserted+}` become pandoc's tracked-change spans. */
const MARKED = IN_FORCE.slice();
MARKED[0] = "RESOLUTION 99 (Rev. [-Hammamet, 2016-]{+New Delhi, 2024+})";
MARKED[2] = "(Johannesburg, 2008; Dubai, 2012; Hammamet, 2016{+; New Delhi, 2024+})";
MARKED[3] = "The World Telecommunication Standardization Assembly ([-Hammamet, 2016-]{+New Delhi, 2024+}),";
MARKED[6] = "b)\tthat many delegates [-follow-]{+attend+} study group meetings remotely and rely on the documents posted on the ITU website;";
MARKED[11] = "b)\tthat guest accounts allow limited [-access for the duration of a collaboration agreement-]{+access+},";
MARKED[14] = "2\tto publish temporary documents within [-30-]{+15+} days of the end of each meeting;";
MARKED.splice(15, 0, "{+2bis\tto publish contributions as soon as they are received;+}");

/** The marked proposal with edits slipped in outside the marks. */
const PLANTED = MARKED.slice();
PLANTED[5] = PLANTED[5]!.replace("timely access", "rapid access"); // a changed word
PLANTED[8] = PLANTED[8]!.replace(/^d\)/, "e)"); // a changed label
PLANTED[16] = PLANTED[16]!.replace("after 2 years", "after 3 years"); // a changed number
PLANTED.splice(11, 0, "c)\tthat training programmes could make wider use of working documents;"); // an added clause
PLANTED.splice(10, 1); // recognizing a), deleted

const SPAN = 'author="Proponent" date="2024-01-01T00:00:00Z"';
function markdown(paras: string[]): string {
  return (
    paras
      .map((p) =>
        p
          .replace(/^([a-z]+)\)/, "$1\\)") // "a)" would start a pandoc list
          .replace(/\{\+(.*?)\+\}/g, `[$1]{.insertion ${SPAN}}`)
          .replace(/\[-(.*?)-\]/g, `[$1]{.deletion ${SPAN}}`),
      )
      .join("\n\n") + "\n"
  );
}
const accepted = (paras: string[]) => paras.map((p) => p.replace(/\[-.*?-\]/g, "").replace(/\{\+(.*?)\+\}/g, "$1"));

/** A .docx made by pandoc from the marked-up paragraphs (smart punctuation off, so the words stay as written). */
function pandocDocx(dir: string, name: string, paras: string[]): string {
  const md = join(dir, `${name}.md`);
  const out = join(dir, `${name}.docx`);
  writeFileSync(md, markdown(paras));
  const r = spawnSync("pandoc", ["-f", "markdown-smart", "-t", "docx", "-o", out, md], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`pandoc failed: ${r.stderr}`);
  return out;
}

describeIf(hasPandoc, "pandoc is not installed", "redline check on proposals whose revisions pandoc wrote", () => {
  let dir: string, inForce: string, clean: string, planted: string;
  beforeAll(() => {
    dir = tmp();
    inForce = join(dir, "res99.txt");
    writeFileSync(inForce, IN_FORCE.join("\n\n") + "\n");
    clean = pandocDocx(dir, "clean", MARKED);
    planted = pandocDocx(dir, "planted", PLANTED);
  });

  it("exits 0 and says 'no unmarked edits' when every change is marked, listing the marked changes by clause", () => {
    const r = redline(["check", inForce, clean]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Unmarked edits (0)");
    expect(r.stdout).toContain("no unmarked edits");
    const marked = r.stdout.slice(r.stdout.indexOf("Marked changes (7)"));
    for (const line of ["MOD head/number-line", "MOD head/history", "MOD head/opening", "MOD considering/b", "MOD recognizing/b", "MOD resolves/2 ", "ADD resolves/2bis"]) {
      expect(marked).toContain(line);
    }
  });

  it("exits 1 and reports each edit slipped in outside the marks at its clause, with the change", () => {
    const r = redline(["check", inForce, planted]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("Unmarked edits (5)");
    const found = r.stdout.split("\n").filter((l) => l.includes("UNMARKED "));
    expect(found.map((l) => l.trim())).toEqual([
      "UNMARKED MOD considering/a",
      "UNMARKED MOD considering/d → considering/e [renumbered d) → e)]",
      "UNMARKED SUP recognizing/a",
      "UNMARKED ADD recognizing/c",
      "UNMARKED MOD resolves/3",
    ]);
    expect(r.stdout).toContain("depends on [-timely-]{+rapid+} access to contributions");
    expect(r.stdout).toContain("[-a) that restricted access may discourage new members from contributing;-]");
    expect(r.stdout).toContain("3 to review the access policy after [-2-]{+3+} years;");
    // the marked changes are still listed as such
    expect(r.stdout).toContain("Marked changes (7)");
    expect(r.stdout).toMatch(/✗ 5 unmarked edits, 7 marked changes/);
  });

  it("gives the same as JSON, with the inputs' names and hashes", () => {
    const sha = (f: string) => createHash("sha256").update(readFileSync(f)).digest("hex");
    const bad = JSON.parse(redline(["check", inForce, planted, "--format", "json"]).stdout);
    expect(bad).toMatchObject({ format: "redline-check", version: 1, clean: false, inForce: { name: "res99.txt", sha256: sha(inForce), hasRevisions: false }, proposal: { name: "planted.docx", sha256: sha(planted), hasRevisions: true } });
    expect(bad.unmarked.map((c: { marker: string; old: { id: string } | null; new: { id: string } | null }) => `${c.marker} ${c.old?.id ?? "-"} ${c.new?.id ?? "-"}`)).toEqual([
      "MOD considering/a considering/a",
      "MOD considering/d considering/e",
      "SUP recognizing/a -",
      "ADD - recognizing/c",
      "MOD resolves/3 resolves/3",
    ]);
    const good = redline(["check", inForce, clean, "--format", "json"]);
    expect(good.status).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({ clean: true, unmarked: [], warnings: [] });
  });

  it("writes with -o the true precise delta: pandoc accepts it to the proposal's text and rejects it to the in-force text", () => {
    const out = join(dir, "corrected.docx");
    const r = redline(["check", inForce, planted, "-o", out, "--date", "2024-06-01"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("Unmarked edits (5)");
    expect(pandocParagraphs(out, "accept")).toEqual(pandocParagraphs(planted, "accept"));
    expect(pandocParagraphs(out, "accept")).toEqual(normalised(accepted(PLANTED)));
    expect(pandocParagraphs(out, "reject")).toEqual(normalised(IN_FORCE));
    // and the corrected document itself checks clean
    const again = redline(["check", inForce, out]);
    expect([again.status, again.stdout.includes("no unmarked edits")]).toEqual([0, true]);
  });

  it("warns that nothing is marked in a proposal without tracked changes, and reports every difference", () => {
    const plain = pandocDocx(dir, "unmarked", accepted(MARKED));
    const r = redline(["check", inForce, plain]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("warning: the proposal has no tracked changes: every difference from the in-force text is unmarked");
    expect(r.stdout).toContain("Unmarked edits (7)");
    expect(r.stdout).toContain("Marked changes (0)");
  });

  it("uses the accepted view of an in-force document that has tracked changes, and says so", () => {
    const tracked = IN_FORCE.slice();
    tracked[7] = "c)\tthat the volume of working documents has grown [-rapidly and-]{+steadily+} in each study period;";
    const r = redline(["check", pandocDocx(dir, "in-force-tracked", tracked), clean]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("warning: the in-force text has tracked changes; its accepted view was used");
  });
});

// --- redline's own tracked-change output as the proposal -------------------------------------------

describe("redline check on a proposal written by redline compare -o", () => {
  const OLD = join(root, "examples/res-99-in-force.txt");
  const NEW = join(root, "examples/res-99-proposed.txt");
  let dir: string, proposal: string;
  beforeAll(() => {
    dir = tmp();
    proposal = join(dir, "proposal.docx");
    expect(redline(["compare", OLD, NEW, "-o", proposal, "--date", "2024-06-01"]).status).toBe(1);
  });

  it("checks clean: its revisions show every change, moves and renumbering included", () => {
    const r = redline(["check", OLD, proposal, "--format", "json"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.clean).toBe(true);
    // the marked changes are the example's delta: 12 modified, 6 added, 2 deleted (and renumbered clauses)
    const markers = result.marked.map((c: { marker: string }) => c.marker);
    expect(markers.filter((m: string) => m === "ADD")).toHaveLength(6);
    expect(markers.filter((m: string) => m === "SUP")).toHaveLength(2);
  });

  it("finds a word changed outside the revisions of that document", async () => {
    const edited = join(dir, "edited.docx");
    const at = paragraphWith(proposal, "that many delegates from developing countries follow study group meetings remotely");
    writeFileSync(edited, await editDocx(new Uint8Array(readFileSync(proposal)), [{ op: "replace", paragraph: at, from: "remotely", to: "online" }]));
    const r = redline(["check", OLD, edited]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("Unmarked edits (1)");
    expect(r.stdout).toContain("UNMARKED MOD considering/b");
    expect(r.stdout).toContain("[-remotely-]{+online+}");
  });

  it("prints document text inert: an escape sequence in a clause cannot reach the terminal", () => {
    const hostile = join(dir, "hostile.txt");
    writeFileSync(hostile, readFileSync(OLD, "utf8").replace("that many delegates", "that many \u001b[2J delegates"));
    const r = redline(["check", hostile, proposal, "--color", "never"]);
    expect(r.status).toBe(1);
    expect(r.stdout).not.toContain("\u001b");
    expect(r.stdout).toContain("␛[2J");
  });

  it("colours on request, never with NO_COLOR, and prints nothing with --quiet", () => {
    expect(redline(["check", OLD, proposal, "--color", "always"]).stdout).toContain("\u001b[");
    expect(redline(["check", OLD, proposal], { env: { NO_COLOR: "1" } }).stdout).not.toContain("\u001b");
    expect(redline(["check", OLD, proposal, "--quiet"])).toEqual({ status: 0, stdout: "", stderr: "" });
  });

  it("gives byte-identical reports for the same inputs", () => {
    for (const f of ["text", "json"]) expect(redline(["check", OLD, proposal, "--format", f]).stdout).toBe(redline(["check", OLD, proposal, "--format", f]).stdout);
  });
});

// --- the real Resolution 1 --------------------------------------------------------------------------

describeIf(existsSync(corpusR1), `no corpus at ${corpusR1}`, "redline check on ITU Resolution 1 (Rev. Hammamet, 2016)", () => {
  let dir: string, proposal: string;
  beforeAll(() => {
    dir = tmp();
    proposal = join(dir, "proposal.docx");
  });
  const at = (text: string) => paragraphWith(corpusR1, text);

  it("checks clean against a proposal that redline compare made from an edited copy", async () => {
    const edited = join(dir, "edited.docx");
    writeFileSync(
      edited,
      await editDocx(new Uint8Array(readFileSync(corpusR1)), [
        { op: "replace", paragraph: at("careful review of the more detailed"), from: "careful", to: "thorough" },
        { op: "replace", paragraph: at("RESOLUTION 1"), from: "2016", to: "2024" },
        { op: "replace", paragraph: at("WTSA shall establish a Budget Control Committee"), from: "Budget Control", to: "Budget" },
      ]),
    );
    expect(redline(["compare", corpusR1, edited, "-o", proposal, "--date", "2024-06-01"]).status).toBe(1);
    const r = redline(["check", corpusR1, proposal]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("no unmarked edits");
    for (const id of ["MOD head/number-line", "MOD considering/h", "MOD section-1/1.4"]) expect(r.stdout).toContain(id);
  });

  it("reports the edits of a copy submitted without marks, and -o revises that copy in place into the precise delta", async () => {
    const edited = join(dir, "unmarked.docx");
    writeFileSync(edited, await editDocx(new Uint8Array(readFileSync(corpusR1)), [{ op: "replace", paragraph: at("careful review of the more detailed"), from: "careful", to: "thorough" }]));
    const out = join(dir, "corrected.docx");
    const r = redline(["check", corpusR1, edited, "-o", out, "--date", "2024-06-01"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("warning: the proposal has no tracked changes");
    expect(r.stdout).toContain("UNMARKED MOD considering/h");
    expect(r.stdout).toContain("that [-careful-]{+thorough+} review of the more detailed");
    if (!pandocForPart()) return;
    expect(pandocParagraphs(out, "accept")).toEqual(pandocParagraphs(edited, "accept"));
    expect(pandocParagraphs(out, "reject")).toEqual(pandocParagraphs(corpusR1, "accept"));
  });

  it("finds a word changed in an unchanged paragraph of that proposal, outside its revisions", async () => {
    const slipped = join(dir, "slipped.docx");
    const p = paragraphWith(proposal, "It shall establish a Steering Committee");
    writeFileSync(slipped, await editDocx(new Uint8Array(readFileSync(proposal)), [{ op: "replace", paragraph: p, from: "Steering", to: "Guiding" }]));
    const r = redline(["check", corpusR1, slipped, "--format", "json"]);
    expect(r.status).toBe(1);
    const result = JSON.parse(r.stdout);
    expect(result.unmarked.map((c: { new: { id: string } }) => c.new.id)).toEqual(["section-1/1.2"]);
    expect(result.unmarked[0].inline.filter((o: { op: string }) => o.op !== "equal")).toEqual([
      { op: "delete", text: "Steering" },
      { op: "insert", text: "Guiding" },
    ]);
    expect(result.marked.length).toBeGreaterThanOrEqual(3);
  });

  it("lists formatting changed without a mark apart from the unmarked edits, and stays clean", async () => {
    const slipped = join(dir, "bolded.docx");
    const p = paragraphWith(proposal, "It shall establish a Steering Committee");
    writeFileSync(slipped, await editDocx(new Uint8Array(readFileSync(proposal)), [{ op: "format", paragraph: p, word: "Steering", props: [element("w:b")] }]));
    const r = redline(["check", corpusR1, slipped, "--format", "json"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.clean).toBe(true);
    expect(result.unmarked).toEqual([]);
    expect(result.formatting).toEqual([{ old: "section-1/1.2", new: "section-1/1.2", changes: [{ text: "Steering", added: ["bold"], removed: [] }] }]);
    expect(result.warnings.map((w: { code: string }) => w.code)).toContain("unmarked-formatting");
    const text = redline(["check", corpusR1, slipped]).stdout;
    expect(text).toContain("Formatting changed without a mark (1)");
    expect(text).toContain('"Steering": bold in the proposal');
    expect(text).toContain("✓ no unmarked edits; 3 marked changes: the proposal's revision marks show every text difference from the in-force text, though 1 entry is formatted otherwise without a mark");
    // --strict-formatting: the same proposal fails
    const strict = redline(["check", corpusR1, slipped, "--strict-formatting"]);
    expect(strict.status).toBe(1);
    expect(strict.stdout).toContain("✗ 1 entry formatted otherwise without a mark, 3 marked changes: the proposal changes the in-force text's formatting without marking it");
    expect(JSON.parse(redline(["check", corpusR1, slipped, "--strict-formatting", "--format", "json"]).stdout).clean).toBe(false);
  });

  it("finds no formatting change unmarked in a proposal whose formatting changes redline compare marked", async () => {
    const edited = join(dir, "formatted.docx");
    const marked = join(dir, "formatted-proposal.docx");
    const p = at("WTSA shall establish a Budget Control Committee");
    writeFileSync(
      edited,
      await editDocx(new Uint8Array(readFileSync(corpusR1)), [
        { op: "format", paragraph: p, word: "Control", props: [element("w:vertAlign", [["w:val", "superscript"]])] },
        { op: "format", paragraph: at("It shall establish a Steering Committee"), word: "Steering", props: [element("w:i")] },
        // a word hidden: gone from the page, though still in the text
        { op: "format", paragraph: at("careful review of the more detailed"), word: "careful", props: [element("w:vanish")] },
        { op: "replace", paragraph: p, from: "Budget", to: "Finance" },
      ]),
    );
    expect(redline(["compare", corpusR1, edited, "-o", marked, "--date", "2024-06-01"]).status).toBe(1);
    // the edited copy itself carries them unmarked: the check sees both
    const unmarked = JSON.parse(redline(["check", corpusR1, edited, "--format", "json"]).stdout);
    expect(unmarked.formatting.map((f: { new: string; changes: { text: string; added: string[] }[] }) => [f.new, f.changes.map((c) => `${c.text}: ${c.added.join()}`)])).toEqual([
      ["considering/h", ["careful: hidden"]],
      ["section-1/1.2", ["Steering: italic"]],
      ["section-1/1.4", ["Control: superscript"]],
    ]);
    const r = redline(["check", corpusR1, marked, "--format", "json"]);
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.clean).toBe(true);
    expect(result.formatting).toEqual([]);
    expect(result.warnings.map((w: { code: string }) => w.code)).not.toContain("unmarked-formatting");
  });
});

describeIf(existsSync(corpusFC), `no corpus at ${corpusFC}`, "redline compare and check on Word's own formatting changes (the FC pairs of the WmlComparer corpus)", () => {
  const pair = (name: string) => [join(corpusFC, `${name}_before.docx`), join(corpusFC, `${name}_after.docx`)] as const;
  const formatting = (name: string) => {
    const [before, after] = pair(name);
    const r = redline(["check", before, after, "--format", "json"]);
    expect(r.stderr).toBe("");
    return JSON.parse(r.stdout).formatting as { changes: { text: string; added: string[]; removed: string[] }[] }[];
  };

  it("names what changed, both ways, on the stretch that changed", () => {
    expect(formatting("bold_added").flatMap((f) => f.changes)).toEqual([{ text: "plain", added: ["bold"], removed: [] }]);
    expect(formatting("bold_to_italic").flatMap((f) => f.changes).map((c) => [c.added, c.removed])).toEqual([
      [["italic"], ["bold"]],
      [["italic"], ["bold"]],
    ]);
    expect(formatting("small_caps_change").flatMap((f) => f.changes)).toEqual([{ text: "normal", added: ["small caps"], removed: [] }]);
    expect(formatting("caps_change").flatMap((f) => f.changes)).toEqual([{ text: "normal", added: ["all caps"], removed: [] }]);
    expect(formatting("strikethrough_change").flatMap((f) => f.changes)).toEqual([{ text: "this", added: ["strike"], removed: [] }]);
    expect(formatting("underline_removed").flatMap((f) => f.changes.map((c) => c.removed))).toEqual([["underline"]]);
  });

  it("compare reports a pair that differs only in formatting as a difference, in every format, and marks it in the .docx", () => {
    const [before, after] = pair("bold_added");
    const text = redline(["compare", before, after, "--color", "never"]);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain("MOD body/p1 [formatting: “plain” bold]");
    expect(text.stdout).toContain("1 with formatting changed");
    const json = redline(["compare", before, after, "--format", "json"]);
    expect(json.status).toBe(1);
    const delta = JSON.parse(json.stdout);
    expect(delta.summary.formatting).toBe(1);
    expect(delta.clauses.map((c: { status: string; marker: string; formatting?: unknown }) => [c.status, c.marker, c.formatting])).toEqual([
      ["unchanged", "MOD", [{ text: "plain", added: ["bold"], removed: [] }]],
    ]);
    const dir = tmp();
    const out = join(dir, "tracked.docx");
    expect(redline(["compare", before, after, "-o", out, "--date", "2024-06-01"]).status).toBe(1);
    expect(unzipText(out, "word/document.xml")).toContain("<w:rPrChange");
    // Word's own bold_to_italic: the text changed too (a word), and the formatting around it
    const both = JSON.parse(redline(["compare", ...pair("bold_to_italic"), "--format", "json"]).stdout);
    expect(both.clauses[0].status).toBe("modified");
    expect(both.clauses[0].formatting.map((f: { added: string[]; removed: string[] }) => [f.added, f.removed])).toEqual([
      [["italic"], ["bold"]],
      [["italic"], ["bold"]],
    ]);
  });

  it("names a value changed with what it is on each side: colour, size, font, highlight, the kind of underline", () => {
    const changes = (name: string) => formatting(name).flatMap((f) => f.changes);
    expect(changes("color_change")).toEqual([{ text: "colored", added: ["colour #FF0000"], removed: [] }]);
    expect(changes("font_size_change")).toEqual([{ text: "here", added: ["size 14 pt"], removed: ["size 11 pt"] }]);
    expect(changes("font_family_change")).toEqual([{ text: "here", added: ["font Times New Roman"], removed: ["font Arial"] }]);
    expect(changes("highlight_change")).toEqual([{ text: "this", added: ["highlight yellow"], removed: [] }]);
    expect(changes("underline_style_change")).toEqual([{ text: "underline", added: ["underline double"], removed: ["underline"] }]);
    expect(changes("multi_property_change")).toEqual([{ text: "me", added: ["bold", "colour #FF0000", "size 14 pt"], removed: ["size 11 pt"] }]);
    // the terminal report says it in words
    const [before, after] = pair("font_size_change");
    expect(redline(["compare", before, after, "--color", "never"]).stdout).toContain("MOD body/p1 [formatting: “here” size 14 pt, not size 11 pt]");
  });

  it("finds none left unmarked in what redline compare writes for each pair", () => {
    const dir = tmp();
    for (const name of ["bold_added", "bold_to_italic", "toggle_runs", "multi_changes", "landlord_fee_swap", "caps_change", "color_change", "font_size_change", "font_family_change", "highlight_change", "multi_property_change"]) {
      const [before, after] = pair(name);
      const out = join(dir, `${name}.docx`);
      expect(redline(["compare", before, after, "-o", out, "--date", "2024-06-01"]).status).toBeLessThan(2);
      expect(formatting(name).length).toBeGreaterThan(0);
      const r = JSON.parse(redline(["check", before, out, "--format", "json"]).stdout);
      expect([name, r.clean, r.formatting]).toEqual([name, true, []]);
    }
  });
});

// --- trouble ------------------------------------------------------------------------------------

describe("redline check: trouble is one line naming the file, exit 2, nothing written", () => {
  const OLD = "examples/res-99-in-force.txt";
  it.each([
    [["check", OLD, "examples/res-99-proposed.txt"], /^redline: examples\/res-99-proposed\.txt: is not a Word document: a text or Markdown proposal cannot carry revision marks/],
    [["check", OLD, "-"], /^redline: PROPOSAL cannot be '-'/],
    [["check", OLD], /^redline: check needs two files, IN_FORCE and PROPOSAL \(got 1\)/],
    [["check", "missing.txt", "p.docx"], /^redline: missing\.txt: no such file\n$/],
    [["check", OLD, "p.docx", "-o", "corrected.html"], /^redline: corrected\.html: -o writes the corrected tracked-change document: give it a \.docx name/],
    [["check", OLD, "p.docx", "--format", "html"], /^redline: --format must be one of text, json/],
    [["check", OLD, "p.docx", "--bogus"], /^redline: check: unknown option '--bogus'/],
  ])("%j", (args, message) => {
    const r = redline(args as string[]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("writes no corrected document when the proposal cannot be read", () => {
    const dir = tmp();
    writeFileSync(join(dir, "broken.docx"), "PK\u0003\u0004 not really a zip");
    const r = redline(["check", join(root, OLD), join(dir, "broken.docx"), "-o", join(dir, "corrected.docx")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^redline: .*broken\.docx: /);
    expect(readdirSync(dir)).toEqual(["broken.docx"]);
  });

  it("has help with the exit statuses", () => {
    const r = redline(["check", "--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: redline check IN_FORCE PROPOSAL\.docx/);
    expect(r.stdout).toContain("Exit status: 0 no unmarked edits, 1 unmarked edits found, 2 trouble.");
  });
});
