/** The whole pipeline in one call: Doc x Doc -> Delta. */
import type { ProfileOption } from "../model/clauses.js";
import type { Doc } from "../model/doc.js";
import type { Delta } from "../model/delta.js";
import { align, type AlignOptions } from "../align/align.js";
import { detectProfile, structure } from "../structure/index.js";
import { readMarkdown } from "../text/markdown.js";
import { readText } from "../text/read.js";
import { toDelta, type DeltaOptions } from "./build.js";
import { formattingChanges } from "./formatting.js";

export interface CompareOptions extends AlignOptions, DeltaOptions {
  profile?: ProfileOption;
}

/** The profile both documents are read with: the old one's, unless only the new one shows structure. */
export function chooseProfile(oldDoc: Doc, newDoc: Doc, profile: ProfileOption = "auto") {
  if (profile !== "auto") return profile;
  const p = detectProfile(oldDoc);
  return p === "plain" ? detectProfile(newDoc) : p;
}

export function compare(oldDoc: Doc, newDoc: Doc, options: CompareOptions = {}): Delta {
  const profile = chooseProfile(oldDoc, newDoc, options.profile);
  return withFormatting(toDelta(align(structure(oldDoc, profile), structure(newDoc, profile), options), options), oldDoc, newDoc);
}

/**
 * The Delta with the formatting changes of its entries (delta/formatting.ts):
 * an entry whose shared text the new document formats otherwise gets
 * `formatting` and marker MOD, as one whose note references changed does.
 * The Docs are needed for this, so it happens here and not in toDelta,
 * which sees only the clause trees.
 */
function withFormatting(delta: Delta, oldDoc: Doc, newDoc: Doc): Delta {
  let count = 0;
  formattingChanges(oldDoc, newDoc, delta.clauses).forEach((changes, k) => {
    if (!changes) return;
    const c = delta.clauses[k]!;
    c.formatting = changes;
    c.marker = "MOD";
    count++;
  });
  if (count > 0) delta.summary.formatting = count;
  return delta;
}

export interface TextCompareOptions extends CompareOptions {
  format?: "text" | "markdown";
}

/** Compare two texts (plain text by default). */
export function compareTexts(oldText: string, newText: string, options: TextCompareOptions = {}): Delta {
  const read = options.format === "markdown" ? readMarkdown : readText;
  return compare(read(oldText, { name: options.old?.name ?? null }), read(newText, { name: options.new?.name ?? null }), options);
}
