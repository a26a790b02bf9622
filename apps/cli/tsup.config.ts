import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";

const pkg = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as { version: string };

export default defineConfig({
  // the batch workers load their own entry, found next to main.js (see src/batch/pool.ts)
  entry: { main: "src/main.ts", "batch-worker": "src/batch/worker.ts" },
  format: ["esm"],
  dts: false,
  clean: true,
  target: "node20",
  platform: "node",
  banner: { js: "#!/usr/bin/env node" },
  define: { __REDLINE_VERSION__: JSON.stringify(pkg.version) },
});
