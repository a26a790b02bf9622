import { expect, it } from "vitest";
import { canonicalText, check, readText, structure } from "@redline/core";
import { openPackage, parseXmlBytes, readDocx, readDocxViews, serializeXml } from "../src/index.js";
import { describeCorpus, readCorpus } from "./corpus.js";

describeCorpus("ITU documents", () => {
  it("checks Resolution 1 against its own text in plain text, as `redline textconv` prints it, and finds nothing unmarked (found by a review: 178 entries)", () => {
    // the text carries no styles: the front matter, headings and table cells of the .docx are clause lines there
    const bytes = readCorpus("itu", "T-RES-T.1-2016-MSW-E.docx");
    for (const profile of ["itu-resolution", "numbered"] as const) {
      const inForce = readText(canonicalText(structure(readDocx(bytes, { name: "res1.docx" }), profile)), { name: "res1.txt" });
      const result = check(inForce, readDocxViews(bytes, { name: "res1.docx" }), { profile });
      expect([profile, result.unmarked.length]).toEqual([profile, 0]);
      const edited = readText(canonicalText(structure(readDocx(bytes, { name: "res1.docx" }), profile)).replace("working arrangements", "working methods"), { name: "res1.txt" });
      expect(check(edited, readDocxViews(bytes, { name: "res1.docx" }), { profile }).unmarked.length).toBe(1);
    }
  });

  it("reads WTSA Resolution 1 with its ITU paragraph styles and its footnotes", () => {
    const doc = readDocx(readCorpus("itu", "T-RES-T.1-2016-MSW-E.docx"), { name: "T-RES-T.1-2016-MSW-E.docx" });
    expect(doc.hasRevisions).toBe(false);
    const styled = (style: string) => doc.paragraphs.filter((p) => p.style === style && p.text.trim() !== "").map((p) => p.text);
    expect(styled("ResNo")).toEqual(["RESOLUTION 1 (Rev.\u00a0Hammamet, 2016)"]);
    expect(styled("Restitle")).toEqual(["Rules of procedure of the ITU Telecommunication \u000bStandardization Sector"]);
    // the history line carries two footnote references: "1" typed as a custom mark, then an automatic one before "bis"
    expect(styled("Resref")).toEqual(["(Hammamet, 2016)1, bis"]);
    expect(styled("Normalaftertitle0")[0]).toBe("The World Telecommunication Standardization Assembly (Hammamet, 2016),");
    expect(styled("Call")).toEqual(["considering", "resolves"]);
    expect(styled("SectionNo")[0]).toBe("SECTION\u00a01");
    expect(styled("Heading2")).toContain("1.13\tVoting");
    expect(styled("enumlev1").length).toBeGreaterThan(40);
    expect(doc.paragraphs.find((p) => p.style === "ResNo" && p.text !== "")?.styleName).toBe("Res_No");

    const resref = doc.paragraphs.findIndex((p) => p.style === "Resref");
    expect(doc.notes.slice(0, 2)).toEqual([
      { type: "note", kind: "footnote", id: "1", mark: "1", referencedFrom: resref },
      { type: "note", kind: "footnote", id: "2", mark: "1", referencedFrom: resref },
    ]);
    const developing = doc.notes.find((n) => n.id === "5");
    const noteText = doc.paragraphs.find((p) => p.part === "footnote" && p.noteId === "5");
    expect(noteText?.text).toBe("4\tThese include the least developed countries, small island developing states, landlocked developing countries and countries with economies in transition.");
    expect(noteText?.style).toBe("FootnoteText");
    expect(doc.paragraphs[developing?.referencedFrom ?? -1]?.text).toContain("developing countries");
  });

  it("reads the large H.222.0 and reports how long it takes", () => {
    const bytes = readCorpus("itu", "T-REC-H.222.0-201808-P-MSW-E.docx");
    let start = performance.now();
    const doc = readDocx(bytes, { name: "H.222.0.docx" });
    const read = performance.now() - start;
    expect(doc.paragraphs.length).toBeGreaterThan(10_000);
    const part = openPackage(bytes, "H.222.0.docx").get("word/document.xml") as Uint8Array;
    start = performance.now();
    const tree = parseXmlBytes(part, "H.222.0.docx", "word/document.xml");
    const parsed = performance.now() - start;
    start = performance.now();
    serializeXml(tree);
    const serialized = performance.now() - start;
    console.log(
      `H.222.0 (${(bytes.length / 1048576).toFixed(1)} MiB): readDocx ${read.toFixed(0)} ms, ${doc.paragraphs.length} paragraphs; ` +
        `document.xml (${(part.length / 1048576).toFixed(1)} MiB) parse ${parsed.toFixed(0)} ms, serialize ${serialized.toFixed(0)} ms`,
    );
  });

  it.each(["A", "E", "F", "R", "S"])("reads E.119 in language %s with the same structure as the others", (lang) => {
    const doc = readDocx(readCorpus("itu", `T-REC-E.119-201704-I-MSW-${lang}.docx`), { name: `E.119-${lang}.docx` });
    expect(doc.paragraphs.filter((p) => p.style?.startsWith("Heading")).length).toBeGreaterThan(5);
    expect(doc.paragraphs.some((p) => p.table !== null)).toBe(true);
  });
});
