/**
 * The writer from scratch: when the inputs were plain text or Markdown there
 * is no source package to revise, so the tracked-change document is generated
 * from the Delta alone, in ITU paragraph styles. Accepting every revision
 * gives the new text paragraph by paragraph; rejecting every revision gives
 * the old one.
 *
 * The `docx` library (a megabyte of code) is loaded only here, when a
 * document is generated: every other command would pay ~40 ms at start-up
 * for it otherwise.
 */
import { RedlineError, type Delta } from "@redline/core";
import { applyMoves } from "./moves.js";
import { finishPackage } from "./package.js";
import { planParagraphs } from "./plan.js";

export interface GenerateOptions {
  /** Written on every revision and as the document's creator. */
  author: string;
  /** ISO 8601; the date of every revision and of the document. */
  date: string;
  /** Show moved entries as moves (the default) rather than as a deletion and an insertion. */
  moves?: boolean;
  /** The document title in its properties. */
  title?: string;
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * The date as Word writes revision dates: UTC, whole seconds
 * ("2024-03-01T09:30:00Z"); Word rejects some forms xsd:dateTime allows.
 * A time without a zone is taken as UTC, not as the machine's local time, so
 * that the output does not depend on where it is made.
 */
function revisionDate(date: string): string {
  const zoned = /[T ]\d{2}:\d{2}(?::[\d.]+)?$/.test(date) ? `${date}Z` : date;
  const time = ISO_8601.test(date) ? Date.parse(zoned.replace(" ", "T")) : Number.NaN;
  if (Number.isNaN(time)) {
    throw new RedlineError("bad-arguments", null, `the revision date "${date}" is not an ISO 8601 date such as 2024-03-01T09:30:00Z`);
  }
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export async function generateTrackedDocx(delta: Delta, options: GenerateOptions): Promise<Uint8Array> {
  const date = revisionDate(options.date);
  const plan = planParagraphs(delta, { moves: options.moves !== false });
  const [{ Packer }, { buildDocument }] = await Promise.all([import("docx"), import("./document.js")]);
  const { document, moves } = buildDocument(plan, { author: options.author, date, title: options.title });
  const zip = await Packer.pack(document, "uint8array");
  return finishPackage(zip, date, (xml) => applyMoves(xml, moves, plan.length, options.author, date));
}
