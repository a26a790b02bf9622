import { describe, expect, it } from "vitest";
import * as core from "../src/index.js";

describe("public API", () => {
  it("exports exactly these names", () => {
    expect(Object.keys(core).sort()).toEqual(
      [
        "DEFAULT_DOC_LIMITS", "RedlineError", "align", "apply", "canonicalText", "check", "chooseProfile", "compare", "compareTexts", "countWords",
        "decodeText", "deltaSchema", "detectProfile", "diffSequences", "diffWords", "editBudget", "excerpt", "hasChanges", "invert",
        "isRedlineError", "isSectionHeading", "isWordToken", "keepShape", "labelKey", "normalizeKey", "orderRows", "ownFormatBits", "ownFormatValues", "parseLabel",
        "readMarkdown", "readText", "runAt", "SECTION_VERBS", "seen", "structure", "toDelta", "tokenize", "tooManyParagraphs", "tooMuchText",
      ].sort(),
    );
  });
});
