import { describe, expect, it } from "vitest";
import { detectProfile, readText, structure, type ClauseTree } from "../src/index.js";
import { example, golden } from "./helpers.js";

const ids = (t: ClauseTree) => t.clauses.map((c) => c.id);
const tree = (text: string, profile: "auto" | "itu-resolution" | "numbered" | "plain" = "auto") => structure(readText(text), profile);

describe("itu-resolution profile", () => {
  it("reads the example resolution (golden)", () => {
    const t = tree(example("res-99-in-force.txt"));
    expect(t.profile).toBe("itu-resolution");
    golden("res-99-in-force.tree.json", `${JSON.stringify(t, null, 1)}\n`);
  });

  it("recognises the title block, sections and labelled clauses", () => {
    const t = tree(
      [
        "RESOLUTION 71 (Johannesburg, 2008)",
        "Admission of academia to the work of the Sector",
        "(Johannesburg, 2008; Dubai, 2012)",
        "The World Telecommunication Standardization Assembly (Johannesburg, 2008),",
        "considering",
        "a)\tthat academia contributes;",
        "b)bis\tthat fees matter,",
        "resolves",
        "1\tto admit academia;",
        "1bis\tto set fees;",
        "1bis.1\tto review them.",
      ].join("\n"),
    );
    expect(t.clauses.map((c) => [c.kind, c.id, c.label, c.parent])).toEqual([
      ["number-line", "head/number-line", null, null],
      ["title", "head/title", null, null],
      ["history", "head/history", null, null],
      ["opening", "head/opening", null, null],
      ["section-heading", "considering", null, null],
      ["clause", "considering/a", "a)", null],
      ["clause", "considering/bbis", "b)bis", null],
      ["section-heading", "resolves", null, null],
      ["clause", "resolves/1", "1", null],
      ["clause", "resolves/1bis", "1bis", null],
      ["clause", "resolves/1bis.1", "1bis.1", "resolves/1bis"],
    ]);
    expect(t.title).toBe("Admission of academia to the work of the Sector");
  });

  it("attaches i) and dash sub-items to the clause above them", () => {
    const t = tree("considering\nc)\tthe following resolutions:\n–\tResolution 1;\n–\tResolution 2;\nd)\tthat x,\nresolves\n1\tto act as follows:\ni)\tfirst;\nii)\tsecond.\n");
    const c = t.clauses.find((x) => x.id === "considering/c")!;
    expect(c.text).toBe("the following resolutions:\n–\tResolution 1;\n–\tResolution 2;");
    expect(c.paragraphs).toEqual([1, 2, 3]);
    expect(t.clauses.find((x) => x.id === "resolves/1")!.text).toBe("to act as follows:\ni)\tfirst;\nii)\tsecond.");
  });

  it("reads a lettered i) after h) as a clause, and a roman i) elsewhere as a sub-item", () => {
    const letters = "abcdefgh".split("").map((l) => `${l})\tthat ${l} holds;`);
    const t = tree(["considering", ...letters, "i)\tthat i holds,", "resolves", "1\tto do:", "i)\tone;"].join("\n"));
    expect(ids(t)).toContain("considering/i");
    expect(ids(t)).not.toContain("resolves/i");
  });

  it("keeps ids unique when a section heading repeats", () => {
    const t = tree("considering\na)\tthat x;\nconsidering\na)\tthat y,\nresolves\n1\tto z.\n");
    expect(ids(t)).toEqual(["considering", "considering/a", "considering~2", "considering~2/a", "resolves", "resolves/1"]);
  });

  it("reads SECTION headings, annexes and footnotes after a rule", () => {
    const t = tree("RESOLUTION 1 (Rev. Geneva, 2024)\nTitle\nSECTION 1\nGeneral rules\n1.1\tThe assembly meets.\nAnnex A (to Resolution 1)\nForms\n1\tScope\nText of the annex.\n______________\n1\tA note.\n");
    expect(t.clauses.map((c) => [c.kind, c.id])).toEqual([
      ["number-line", "head/number-line"],
      ["title", "head/title"],
      ["part-heading", "section-1"],
      ["clause", "section-1/1.1"],
      ["part-heading", "annex-a"],
      ["clause", "annex-a/1"],
      ["paragraph", "annex-a/p1"],
      ["part-heading", "notes"],
      ["note", "footnote/1"],
    ]);
    expect(t.clauses[2]!.text).toBe("SECTION 1\nGeneral rules");
  });

  it("starts a new resolution at each number line of a file that holds several, scoping their addresses", () => {
    const one = (n: number) => `RESOLUTION ${n} (Rev. Geneva, 2022)\nTitle ${n}\n(Dubai, 2012)\nThe Assembly (Geneva, 2022),\nconsidering\na)\tthat x${n},\nresolves\n1\tto act ${n}.\n`;
    const t = tree(one(1) + one(2));
    expect(ids(t)).toEqual([1, 2].flatMap((n) => [`res-${n}/head/number-line`, `res-${n}/head/title`, `res-${n}/head/history`, `res-${n}/head/opening`, `res-${n}/considering`, `res-${n}/considering/a`, `res-${n}/resolves`, `res-${n}/resolves/1`]));
    expect(t.clauses.find((c) => c.id === "res-1/resolves/1")!.text).toBe("to act 1.");
  });

  it("does not take a sentence that starts with 'Resolution 12' for a number line", () => {
    const t = tree("RESOLUTION 9 (Geneva, 2024)\nTitle\nconsidering\na)\tthat x;\nResolution 12 (Rev. Dubai, 2012) asks for more,\nresolves\n1\tto act.\n");
    expect(t.clauses.filter((c) => c.kind === "number-line")).toHaveLength(1);
  });

  it("every paragraph belongs to exactly one clause", () => {
    const doc = readText(example("res-99-proposed.txt"));
    const t = structure(doc);
    const seen = t.clauses.flatMap((c) => c.paragraphs).sort((a, b) => a - b);
    expect(seen).toEqual(doc.paragraphs.map((p) => p.index));
  });
});

describe("other profiles", () => {
  it("numbered: decimal clauses, paragraphs addressed under them, annexes as sections", () => {
    const t = tree("1\tScope\nThis Recommendation defines things.\n2\tReferences\n2.1\tNormative references\nThe following apply.\nAnnex A\nA.1 details\n", "numbered");
    expect(t.clauses.map((c) => [c.kind, c.id])).toEqual([
      ["heading", "body/1"],
      ["paragraph", "body/1/p1"],
      ["heading", "body/2"],
      ["heading", "body/2.1"],
      ["paragraph", "body/2.1/p1"],
      ["part-heading", "annex-a"],
      ["paragraph", "annex-a/p1"],
    ]);
  });

  it("plain: every paragraph is an entry", () => {
    expect(ids(tree("One.\nTwo.\n", "plain"))).toEqual(["body/p1", "body/p2"]);
  });

  it("auto picks itu-resolution, numbered or plain", () => {
    expect(detectProfile(readText(example("res-99-in-force.txt")))).toBe("itu-resolution");
    expect(detectProfile(readText("1\tScope\n1.1\tGeneral\n2\tReferences\nText.\n"))).toBe("numbered");
    expect(detectProfile(readText("Dear colleagues,\nPlease find attached.\n"))).toBe("plain");
  });
});
