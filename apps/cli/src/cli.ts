/**
 * The redline command. Everything user-caused ends as one line on stderr
 * ("redline: FILE: what is wrong") and exit status 2; anything else is a bug
 * and is reported as one, still with status 2 and never a partial output.
 *
 * This module only exports `runCli`: launch.ts (dist/main.js) runs it, from
 * the single-file bundle with V8's code cache when the build made one.
 */
import { isRedlineError } from "@redline/core";
import { runBatch } from "./commands/batch.js";
import { runCompare } from "./commands/compare.js";
import { runTextconv } from "./commands/textconv.js";
import { MAIN_HELP } from "./help.js";
import { buildHooks } from "./hooks.js";
import { VERSION } from "./version.js";

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case "help":
    case "-h":
    case "--help":
      process.stdout.write(MAIN_HELP);
      return command === undefined ? 2 : 0;
    case "-V":
    case "--version":
    case "version":
      process.stdout.write(`redline ${VERSION}\n`);
      return 0;
    // check and view always load the docx package: they are imported only when asked for
    case "compare":
      return runCompare(rest, buildHooks);
    case "batch":
      return runBatch(rest, buildHooks);
    case "check":
      return (await import("./commands/check.js")).runCheck(rest, await buildHooks(true));
    case "view":
      return (await import("./commands/view.js")).runView(rest);
    case "textconv":
      return runTextconv(rest, buildHooks);
    default:
      process.stderr.write(`redline: unknown command '${command}' (try 'redline --help')\n`);
      return 2;
  }
}

/** Runs one command line (without "node" and the script) and gives the exit status; never throws. */
export async function runCli(argv: string[]): Promise<number> {
  try {
    return await main(argv);
  } catch (e) {
    if (isRedlineError(e)) process.stderr.write(`redline: ${e.message}\n`);
    else process.stderr.write(`redline: internal error: ${e instanceof Error ? e.message : String(e)} (please report this with the input files)\n`);
    return 2;
  }
}
