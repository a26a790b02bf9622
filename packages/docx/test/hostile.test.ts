import { describe, expect, it } from "vitest";
import { Deflate, deflateSync, inflateSync, strToU8, zipSync } from "fflate";
import { isRedlineError, type RedlineErrorCode } from "@redline/core";
import { openPackage, readDocx } from "../src/index.js";
import { makeDocx, NS, para } from "./make-docx.js";
import { rawZip } from "./zip-bytes.js";

/**
 * Files that are not .docx, damaged .docx, and files built to hurt a reader.
 * Each must be refused with the right RedlineError code, a message that
 * names the file, and without spending much time or memory.
 */

function refusal(read: () => unknown): { code: RedlineErrorCode; message: string; ms: number } {
  const start = performance.now();
  try {
    read();
  } catch (e) {
    if (!isRedlineError(e)) throw e;
    return { code: e.code, message: e.message, ms: performance.now() - start };
  }
  throw new Error("expected a RedlineError, but the file was read");
}

function read(bytes: Uint8Array, name = "input.docx"): () => unknown {
  return () => readDocx(bytes, { name });
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * A DEFLATE stream of `mebibytes` MiB of zeros, built without ever holding
 * them: one MiB compressed once and flushed to a byte boundary (so copies
 * concatenate), repeated, then an empty final block.
 */
function zeroBomb(mebibytes: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  const deflater = new Deflate({ level: 9 }, (data) => chunks.push(data));
  deflater.push(new Uint8Array(1 << 20));
  deflater.flush(true);
  const block = concat(chunks);
  return concat([...Array.from({ length: mebibytes }, () => block), new Uint8Array([0x03, 0x00])]);
}

/** A docx whose word/document.xml entry is `data`, declared as `declaredSize` bytes. */
function docxWithDocument(data: Uint8Array, declaredSize: number, method: 0 | 8 = 8, crc = 0): Uint8Array {
  const stored = (name: string, text: string) => {
    const bytes = strToU8(text);
    return { name, data: deflateSync(bytes), method: 8 as const, declaredSize: bytes.length, crc: crcOf(bytes) };
  };
  return rawZip([
    stored("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    { name: "word/document.xml", data, method, declaredSize, crc },
  ]);
}

function crcOf(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function ole(streams: string[]): Uint8Array {
  const bytes = new Uint8Array(512 + 512);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  ["Root Entry", ...streams].forEach((name, i) => {
    const entry = 512 + i * 128;
    for (let c = 0; c < name.length; c++) bytes[entry + 2 * c] = name.charCodeAt(c);
    bytes[entry + 0x40] = (name.length + 1) * 2;
    bytes[entry + 0x42] = i === 0 ? 5 : 2;
  });
  return bytes;
}

function documentWith(prolog: string, body = para("text")): Uint8Array {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>${prolog}<w:document ${NS}><w:body>${body}</w:body></w:document>`;
  const bytes = strToU8(xml);
  return docxWithDocument(bytes, bytes.length, 0, crcOf(bytes));
}

describe("files that are not .docx", () => {
  it("refuses an empty file", () => {
    expect(refusal(read(new Uint8Array(0))).code).toBe("empty-input");
  });

  it("refuses plain text as not a zip, naming the file", () => {
    const r = refusal(read(strToU8("RESOLUTION 1\nThe World Telecommunication Standardization Assembly"), "res1.txt"));
    expect(r.code).toBe("not-a-zip");
    expect(r.message).toMatch(/^res1\.txt: /);
  });

  it("says so when given a PDF", () => {
    const r = refusal(read(strToU8("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n")));
    expect(r.code).toBe("not-a-zip");
    expect(r.message).toContain("PDF");
  });

  it("says so when given an RTF file", () => {
    expect(refusal(read(strToU8("{\\rtf1\\ansi hello}"))).message).toContain("RTF");
  });

  it("refuses a password-protected document (OLE file with an EncryptedPackage stream)", () => {
    const r = refusal(read(ole(["EncryptionInfo", "EncryptedPackage"])));
    expect(r.code).toBe("encrypted");
    expect(r.message).toContain("password");
  });

  it("refuses a Word 97-2003 .doc (OLE file without EncryptedPackage)", () => {
    const r = refusal(read(ole(["WordDocument", "1Table", "\u0005SummaryInformation"])));
    expect(r.code).toBe("legacy-doc");
    expect(r.message).toContain(".docx");
  });

  it("refuses an OpenDocument text file", () => {
    const odt = zipSync({ mimetype: [strToU8("application/vnd.oasis.opendocument.text"), { level: 0 }], "content.xml": strToU8("<x/>") });
    const r = refusal(read(odt));
    expect(r.code).toBe("unsupported-format");
    expect(r.message).toContain(".odt");
  });

  it("refuses a zip without word/document.xml", () => {
    const r = refusal(read(zipSync({ "readme.txt": strToU8("hello") })));
    expect(r.code).toBe("missing-part");
    expect(r.message).toContain("word/document.xml");
  });

  it("recognises an Excel workbook", () => {
    const rels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
    const xlsx = zipSync({ "_rels/.rels": strToU8(rels), "xl/workbook.xml": strToU8("<workbook/>") });
    expect(refusal(read(xlsx)).code).toBe("unsupported-format");
  });
});

describe("damaged archives", () => {
  const good = makeDocx({ body: para("Hello") });

  it.each([good.length - 1, good.length - 10, good.length - 22, Math.floor(good.length / 2), 100, 10])(
    "refuses the archive cut at byte %i as truncated",
    (at) => {
      expect(refusal(read(good.subarray(0, at))).code).toBe("truncated");
    },
  );

  it("refuses a part whose bytes fail their checksum", () => {
    const xml = strToU8(`<w:document ${NS}><w:body>${para("Hello")}</w:body></w:document>`);
    const damaged = docxWithDocument(xml, xml.length, 0, crcOf(xml) ^ 1);
    const r = refusal(read(damaged));
    expect(r.code).toBe("truncated");
    expect(r.message).toContain("word/document.xml");
  });

  it("refuses a part whose compressed data is garbage", () => {
    const garbage = new Uint8Array(64).map((_, i) => (i * 37 + 11) & 0xff);
    expect(refusal(read(docxWithDocument(garbage, 1000))).code).toBe("truncated");
  });

  it("refuses an archive listing the same part twice", () => {
    const xml = strToU8(`<w:document ${NS}><w:body/></w:document>`);
    const entry = { name: "word/document.xml", data: xml, method: 0 as const, declaredSize: xml.length, crc: crcOf(xml) };
    const r = refusal(read(rawZip([entry, { ...entry, name: "WORD/document.xml" }])));
    expect(r.code).toBe("truncated");
    expect(r.message).toContain("twice");
  });
});

describe("zip bombs and oversized packages", () => {
  it("builds a real bomb: 4 copies of the block inflate to 4 MiB of zeros", () => {
    const out = inflateSync(zeroBomb(4));
    expect(out.length).toBe(4 << 20);
    expect(out.every((b) => b === 0)).toBe(true);
  });

  it("refuses, quickly, a part declared as 1 KiB that inflates to 1 GiB of zeros", () => {
    const bomb = docxWithDocument(zeroBomb(1024), 1024);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const r = refusal(read(bomb));
    expect(r.code).toBe("too-large");
    expect(r.message).toContain("word/document.xml");
    expect(r.ms).toBeLessThan(1000);
  });

  it("refuses, before inflating anything, a part that truthfully declares 1 GiB", () => {
    const r = refusal(() => openPackage(docxWithDocument(zeroBomb(1024), 1024 * 1024 * 1024), "bomb.docx"));
    expect(r.code).toBe("too-large");
    expect(r.ms).toBeLessThan(200);
  });

  it("refuses a package whose declared sizes add up past the total limit", () => {
    const r = refusal(() => openPackage(makeDocx({ body: para("Hello") }), "small.docx", { maxTotalBytes: 1000 }));
    expect(r.code).toBe("too-large");
  });

  it("refuses an archive with more than 10,000 entries", () => {
    const empty = { data: new Uint8Array(0), method: 0 as const, declaredSize: 0, crc: 0 };
    const many = rawZip(Array.from({ length: 10_001 }, (_, i) => ({ ...empty, name: `junk/${i}.txt` })));
    expect(refusal(read(many)).code).toBe("too-large");
  });
});

describe("hostile XML", () => {
  const laughs =
    '<!DOCTYPE lolz [<!ENTITY lol "lol">' +
    Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">`).join("") +
    "]>";

  it("refuses a billion-laughs document type without expanding anything", () => {
    const r = refusal(read(documentWith(laughs, `<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>`)));
    expect(r.code).toBe("unsafe-xml");
    expect(r.message).toContain("word/document.xml");
    expect(r.ms).toBeLessThan(200);
  });

  it("refuses an external entity declaration", () => {
    const xxe = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>';
    expect(refusal(read(documentWith(xxe, `<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>`))).code).toBe("unsafe-xml");
  });

  it("refuses a DOCTYPE that follows comments in the prolog", () => {
    expect(refusal(read(documentWith("<!-- hello --><?pi x?>\n<!DOCTYPE w:document>"))).code).toBe("unsafe-xml");
  });

  it("reads a document whose prolog merely mentions DOCTYPE in a comment", () => {
    const doc = readDocx(documentWith("<!-- no <!DOCTYPE here -->"), { name: "ok.docx" });
    expect(doc.paragraphs.map((p) => p.text)).toEqual(["text"]);
  });

  it("refuses an undefined entity as malformed, naming file and part", () => {
    const r = refusal(read(documentWith("", `<w:p><w:r><w:t>&nbsp;</w:t></w:r></w:p>`), "res68.docx"));
    expect(r.code).toBe("bad-xml");
    expect(r.message).toMatch(/^res68\.docx: .*word\/document\.xml/);
  });

  it("refuses unclosed elements as malformed", () => {
    expect(refusal(read(documentWith("", "<w:p><w:r><w:t>open"))).code).toBe("bad-xml");
  });
});
