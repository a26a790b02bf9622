/// <reference types="node" />
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import type { Doc, Run, RunFormat } from "../src/index.js";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
export const example = (name: string) => readFileSync(join(repoRoot, "examples", name), "utf8");

/** Compare with a golden fixture; UPDATE_FIXTURES=1 rewrites it. */
export function golden(file: string, actual: string): void {
  const path = join(dirname(fileURLToPath(import.meta.url)), "fixtures", file);
  if (process.env.UPDATE_FIXTURES === "1" || !existsSync(path)) {
    if (process.env.CI === "true" && !existsSync(path)) throw new Error(`golden fixture ${file} is missing`);
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, "utf8"));
}

export const PLAIN_FORMAT: RunFormat = { bold: false, italic: false, underline: false, strike: false, vertAlign: null, smallCaps: false };

/** A word of a paragraph given a format: [paragraph index, the word (its first occurrence), the properties that differ from plain]. */
export type WordFormat = [number, string, Partial<RunFormat>];

/** `d` with formatting, as a .docx reader gives it: each paragraph one plain run but for the words `formats` names. */
export function withRuns(d: Doc, formats: WordFormat[] = []): Doc {
  return {
    ...d,
    format: "docx",
    paragraphs: d.paragraphs.map((p, k) => {
      const cuts = formats
        .filter(([at]) => at === k)
        .map(([, word, f]) => ({ start: p.text.indexOf(word), end: p.text.indexOf(word) + word.length, format: { ...PLAIN_FORMAT, ...f } }))
        .sort((x, y) => x.start - y.start);
      const runs: Run[] = [];
      let at = 0;
      for (const c of cuts) {
        if (c.start > at) runs.push({ type: "run", start: at, end: c.start, format: PLAIN_FORMAT });
        runs.push({ type: "run", ...c });
        at = c.end;
      }
      if (at < p.text.length) runs.push({ type: "run", start: at, end: p.text.length, format: PLAIN_FORMAT });
      return { ...p, runs };
    }),
  };
}
