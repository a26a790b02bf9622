/**
 * Messages between the page and its worker. Inputs travel as transferred
 * ArrayBuffers; results travel as JSON text, which crosses the thread
 * boundary several times faster than a structured clone of the same object
 * tree (a 250,000-word Delta is about 9 MB of JSON).
 */
import type { ProfileOption } from "@redline/core";
import type { ExportFormat, Side } from "../engine/pipeline.js";

export interface WireInput {
  name: string;
  bytes: ArrayBuffer;
}

export type CheckExportFormat = "check-json" | "corrected-docx";

export type Request =
  | { type: "compare"; id: number; old: WireInput; new: WireInput; profile: ProfileOption }
  | { type: "check"; id: number; old: WireInput; new: WireInput; profile: ProfileOption; strictSpacing: boolean }
  /** an export of the result of request `of` */
  | { type: "export"; id: number; of: number; format: ExportFormat | CheckExportFormat; author: string; date: string; moves: boolean }
  | { type: "example-proposal"; id: number; inForceText: string; proposedText: string };

/** Reader warnings per side, as plain strings. */
export type SideWarnings = Record<Side, string[]>;

export type Response =
  | { type: "delta"; id: number; json: string; warnings: SideWarnings; ms: number }
  | { type: "check"; id: number; json: string; ms: number }
  | { type: "file"; id: number; bytes: ArrayBuffer; notes: string[] }
  | { type: "error"; id: number; errors: Partial<Record<Side, string>>; general: string | null };
