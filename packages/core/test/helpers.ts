/// <reference types="node" />
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

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
