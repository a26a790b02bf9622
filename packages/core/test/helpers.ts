/// <reference types="node" />
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { ownFormatBits, ownFormatValues, type Doc, type Run, type RunFormat } from "../src/index.js";

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

export const PLAIN_FORMAT: RunFormat = { bold: false, italic: false, underline: false, strike: false, doubleStrike: false, vertAlign: null, smallCaps: false, caps: false };

/** A word of a paragraph given a format: [paragraph index, the word (its first occurrence), the properties that differ from plain]. */
export type WordFormat = [number, string, Partial<RunFormat>];

/** What a run setting `f` itself says it sets, as the .docx reader gives it (no `ownValues` where it sets no value). */
function own(f: Partial<RunFormat>): Pick<Run, "own" | "ownValues"> {
  const values = ownFormatValues(f);
  return values === undefined ? { own: ownFormatBits(f) } : { own: ownFormatBits(f), ownValues: values };
}

/**
 * `d` with formatting, as a .docx reader gives it: each paragraph one run
 * but for the words `formats` names, which set those properties themselves.
 * With `base` (what the paragraphs' style gives a run, by paragraph index),
 * runs also say what they set (`own`) and paragraphs their `runBase`, as the
 * .docx reader does; without it, runs only say how they look.
 */
export function withRuns(d: Doc, formats: WordFormat[] = [], base?: (paragraph: number) => Partial<RunFormat>): Doc {
  return {
    ...d,
    format: "docx",
    paragraphs: d.paragraphs.map((p, k) => {
      const runBase = { ...PLAIN_FORMAT, ...base?.(k) };
      const run = (start: number, end: number, f: Partial<RunFormat>): Run => ({ type: "run", start, end, format: { ...runBase, ...f }, ...(base ? own(f) : {}) });
      const cuts = formats
        .filter(([at]) => at === k)
        .map(([, word, f]) => ({ start: p.text.indexOf(word), end: p.text.indexOf(word) + word.length, f }))
        .sort((x, y) => x.start - y.start);
      const runs: Run[] = [];
      let at = 0;
      for (const c of cuts) {
        if (c.start > at) runs.push(run(at, c.start, {}));
        runs.push(run(c.start, c.end, c.f));
        at = c.end;
      }
      if (at < p.text.length) runs.push(run(at, p.text.length, {}));
      return { ...p, runs, ...(base ? { runBase } : {}) };
    }),
  };
}
