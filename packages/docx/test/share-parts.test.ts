/// <reference types="node" />
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { compare } from "@redline/core";
import { openPackage, readDocxPackage, serializeXmlBytes, writeTrackedDocx, type DocxReading } from "../src/index.js";
import { corpusPath, describeCorpus, readCorpus, repoRoot } from "./corpus.js";
import { makeDocx, para } from "./make-docx.js";

/**
 * readDocxPackage's sharePartsWith: NEW's styles, numbering and settings,
 * when their text is OLD's, are OLD's trees rather than a second parse.
 * Sharing must change nothing but the time: the tracked document is the
 * same byte for byte, and OLD's shared trees are left as they were read.
 */

const OPTIONS = { author: "Share Check", date: "2024-10-15T09:30:00Z" };
const SHAREABLE = /(^|\/)(styles|numbering|settings)\.xml$/i;

function snapshot(reading: DocxReading): Map<string, string> {
  return new Map([...reading.trees].map(([name, doc]) => [name, Buffer.from(serializeXmlBytes(doc)).toString("base64")]));
}

/** Writes the tracked document with and without sharing; returns which parts were shared. */
function expectSameWithSharing(oldBytes: Uint8Array, newBytes: Uint8Array, label: string): string[] {
  const write = (share: boolean): { bytes: Uint8Array; shared: string[] } => {
    const oldPkg = openPackage(oldBytes, "old.docx");
    const newPkg = openPackage(newBytes, "new.docx");
    const old = readDocxPackage(oldPkg);
    const before = snapshot(old);
    const now = readDocxPackage(newPkg, share ? { sharePartsWith: old } : {});
    const shared = [...now.trees].filter(([name, doc]) => old.trees.get(name) === doc).map(([name]) => name);
    const delta = compare(old.doc, now.doc);
    const bytes = writeTrackedDocx(oldPkg, newPkg, delta, OPTIONS, { old, new: now }).bytes;
    // the writer edits NEW's trees, never OLD's: a shared tree must come out as it went in
    for (const name of shared) expect(snapshot(old).get(name), `${label}: ${name}`).toBe(before.get(name));
    return { bytes, shared };
  };
  const plain = write(false);
  const sharing = write(true);
  expect(plain.shared).toEqual([]);
  for (const name of sharing.shared) expect(name, label).toMatch(SHAREABLE);
  expect(Buffer.from(sharing.bytes).equals(Buffer.from(plain.bytes)), label).toBe(true);
  return sharing.shared;
}

describe("sharing identical parts between the readings of OLD and NEW", () => {
  it("shares styles whose text is the same, and parses them when it is not", () => {
    const styles = (size: number) => `<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr><w:sz w:val="${size}"/></w:rPr></w:style>`;
    const oldBytes = makeDocx({ body: para("to study the question"), styles: styles(24) });
    const same = makeDocx({ body: para("to study the questions"), styles: styles(24) });
    const other = makeDocx({ body: para("to study the questions"), styles: styles(22) });
    const old = readDocxPackage(openPackage(oldBytes, "old.docx"));
    const shared = readDocxPackage(openPackage(same, "new.docx"), { sharePartsWith: old });
    const parsed = readDocxPackage(openPackage(other, "new.docx"), { sharePartsWith: old });
    expect(shared.trees.get("word/styles.xml")).toBe(old.trees.get("word/styles.xml"));
    expect(parsed.trees.get("word/styles.xml")).not.toBe(old.trees.get("word/styles.xml"));
    // the main part is never shared, even when it is the same
    const twin = readDocxPackage(openPackage(oldBytes, "twin.docx"), { sharePartsWith: old });
    expect(twin.trees.get("word/document.xml")).not.toBe(old.trees.get("word/document.xml"));
    expect(expectSameWithSharing(oldBytes, same, "made")).toEqual(["word/styles.xml"]);
  });

  it("tells a part with a BOM from the same part without one, and parts in UTF-16 apart by their text", () => {
    const body = para("to study the question");
    const made = makeDocx({ body, styles: '<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>' });
    const text = new TextDecoder().decode(unzipSync(made)["word/styles.xml"]);
    // the same package with its styles spelled otherwise: BOM or not, UTF-8 or UTF-16
    const spelled = (encoding: "utf-8" | "utf-16le", bom: boolean, styles = text): Uint8Array => {
      const bytes = encoding === "utf-8" ? new TextEncoder().encode(styles) : new Uint8Array(Buffer.from(styles.replace('encoding="UTF-8"', 'encoding="UTF-16"'), "utf16le"));
      const mark = !bom ? [] : encoding === "utf-8" ? [0xef, 0xbb, 0xbf] : [0xff, 0xfe];
      return zipSync({ ...unzipSync(made), "word/styles.xml": new Uint8Array([...mark, ...bytes]) });
    };
    const sharedWith = (oldBytes: Uint8Array, newBytes: Uint8Array): boolean => {
      const old = readDocxPackage(openPackage(oldBytes, "old.docx"));
      const now = readDocxPackage(openPackage(newBytes, "new.docx"), { sharePartsWith: old });
      return now.trees.get("word/styles.xml") === old.trees.get("word/styles.xml");
    };
    for (const [encoding, bom] of [["utf-8", false], ["utf-8", true], ["utf-16le", false], ["utf-16le", true]] as const) {
      const label = `${encoding}${bom ? " with a BOM" : ""}`;
      expect(sharedWith(spelled(encoding, bom), spelled(encoding, bom)), label).toBe(true);
      expect(sharedWith(spelled(encoding, bom), spelled(encoding, !bom)), label).toBe(false);
      expect(sharedWith(spelled(encoding, bom), spelled(encoding, bom, text.replace('w:val="Normal"', 'w:val="Plain"'))), label).toBe(false);
      // and the written documents are the same as without sharing, whichever part was shared
      expectSameWithSharing(spelled(encoding, bom), spelled(encoding, !bom), label);
    }
    expect(sharedWith(spelled("utf-8", false), spelled("utf-16le", false))).toBe(false);
  });
});

describe("a shared tree is never edited", () => {
  const style = (id: string) => `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${id}"/></w:style>`;
  const normal = style("Normal");

  it("when NEW shares with one reading and is written against another whose styles it lacks", () => {
    // A and B have the same styles; C also has "Extra", used by a paragraph only C has, which the writer brings back deleted with its style
    const a = readDocxPackage(openPackage(makeDocx({ body: para("first clause"), styles: normal }), "a.docx"));
    const bPkg = openPackage(makeDocx({ body: para("first clause"), styles: normal }), "b.docx");
    const b = readDocxPackage(bPkg, { sharePartsWith: a });
    expect(b.trees.get("word/styles.xml")).toBe(a.trees.get("word/styles.xml"));
    const cPkg = openPackage(makeDocx({ body: para("first clause") + para("a paragraph in its own style", "Extra"), styles: normal + style("Extra") }), "c.docx");
    const c = readDocxPackage(cPkg);
    const before = snapshot(a);
    const written = writeTrackedDocx(cPkg, bPkg, compare(c.doc, b.doc), OPTIONS, { old: c, new: b }).bytes;
    expect(snapshot(a)).toEqual(before);
    // the style was carried into the written document all the same
    const out = readDocxPackage(openPackage(written, "out.docx"));
    expect(Buffer.from(serializeXmlBytes(out.trees.get("word/styles.xml")!)).toString("utf8")).toContain('w:styleId="Extra"');
  });

  it("by sharing from a reading a writer has had as NEW", () => {
    const oldPkg = openPackage(makeDocx({ body: para("to study the question"), styles: normal }), "old.docx");
    const newBytes = makeDocx({ body: para("to study the questions"), styles: normal });
    const newPkg = openPackage(newBytes, "new.docx");
    const old = readDocxPackage(oldPkg);
    const now = readDocxPackage(newPkg);
    writeTrackedDocx(oldPkg, newPkg, compare(old.doc, now.doc), OPTIONS, { old, new: now });
    const later = readDocxPackage(openPackage(newBytes, "again.docx"), { sharePartsWith: now });
    expect(later.trees.get("word/styles.xml")).not.toBe(now.trees.get("word/styles.xml"));
  });
});

describeCorpus("sharing identical parts on real documents", () => {
  it("writes the same tracked document on ITU documents edited by the benchmark's editor", async () => {
    const mod = (await import(pathToFileURL(path.join(repoRoot, "bench", "docx-edit.mjs")).href)) as { editDocx: (bytes: Uint8Array, fraction: number) => { bytes: Uint8Array } };
    for (const name of ["T-RES-T.1-2016-MSW-E.docx", "T-REC-Q.850-201810-I-MSW-E.docx"]) {
      const original = readCorpus("itu", name);
      // the editor changes the document part only: styles, numbering and settings are shared
      const shared = expectSameWithSharing(original, mod.editDocx(original, 0.3).bytes, name);
      expect(shared.sort(), name).toEqual(["word/numbering.xml", "word/settings.xml", "word/styles.xml"]);
    }
  }, 120_000);

  it("writes the same tracked document on every WmlComparer case, those with tracked changes in NEW included", () => {
    const manifest = JSON.parse(readFileSync(corpusPath("wmlcomparer/manifest.json"), "utf8")) as { id: string; before: string; after: string }[];
    let sharing = 0;
    for (const e of manifest) if (expectSameWithSharing(readCorpus("wmlcomparer", e.before), readCorpus("wmlcomparer", e.after), e.id).length > 0) sharing++;
    // most pairs were made from one another in Word and keep their styles as they were
    expect(sharing).toBeGreaterThan(manifest.length / 4);
  }, 600_000);
});
