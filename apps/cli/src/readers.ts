/** The document readers and writers this build has beyond plain text and Markdown. */
import type { CompareHooks } from "./commands/compare.js";

export const readers: CompareHooks = {};
