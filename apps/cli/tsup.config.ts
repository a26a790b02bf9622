import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";

const pkg = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as { version: string };
const define = { __REDLINE_VERSION__: JSON.stringify(pkg.version) };

// `pnpm build` empties dist/ first (package.json): the two builds below run at once, so neither may clean it
export default defineConfig([
  {
    // main.js, the executable, runs the bundle below if there is one, else cli.js and its chunks;
    // the batch workers load their own entry, found next to main.js (see src/batch/pool.ts)
    entry: { main: "src/launch.ts", cli: "src/cli.ts", bundle: "src/bundle.ts", "batch-worker": "src/batch/worker.ts", "code-cache": "src/code-cache.ts" },
    format: ["esm"],
    dts: false,
    clean: false,
    target: "node20",
    platform: "node",
    banner: { js: "#!/usr/bin/env node" },
    define,
  },
  {
    // the command in one CommonJS file with every dependency inside, for V8's code cache (src/bundle.ts)
    entry: { redline: "src/cli.ts" },
    format: ["cjs"],
    outExtension: () => ({ js: ".cjs" }),
    noExternal: [/.*/],
    dts: false,
    clean: false,
    target: "node20",
    platform: "node",
    // import.meta does not exist in CommonJS: the bundle's own URL stands in for it (pool.ts, view.ts)
    banner: { js: 'var __redlineModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
    define: { ...define, "import.meta.url": "__redlineModuleUrl" },
  },
]);
