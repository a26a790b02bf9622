/// <reference types="node" />
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "vitest";

/**
 * The shared corpora live beside the repository (../shared/corpora). A fresh
 * clone elsewhere has none: corpus tests then skip with one line, except
 * under CI=true, where a missing corpus is a failure.
 */

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const corpusDir = path.resolve(repoRoot, "../shared/corpora");
export const corpusAvailable = existsSync(corpusDir);

export function corpusPath(...parts: string[]): string {
  return path.join(corpusDir, ...parts);
}

export function readCorpus(...parts: string[]): Uint8Array {
  return new Uint8Array(readFileSync(corpusPath(...parts)));
}

export function corpusFiles(folder: string, pattern: RegExp): string[] {
  return readdirSync(corpusPath(folder))
    .filter((f) => pattern.test(f))
    .sort();
}

/** Every file under `folder` (recursively) whose name matches, as paths relative to the corpus. */
export function corpusFilesDeep(folder: string, pattern: RegExp): string[] {
  const out: string[] = [];
  const visit = (relative: string): void => {
    for (const entry of readdirSync(corpusPath(relative), { withFileTypes: true })) {
      const child = path.join(relative, entry.name);
      if (entry.isDirectory()) visit(child);
      else if (pattern.test(entry.name)) out.push(child);
    }
  };
  visit(folder);
  return out.sort();
}

/** Every .docx of the corpora whose XML parts the XML tests read: ITU documents, fixtures and WmlComparer cases (none when the corpora are absent). */
export function corpusDocxFiles(): string[] {
  return corpusAvailable ? ["itu", "fixtures", "wmlcomparer"].flatMap((folder) => corpusFilesDeep(folder, /\.docx$/)) : [];
}

/** Whether a package part is XML (relationships included). */
export function isXmlPart(name: string): boolean {
  return /\.(xml|rels)$/i.test(name);
}

/** `describe` for tests that need the corpora: skipped (with a note) when absent, failing under CI. */
export function describeCorpus(name: string, body: () => void): void {
  if (corpusAvailable) {
    describe(name, body);
    return;
  }
  if (process.env.CI === "true") {
    describe(name, () => {
      it("finds the shared corpora", () => {
        throw new Error(`corpus missing at ${corpusDir} (required when CI=true)`);
      });
    });
    return;
  }
  console.log(`skipping "${name}": no corpus at ${corpusDir}`);
  describe.skip(name, body);
}
