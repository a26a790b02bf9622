#!/usr/bin/env node
// The README's first command: set up on a machine that has only Node 20 and npm,
// build, and print the redline of the bundled example. Each step says what it does.
import { spawnSync } from "node:child_process";

const run = (cmd, args, what) => {
  if (what) process.stderr.write(`\n> ${what}: ${cmd} ${args.join(" ")}\n`);
  const r = spawnSync(cmd, args, { stdio: "inherit", shell: process.platform === "win32" });
  return r.status ?? 1;
};
const has = (cmd) => spawnSync(cmd, ["--version"], { stdio: "ignore", shell: process.platform === "win32" }).status === 0;

if (!has("pnpm")) {
  if (run("npm", ["install", "--global", "pnpm@10"], "pnpm is missing; installing it with npm") !== 0) {
    process.stderr.write("\nCould not install pnpm with npm. Install it by hand (npm install -g pnpm@10) and run this again.\n");
    process.exit(1);
  }
}
for (const [args, what] of [
  [["install", "--frozen-lockfile", "--reporter=default"], "installing dependencies"],
  [["run", "--reporter=default", "build"], "building the packages"],
]) {
  if (run("pnpm", args, what) !== 0) process.exit(1);
}
process.stderr.write("\n> the redline of the bundled example, as `pnpm redline compare examples/res-99-in-force.txt examples/res-99-proposed.txt --context 1` prints it\n  (examples/README.md lists what the revision changed):\n\n");
const status = run("node", ["apps/cli/dist/main.js", "compare", "examples/res-99-in-force.txt", "examples/res-99-proposed.txt", "--context", "1", ...process.argv.slice(2)], null);
// compare exits 1 when it finds differences, which is the expected outcome here
process.exit(status === 1 ? 0 : status);
