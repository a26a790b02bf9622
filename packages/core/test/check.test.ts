import { describe, expect, it } from "vitest";
import { check, excerpt, readText, type Check, type DeltaClause, type Doc, type ProposalViews } from "../src/index.js";
import { withRuns, type WordFormat } from "./helpers.js";

/**
 * The secretariat's check on Docs read from small texts: the proposal's
 * rejected view (what it claims is in force) and accepted view (what it
 * proposes) are written out as texts, the way a .docx reader would give them.
 */

const IN_FORCE = [
  "RESOLUTION 99 (Rev. Hammamet, 2016)",
  "Open access to study group working documents",
  "The World Telecommunication Standardization Assembly (Hammamet, 2016),",
  "considering",
  "a)\tthat the participation of experts depends on timely access to contributions;",
  "b)\tthat many delegates follow meetings remotely;",
  "c)\tthat the volume of documents has grown;",
  "d)\tthat electronic working methods have lowered costs,",
  "resolves",
  "1\tto give all members free online access to working documents;",
  "2\tto publish temporary documents within 30 days of each meeting;",
  "3\tto review this policy after 2 years.",
];

/** The proposal's text with its marked changes accepted: considering b) and resolves 2 modified, resolves 2bis added. */
const PROPOSED = IN_FORCE.slice();
PROPOSED[5] = "b)\tthat many delegates attend meetings remotely;";
PROPOSED[10] = "2\tto publish temporary documents within 15 days of each meeting;";
PROPOSED.splice(11, 0, "2bis\tto publish contributions as soon as they are received;");

const doc = (paras: string[], name: string): Doc => readText(paras.join("\n\n") + "\n", { name });

/** A proposal whose unmarked text is `claimed` (the in-force text unless an edit was slipped in) and whose marked result is `proposed`. */
function views(claimed: string[], proposed: string[] = claimed === IN_FORCE ? PROPOSED : withMarkedChanges(claimed), hasRevisions = true): ProposalViews {
  return { rejected: doc(claimed, "proposal.docx"), accepted: doc(proposed, "proposal.docx"), hasRevisions };
}

/** The marked changes of PROPOSED applied to a text that has had other edits slipped in. */
function withMarkedChanges(claimed: string[]): string[] {
  const out = claimed.map((p) => (p.startsWith("b)\tthat many delegates follow") ? PROPOSED[5]! : p.startsWith("2\tto publish temporary") ? PROPOSED[10]! : p));
  out.splice(out.findIndex((p) => p.startsWith("3\t")), 0, PROPOSED[11]!);
  return out;
}

const run = (claimed: string[], proposed?: string[]) => check(doc(IN_FORCE, "res99.txt"), views(claimed, proposed));
const ids = (entries: DeltaClause[]) => entries.map((c) => `${c.marker} ${c.old?.id ?? "-"} ${c.new?.id ?? "-"}`);
const edited = (i: number, from: string, to: string) => IN_FORCE.map((p, k) => (k === i ? p.replace(from, to) : p));

describe("check: a proposal whose revision marks show every change", () => {
  const result = run(IN_FORCE);

  it("finds no unmarked edit and calls the proposal clean", () => {
    expect(result.unmarked).toEqual([]);
    expect(result.clean).toBe(true);
    expect(result.warnings).toEqual([]);
  });

  it("lists the marked changes by clause with their ITU markers", () => {
    expect(ids(result.marked)).toEqual(["MOD considering/b considering/b", "MOD resolves/2 resolves/2", "ADD - resolves/2bis"]);
    const b = result.marked[0]!;
    expect(b.inline).toContainEqual({ op: "delete", text: "follow" });
    expect(b.inline).toContainEqual({ op: "insert", text: "attend" });
  });

  it("names both documents and is plain JSON data", () => {
    const named = check(doc(IN_FORCE, "res99.txt"), views(IN_FORCE), { inForce: { sha256: "ab" }, proposal: { name: "td1.docx", sha256: "cd" } });
    expect(named).toMatchObject({ format: "redline-check", version: 1, profile: "itu-resolution" });
    expect(named.inForce).toEqual({ name: "res99.txt", sha256: "ab", hasRevisions: false });
    expect(named.proposal).toEqual({ name: "td1.docx", sha256: "cd", hasRevisions: true });
    expect(JSON.parse(JSON.stringify(named)) as Check).toEqual(named);
  });
});

describe("check: edits made without a revision mark", () => {
  it("finds a word changed outside the marks, at its clause, with the change", () => {
    const result = run(edited(4, "timely", "rapid"));
    expect(result.clean).toBe(false);
    expect(ids(result.unmarked)).toEqual(["MOD considering/a considering/a"]);
    expect(result.unmarked[0]!.inline.filter((o) => o.op !== "equal")).toEqual([
      { op: "delete", text: "timely" },
      { op: "insert", text: "rapid" },
    ]);
    // the marked changes are still reported as marked
    expect(ids(result.marked)).toContain("MOD considering/b considering/b");
  });

  it("finds a clause deleted without a mark as SUP at its in-force address", () => {
    const result = run(IN_FORCE.filter((_, k) => k !== 6));
    expect(ids(result.unmarked)).toEqual(["SUP considering/c -"]);
    expect(result.unmarked[0]!.old!.text).toBe("that the volume of documents has grown;");
  });

  it("finds a clause added without a mark as ADD", () => {
    const claimed = IN_FORCE.slice();
    claimed.splice(8, 0, "e)\tthat training programmes could use working documents,");
    const result = run(claimed);
    expect(ids(result.unmarked)).toEqual(["ADD - considering/e"]);
  });

  it("finds a changed number in the text", () => {
    const result = run(edited(11, "2 years", "3 years"));
    expect(ids(result.unmarked)).toEqual(["MOD resolves/3 resolves/3"]);
    expect(result.unmarked[0]!.inline).toContainEqual({ op: "delete", text: "2" });
    expect(result.unmarked[0]!.inline).toContainEqual({ op: "insert", text: "3" });
  });

  it("finds a changed label as a renumbered clause", () => {
    const result = run(edited(7, "d)", "e)"));
    expect(result.unmarked).toHaveLength(1);
    expect(result.unmarked[0]).toMatchObject({ marker: "MOD", status: "unchanged", renumbered: true, old: { id: "considering/d", label: "d)" }, new: { id: "considering/e", label: "e)" } });
  });

  it("finds an unmarked edit inside a clause that also has marked changes", () => {
    const claimed = edited(5, "remotely", "online");
    const result = check(doc(IN_FORCE, "res99.txt"), views(claimed, PROPOSED.map((p, k) => (k === 5 ? "b)\tthat many delegates attend meetings online;" : p))));
    expect(ids(result.unmarked)).toEqual(["MOD considering/b considering/b"]);
    expect(ids(result.marked)).toContain("MOD considering/b considering/b");
  });

  it("reports every difference of a proposal without tracked changes, and warns that nothing is marked", () => {
    const claimed = edited(4, "timely", "rapid");
    const result = check(doc(IN_FORCE, "res99.txt"), views(claimed, claimed, false));
    expect(ids(result.unmarked)).toEqual(["MOD considering/a considering/a"]);
    expect(result.marked).toEqual([]);
    expect(result.warnings.map((w) => [w.level, w.code, w.text])).toEqual([
      ["warning", "proposal-without-revisions", "the proposal has no tracked changes: every difference from the in-force text is unmarked"],
    ]);
  });
});

describe("check: what it warns about", () => {
  it("says when the in-force text has tracked changes of its own", () => {
    const result = check({ ...doc(IN_FORCE, "res99.docx"), hasRevisions: true }, views(IN_FORCE));
    expect(result.inForce.hasRevisions).toBe(true);
    expect(result.warnings.map((w) => w.text)).toEqual(["the in-force text has tracked changes; its accepted view was used"]);
  });

  it("says when the proposal's revisions change none of its text", () => {
    const result = check(doc(IN_FORCE, "res99.txt"), views(IN_FORCE, IN_FORCE));
    expect(result.clean).toBe(true);
    expect(result.warnings.map((w) => w.code)).toEqual(["revisions-without-text-changes"]);
  });

  it("does not count spacing alone as an unmarked edit, but says so, unless told to", () => {
    const claimed = edited(4, "timely access", "timely  access");
    const result = run(claimed);
    expect(result.clean).toBe(true);
    expect(result.warnings).toEqual([
      { type: "message", level: "info", code: "spacing-only", text: "1 entry differs from the in-force text only in spacing or by an empty paragraph; not counted as unmarked" },
    ]);
    const strict = check(doc(IN_FORCE, "res99.txt"), views(claimed), { strictSpacing: true });
    expect(ids(strict.unmarked)).toEqual(["MOD considering/a considering/a"]);
  });

  it("counts a clause split into two paragraphs, or two joined, as an unmarked edit, not as spacing (found by a review)", () => {
    const split = IN_FORCE.flatMap((p, k) => (k === 4 ? ["a)\tthat the participation of experts depends", "on timely access to contributions;"] : [p]));
    expect(ids(run(split).unmarked)).toEqual(["MOD considering/a considering/a"]);
    // and back: the in-force clause in two paragraphs, the proposal's in one
    const inForce = doc(split, "res99.txt");
    expect(ids(check(inForce, views(IN_FORCE)).unmarked)).toEqual(["MOD considering/a considering/a"]);
    // an empty paragraph left inside a clause is still spacing
    const spaced = IN_FORCE.flatMap((p, k) => (k === 4 ? ["a)\tthat the participation of experts depends on timely access to contributions;", " "] : [p]));
    expect(run(spaced).unmarked).toEqual([]);
  });

  it("passes on what the readers warned about, naming the document", () => {
    const proposal = views(IN_FORCE);
    proposal.accepted = { ...proposal.accepted, messages: [{ type: "message", level: "warning", code: "dropped-chart", text: "A chart was dropped." }] };
    expect(check(doc(IN_FORCE, "res99.txt"), proposal).warnings.map((w) => w.text)).toEqual(["proposal: A chart was dropped."]);
  });
});

describe("check: formatting changed without a mark", () => {
  const checkFormatted = (claimed: string[], formats: WordFormat[], inForceFormats: WordFormat[] = []) => {
    const proposal = views(claimed);
    return check(withRuns(doc(IN_FORCE, "res99.docx"), inForceFormats), { ...proposal, rejected: withRuns(doc(claimed, "proposal.docx"), formats) });
  };

  it("lists a word made bold or superscript in an unchanged clause, without counting it against clean", () => {
    const result = checkFormatted(IN_FORCE, [
      [6, "volume", { bold: true }],
      [11, "2", { vertAlign: "superscript" }],
    ]);
    expect(result.clean).toBe(true);
    expect(result.unmarked).toEqual([]);
    expect(result.formatting).toEqual([
      { old: "considering/c", new: "considering/c", changes: [{ text: "volume", added: ["bold"], removed: [] }] },
      { old: "resolves/3", new: "resolves/3", changes: [{ text: "2", added: ["superscript"], removed: [] }] },
    ]);
    expect(result.warnings.map((w) => w.code)).toEqual(["unmarked-formatting"]);
    // strict about formatting, the same proposal is not clean, with no unmarked edit
    const strict = check(withRuns(doc(IN_FORCE, "res99.docx")), { ...views(IN_FORCE), rejected: withRuns(doc(IN_FORCE, "proposal.docx"), [[6, "volume", { bold: true }]]) }, { strictFormatting: true });
    expect([strict.clean, strict.unmarked, strict.formatting.length]).toEqual([false, [], 1]);
    expect(strict.warnings.map((w) => w.text)).toEqual(["1 entry formats text otherwise than the in-force text without a mark (bold, italic, super- or subscript, ...): listed apart, counted against clean (strict formatting)"]);
  });

  it("names what the in-force text had and the proposal lost, and joins a change across the spaces between words", () => {
    const result = checkFormatted(IN_FORCE, [[4, "timely access", { italic: true }]], [[4, "experts", { italic: true, bold: true }]]);
    expect(result.formatting.flatMap((f) => f.changes)).toEqual([
      { text: "experts", added: [], removed: ["bold", "italic"] },
      { text: "timely access", added: ["italic"], removed: [] },
    ]);
    // two words made italic one by one, the space between them left as it was: one change
    const apart = checkFormatted(IN_FORCE, [
      [4, "timely", { italic: true }],
      [4, "access", { italic: true }],
    ]);
    expect(apart.formatting.flatMap((f) => f.changes)).toEqual([{ text: "timely access", added: ["italic"], removed: [] }]);
  });

  it("compares only the text both share in a clause edited without a mark, which stays an unmarked edit", () => {
    const claimed = edited(5, "follow", "attend");
    const result = checkFormatted(claimed, [
      [5, "attend", { bold: true }],
      [5, "remotely", { underline: true }],
    ]);
    expect(ids(result.unmarked)).toEqual(["MOD considering/b considering/b"]);
    // "attend" is new text (the unmarked edit shows it), not a formatting change
    expect(result.formatting).toEqual([{ old: "considering/b", new: "considering/b", changes: [{ text: "remotely", added: ["underline"], removed: [] }] }]);
  });

  it("compares nothing against a plain-text in-force text, which has no formatting", () => {
    const proposal = views(IN_FORCE);
    const result = check(doc(IN_FORCE, "res99.txt"), { ...proposal, rejected: withRuns(doc(IN_FORCE, "proposal.docx"), [[6, "volume", { bold: true }]]) });
    expect(result.formatting).toEqual([]);
    expect(result.warnings).toEqual([]);
  });
});

describe("excerpt: a short context around an entry's changes", () => {
  const long = "that the effective participation of experts from developing countries in the work of the Sector depends to a large extent on timely access to the contributions, temporary documents and draft texts under study;";
  const ITU = { profile: "itu-resolution" } as const;
  const unmarkedOf = (inForce: string[], claimed: string[]) => check(doc(inForce, "a.txt"), views(claimed, claimed, false), ITU).unmarked;
  const [entry] = unmarkedOf(["considering", `a)\t${long}`], ["considering", `a)\t${long.replace("timely", "rapid")}`]);

  it("keeps about `radius` characters on each side of the change, cut between words", () => {
    const ops = excerpt(entry!, { radius: 30 });
    expect(ops).toEqual([
      { op: "equal", text: "…depends to a large extent on " },
      { op: "delete", text: "timely" },
      { op: "insert", text: "rapid" },
      { op: "equal", text: " access to the contributions,…" },
    ]);
  });

  it("shows the label first and keeps a short entry whole", () => {
    const [e] = run(edited(11, "2 years", "3 years")).unmarked;
    expect(excerpt(e!).map((o) => (o.op === "equal" ? o.text : o.op === "delete" ? `[-${o.text}-]` : `{+${o.text}+}`)).join("")).toBe("3 to review this policy after [-2-]{+3+} years.");
  });

  it("cuts a long deleted clause to about `maxChange` characters, label and text as one deletion", () => {
    const [e] = unmarkedOf(["considering", `a)\t${long}`, "b)\tthat x;"], ["considering", "b)\tthat x;"]);
    const ops = excerpt(e!, { maxChange: 40 });
    expect(ops).toHaveLength(1);
    expect(ops[0]!.op).toBe("delete");
    expect(ops[0]!.text).toBe("a) that the effective participation of…");
  });

  it("elides the middle of a long unchanged stretch between two changes", () => {
    const two = long.replace("effective", "full").replace("timely", "rapid");
    const [e] = unmarkedOf(["considering", `a)\t${long}`], ["considering", `a)\t${two}`]);
    const middle = excerpt(e!, { radius: 20 }).filter((o) => o.op === "equal")[1]!;
    expect(middle.text).toBe(" participation of … a large extent on ");
  });
});
