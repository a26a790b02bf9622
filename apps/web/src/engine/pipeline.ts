/**
 * The page's engine: the same steps, in the same order and with the same
 * options, as the CLI's `compare` (apps/cli/src/pipeline.ts, readers.ts) and
 * `check` (commands/check.ts), so the page's results are the CLI's to the
 * byte. Pure functions over bytes; the worker (worker/worker.ts) runs them
 * off the page's main thread.
 */
import { check, compare, isRedlineError, readText, RedlineError, type Check, type Delta, type Message, type ProfileOption } from "@redline/core";
import { generateTrackedDocx, openPackage, readDocxViews, writeTrackedDocx, type DocxViews } from "@redline/docx";
import { renderHtml, renderMarkdown } from "@redline/render";
import { inputKind, loadDoc, type Input, type Loaded } from "./input.js";

/** The two inputs of a comparison; in check mode, `old` is the in-force text and `new` the proposal. */
export type Side = "old" | "new";

/** What went wrong, said of the file it is about (the CLI's one-line message, without its "redline: " prefix). */
export class InputErrors extends Error {
  constructor(readonly errors: Partial<Record<Side, string>>) {
    super(Object.values(errors).join("; "));
    this.name = "InputErrors";
  }
}

/** The CLI's words for an error: a RedlineError's own sentence, anything else reported as a bug. */
export function errorMessage(e: unknown): string {
  if (isRedlineError(e)) return e.message;
  return `internal error: ${e instanceof Error ? e.message : String(e)} (please report this with the input files)`;
}

/** Both sides loaded, or every side's error at once (the CLI stops at the first). */
function loadBoth<A, B>(loadOld: () => A, loadNew: () => B): [A, B] {
  const errors: Partial<Record<Side, string>> = {};
  let a: A | undefined;
  let b: B | undefined;
  try {
    a = loadOld();
  } catch (e) {
    errors.old = errorMessage(e);
  }
  try {
    b = loadNew();
  } catch (e) {
    errors.new = errorMessage(e);
  }
  if (errors.old !== undefined || errors.new !== undefined) throw new InputErrors(errors);
  return [a as A, b as B];
}

export interface Compared {
  delta: Delta;
  old: Loaded;
  new: Loaded;
  oldInput: Input;
  newInput: Input;
}

/** `redline compare OLD NEW --profile P`: apps/cli/src/pipeline.ts deltaOf. */
export function comparePair(oldInput: Input, newInput: Input, profile: ProfileOption): Compared {
  const [a, b] = loadBoth(() => loadDoc(oldInput), () => loadDoc(newInput));
  const delta = compare(a.doc, b.doc, {
    profile,
    old: { name: oldInput.name, sha256: oldInput.sha256 },
    new: { name: newInput.name, sha256: newInput.sha256 },
  });
  return { delta, old: a, new: b, oldInput, newInput };
}

export type ExportFormat = "docx" | "html" | "json" | "md";

export interface TrackedOptions {
  author: string;
  /** ISO 8601 instant without milliseconds, as the CLI's --date gives it */
  date: string;
  moves: boolean;
}

export interface Exported {
  bytes: Uint8Array;
  /** notes for the user, as the CLI prints them after "redline: note:" */
  notes: string[];
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/** The bytes `redline compare OLD NEW -o OUT.<format>` writes (apps/cli/src/pipeline.ts renderDelta). */
export async function exportDelta(c: Compared, format: ExportFormat, opts: TrackedOptions): Promise<Exported> {
  switch (format) {
    case "json":
      return { bytes: utf8(`${JSON.stringify(c.delta, null, 2)}\n`), notes: [] };
    case "md":
      return { bytes: utf8(renderMarkdown(c.delta)), notes: [] };
    case "html":
      return { bytes: utf8(renderHtml(c.delta)), notes: [] };
    case "docx": {
      // in place over NEW's package when both are Word documents; generated with ITU styles otherwise (apps/cli/src/readers.ts)
      if (c.old.docx && c.new.docx) {
        const result = writeTrackedDocx(c.old.docx.pkg, c.new.docx.pkg, c.delta, opts, { old: c.old.docx.reading, new: c.new.docx.reading });
        return { bytes: result.bytes, notes: result.messages };
      }
      return { bytes: await generateTrackedDocx(c.delta, opts), notes: [] };
    }
  }
}

export interface Checked {
  result: Check;
  inForce: Loaded;
  views: DocxViews;
  inForceInput: Input;
  proposalInput: Input;
}

export interface CheckPairOptions {
  profile: ProfileOption;
  strictSpacing: boolean;
}

/** `redline check IN_FORCE PROPOSAL.docx` (apps/cli/src/commands/check.ts). */
export function checkPair(inForceInput: Input, proposalInput: Input, options: CheckPairOptions): Checked {
  const [inForce, views] = loadBoth(
    () => loadDoc(inForceInput),
    () => {
      if (inputKind(proposalInput) !== "docx") {
        throw new RedlineError(
          "unsupported-format",
          proposalInput.name,
          "is not a Word document: a text or Markdown proposal cannot carry revision marks, so there is nothing to check; give the .docx with tracked changes",
        );
      }
      return readDocxViews(proposalInput.bytes, { name: proposalInput.name });
    },
  );
  const result = check(inForce.doc, views, {
    profile: options.profile,
    strictSpacing: options.strictSpacing,
    inForce: { name: inForceInput.name, sha256: inForceInput.sha256 },
    proposal: { name: proposalInput.name, sha256: proposalInput.sha256 },
  });
  return { result, inForce, views, inForceInput, proposalInput };
}

/** What `redline check --format json` prints. */
export function checkJson(c: Checked): Exported {
  return { bytes: utf8(`${JSON.stringify(c.result, null, 2)}\n`), notes: [] };
}

/**
 * What `redline check -o OUT.docx` writes: the true precise delta, the
 * in-force text against the proposal's accepted view, as a tracked-change
 * document (commands/check.ts writeCorrected).
 */
export async function correctedDocx(c: Checked, opts: TrackedOptions): Promise<Exported> {
  const delta = compare(c.inForce.doc, c.views.accepted, {
    profile: c.result.profile,
    old: { name: c.inForceInput.name, sha256: c.inForceInput.sha256 },
    new: { name: c.proposalInput.name, sha256: c.proposalInput.sha256 },
  });
  if (!c.views.hasRevisions) {
    if (inputKind(c.inForceInput) === "docx") {
      const result = writeTrackedDocx(openPackage(c.inForceInput.bytes, c.inForceInput.name), openPackage(c.proposalInput.bytes, c.proposalInput.name), delta, opts);
      return { bytes: result.bytes, notes: result.messages };
    }
    return { bytes: await generateTrackedDocx(delta, opts), notes: [] };
  }
  return {
    bytes: await generateTrackedDocx(delta, opts),
    notes: ["the corrected document is generated from the texts in ITU styles (the proposal's own package carries revisions)"],
  };
}

/** The warnings a reader gave about content it could not keep, per side. */
export function readerWarnings(loaded: Loaded): Message[] {
  return loaded.doc.messages.filter((m) => m.level === "warning");
}

/** The sentence of the example pair that the example proposal changes without marking it. */
export const EXAMPLE_UNMARKED = { from: "should encourage the preparation", to: "should support the preparation" } as const;

/**
 * A proposal for the check mode's example: the proposed revision as tracked
 * changes over a copy of the in-force text in which one word was changed
 * without a revision mark, the kind of slip the secretariat's check exists
 * to catch.
 */
export async function exampleProposal(inForceText: string, proposedText: string): Promise<Uint8Array> {
  const claimed = inForceText.replace(EXAMPLE_UNMARKED.from, EXAMPLE_UNMARKED.to);
  const delta = compare(readText(utf8(claimed), { name: "claimed.txt" }), readText(utf8(proposedText), { name: "proposed.txt" }));
  return generateTrackedDocx(delta, { author: "Example proponent", date: "2024-10-15T00:00:00Z", moves: true });
}
