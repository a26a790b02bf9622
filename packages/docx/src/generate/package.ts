/**
 * Makes the `docx` library's package deterministic and lets its document.xml
 * be patched: the library stamps the current time into docProps/core.xml and
 * into every zip entry; here both come from the caller's date (core.xml) or
 * are fixed (zip entries), and the archive is rebuilt in a fixed entry order.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";

const CONTENT_TYPES = "[Content_Types].xml";
const DOCUMENT = "word/document.xml";
const CORE = "docProps/core.xml";

/**
 * fflate writes an entry's DOS time from the local-time fields of this Date,
 * so it is built from local fields too: 1980-01-01 00:00 everywhere.
 */
function fixedEntryTime(): Date {
  return new Date(1980, 0, 1, 0, 0, 0);
}

function setCoreDates(xml: string, date: string): string {
  let found = 0;
  const out = xml.replace(/(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g, (_m, open: string, _name, close: string) => {
    found++;
    return `${open}${date}${close}`;
  });
  if (found !== 2) throw new Error(`generate: expected created and modified dates in ${CORE}, found ${found}`);
  return out;
}

export function finishPackage(zip: Uint8Array, date: string, patchDocument: (xml: string) => string): Uint8Array {
  const parts = unzipSync(zip);
  const document = parts[DOCUMENT];
  const core = parts[CORE];
  if (document === undefined || core === undefined || parts[CONTENT_TYPES] === undefined) {
    throw new Error("generate: the docx library wrote a package without its main parts");
  }
  parts[DOCUMENT] = strToU8(patchDocument(strFromU8(document)));
  parts[CORE] = strToU8(setCoreDates(strFromU8(core), date));

  const mtime = fixedEntryTime();
  // Some consumers sniff [Content_Types].xml as the first entry.
  const names = [CONTENT_TYPES, ...Object.keys(parts).filter((n) => n !== CONTENT_TYPES)];
  const entries: Zippable = {};
  for (const name of names) entries[name] = [parts[name]!, { level: 6, mtime }];
  return zipSync(entries);
}
