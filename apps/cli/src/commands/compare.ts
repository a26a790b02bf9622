/**
 * redline compare OLD NEW: the precise delta of NEW against OLD, in the format
 * asked for. Exit status like diff(1): 0 same, 1 different, 2 trouble.
 */
import { hasChanges, RedlineError, type Delta, type ProfileOption } from "@redline/core";
import { renderSummary } from "@redline/render";
import { nonNegativeInt, oneOf, parse } from "../args.js";
import { COMPARE_HELP } from "../help.js";
import { assertNotAnInput, readInput, type Input } from "../io.js";
import { inputKind, type DocReaders } from "../load.js";
import { sink, useColor } from "../output.js";
import { deltaOf, renderDelta } from "../pipeline.js";

export const FORMATS = ["text", "md", "json", "html", "docx"] as const;
export type Format = (typeof FORMATS)[number];
export const PROFILES = ["auto", "itu-resolution", "numbered", "plain"] as const;

const EXT: Record<string, Format> = { txt: "text", text: "text", md: "md", markdown: "md", json: "json", html: "html", htm: "html", docx: "docx" };

export interface CompareHooks extends DocReaders {
  /** renders the tracked-change .docx, when the docx package is available */
  writeDocx?: (delta: Delta, oldInput: Input, newInput: Input, opts: { author: string; date: string; moves: boolean }) => Promise<{ bytes: Uint8Array; messages: string[] }>;
}

/**
 * The hooks for one comparison, given whether it involves a Word document
 * (an input, or the result): lets the CLI load the docx package only then.
 */
export type HooksFor = (docx: boolean) => CompareHooks | Promise<CompareHooks>;

export function formatFor(out: string | null, flag: string | undefined): Format {
  if (flag !== undefined) return oneOf(flag, FORMATS, "--format", "text");
  if (!out) return "text";
  const ext = /\.([^./\\]+)$/.exec(out)?.[1]?.toLowerCase();
  const f = ext ? EXT[ext] : undefined;
  if (!f) throw new RedlineError("bad-arguments", out, "has an extension redline does not write; use .docx, .html, .md, .json or .txt, or say --format");
  return f;
}

/** The --date value, or SOURCE_DATE_EPOCH, or now: an ISO 8601 instant without milliseconds. */
export function revisionDate(flag: string | undefined): string {
  if (flag !== undefined) {
    const t = Date.parse(flag);
    if (Number.isNaN(t)) throw new RedlineError("bad-arguments", null, `--date must be an ISO 8601 date such as 2024-10-15 or 2024-10-15T09:30:00Z (got '${flag}')`);
    return new Date(t).toISOString().replace(/\.\d{3}Z$/, "Z");
  }
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
  return new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
}

export async function runCompare(argv: string[], hooksFor: HooksFor = () => ({})): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      output: { type: "string", short: "o" },
      format: { type: "string", short: "f" },
      profile: { type: "string", short: "p" },
      author: { type: "string" },
      date: { type: "string" },
      color: { type: "string" },
      context: { type: "string", short: "C" },
      stat: { type: "boolean" },
      quiet: { type: "boolean", short: "q" },
      "no-moves": { type: "boolean" },
      "max-size": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    "compare",
  );
  if (values.help) {
    process.stdout.write(COMPARE_HELP);
    return 0;
  }
  if (positionals.length !== 2) {
    throw new RedlineError("bad-arguments", null, `compare needs two files, OLD and NEW (got ${positionals.length}); see 'redline compare --help'`);
  }
  const [oldArg, newArg] = positionals as [string, string];
  if (oldArg === "-" && newArg === "-") throw new RedlineError("bad-arguments", null, "only one of OLD and NEW can be '-' (stdin)");
  const out = values.output ?? null;
  const format = formatFor(out, values.format);
  const profile = oneOf(values.profile, PROFILES, "--profile", "auto") as ProfileOption;
  const color = useColor(oneOf(values.color, ["always", "never", "auto"] as const, "--color", "auto"), out !== null);
  const context = nonNegativeInt(values.context, "--context");
  const maxMb = nonNegativeInt(values["max-size"], "--max-size");
  const date = revisionDate(values.date);
  if (out) assertNotAnInput(out, [oldArg, newArg]);
  if (format === "docx" && !out) throw new RedlineError("bad-arguments", null, "a .docx result needs a file: add -o REDLINE.docx");

  const maxBytes = maxMb === null ? undefined : maxMb * 1024 * 1024;
  const oldIn = readInput(oldArg, maxBytes);
  const newIn = readInput(newArg, maxBytes);
  const hooks = await hooksFor(format === "docx" || inputKind(oldIn) === "docx" || inputKind(newIn) === "docx");
  const delta = deltaOf(oldIn, newIn, profile, hooks);
  const changed = hasChanges(delta);
  if (values.quiet) return changed ? 1 : 0;

  const to = sink(out);
  if (values.stat) {
    to.result(format === "json" ? `${JSON.stringify(delta.summary, null, 2)}\n` : renderSummary(delta, { color }));
    return changed ? 1 : 0;
  }
  const rendered = await renderDelta(delta, oldIn, newIn, {
    format,
    changed,
    author: values.author ?? "redline",
    date,
    moves: !values["no-moves"],
    color,
    context,
    width: out ? undefined : process.stdout.columns,
    out,
  }, hooks);
  for (const m of rendered.messages) process.stderr.write(`redline: note: ${m}\n`);
  to.result(rendered.data);
  return changed ? 1 : 0;
}
