/// <reference types="node" />
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import * as api from "../src/index.js";

it("exports exactly this public API", () => {
  expect(Object.keys(api).sort()).toEqual(
    [
      "DEFAULT_LIMITS",
      "DocxPackage",
      "childElements",
      "cloneNode",
      "createTextContext",
      "documentElement",
      "element",
      "findChild",
      "findChildren",
      "findPath",
      "generateTrackedDocx",
      "getAttr",
      "openPackage",
      "paragraphText",
      "parseXml",
      "parseXmlBytes",
      "readDocx",
      "readDocxPackage",
      "readDocxViews",
      "removeAttr",
      "setAttrs",
      "rename",
      "forgetSource",
      "serializeXml",
      "serializeXmlBytes",
      "setAttr",
      "text",
      "textContent",
      "walkElements",
      "writeTrackedDocx",
      "writePackage",
    ].sort(),
  );
});

it("uses nothing Node-only in src but through nodeBuiltin, so that it runs in browsers too", () => {
  const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../src");
  const files = readdirSync(src, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
  expect(files.length).toBeGreaterThan(20);
  for (const file of files) {
    const code = readFileSync(path.join(src, file), "utf8");
    // Buffer only as the name nodeBuiltin is asked for ("Buffer"), never the global
    expect(code, file).not.toMatch(/from "node:|require\(|\bprocess\.|(?<!")\bBuffer\b(?!")|__dirname/);
    // the one guarded way to a built-in, which gives null in a browser
    if (file !== "builtin.ts") expect(code, file).not.toMatch(/getBuiltinModule/);
  }
});
