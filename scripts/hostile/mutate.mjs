/**
 * fast-check arbitraries that damage real .docx packages at three levels:
 * raw bytes (biased towards the zip structures), zip entries (dropped,
 * duplicated, renamed, lying about sizes, checksums and methods) and XML
 * (token-level edits that mostly keep the XML well-formed, so the readers
 * behind the parser get exercised, and character-level ones that do not).
 *
 * Shared by packages/docx/test/fuzz.test.ts (short, in CI) and scripts/fuzz.mjs
 * (long runs). A mutation is plain data, so a failure prints as something a
 * person can read and replay: { file, level, ops }.
 */
import { TextDecoder } from "node:util";
import fc from "fast-check";
import { crc32, deflate, layout, unzip, utf8, zip } from "./zip.mjs";

const decoder = new TextDecoder();

// ---------------------------------------------------------------------------
// bytes

/** Offsets where zip structures start: mutating near them reaches the archive reader's checks. */
export function interestingOffsets(archive) {
  try {
    const { directory, eocd, entries } = layout(archive);
    const out = [0, directory, eocd, eocd + 8, eocd + 10, eocd + 12, eocd + 16, eocd + 20, archive.length - 1];
    for (const e of entries.slice(0, 16)) {
      out.push(e.local, e.local + 18, e.local + 22, e.local + 26, e.dataStart, e.central, e.central + 10, e.central + 20, e.central + 24, e.central + 28, e.central + 42);
    }
    return out.filter((n) => n >= 0 && n < archive.length);
  } catch {
    return [0];
  }
}

function offsetIn(archive) {
  const near = interestingOffsets(archive);
  return fc.oneof(
    fc.nat({ max: archive.length - 1 }),
    fc.tuple(fc.constantFrom(...near), fc.integer({ min: -4, max: 8 })).map(([at, d]) => Math.max(0, Math.min(archive.length - 1, at + d))),
  );
}

export function byteOps(archive) {
  const at = offsetIn(archive);
  const op = fc.oneof(
    fc.record({ op: fc.constant("flip"), at, bit: fc.nat({ max: 7 }) }),
    fc.record({ op: fc.constant("set"), at, value: fc.constantFrom(0x00, 0xff, 0x7f, 0x80, 0x01, 0x50, 0x4b) }),
    fc.record({ op: fc.constant("truncate"), at }),
    fc.record({ op: fc.constant("insert"), at, bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }).map((b) => Array.from(b)) }),
    fc.record({ op: fc.constant("delete"), at, count: fc.integer({ min: 1, max: 64 }) }),
  );
  return fc.array(op, { minLength: 1, maxLength: 4 });
}

export function applyByteOps(archive, ops) {
  let b = archive.slice();
  for (const o of ops) {
    const at = Math.min(o.at, Math.max(0, b.length - 1));
    if (o.op === "flip") b[at] ^= 1 << o.bit;
    else if (o.op === "set") b[at] = o.value;
    else if (o.op === "truncate") b = b.slice(0, at);
    else if (o.op === "insert") b = new Uint8Array([...b.subarray(0, at), ...o.bytes, ...b.subarray(at)]);
    else if (o.op === "delete") b = new Uint8Array([...b.subarray(0, at), ...b.subarray(at + o.count)]);
  }
  return b;
}

// ---------------------------------------------------------------------------
// zip entries

const NAMES = ["word/document.xml", "WORD/DOCUMENT.XML", "[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/styles.xml", "word/numbering.xml", "word/footnotes.xml", "word/settings.xml", "../../etc/passwd", "/word/document.xml", "", "word/", "mimetype"];

export function entryOps(entries) {
  const i = fc.nat({ max: entries.length - 1 });
  const op = fc.oneof(
    fc.record({ op: fc.constant("drop"), i }),
    fc.record({ op: fc.constant("duplicate"), i, upper: fc.boolean() }),
    fc.record({ op: fc.constant("rename"), i, name: fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 12 })) }),
    fc.record({ op: fc.constant("swap-data"), i, j: i }),
    fc.record({ op: fc.constant("random-data"), i, bytes: fc.uint8Array({ maxLength: 256 }).map((b) => Array.from(b)) }),
    fc.record({ op: fc.constant("lie-size"), i, size: fc.oneof(fc.constantFrom(0, 1, 0xffffffff, 0xfffffffe, 256 * 1024 * 1024), fc.nat()) }),
    fc.record({ op: fc.constant("lie-crc"), i, crc: fc.nat() }),
    fc.record({ op: fc.constant("method"), i, method: fc.constantFrom(0, 1, 9, 12, 14, 99) }),
    fc.record({ op: fc.constant("encrypt"), i }),
    fc.record({ op: fc.constant("store"), i }),
  );
  return fc.array(op, { minLength: 1, maxLength: 3 });
}

/** The archive rebuilt from `entries` (inflated, as from unzip) after `ops`. */
export function applyEntryOps(entries, ops) {
  // untouched entries keep their stored bytes: recompressing images on every run would dominate the time
  const list = entries.map((e) => ({ name: e.name, plain: e.data, method: e.method === 0 ? 0 : 8, over: {}, original: e }));
  for (const o of ops) {
    if (list.length === 0) break;
    const k = o.i % list.length;
    const e = list[k];
    if (o.op === "drop") list.splice(k, 1);
    else if (o.op === "duplicate") list.push({ ...e, name: o.upper ? e.name.toUpperCase() : e.name, over: { ...e.over } });
    else if (o.op === "rename") e.name = o.name;
    else if (o.op === "swap-data") [e.plain, list[o.j % list.length].plain] = [list[o.j % list.length].plain, e.plain];
    else if (o.op === "random-data") e.plain = new Uint8Array(o.bytes);
    else if (o.op === "lie-size") e.over.size = o.size;
    else if (o.op === "lie-crc") e.over.crc = o.crc;
    else if (o.op === "method") e.over.method = o.method;
    else if (o.op === "encrypt") e.over.flags = 1;
    else if (o.op === "store") e.method = 0;
  }
  return zip(
    list.map((e) => {
      const kept = e.original.stored && e.plain === e.original.data && e.method === e.original.method;
      const data = kept ? e.original.stored : e.method === 8 ? deflate(e.plain) : e.plain;
      return { name: e.name, data, method: e.method, size: e.plain.length, crc: crc32(e.plain), flags: 0, ...e.over };
    }),
  );
}

// ---------------------------------------------------------------------------
// XML

/** Markup a hostile or careless producer might put anywhere. */
const FRAGMENTS = [
  "<w:p>", "</w:p>", "<w:p/>", "<w:r>", "</w:r>", "<w:t>", "</w:t>", "<w:t xml:space=\"preserve\"> </w:t>",
  "<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>", "<w:tbl>", "<w:tc>", "<w:tr/>",
  "<w:ins w:id=\"1\" w:author=\"x\" w:date=\"2024-01-01T00:00:00Z\">", "</w:ins>", "<w:del w:id=\"1\" w:author=\"x\">", "</w:del>",
  "<w:delText>gone</w:delText>", "<w:moveFrom w:id=\"9\">", "</w:moveFrom>", "<w:moveTo w:id=\"9\">", "</w:moveTo>",
  "<w:moveFromRangeStart w:id=\"5\" w:name=\"m\"/>", "<w:moveToRangeEnd w:id=\"5\"/>",
  "<w:fldChar w:fldCharType=\"begin\"/>", "<w:fldChar w:fldCharType=\"separate\"/>", "<w:fldChar w:fldCharType=\"end\"/>",
  "<w:instrText>SEQ x</w:instrText>", "<w:footnoteReference w:id=\"1\"/>", "<w:endnoteReference w:id=\"999999\"/>",
  "<w:numPr><w:ilvl w:val=\"99\"/><w:numId w:val=\"1\"/></w:numPr>", "<w:pStyle w:val=\"Heading1\"/>",
  "<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>", "<w:txbxContent>", "</w:txbxContent>",
  "<mc:AlternateContent><mc:Choice Requires=\"wps\">", "</mc:Choice><mc:Fallback>", "</mc:Fallback></mc:AlternateContent>",
  "<w:tab/>", "<w:br/>", "<w:cr/>", "<w:noBreakHyphen/>", "<w:sym w:char=\"F0FF\"/>", "<w:pPr><w:rPr><w:del w:id=\"3\"/></w:rPr></w:pPr>",
  "&amp;", "&lt;", "&#0;", "&#xD800;", "&#x10FFFF;", "&#1114112;", "&undefined;", "<![CDATA[x]]>", "<?pi data?>", "<!-- c -->",
  "<!DOCTYPE w:document [<!ENTITY e \"x\">]>", "]]>", "<", ">", "&", "\"", "\u0000", "\uFFFE", "\u202E", "e\u0301", "\uD83D\uDE00",
];

const VALUES = ["", "-1", "0", "1", "99", "4294967296", "-2147483649", "1e309", "NaN", "x", "9".repeat(40), "true", "off", "&amp;", "decimal", "upperRoman", "bullet", "none"];

/** Element tokens and text tokens, in order: enough structure to delete, duplicate and move whole elements. */
export function tokenizeXml(text) {
  return text.match(/<[^>]*>|[^<]+/g) ?? [];
}

export function xmlOps() {
  const pos = fc.nat();
  const op = fc.oneof(
    { weight: 3, arbitrary: fc.record({ op: fc.constant("insert"), at: pos, fragment: fc.constantFrom(...FRAGMENTS) }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant("drop-element"), at: pos }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant("duplicate-element"), at: pos, to: pos }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant("move-element"), at: pos, to: pos }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant("attribute"), at: pos, value: fc.constantFrom(...VALUES) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant("drop-token"), at: pos }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant("text"), at: pos, text: fc.string({ unit: "grapheme", maxLength: 8 }) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant("chars"), at: pos, count: fc.integer({ min: 1, max: 16 }) }) },
  );
  return fc.array(op, { minLength: 1, maxLength: 6 });
}

/** Index of the token closing the element opened at `i`, or `i` for self-closing and non-element tokens. */
function elementEnd(tokens, i) {
  const t = tokens[i];
  if (!t.startsWith("<") || t.startsWith("</") || t.endsWith("/>") || t.startsWith("<?") || t.startsWith("<!")) return i;
  let depth = 0;
  for (let k = i; k < tokens.length; k++) {
    const u = tokens[k];
    if (!u.startsWith("<") || u.startsWith("<?") || u.startsWith("<!") || u.endsWith("/>")) continue;
    depth += u.startsWith("</") ? -1 : 1;
    if (depth === 0) return k;
  }
  return i;
}

export function applyXmlOps(text, ops) {
  let tokens = tokenizeXml(text);
  for (const o of ops) {
    if (tokens.length === 0) break;
    const i = o.at % tokens.length;
    if (o.op === "insert") tokens.splice(i, 0, o.fragment);
    else if (o.op === "drop-token") tokens.splice(i, 1);
    else if (o.op === "drop-element") tokens.splice(i, elementEnd(tokens, i) - i + 1);
    else if (o.op === "duplicate-element" || o.op === "move-element") {
      const end = elementEnd(tokens, i);
      const piece = tokens.slice(i, end + 1);
      if (o.op === "move-element") tokens.splice(i, piece.length);
      tokens.splice(o.to % (tokens.length + 1), 0, ...piece);
    } else if (o.op === "attribute") {
      // replace the value of one attribute of this tag (the first whose position the seed picks)
      const values = [...tokens[i].matchAll(/="[^"]*"/g)];
      if (values.length) {
        const m = values[o.at % values.length];
        tokens[i] = `${tokens[i].slice(0, m.index)}="${o.value}"${tokens[i].slice(m.index + m[0].length)}`;
      }
    } else if (o.op === "text") {
      if (!tokens[i].startsWith("<")) tokens[i] = o.text;
    } else if (o.op === "chars") {
      const joined = tokens.join("");
      const at = o.at % Math.max(1, joined.length);
      tokens = tokenizeXml(joined.slice(0, at) + joined.slice(at + o.count));
    }
  }
  return tokens.join("");
}

// ---------------------------------------------------------------------------
// packages

/** The XML parts worth mutating, most important first (the main document gets most of the attention). */
function xmlPartNames(entries) {
  const names = entries.map((e) => e.name).filter((n) => /\.(xml|rels)$/i.test(n));
  const main = names.filter((n) => /document\.xml$/i.test(n));
  return [...main, ...main, ...main, ...names];
}

/**
 * A damaged version of one of `seeds` ({ name, bytes, entries }): `mutation`
 * is the replayable description, `bytes` the damaged package.
 */
export function mutatedPackage(seeds) {
  return fc
    .nat({ max: seeds.length - 1 })
    .chain((s) => {
      const seed = seeds[s];
      const parts = xmlPartNames(seed.entries);
      return fc.oneof(
        byteOps(seed.bytes).map((ops) => ({ file: seed.name, level: "bytes", ops })),
        entryOps(seed.entries).map((ops) => ({ file: seed.name, level: "entries", ops })),
        {
          weight: 3,
          arbitrary: fc.tuple(fc.constantFrom(...parts), xmlOps()).map(([part, ops]) => ({ file: seed.name, level: "xml", part, ops })),
        },
      );
    })
    .map((mutation) => ({ mutation, bytes: applyMutation(seeds, mutation) }));
}

export function applyMutation(seeds, mutation) {
  const seed = seeds.find((s) => s.name === mutation.file);
  if (mutation.level === "bytes") return applyByteOps(seed.bytes, mutation.ops);
  if (mutation.level === "entries") return applyEntryOps(seed.entries, mutation.ops);
  const entries = seed.entries.map((e) => (e.name === mutation.part ? { ...e, data: utf8(applyXmlOps(decoder.decode(e.data), mutation.ops)), stored: null } : e));
  return applyEntryOps(entries, []);
}

/** A seed for mutatedPackage: a real package taken apart once. */
export function seedOf(name, bytes) {
  return { name, bytes, entries: unzip(bytes) };
}
