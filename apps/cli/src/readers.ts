/** The document readers and writers this build has beyond plain text and Markdown. */
import { generateTrackedDocx, openPackage, readDocx, writeTrackedDocx } from "@redline/docx";
import type { CompareHooks } from "./commands/compare.js";
import { inputKind } from "./load.js";

export const readers: CompareHooks = {
  docx: (input) => readDocx(input.bytes, { name: input.arg }),
  async writeDocx(delta, oldIn, newIn, opts) {
    // in place over NEW's package when both are Word documents; generated with ITU styles otherwise
    if (inputKind(oldIn) === "docx" && inputKind(newIn) === "docx") {
      const result = writeTrackedDocx(openPackage(oldIn.bytes, oldIn.arg), openPackage(newIn.bytes, newIn.arg), delta, opts);
      return { bytes: result.bytes, messages: result.messages };
    }
    return { bytes: await generateTrackedDocx(delta, opts), messages: [] };
  },
};
