/// <reference types="node" />
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TrackChangesMode } from "./pandoc.js";
import { expect } from "vitest";
import { normaliseParagraphs } from "./paragraphs.js";
import { which } from "./which.js";

/**
 * LibreOffice as an independent reader of tracked changes: lo-accept-reject.py
 * opens the document in a private headless LibreOffice, accepts or rejects
 * every change through UNO and prints the paragraphs. The script needs a
 * Python with the UNO bridge; pyenv or venv Pythons usually lack it, so the
 * system ones are tried first ($REDLINE_UNO_PYTHON overrides).
 */

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), "lo-accept-reject.py");
/** The script kills LibreOffice after this long; the wrapper's own limit is a little longer. */
const OFFICE_TIMEOUT_S = 90;

interface Office {
  soffice: string;
  python: string;
}

let found: Office | string | undefined;

function canImportUno(python: string): boolean {
  const r = spawnSync(python, ["-c", "import uno"], { stdio: "ignore", timeout: 20_000, killSignal: "SIGKILL" });
  return r.status === 0;
}

function findOffice(): Office | string {
  if (found !== undefined) return found;
  const soffice = process.env.SOFFICE || which("soffice");
  if (soffice === null) return (found = "soffice is not on PATH");
  const candidates = [process.env.REDLINE_UNO_PYTHON, "/usr/bin/python3", "/usr/lib/libreoffice/program/python", which("python3")];
  const python = candidates.find((p): p is string => !!p && canImportUno(p));
  if (python === undefined) return (found = "no Python with the UNO bridge (python3-uno) was found");
  return (found = { soffice, python });
}

/** Why LibreOffice checks cannot run here, or null when they can. */
export function libreOfficeUnavailable(): string | null {
  const office = findOffice();
  return typeof office === "string" ? office : null;
}

export interface OfficeParagraph {
  text: string;
  /** The paragraph style's display name as LibreOffice has it ("Res_No", "enumlev1"; Normal is "Standard"). */
  style: string;
}

function isOfficeParagraph(p: unknown): p is OfficeParagraph {
  return typeof p === "object" && p !== null && typeof (p as OfficeParagraph).text === "string" && typeof (p as OfficeParagraph).style === "string";
}

/**
 * The paragraphs of a .docx, with their styles, as LibreOffice has them after
 * accepting or rejecting every tracked change (tabs kept as "\t"; table cells
 * one by one; with `formats`, each stretch of text followed by the formats it
 * shows: "10{}3{sup} per second{}", see lo-accept-reject.py; with `formats: "values"`, colour, highlight,
 * underline kind, size and font too). Null when LibreOffice or its Python bridge is unavailable; a
 * failure to open the document, a change left over, or a hang (killed) throws.
 */
export function libreOfficeParagraphs(docxPath: string, mode: TrackChangesMode, options: { notes?: boolean; pictures?: boolean; formats?: boolean | "values" } = {}): OfficeParagraph[] | null {
  const office = findOffice();
  if (typeof office === "string") return null;
  const result = spawnSync(
    office.python,
    [SCRIPT, docxPath, mode, "--soffice", office.soffice, "--timeout", String(OFFICE_TIMEOUT_S), ...(options.notes ? ["--notes"] : []), ...(options.pictures ? ["--pictures"] : []), ...(options.formats ? ["--formats"] : []), ...(options.formats === "values" ? ["--values"] : [])],
    { encoding: "utf8", timeout: (OFFICE_TIMEOUT_S + 30) * 1000, killSignal: "SIGKILL", maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.error) throw new Error(`LibreOffice check of ${docxPath} failed: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`LibreOffice check of ${docxPath} failed (status ${result.status}): ${result.stderr.trim()}`);
  const paragraphs: unknown = JSON.parse(result.stdout);
  if (!Array.isArray(paragraphs) || !paragraphs.every(isOfficeParagraph)) {
    throw new Error(`LibreOffice check of ${docxPath} printed something other than a list of paragraphs`);
  }
  return paragraphs;
}

/** The paragraph texts of `libreOfficeParagraphs` (with `notes`, the notes' paragraphs after the text's; with `pictures`, "[]" for each inline picture): null when LibreOffice is unavailable. */
export function libreOfficeText(docxPath: string, mode: TrackChangesMode, options: { notes?: boolean; pictures?: boolean } = {}): string[] | null {
  return libreOfficeParagraphs(docxPath, mode, options)?.map((p) => p.text) ?? null;
}

/**
 * The round trip with LibreOffice as the judge: its paragraphs of `out` with
 * every change accepted equal its paragraphs of NEW, and with every change
 * rejected those of OLD, each cleaned by `clean` and normalised
 * (normaliseParagraphs). Skipped, after saying so, when LibreOffice is
 * unavailable; under CI that fails instead, since .ci/run installs it.
 */
export function expectOfficeRoundTrip(
  out: string,
  newFile: string,
  oldFile: string,
  options: { notes?: boolean; pictures?: boolean } = {},
  clean: (paragraph: string) => string = (p) => p,
): void {
  const accepted = libreOfficeText(out, "accept", options);
  if (accepted === null) {
    if (process.env.CI === "true") throw new Error("LibreOffice is required under CI (.ci/run installs it)");
    console.log("skipping LibreOffice check: soffice is not available");
    return;
  }
  const text = (file: string, mode: TrackChangesMode) => normaliseParagraphs(libreOfficeText(file, mode, options)!.map(clean));
  expect(normaliseParagraphs(accepted.map(clean))).toEqual(text(newFile, "accept"));
  expect(text(out, "reject")).toEqual(text(oldFile, "accept"));
}
