/** redline textconv FILE: the normalised text of a document, for git diff and for people. */
import { canonicalText, RedlineError, structure, type ProfileOption } from "@redline/core";
import { oneOf, parse } from "../args.js";
import { TEXTCONV_HELP } from "../help.js";
import { readInput } from "../io.js";
import { inputKind, loadDoc } from "../load.js";
import type { HooksFor } from "./compare.js";

export async function runTextconv(argv: string[], hooksFor: HooksFor = () => ({})): Promise<number> {
  const { values, positionals } = parse(argv, { profile: { type: "string", short: "p" }, help: { type: "boolean", short: "h" } }, "textconv");
  if (values.help) {
    process.stdout.write(TEXTCONV_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new RedlineError("bad-arguments", null, "textconv needs one file; see 'redline textconv --help'");
  const input = readInput(positionals[0]!);
  const profile = oneOf(values.profile, ["auto", "itu-resolution", "numbered", "plain"] as const, "--profile", "auto") as ProfileOption;
  const readers = await hooksFor(inputKind(input) === "docx");
  process.stdout.write(canonicalText(structure(loadDoc(input, readers), profile)));
  return 0;
}
