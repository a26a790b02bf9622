/**
 * Input bytes -> Doc, by the file's extension (and its first bytes, so a
 * .docx saved under another name is still recognised and a binary file is
 * never read as text).
 */
import { readMarkdown, readText, RedlineError, type Doc } from "@redline/core";
import type { Input } from "./io.js";

export type InputKind = "text" | "markdown" | "docx";

export function inputKind(input: Input): InputKind {
  const b = input.bytes;
  const lower = input.arg.toLowerCase();
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b) return "docx";
  if (b.length >= 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) return "docx";
  if (lower.endsWith(".docx") || lower.endsWith(".docm") || lower.endsWith(".doc")) return "docx";
  if (lower.endsWith(".md") || lower.endsWith(".markdown")) return "markdown";
  return "text";
}

export interface DocReaders {
  /** `previous`: OLD's input, when this is NEW read to be compared with it (a reader may share what the two have in common). */
  docx?: (input: Input, previous?: Input) => Doc;
}

export function loadDoc(input: Input, readers: DocReaders = {}, previous?: Input): Doc {
  const kind = inputKind(input);
  if (input.bytes.length === 0) throw new RedlineError("empty-input", input.arg === "-" ? "stdin" : input.arg, "is empty");
  if (kind === "markdown") return readMarkdown(input.bytes, { name: input.name });
  if (kind === "text") {
    if (looksBinary(input.bytes)) throw new RedlineError("unsupported-format", input.arg, "is not a text file, a Markdown file or a Word (.docx) document");
    return readText(input.bytes, { name: input.name });
  }
  if (!readers.docx) throw new RedlineError("unsupported-format", input.arg, "is a Word document, which this build cannot read");
  return readers.docx(input, previous);
}

function looksBinary(b: Uint8Array): boolean {
  if (b.length >= 4 && b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46) return true; // %PDF
  return false;
}
