/**
 * dist/main.js, the `redline` executable: runs the command from the cached
 * single-file bundle (bundle.ts), or from the ES modules if the build made
 * no bundle. Both are built from the same sources and behave the same.
 */
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { loadBundle, type CliModule } from "./bundle.js";

// stdout closed early (e.g. piped into head) is not an error worth a stack trace
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});

/** The bundle's command, or null if there is none or it failed to load (then the ES modules run, and report any error themselves). */
function bundled(): CliModule | null {
  try {
    return loadBundle(dirname(fileURLToPath(import.meta.url)))?.cli ?? null;
  } catch {
    return null;
  }
}

const cli: CliModule = bundled() ?? (await import("./cli.js"));
process.exitCode = await cli.runCli(process.argv.slice(2));
