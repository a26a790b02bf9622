/// <reference types="node" />
import { spawnSync } from "node:child_process";
import { pandocParagraphs as paragraphsOfTree } from "../../../../scripts/pandoc-paragraphs.mjs";
import { which } from "./which.js";

export type TrackChangesMode = "accept" | "reject";

const TIMEOUT_MS = 60_000;

/** The pandoc binary ($PANDOC, else pandoc on PATH), or null when there is none. */
export function pandocPath(): string | null {
  return process.env.PANDOC || which("pandoc");
}

/**
 * Whether the pandoc checks can run here: true with pandoc installed; without
 * it, false after saying the checks are skipped, and under CI an error,
 * since .ci/run installs it.
 */
export function pandocUsable(): boolean {
  if (pandocPath()) return true;
  if (process.env.CI === "true") throw new Error("pandoc is required under CI (.ci/run installs it)");
  console.log("skipping pandoc checks: pandoc is not installed");
  return false;
}

/** pandoc's output for a .docx read with every tracked change accepted or rejected; null without pandoc, a failure throws. */
function runPandoc(docxPath: string, mode: TrackChangesMode, to: string[]): string | null {
  const pandoc = pandocPath();
  if (pandoc === null) return null;
  const result = spawnSync(pandoc, [`--track-changes=${mode}`, "-f", "docx", "-t", ...to, docxPath], {
    encoding: "utf8",
    timeout: TIMEOUT_MS,
    killSignal: "SIGKILL",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw new Error(`pandoc could not read ${docxPath}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`pandoc could not read ${docxPath} (status ${result.status}): ${result.stderr.trim()}`);
  return result.stdout;
}

/**
 * The text of a .docx as pandoc reads it with every tracked change accepted
 * or rejected: one line per paragraph of pandoc's plain output (`--wrap=none`
 * keeps each paragraph on one line), blank separator lines included. Null
 * when pandoc is not installed; a pandoc failure throws.
 */
export function pandocText(docxPath: string, mode: TrackChangesMode): string[] | null {
  return runPandoc(docxPath, mode, ["plain", "--wrap=none"])?.split(/\r?\n/) ?? null;
}

/**
 * The paragraphs of a .docx as pandoc reads it with every tracked change
 * accepted or rejected, from pandoc's document tree (see
 * scripts/pandoc-paragraphs.mjs: table cells paragraph by paragraph, empty
 * rows and table borders left out). Null when pandoc is not installed; a
 * pandoc failure throws.
 */
export function pandocParagraphs(docxPath: string, mode: TrackChangesMode): string[] | null {
  const json = runPandoc(docxPath, mode, ["json"]);
  return json === null ? null : paragraphsOfTree(json);
}
