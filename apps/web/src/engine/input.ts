/**
 * A document the user gave the page, and how its bytes become a Doc: the
 * rules of the CLI's apps/cli/src/load.ts, kept identical so that the same
 * file gives the same Doc, the same Delta and the same error message in the
 * page as on the command line. (The CLI names a file by the path typed; the
 * page has only the file's name, which is what the Delta records either way.)
 */
import { readMarkdown, readText, RedlineError, type Doc } from "@redline/core";
import { openPackage, readDocxPackage, type DocxPackage, type DocxReading } from "@redline/docx";

export interface Input {
  /** the file's name, as in the Delta's `old.name` / `new.name` */
  name: string;
  bytes: Uint8Array;
  /** hex SHA-256 of `bytes` */
  sha256: string;
}

export type InputKind = "text" | "markdown" | "docx";

/** The CLI's limit on input size (apps/cli/src/io.ts DEFAULT_MAX_INPUT). */
export const MAX_INPUT = 256 * 1024 * 1024;

export function inputKind(input: Pick<Input, "name" | "bytes">): InputKind {
  const b = input.bytes;
  const lower = input.name.toLowerCase();
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b) return "docx";
  if (b.length >= 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) return "docx";
  if (lower.endsWith(".docx") || lower.endsWith(".docm") || lower.endsWith(".doc")) return "docx";
  if (lower.endsWith(".md") || lower.endsWith(".markdown")) return "markdown";
  return "text";
}

/** What reading a .docx gave, kept so that writing the tracked document does not read it again (as the CLI's readers do). */
export interface DocxRead {
  pkg: DocxPackage;
  reading: DocxReading;
}

export interface Loaded {
  doc: Doc;
  docx: DocxRead | null;
}

export function loadDoc(input: Input): Loaded {
  const kind = inputKind(input);
  if (input.bytes.length > MAX_INPUT) throw new RedlineError("too-large", input.name, `is ${mb(input.bytes.length)}, larger than the limit of ${mb(MAX_INPUT)}`);
  if (input.bytes.length === 0) throw new RedlineError("empty-input", input.name, "is empty");
  if (kind === "markdown") return { doc: readMarkdown(input.bytes, { name: input.name }), docx: null };
  if (kind === "text") {
    if (looksBinary(input.bytes)) throw new RedlineError("unsupported-format", input.name, "is not a text file, a Markdown file or a Word (.docx) document");
    return { doc: readText(input.bytes, { name: input.name }), docx: null };
  }
  const pkg = openPackage(input.bytes, input.name);
  const reading = readDocxPackage(pkg);
  return { doc: reading.doc, docx: { pkg, reading } };
}

function looksBinary(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46; // %PDF
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}
