import { RedlineError } from "@redline/core";

/**
 * Recognise what a file is from its first bytes, so that a user who hands us a
 * .doc, a PDF or a password-protected document is told what to do instead of
 * "corrupt zip".
 */

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  if (bytes.length < at + signature.length) return false;
  for (let i = 0; i < signature.length; i++) if (bytes[at + i] !== signature[i]) return false;
  return true;
}

function ascii(text: string): number[] {
  return Array.from(text, (c) => c.charCodeAt(0));
}

/** True when the first `window` bytes contain `needle` (PDF allows junk before "%PDF"). */
function containsNear(bytes: Uint8Array, needle: readonly number[], window: number): boolean {
  const last = Math.min(bytes.length, window) - needle.length;
  for (let i = 0; i <= last; i++) if (startsWith(bytes, needle, i)) return true;
  return false;
}

export function isZipSignature(bytes: Uint8Array): boolean {
  // local file header, or the end record of an empty archive
  return startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]);
}

/**
 * Office writes a password-protected .docx as an OLE compound file whose
 * directory holds a stream named "EncryptedPackage" (MS-OFFCRYPTO 2.3.4).
 * Directory entries are 128 bytes, aligned to 128 in every sector size the
 * format allows, so a structural scan finds the name without walking the FAT;
 * requiring the name length and the "stream" object type as well keeps text
 * that merely mentions the word from matching.
 */
export function hasOleStream(bytes: Uint8Array, name: string): boolean {
  const nameBytes = (name.length + 1) * 2;
  for (let entry = 512; entry + 128 <= bytes.length; entry += 128) {
    if (bytes[entry + 0x40] !== nameBytes || bytes[entry + 0x41] !== 0 || bytes[entry + 0x42] !== 2) continue;
    let match = true;
    for (let i = 0; i < name.length && match; i++) {
      match = bytes[entry + 2 * i] === name.charCodeAt(i) && bytes[entry + 2 * i + 1] === 0;
    }
    if (match) return true;
  }
  return false;
}

/** Throws the RedlineError that explains why `bytes` cannot be a .docx package, if it cannot. */
export function refuseIfNotZip(bytes: Uint8Array, file: string): void {
  if (bytes.length === 0) {
    throw new RedlineError("empty-input", file, "the file is empty.");
  }
  if (startsWith(bytes, OLE_SIGNATURE)) {
    if (hasOleStream(bytes, "EncryptedPackage")) {
      throw new RedlineError("encrypted", file, "the document is password-protected; save it without a password and try again.");
    }
    throw new RedlineError(
      "legacy-doc",
      file,
      "this is a Word 97-2003 document (.doc) or another older Office format; open it in Word, save it as .docx and try again.",
    );
  }
  if (containsNear(bytes, ascii("%PDF-"), 1024)) {
    throw new RedlineError("not-a-zip", file, "this is a PDF file, not a Word document; use the .docx the PDF was made from.");
  }
  if (startsWith(bytes, ascii("{\\rtf"))) {
    throw new RedlineError("not-a-zip", file, "this is an RTF file, not a .docx; open it in Word, save it as .docx and try again.");
  }
  if (!isZipSignature(bytes)) {
    throw new RedlineError("not-a-zip", file, "this is not a Word document (.docx): the file is not a zip package.");
  }
}
