/**
 * The viewer builds to a static folder (dist/) that works from any path on
 * any host (relative asset URLs), and from `redline view`. The workspace
 * packages are used from their own builds (dist/), which turbo makes before
 * this one (`pnpm build`), exactly as the CLI uses them.
 *
 * The built page carries a Content-Security-Policy that allows requests to
 * its own origin only: the browser itself enforces that documents are never
 * sent anywhere.
 */
import preact from "@preact/preset-vite";
import { defineConfig, type Plugin } from "vite";

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

function contentSecurityPolicy(): Plugin {
  return {
    name: "redline-csp",
    apply: "build",
    transformIndexHtml: (html) => html.replace("<meta charset=\"utf-8\" />", `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`),
  };
}

export default defineConfig({
  base: "./",
  plugins: [preact({ devToolsEnabled: false, prefreshEnabled: true }), contentSecurityPolicy()],
  // one worker file: the docx generator, loaded lazily in Node, must not become a chunk fetched on first
  // export, or a page that lost its connection after loading could no longer export
  worker: { format: "es", rolldownOptions: { output: { codeSplitting: false } } },
  build: {
    target: "es2022",
    outDir: "dist",
    emptyOutDir: true,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 2048,
  },
  server: { host: "127.0.0.1", port: 5173 },
  preview: { host: "127.0.0.1", port: 4173 },
});
