/**
 * redline view OLD NEW: the web viewer (apps/web) on this computer, with the
 * pair already loaded. A small HTTP server on 127.0.0.1 serves the built
 * viewer and the two files, at /__pair/old and /__pair/new, to the page on
 * its own origin; the comparison itself runs in the browser, as it does when
 * files are dropped into the page. Runs until Ctrl-C.
 *
 * The server answers GET only, for the viewer's own files and the pair, to
 * requests addressed to 127.0.0.1 or localhost (a page elsewhere that
 * rebinds a name of its own to 127.0.0.1 gets nothing); there is no
 * directory listing and nothing outside the viewer's folder is served.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { RedlineError } from "@redline/core";
import { nonNegativeInt, parse } from "../args.js";
import { readInput, type Input } from "../io.js";
import { inputKind, loadDoc } from "../load.js";
import { readers } from "../readers.js";

export const VIEW_HELP = `Usage: redline view OLD NEW [--port N]
       redline view --check IN_FORCE PROPOSAL.docx [--port N]

Opens the redline viewer on this computer with the two files loaded: serves it
on http://127.0.0.1 (printing the address to open in a browser) until Ctrl-C.
The files are compared in the browser; nothing is sent anywhere else.

Options:
      --check           the secretariat's check: IN_FORCE and a PROPOSAL.docx
                        with tracked changes, as 'redline check' does it
      --port N          the port to listen on (default 0: any free port)
      --max-size MB     refuse inputs larger than MB megabytes (default 256)
  -h, --help            this help

Examples:
  redline view examples/res-99-in-force.txt examples/res-99-proposed.txt
  redline view --check res68.docx td666-proposal.docx --port 8080
`;

export type ViewMode = "compare" | "check";

export interface ViewServerOptions {
  /** the built viewer (apps/web/dist) */
  dist: string;
  mode: ViewMode;
  old: { name: string; bytes: Uint8Array };
  new: { name: string; bytes: Uint8Array };
  /** 0 for any free port */
  port: number;
}

export interface ViewServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
};

/** The page may talk to its own origin only (the viewer's build carries the same policy in a meta tag). */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const PAIR_META = /<meta name="redline-pair" content="[^"]*"\s*\/?>/;

/** Where the built viewer is: $REDLINE_WEB_DIST, or apps/web/dist beside this app (from dist/ or from src/commands/). */
export function findViewerDist(): string {
  const env = process.env.REDLINE_WEB_DIST;
  const candidates = env ? [resolve(env)] : [fileURLToPath(new URL("../../web/dist/", import.meta.url)), fileURLToPath(new URL("../../../web/dist/", import.meta.url))];
  for (const dir of candidates) if (existsSync(join(dir, "index.html"))) return resolve(dir);
  throw new RedlineError("not-found", candidates[0]!, "the web viewer is not built here; run 'pnpm build' from the repository root first");
}

function escapeAttr(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export async function startViewServer(options: ViewServerOptions): Promise<ViewServer> {
  const dist = resolve(options.dist);
  const indexHtml = readFileSync(join(dist, "index.html"), "utf8");
  const pair = JSON.stringify({ mode: options.mode, old: options.old.name, new: options.new.name });
  if (!PAIR_META.test(indexHtml)) throw new RedlineError("unreadable", join(dist, "index.html"), "is not the redline viewer's page (it has no place for the pair); rebuild it with 'pnpm build'");
  const page = indexHtml.replace(PAIR_META, `<meta name="redline-pair" content="${escapeAttr(pair)}" />`);
  let port = options.port;

  const send = (res: ServerResponse, status: number, type: string, body: string | Uint8Array) => {
    res.writeHead(status, {
      "Content-Type": type,
      "Content-Length": Buffer.byteLength(body),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
      "X-Frame-Options": "DENY",
      "Cross-Origin-Opener-Policy": "same-origin",
      "Cross-Origin-Resource-Policy": "same-origin",
      "Content-Security-Policy": CSP,
    });
    res.end(body);
  };
  const text = (res: ServerResponse, status: number, body: string) => send(res, status, "text/plain; charset=utf-8", `${body}\n`);

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== "GET") {
      res.setHeader("Allow", "GET");
      return text(res, 405, "method not allowed");
    }
    const host = (req.headers.host ?? "").toLowerCase();
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return text(res, 421, "this server answers requests to 127.0.0.1 only");
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
    } catch {
      return text(res, 400, "bad request");
    }
    if (path === "/" || path === "/index.html") return send(res, 200, TYPES[".html"]!, page);
    if (path === "/__pair/old") return send(res, 200, "application/octet-stream", options.old.bytes);
    if (path === "/__pair/new") return send(res, 200, "application/octet-stream", options.new.bytes);
    if (path.includes("\0") || path.split("/").includes("..")) return text(res, 404, "not found");
    const file = resolve(dist, `.${path}`);
    if (!file.startsWith(dist + sep)) return text(res, 404, "not found");
    let body: Buffer;
    try {
      if (!statSync(file).isFile()) return text(res, 404, "not found");
      body = readFileSync(file);
    } catch {
      return text(res, 404, "not found");
    }
    return send(res, 200, TYPES[extname(file).toLowerCase()] ?? "application/octet-stream", body);
  };

  const server = createServer(handle);
  await new Promise<void>((resolveListen, reject) => {
    server.once("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "EADDRINUSE") reject(new RedlineError("bad-arguments", null, `port ${options.port} is in use; choose another with --port, or leave it out for any free port`));
      else if (e.code === "EACCES") reject(new RedlineError("bad-arguments", null, `port ${options.port} needs privileges this user lacks; choose a port above 1023`));
      else reject(e);
    });
    server.listen(options.port, "127.0.0.1", () => resolveListen());
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the server has no TCP address");
  port = address.port;
  return {
    url: `http://127.0.0.1:${port}/`,
    server,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

export async function runView(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      check: { type: "boolean" },
      port: { type: "string" },
      "max-size": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    "view",
  );
  if (values.help) {
    process.stdout.write(VIEW_HELP);
    return 0;
  }
  const mode: ViewMode = values.check ? "check" : "compare";
  if (positionals.length !== 2) {
    const what = mode === "check" ? "IN_FORCE and PROPOSAL" : "OLD and NEW";
    throw new RedlineError("bad-arguments", null, `view needs two files, ${what} (got ${positionals.length}); see 'redline view --help'`);
  }
  if (positionals.includes("-")) throw new RedlineError("bad-arguments", null, "view reads files, not stdin: give the two files' names");
  const port = nonNegativeInt(values.port, "--port") ?? 0;
  if (port > 65535) throw new RedlineError("bad-arguments", null, `--port must be at most 65535 (got ${port})`);
  const maxMb = nonNegativeInt(values["max-size"], "--max-size");
  const maxBytes = maxMb === null ? undefined : maxMb * 1024 * 1024;

  const [oldArg, newArg] = positionals as [string, string];
  const oldIn = readInput(oldArg, maxBytes);
  const newIn = readInput(newArg, maxBytes);
  // the page would say the same next to the file; saying it here first spares starting a viewer for nothing
  validate(oldIn);
  if (mode === "check" && inputKind(newIn) !== "docx") {
    throw new RedlineError("unsupported-format", newArg, "is not a Word document: a text or Markdown proposal cannot carry revision marks, so there is nothing to check; give the .docx with tracked changes");
  }
  validate(newIn);

  const viewer = await startViewServer({ dist: findViewerDist(), mode, old: { name: oldIn.name, bytes: oldIn.bytes }, new: { name: newIn.name, bytes: newIn.bytes }, port });
  process.stdout.write(`redline view: ${viewer.url}\n`);
  process.stderr.write(`redline view: ${mode === "check" ? `checking ${newIn.name} against ${oldIn.name}` : `${oldIn.name} → ${newIn.name}`}; open the address in a browser, press Ctrl-C to stop\n`);
  await new Promise<void>((stop) => {
    const done = () => {
      process.off("SIGINT", done);
      process.off("SIGTERM", done);
      stop();
    };
    process.on("SIGINT", done);
    process.on("SIGTERM", done);
  });
  await viewer.close();
  return 0;
}

function validate(input: Input): void {
  loadDoc(input, readers);
}
