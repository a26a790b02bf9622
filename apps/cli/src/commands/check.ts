/**
 * redline check IN_FORCE PROPOSAL.docx: the secretariat's check of a proposal
 * that shows its changes as tracked revisions. Its rejected view is what it
 * claims the in-force text is; every difference from the real in-force text
 * is an edit made without a revision mark. Exit status: 0 clean, 1 unmarked
 * edits found, 2 trouble. Formatting changed without a mark is reported
 * apart and leaves the status as it is (check/model.ts says why).
 */
import { check, compare, countWords, excerpt, RedlineError, type Check, type DeltaClause, type Doc, type FormattingEdit, type InlineOp, type Message, type ProfileOption } from "@redline/core";
import { generateTrackedDocx, readDocxViews, type DocxViews } from "@redline/docx";
import { address, describeUnmarkedFormatting, tags } from "@redline/render";
import { nonNegativeInt, oneOf, parse } from "../args.js";
import { CHECK_HELP } from "../help.js";
import { assertNotAnInput, readInput, writeAtomic, type Input } from "../io.js";
import { inputKind, loadDoc } from "../load.js";
import { useColor } from "../output.js";
import { PROFILES, revisionDate, type CompareHooks } from "./compare.js";

export async function runCheck(argv: string[], hooks: CompareHooks = {}): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      output: { type: "string", short: "o" },
      format: { type: "string", short: "f" },
      profile: { type: "string", short: "p" },
      author: { type: "string" },
      date: { type: "string" },
      color: { type: "string" },
      quiet: { type: "boolean", short: "q" },
      "strict-spacing": { type: "boolean" },
      "strict-formatting": { type: "boolean" },
      "no-moves": { type: "boolean" },
      "max-size": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    "check",
  );
  if (values.help) {
    process.stdout.write(CHECK_HELP);
    return 0;
  }
  if (positionals.length !== 2) {
    throw new RedlineError("bad-arguments", null, `check needs two files, IN_FORCE and PROPOSAL (got ${positionals.length}); see 'redline check --help'`);
  }
  const [inForceArg, proposalArg] = positionals as [string, string];
  if (proposalArg === "-") throw new RedlineError("bad-arguments", null, "PROPOSAL cannot be '-': a text read from stdin cannot carry revision marks; give the proposal's .docx file");
  const format = oneOf(values.format, ["text", "json"] as const, "--format", "text");
  const profile = oneOf(values.profile, PROFILES, "--profile", "auto") as ProfileOption;
  const color = useColor(oneOf(values.color, ["always", "never", "auto"] as const, "--color", "auto"), false);
  const maxMb = nonNegativeInt(values["max-size"], "--max-size");
  const date = revisionDate(values.date);
  const out = values.output ?? null;
  if (out !== null) {
    if (!/\.docx$/i.test(out)) throw new RedlineError("bad-arguments", out, "-o writes the corrected tracked-change document: give it a .docx name");
    assertNotAnInput(out, [inForceArg, proposalArg]);
  }

  const maxBytes = maxMb === null ? undefined : maxMb * 1024 * 1024;
  const inForceIn = readInput(inForceArg, maxBytes);
  const proposalIn = readInput(proposalArg, maxBytes);
  if (inputKind(proposalIn) !== "docx") {
    throw new RedlineError("unsupported-format", proposalArg, "is not a Word document: a text or Markdown proposal cannot carry revision marks, so there is nothing to check; give the .docx with tracked changes");
  }
  const inForce = loadDoc(inForceIn, hooks);
  const views = readDocxViews(proposalIn.bytes, { name: proposalIn.arg });
  const result = check(inForce, views, {
    profile,
    strictSpacing: values["strict-spacing"] ?? false,
    strictFormatting: values["strict-formatting"] ?? false,
    inForce: { name: inForceIn.name, sha256: inForceIn.sha256 },
    proposal: { name: proposalIn.name, sha256: proposalIn.sha256 },
  });

  if (out !== null) {
    const written = await writeCorrected(result, inForce, views, inForceIn, proposalIn, { author: values.author ?? "redline", date, moves: !values["no-moves"] }, hooks);
    writeAtomic(out, written.bytes);
    if (!values.quiet) for (const m of written.messages) process.stderr.write(`redline: note: ${m}\n`);
  }
  if (!values.quiet) process.stdout.write(format === "json" ? `${JSON.stringify(result, null, 2)}\n` : renderCheck(result, { color }));
  return result.clean ? 0 : 1;
}

/**
 * The true precise delta, the in-force text against the proposal's accepted
 * view, as a tracked-change document: the proposal's own package revised in
 * place (its own revisions accepted first) when the in-force text is a Word
 * document too, generated in ITU styles otherwise.
 */
async function writeCorrected(
  result: Check,
  inForce: Doc,
  views: DocxViews,
  inForceIn: Input,
  proposalIn: Input,
  opts: { author: string; date: string; moves: boolean },
  hooks: CompareHooks,
): Promise<{ bytes: Uint8Array; messages: string[] }> {
  const delta = compare(inForce, views.accepted, {
    profile: result.profile,
    old: { name: inForceIn.name, sha256: inForceIn.sha256 },
    new: { name: proposalIn.name, sha256: proposalIn.sha256 },
  });
  if (hooks.writeDocx) return hooks.writeDocx(delta, inForceIn, proposalIn, opts);
  return { bytes: await generateTrackedDocx(delta, opts), messages: ["the corrected document is generated from the texts in ITU styles (this build cannot revise a package in place)"] };
}

export interface CheckRenderOptions {
  color: boolean;
}

/**
 * The report for a terminal: a header, the warnings, the unmarked edits with
 * a short context each, the marked changes by clause, and a verdict. Without
 * colour, changes read `[-in force-]{+proposal+}` as in `redline compare`.
 */
export function renderCheck(result: Check, options: CheckRenderOptions): string {
  const { color } = options;
  const name = (n: string | null, fallback: string) => sanitize(n ?? fallback);
  const blocks: string[][] = [[paint(`redline check: ${name(result.proposal.name, "the proposal")} against ${name(result.inForce.name, "the in-force text")} (in force)`, "bold", color)]];
  if (result.warnings.length > 0) blocks.push(result.warnings.map((w) => warningLine(w, color)));

  const unmarked = [paint(`Unmarked edits (${result.unmarked.length})`, "bold", color)];
  if (result.unmarked.length === 0) unmarked.push("  none");
  else {
    unmarked.push(`  ${paint(color ? "in force" : "[-in force-]", "delete", color)} ${paint(color ? "in the proposal, unmarked" : "{+in the proposal, unmarked+}", "insert", color)}`);
    for (const c of result.unmarked) unmarked.push(`  ${paint("UNMARKED", "unmarked", color)} ${entryHeader(c, color)}`, `      ${contextLine(c, color)}`);
  }
  blocks.push(unmarked);

  const marked = [paint(`Marked changes (${result.marked.length})`, "bold", color)];
  if (result.marked.length === 0) marked.push("  none");
  for (const c of result.marked) marked.push(`  ${entryHeader(c, color)}${wordCounts(c)}`);
  blocks.push(marked);

  if (result.formatting.length > 0) blocks.push(formattingBlock(result.formatting, color));

  blocks.push([verdict(result, color)]);
  return blocks.map((b) => b.join("\n")).join("\n\n") + "\n";
}

/** "MOD considering/c → considering/d [renumbered c) → d)]" */
function entryHeader(c: DeltaClause, color: boolean): string {
  const parts = [paint(c.marker, c.marker, color), paint(sanitize(address(c)), "bold", color)];
  for (const t of tags(c)) parts.push(paint(`[${sanitize(t)}]`, "tag", color));
  return parts.join(" ");
}

function contextLine(c: DeltaClause, color: boolean): string {
  return excerpt(c).map((o) => opText(o, color)).join("");
}

function opText(o: InlineOp, color: boolean): string {
  // continuation paragraphs of a clause are joined with "\n"; the context stays on one line
  const text = sanitize(o.text.replace(/\n/g, " ¶ "));
  if (o.op === "equal") return text;
  if (color) return paint(text, o.op, color);
  return o.op === "delete" ? `[-${text}-]` : `{+${text}+}`;
}

/** "  +3 −1 words", counted as the Delta's summary counts them. */
function wordCounts(c: DeltaClause): string {
  let plus = 0;
  let minus = 0;
  for (const o of c.inline) {
    if (o.op === "insert") plus += countWords(o.text);
    else if (o.op === "delete") minus += countWords(o.text);
  }
  return plus + minus === 0 ? "" : `  +${plus} −${minus} words`;
}

/** Most formatting changes listed in the terminal report (the JSON has every one). */
const FORMATTING_SHOWN = 20;

/**
 * "Formatting changed without a mark (2)", then per entry its address and
 * each stretch: `"10³": superscript in force, not in the proposal`.
 */
function formattingBlock(edits: FormattingEdit[], color: boolean): string[] {
  const lines = [paint(`Formatting changed without a mark (${edits.length})`, "bold", color)];
  let shown = 0;
  for (const e of edits) {
    if (shown === FORMATTING_SHOWN) {
      const rest = edits.length - shown;
      lines.push(`  … ${rest} more ${rest === 1 ? "entry" : "entries"} (--format json lists them all)`);
      break;
    }
    shown++;
    lines.push(`  ${paint(sanitize(e.old === e.new ? e.new : `${e.old} → ${e.new}`), "bold", color)}`);
    for (const c of e.changes) lines.push(`      "${sanitize(c.text)}": ${describeUnmarkedFormatting(c)}`);
  }
  return lines;
}

function warningLine(m: Message, color: boolean): string {
  return `${paint(m.level === "warning" ? "warning:" : "note:", m.level === "warning" ? "warning" : "dim", color)} ${sanitize(m.text)}`;
}

function verdict(result: Check, color: boolean): string {
  const marked = plural(result.marked.length, "marked change");
  if (result.clean && result.formatting.length > 0) {
    const n = result.formatting.length;
    return paint(`✓ no unmarked edits; ${marked}: the proposal's revision marks show every text difference from the in-force text, though ${n === 1 ? "1 entry is" : `${n} entries are`} formatted otherwise without a mark`, "clean", color);
  }
  if (result.clean) return paint(`✓ no unmarked edits; ${marked}: the proposal's revision marks show every difference from the in-force text`, "clean", color);
  if (result.unmarked.length === 0) {
    // not clean with no unmarked edit: the check was strict about formatting
    const n = result.formatting.length;
    return paint(`✗ ${n === 1 ? "1 entry" : `${n} entries`} formatted otherwise without a mark, ${marked}: the proposal changes the in-force text's formatting without marking it`, "unmarked", color);
  }
  return paint(`✗ ${plural(result.unmarked.length, "unmarked edit")}, ${marked}: the proposal changes the in-force text without marking it`, "unmarked", color);
}

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? "" : "s"}`;
}

/** The palette of `redline compare` (packages/render's terminal), and two more for the verdict. */
const SGR = {
  delete: "31;9",
  insert: "32;4",
  bold: "1",
  dim: "2",
  tag: "36",
  warning: "1;33",
  unmarked: "1;31",
  clean: "1;32",
  MOD: "1;33",
  ADD: "1;32",
  SUP: "1;31",
  NOC: "2",
} as const;

function paint(text: string, style: keyof typeof SGR, color: boolean): string {
  return color && text !== "" ? `\u001b[${SGR[style]}m${text}\u001b[0m` : text;
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * Document text made inert for a terminal, as packages/render does it: an ESC
 * in a document must not reach the terminal. Tabs become a space; other
 * controls their Unicode control picture.
 */
function sanitize(text: string): string {
  return text.replace(CONTROL, (ch) => {
    const code = ch.charCodeAt(0);
    if (code === 0x09) return " ";
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    return code === 0x7f ? "\u2421" : "\ufffd";
  });
}
