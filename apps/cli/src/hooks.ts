/**
 * The build's Word readers and writer (readers.ts), loaded the first time a
 * command or a batch pair needs them. The docx package, with fflate under
 * it, takes longer to load than all the rest of the CLI together (measured
 * at about 120 ms of CPU against 30 ms for core, when it still loaded the
 * `docx` generator and saxes up front), and comparing text or Markdown files
 * never uses it.
 */
import type { CompareHooks, HooksFor } from "./commands/compare.js";

let loading: Promise<CompareHooks> | null = null;

export const buildHooks: HooksFor = (docx) => (docx ? (loading ??= import("./readers.js").then((m) => m.readers)) : {});
