/** The document readers and writers this build has beyond plain text and Markdown. */
import type { Doc } from "@redline/core";
import { generateTrackedDocx, openPackage, readDocxPackage, writeTrackedDocx, type DocxPackage, type DocxReading } from "@redline/docx";
import type { CompareHooks } from "./commands/compare.js";
import { inputKind } from "./load.js";

/** What reading a .docx gave, kept so writing the tracked document does not read it again. */
const readings = new WeakMap<Uint8Array, { pkg: DocxPackage; reading: DocxReading }>();

export const readers: CompareHooks = {
  docx(input, previous): Doc {
    const pkg = openPackage(input.bytes, input.arg);
    // NEW's styles, numbering and settings are OLD's trees when their text is the same (neither reading is edited before writeTrackedDocx)
    const like = previous === undefined ? undefined : readings.get(previous.bytes)?.reading;
    const reading = readDocxPackage(pkg, like === undefined ? {} : { sharePartsWith: like });
    readings.set(input.bytes, { pkg, reading });
    return reading.doc;
  },
  async writeDocx(delta, oldIn, newIn, opts) {
    // in place over NEW's package when both are Word documents; generated with ITU styles otherwise
    if (inputKind(oldIn) === "docx" && inputKind(newIn) === "docx") {
      const a = readings.get(oldIn.bytes);
      const b = readings.get(newIn.bytes);
      const result =
        a && b
          ? writeTrackedDocx(a.pkg, b.pkg, delta, opts, { old: a.reading, new: b.reading })
          : writeTrackedDocx(openPackage(oldIn.bytes, oldIn.arg), openPackage(newIn.bytes, newIn.arg), delta, opts);
      return { bytes: result.bytes, messages: result.messages };
    }
    return { bytes: await generateTrackedDocx(delta, opts), messages: [] };
  },
};
