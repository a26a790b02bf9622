/**
 * `redline view OLD NEW`: the CLI serves the built viewer on 127.0.0.1 with
 * the pair loaded. The server (apps/cli/src/commands/view.ts) is tested here
 * beside the page it serves: what it answers and refuses, and that the page
 * it serves shows the pair's comparison without any request beyond its own
 * origin. When the built CLI has the command, it is also run as a user would.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compare, readText, isRedlineError } from "@redline/core";
import { generateTrackedDocx } from "@redline/docx";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runView, startViewServer, type ViewServer } from "../../cli/src/commands/view.js";
import { APP, DIST, ensureBuilt } from "./tools/build.js";
import { chromiumUnavailable, launchChromium } from "./tools/chromium.js";

const CI = process.env.CI === "true";
const missing = chromiumUnavailable();
if (missing !== null) console.warn(`view.test: browser cases skipping: ${missing}${CI ? " (fails under CI=true)" : ""}`);

const ROOT = join(APP, "..", "..");
const OLD = join(ROOT, "examples", "res-99-in-force.txt");
const NEW = join(ROOT, "examples", "res-99-proposed.txt");
const CLI = join(ROOT, "apps", "cli", "dist", "main.js");

function pairOf(mode: "compare" | "check", oldPath: string, newPath: string) {
  const name = (p: string) => p.slice(p.lastIndexOf("/") + 1);
  return { dist: DIST, mode, old: { name: name(oldPath), bytes: readFileSync(oldPath) }, new: { name: name(newPath), bytes: readFileSync(newPath) }, port: 0 };
}

/** A raw HTTP exchange, with any method and Host header. */
function http(url: string, options: { method?: string; host?: string; path?: string } = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port: u.port, method: options.method ?? "GET", path: options.path ?? "/", headers: options.host ? { Host: options.host } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

let browser: Browser | null = null;
let tmp: string;
const servers: ViewServer[] = [];

describe("redline view", () => {
  beforeAll(async () => {
    ensureBuilt();
    tmp = mkdtempSync(join(tmpdir(), "redline-view-"));
    if (missing === null || CI) browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    for (const s of servers) await s.close();
    await browser?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it("serves the viewer and the pair on 127.0.0.1, GET only, nothing outside the viewer's folder", async () => {
    const viewer = await startViewServer(pairOf("compare", OLD, NEW));
    servers.push(viewer);
    expect(viewer.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect((viewer.server.address() as { address: string }).address).toBe("127.0.0.1");

    const page = await http(viewer.url);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`<meta name="redline-pair" content="{&quot;mode&quot;:&quot;compare&quot;,&quot;old&quot;:&quot;res-99-in-force.txt&quot;,&quot;new&quot;:&quot;res-99-proposed.txt&quot;}" />`);
    expect(page.headers["content-security-policy"]).toContain("connect-src 'self'");
    const pairOld = await http(viewer.url, { path: "/__pair/old" });
    expect(pairOld.body).toBe(readFileSync(OLD, "utf8"));
    expect((await http(viewer.url, { method: "POST" })).status).toBe(405);
    expect((await http(viewer.url, { method: "HEAD", path: "/__pair/old" })).status).toBe(405);
    expect((await http(viewer.url, { path: "/assets/" })).status).toBe(404);
    expect((await http(viewer.url, { path: "/assets" })).status).toBe(404);
    expect((await http(viewer.url, { path: "/%2e%2e/package.json" })).status).toBe(404);
    expect((await http(viewer.url, { path: "/../../package.json" })).status).toBe(404);
    expect((await http(viewer.url, { path: "/__pair/other" })).status).toBe(404);
    // a name that points at 127.0.0.1 from elsewhere (DNS rebinding) gets nothing
    expect((await http(viewer.url, { host: "attacker.example:80" })).status).toBe(421);
  });

  it("refuses what `redline compare` refuses, with the same messages", async () => {
    const bad = join(tmp, "bad.docx");
    writeFileSync(bad, "not a zip");
    await expect(runView([OLD])).rejects.toThrow(/view needs two files, OLD and NEW \(got 1\)/);
    await expect(runView(["--check", OLD, NEW])).rejects.toThrow(/res-99-proposed\.txt: is not a Word document/);
    await expect(runView(["--port", "70000", OLD, NEW])).rejects.toThrow(/--port must be at most 65535/);
    const e = await runView([bad, NEW]).catch((x: unknown) => x);
    expect(isRedlineError(e)).toBe(true);
    if (existsSync(CLI)) {
      const r = spawnSync(process.execPath, [CLI, "compare", bad, NEW], { encoding: "utf8" });
      expect(`redline: ${(e as Error).message}\n`).toBe(r.stderr);
    }
  });

  it.skipIf(missing !== null && !CI)("the page it serves shows the pair's comparison, and the check of a proposal, asking only its own origin", async () => {
    const viewer = await startViewServer(pairOf("compare", OLD, NEW));
    servers.push(viewer);
    const context = await browser!.newContext({ viewport: { width: 1280, height: 800 } });
    const requests: string[] = [];
    context.on("request", (r) => requests.push(r.url()));
    const page = await context.newPage();
    await page.goto(viewer.url);
    await page.waitForSelector("#timing[data-ms]", { timeout: 30_000 });
    const delta = compare(readText(readFileSync(OLD), { name: "a" }), readText(readFileSync(NEW), { name: "b" }));
    expect(Number(await page.textContent('[data-figure="modified"] strong'))).toBe(delta.summary.modified);
    expect(await page.textContent(".file-card .file-meta")).toContain("from redline view");
    expect(requests.every((u) => u.startsWith(viewer.url) || u.startsWith("data:") || u.startsWith("blob:"))).toBe(true);
    expect(requests).toContain(`${viewer.url}__pair/old`);

    const claimed = readFileSync(OLD, "utf8").replace("should encourage the preparation", "should support the preparation");
    const proposal = join(tmp, "proposal.docx");
    const marked = compare(readText(Buffer.from(claimed), { name: "c" }), readText(readFileSync(NEW), { name: "p" }));
    writeFileSync(proposal, await generateTrackedDocx(marked, { author: "P", date: "2024-10-15T00:00:00Z", moves: true }));
    const checker = await startViewServer(pairOf("check", OLD, proposal));
    servers.push(checker);
    await page.goto(checker.url);
    await page.waitForSelector(".verdict-line", { timeout: 30_000 });
    expect(await page.getAttribute(".verdict-line", "data-unmarked")).toBe("1");
    await context.close();
  });

  it("runs from the built CLI until Ctrl-C, printing its address", async () => {
    if (!existsSync(CLI)) return console.warn("view.test: the CLI is not built; skipping the end-to-end run");
    const child = spawn(process.execPath, [CLI, "view", OLD, NEW], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const deadline = Date.now() + 15_000;
    while (!stdout.includes("\n") && !/unknown command/.test(stderr) && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
    if (/unknown command 'view'/.test(stderr)) {
      console.warn("view.test: the built CLI has no 'view' command yet (apps/cli/src/cli.ts must route it to runView); skipping the end-to-end run");
      await exited;
      return;
    }
    const line = stdout.split("\n")[0]!;
    expect(line).toMatch(/^redline view: http:\/\/127\.0\.0\.1:\d+\/$/);
    const url = line.slice("redline view: ".length);
    const res = await http(url);
    expect(res.status).toBe(200);
    expect(res.body).toContain("res-99-proposed.txt");
    child.kill("SIGINT");
    expect(await exited).toBe(0);
  });
});
