/// <reference types="node" />
/**
 * Test-only access to the file system: the example documents and the golden
 * fixtures. Node's types are referenced here, not in tsconfig, because src/
 * must stay platform-neutral.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { compareTexts, type Delta } from "@redline/core";
import { expect } from "vitest";

const examples = new URL("../../../examples/", import.meta.url);

export function readExample(name: string): string {
  return readFileSync(new URL(name, examples), "utf8");
}

/** The README's example pair: every kind of change redline reports. */
export function exampleDelta(): Delta {
  return compareTexts(readExample("res-99-in-force.txt"), readExample("res-99-proposed.txt"), {
    old: { name: "res-99-in-force.txt" },
    new: { name: "res-99-proposed.txt" },
  });
}

/** Compare with test/fixtures/<name>; UPDATE_FIXTURES=1 rewrites it instead. */
export function expectFixture(name: string, actual: string): void {
  const file = new URL(`./fixtures/${name}`, import.meta.url);
  if (process.env.UPDATE_FIXTURES === "1") {
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`fixture ${name} is missing: run the tests with UPDATE_FIXTURES=1 to write it`);
  expect(actual).toBe(readFileSync(file, "utf8"));
}

export function readSource(path: string): string {
  return readFileSync(new URL(`../src/${path}`, import.meta.url), "utf8");
}

export function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(new URL(`../src/${dir}`, import.meta.url), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${e.name}` : e.name;
      if (e.isDirectory()) walk(rel);
      else if (rel.endsWith(".ts")) out.push(rel);
    }
  };
  walk("");
  return out;
}
