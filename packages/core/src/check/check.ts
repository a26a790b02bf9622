/**
 * check(inForce, proposal): the secretariat's check of a proposal that shows
 * its changes as tracked revisions. Three texts are read with one profile:
 * the in-force text, and the proposal's rejected and accepted views. The
 * rejected view against the in-force text gives the unmarked edits; the
 * accepted view against the rejected one gives the marked changes.
 */
import { align, type AlignOptions } from "../align/align.js";
import { normalizeKey } from "../align/keys.js";
import { chooseProfile } from "../delta/compare.js";
import { toDelta } from "../delta/build.js";
import { canonicalText } from "../delta/apply.js";
import { readText } from "../text/read.js";
import type { ClauseTree, ProfileName, ProfileOption } from "../model/clauses.js";
import type { Delta, DeltaClause, DeltaSource } from "../model/delta.js";
import type { Doc, Message } from "../model/doc.js";
import { structure } from "../structure/index.js";
import { formattingChanges } from "../delta/formatting.js";
import type { Check, FormattingEdit, ProposalViews } from "./model.js";

export interface CheckOptions extends AlignOptions {
  profile?: ProfileOption;
  /** name and hash of the in-force input, for the report */
  inForce?: Partial<DeltaSource>;
  /** name and hash of the proposal, for the report */
  proposal?: Partial<DeltaSource>;
  /**
   * Count differences in spacing alone (a double space left beside an
   * insertion, an added empty paragraph) as unmarked edits. Default false:
   * they change no word, and editors leave them behind all the time.
   */
  strictSpacing?: boolean;
  /**
   * Count formatting changed without a mark against `clean` too. Default
   * false: two templates that define a style differently show there, which
   * is no edit of the proponent's.
   */
  strictFormatting?: boolean;
  /** Override the word diff's edit budget per clause pair (tokens edited). */
  maxEditLength?: number;
}

/** Touched as the renderers mean it: a marker other than NOC, or a move. */
function touched(c: DeltaClause): boolean {
  return c.marker !== "NOC" || c.moved || c.renumbered;
}

/**
 * A difference no reader can see in the words: spacing inside a clause, or an
 * entry with no text and no label (the empty paragraph an editor leaves when
 * the paragraph mark of an inserted or deleted clause is not marked). A
 * paragraph split in two or two joined is not spacing, though no word
 * changes: the clause's paragraphs (joined by "\n" in its text) are compared
 * one by one, empty ones left out.
 */
function spacingOnly(c: DeltaClause): boolean {
  if (c.moved || c.renumbered || c.noteReferences) return false;
  if (c.old && c.new) {
    const [a, b] = [paragraphKeys(c.old.text), paragraphKeys(c.new.text)];
    return a.length === b.length && a.every((key, i) => key === b[i]);
  }
  const side = c.old ?? c.new;
  return side !== null && side.label === null && side.text.trim() === "";
}

/**
 * Edits made without a mark inside text the proposal moves as a tracked
 * change. The rejected view shows moved text where it came from, with its
 * words from there, so an edit at its new place shows in neither of the two
 * comparisons above. The "moved" view shows it where it went, with the words
 * it came with (what was edited after moving it is marked inside it):
 * against the in-force text, a word it brings is an edit no mark shows. The
 * move itself, and the renumbering it brings, are not; nor is what the
 * rejected view's difference already has.
 * Only an entry that brings a word its in-force side lacks is counted: where
 * redline's writer marked a moved clause's changed words, their old spelling
 * stays in the move's source, so the moved view lacks words it does not lack.
 */
function editsInMovedText(inForceTree: ClauseTree, movedTree: ClauseTree, found: DeltaClause[], options: CheckOptions, deltaOptions: { maxEditLength?: number }): DeltaClause[] {
  const key = (c: DeltaClause) => `${c.old?.id ?? ""}\u0000${c.new?.id ?? ""}`;
  const seen = new Set(found.map(key));
  const bringsWord = (c: DeltaClause) => {
    const had = new Set(words(c.old?.text ?? ""));
    return words(c.new?.text ?? "").some((w) => !had.has(w));
  };
  return toDelta(align(inForceTree, movedTree, options), deltaOptions).clauses.filter((c) => c.marker !== "NOC" && !seen.has(key(c)) && bringsWord(c));
}

/** Letters and digits in a run, or one other mark. */
function words(text: string): string[] {
  return text.match(/[\p{L}\p{N}\p{M}]+|[^\s\p{L}\p{N}\p{M}]/gu) ?? [];
}

function paragraphKeys(text: string): string[] {
  return text
    .split("\n")
    .map(normalizeKey)
    .filter((key) => key !== "");
}

const warning = (code: string, text: string): Message => ({ type: "message", level: "warning", code, text });
const info = (code: string, text: string): Message => ({ type: "message", level: "info", code, text });

/**
 * A proposal's view read as the in-force text was. A plain-text in-force text
 * carries no styles: what the Word document marks as a heading, a table cell
 * or a note is a clause line there, and a heading does not pair with a clause
 * of the same words. So against a text, each view is read as its canonical
 * text (what `redline textconv` prints of it), which is how such an in-force
 * text is usually made.
 */
function readAs(inForce: Doc, view: Doc, profile: ProfileName): Doc {
  if (inForce.format !== "text" || view.format === "text") return view;
  return readText(canonicalText(structure(view, profile)), view.name === null ? {} : { name: view.name });
}

export function check(inForce: Doc, proposal: ProposalViews, options: CheckOptions = {}): Check {
  const profile = chooseProfile(inForce, proposal.rejected, options.profile);
  const inForceTree = structure(inForce, profile);
  const rejectedTree = structure(readAs(inForce, proposal.rejected, profile), profile);
  const acceptedTree = structure(readAs(inForce, proposal.accepted, profile), profile);
  const deltaOptions = options.maxEditLength ? { maxEditLength: options.maxEditLength } : {};
  const claimed = toDelta(align(inForceTree, rejectedTree, options), deltaOptions);
  const proposed = toDelta(align(rejectedTree, acceptedTree, options), deltaOptions);

  const differences = claimed.clauses.filter(touched);
  if (proposal.moved) differences.push(...editsInMovedText(inForceTree, structure(readAs(inForce, proposal.moved, profile), profile), differences, options, deltaOptions));
  const unmarked = options.strictSpacing ? differences : differences.filter((c) => !spacingOnly(c));
  // an empty paragraph left behind by a whole marked insertion or deletion is not a change to list
  const marked = proposed.clauses.filter((c) => touched(c) && !spacingOnly(c));

  // the rejected view takes back marked formatting changes (w:rPrChange): what differs there was not marked
  const formatting: FormattingEdit[] = [];
  formattingChanges(inForce, proposal.rejected, claimed.clauses).forEach((changes, k) => {
    const c = claimed.clauses[k]!;
    if (changes) formatting.push({ old: c.old!.id, new: c.new!.id, changes });
  });

  const warnings: Message[] = [];
  if (inForce.hasRevisions) {
    warnings.push(warning("in-force-has-revisions", "the in-force text has tracked changes; its accepted view was used"));
  }
  if (!proposal.hasRevisions) {
    warnings.push(warning("proposal-without-revisions", "the proposal has no tracked changes: every difference from the in-force text is unmarked"));
  } else if (marked.length === 0) {
    // e.g. formatting changes only, or revisions in headers and footers, which are not read
    warnings.push(warning("revisions-without-text-changes", "the proposal's tracked changes change none of its text: no text change is marked"));
  }
  const spacing = differences.length - unmarked.length;
  if (spacing > 0) {
    warnings.push(info("spacing-only", `${spacing === 1 ? "1 entry differs" : `${spacing} entries differ`} from the in-force text only in spacing or by an empty paragraph; not counted as unmarked`));
  }
  if (formatting.length > 0) {
    const n = formatting.length;
    const counted = options.strictFormatting ? "counted against clean (strict formatting)" : "not counted as unmarked edits";
    warnings.push(warning("unmarked-formatting", `${n === 1 ? "1 entry formats" : `${n} entries format`} text otherwise than the in-force text without a mark (bold, italic, super- or subscript, ...): listed apart, ${counted}`));
  }
  warnings.push(...readerWarnings(inForce, "in-force text"), ...readerWarnings(proposal.accepted, "proposal"), ...capNotes(claimed, proposed));

  return {
    format: "redline-check",
    version: 1,
    profile,
    inForce: { name: options.inForce?.name ?? inForce.name, sha256: options.inForce?.sha256 ?? null, hasRevisions: inForce.hasRevisions },
    proposal: { name: options.proposal?.name ?? proposal.rejected.name, sha256: options.proposal?.sha256 ?? null, hasRevisions: proposal.hasRevisions },
    unmarked,
    marked,
    formatting,
    warnings,
    clean: unmarked.length === 0 && !(options.strictFormatting && formatting.length > 0),
  };
}

/** A reader's warnings (content it dropped), said of the document they are about. */
function readerWarnings(doc: Doc, which: string): Message[] {
  return doc.messages.filter((m) => m.level === "warning").map((m) => ({ ...m, text: `${which}: ${m.text}` }));
}

/** Where a work cap made a comparison coarser than it could be. */
function capNotes(claimed: Delta, proposed: Delta): Message[] {
  return [
    ...claimed.notes.map((n) => info("approximate", `in-force text against the proposal's unmarked text: ${n}`)),
    ...proposed.notes.map((n) => info("approximate", `the proposal's marked changes: ${n}`)),
  ];
}
