/** The whole pipeline in one call: Doc x Doc -> Delta. */
import type { ProfileOption } from "../model/clauses.js";
import type { Doc } from "../model/doc.js";
import type { Delta } from "../model/delta.js";
import { align, type AlignOptions } from "../align/align.js";
import { detectProfile, structure } from "../structure/index.js";
import { readMarkdown } from "../text/markdown.js";
import { readText } from "../text/read.js";
import { toDelta, type DeltaOptions } from "./build.js";

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
  return toDelta(align(structure(oldDoc, profile), structure(newDoc, profile), options), options);
}

export interface TextCompareOptions extends CompareOptions {
  format?: "text" | "markdown";
}

/** Compare two texts (plain text by default). */
export function compareTexts(oldText: string, newText: string, options: TextCompareOptions = {}): Delta {
  const read = options.format === "markdown" ? readMarkdown : readText;
  return compare(read(oldText, { name: options.old?.name ?? null }), read(newText, { name: options.new?.name ?? null }), options);
}
