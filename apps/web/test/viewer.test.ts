/**
 * The viewer as its users meet it: built, served from 127.0.0.1 and driven in
 * a real, headless Chromium (Debian's, through playwright-core). The files go
 * in through the page's own file inputs; the results are checked against the
 * CLI's for the same inputs, to the byte.
 *
 * Without Chromium everything skips with one line, except under CI=true,
 * where Chromium is installed and its absence fails the run.
 *
 * The README's screenshots (docs/images/web-*.png) are written here, only
 * when missing or with UPDATE_SCREENSHOTS=1.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compare, readText, type Check, type Delta } from "@redline/core";
import { element, generateTrackedDocx, readDocx } from "@redline/docx";
import { isTouched, address } from "@redline/render";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP, DIST, ensureBuilt } from "./tools/build.js";
import { chromiumUnavailable, launchChromium } from "./tools/chromium.js";
import { serveStatic, type Served } from "./tools/serve.js";

const CI = process.env.CI === "true";
const missing = chromiumUnavailable();
if (missing !== null) console.warn(`viewer.test: skipping: ${missing}${CI ? " (fails under CI=true)" : ""}`);

const ROOT = join(APP, "..", "..");
const EXAMPLES = join(ROOT, "examples");
const OLD = join(EXAMPLES, "res-99-in-force.txt");
const NEW = join(EXAMPLES, "res-99-proposed.txt");
const CLI = join(ROOT, "apps", "cli", "dist", "main.js");
const IMAGES = join(ROOT, "docs", "images");
const DATE = "2024-10-15T00:00:00Z";
const AUTHOR = "TSB";

let browser: Browser;
let served: Served;
let tmp: string;
const contexts: BrowserContext[] = [];

interface Opened {
  page: Page;
  /** http(s) requests made after the page and its worker had loaded */
  lateRequests: string[];
  errors: string[];
}

async function open(options: BrowserContextOptions = {}): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, acceptDownloads: true, ...options });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  const worker = page.waitForEvent("worker");
  await page.goto(served.url, { waitUntil: "load" });
  await worker;
  await page.waitForLoadState("networkidle");
  const lateRequests: string[] = [];
  context.on("request", (r) => {
    if (/^https?:/.test(r.url())) lateRequests.push(r.url());
  });
  return { page, lateRequests, errors };
}

async function text(page: Page, selector: string): Promise<string> {
  return ((await page.textContent(selector)) ?? "").replace(/\s+/g, " ").trim();
}

/** Waits until the result of the latest request is on screen (its timing is set after it was painted). */
async function waitForResult(page: Page, timeout = 30_000): Promise<number> {
  await page.waitForSelector("#timing[data-ms]", { timeout });
  return Number(await page.getAttribute("#timing", "data-ms"));
}

async function loadPair(page: Page, oldPath: string, newPath: string): Promise<number> {
  await page.setInputFiles("#file-old", oldPath);
  await page.setInputFiles("#file-new", newPath);
  return waitForResult(page);
}

async function figure(page: Page, key: string): Promise<number> {
  return Number(await text(page, `[data-figure="${key}"] strong`));
}

async function downloadFrom(page: Page, format: string): Promise<{ name: string; bytes: Uint8Array }> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(`[data-export="${format}"]`)]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: new Uint8Array(readFileSync(path)) };
}

async function setExportOptions(page: Page): Promise<void> {
  await page.click("details.options > summary");
  await page.getByLabel("Author").fill(AUTHOR);
  await page.getByLabel("Date").fill(DATE);
  await page.click("details.options > summary");
}

/** The CLI's output for the same inputs, or null when the CLI is not built. */
function cli(args: string[], cwd = ROOT): { status: number | null; stdout: Buffer; stderr: string } | null {
  if (!existsSync(CLI)) return null;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString("utf8") };
}

function cliOutput(args: string[], out: string): Uint8Array | null {
  const r = cli([...args, "-o", out]);
  if (r === null) return null;
  expect(r.status, r.stderr).toBeLessThan(2);
  return new Uint8Array(readFileSync(out));
}

const norm = (paragraphs: readonly string[]) => paragraphs.map((p) => p.replace(/[ \t]+/g, " ").trim()).filter((p) => p !== "");

function expectedDelta(): Delta {
  return compare(readText(readFileSync(OLD), { name: "res-99-in-force.txt" }), readText(readFileSync(NEW), { name: "res-99-proposed.txt" }));
}

/** Injects axe-core (the page's CSP is bypassed for this context only) and runs it over the whole page. */
async function axe(page: Page): Promise<{ id: string; help: string; nodes: string[] }[]> {
  const axePath = createRequire(join(APP, "package.json")).resolve("axe-core/axe.min.js");
  await page.addScriptTag({ content: readFileSync(axePath, "utf8") });
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } };
    const r = await w.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")) }));
  });
}

function screenshotWanted(file: string): boolean {
  return process.env.UPDATE_SCREENSHOTS === "1" || !existsSync(join(IMAGES, file));
}

describe.skipIf(missing !== null && !CI)("the web viewer in Chromium", () => {
  beforeAll(async () => {
    ensureBuilt();
    served = await serveStatic(DIST);
    browser = await launchChromium();
    tmp = mkdtempSync(join(tmpdir(), "redline-web-"));
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await served?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it("explains itself before any file is given, and says that files stay on the computer", async () => {
    const { page, errors } = await open();
    expect(await text(page, "h1")).toMatch(/what a revision changes/i);
    expect(await text(page, ".privacy")).toMatch(/never uploaded.*no network requests/i);
    expect(await page.locator("#file-old").count()).toBe(1);
    expect(await page.locator("#file-new").count()).toBe(1);
    expect(await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content")).toContain("connect-src 'self'");
    expect(errors).toEqual([]);
  });

  it("compares the example pair given through the file inputs: the Delta's figures, n and p, filters, views; no request after loading", async () => {
    const { page, lateRequests, errors } = await open();
    await loadPair(page, OLD, NEW);
    const delta = expectedDelta();
    const touched = delta.clauses.filter(isTouched);
    for (const key of ["modified", "added", "deleted", "moved", "renumbered", "unchanged"] as const) expect(await figure(page, key)).toBe(delta.summary[key]);
    expect(await text(page, '[data-figure="words"]')).toBe(`+${delta.summary.insertedWords} −${delta.summary.deletedWords} words`);
    expect(touched.length).toBe(36);
    expect(await text(page, "#position")).toBe("36 changes");
    expect(await text(page, ".changes-panel .panel-count")).toBe("36");

    // n steps through the changes in document order, the current one highlighted and on screen
    for (let i = 1; i <= 5; i++) await page.keyboard.press("n");
    await page.waitForFunction(() => document.getElementById("position")?.textContent === "Change 5 of 36");
    const current = page.locator('.doc-scroller article[aria-current="true"]');
    expect(await current.count()).toBe(1);
    expect(await current.getAttribute("aria-label")).toBe(`${touched[4]!.marker} ${address(touched[4]!)}`);
    const box = (await current.boundingBox())!;
    const view = (await page.locator(".doc-scroller").boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(view.y - 1);
    expect(box.y + Math.min(box.height, 100)).toBeLessThanOrEqual(view.y + view.height + 1);
    expect(await page.locator('[role="option"][aria-selected="true"]').getAttribute("id")).toBe(`chg-${delta.clauses.indexOf(touched[4]!)}`);
    await page.keyboard.press("p");
    await page.waitForFunction(() => document.getElementById("position")?.textContent === "Change 4 of 36");
    await page.click("text=Next ›");
    await page.waitForFunction(() => document.getElementById("position")?.textContent === "Change 5 of 36");

    // the last change is reachable with n, which then stays there
    for (let i = 0; i < 40; i++) await page.keyboard.press("n");
    await page.waitForFunction(() => document.getElementById("position")?.textContent === "Change 36 of 36");
    expect(await page.locator('.doc-scroller article[aria-current="true"]').getAttribute("aria-label")).toBe(`${touched[35]!.marker} ${address(touched[35]!)}`);

    // filters: kinds of change, section, text search
    for (const name of ["Modified", "Deleted", "Moved", "Renumbered"]) await page.getByRole("checkbox", { name: new RegExp(`^${name}`) }).uncheck();
    await page.waitForFunction(() => document.querySelector(".changes-panel .panel-count")?.textContent === "6 of 36");
    expect(await page.locator('[role="option"]').count()).toBe(6);
    // the current change (the last one) is filtered out: p goes to the last added entry before it
    expect(await text(page, "#position")).toBe("6 changes");
    await page.keyboard.press("p");
    await page.waitForFunction(() => document.getElementById("position")?.textContent === "Change 6 of 6");
    await page.click("text=Clear filters");
    await page.selectOption(".section-filter select", { value: "considering" });
    await page.waitForFunction(() => document.querySelector(".changes-panel .panel-count")?.textContent === "7 of 36");
    await page.selectOption(".section-filter select", { value: "" });
    const hits = touched.filter((c) => [c.old?.id, c.new?.id, c.old?.text, c.new?.text].join("\n").toLowerCase().includes("study group")).length;
    expect(hits).toBeGreaterThan(1);
    await page.fill("#change-search", "Study Group");
    await page.waitForFunction((n) => document.querySelector(".changes-panel .panel-count")?.textContent === `${n} of 36`, hits);
    await page.fill("#change-search", "");
    await page.waitForFunction(() => document.querySelector(".changes-panel .panel-count")?.textContent === "36");

    // side by side: one row per entry, old and new text aligned
    await page.focus('[role="listbox"]');
    await page.keyboard.press("Home");
    await page.waitForFunction(() => document.getElementById("position")?.textContent === "Change 1 of 36");
    await page.click("text=Side by side");
    await page.waitForSelector('.side-view [role="row"][id^="entry-"]');
    const firstRow = page.locator('.side-view [role="row"][id="entry-0"]');
    expect(await firstRow.locator('[role="cell"]').count()).toBe(2);
    expect(await text(page, '.side-view [id="entry-0"] [role="cell"]:nth-child(2)')).toContain("Hammamet, 2016");
    expect(await text(page, '.side-view [id="entry-0"] [role="cell"]:nth-child(3)')).toContain("Geneva, 2024");

    // deletions struck through, insertions underlined: not colour alone
    const decorations = await page.evaluate(() => ({
      ins: getComputedStyle(document.querySelector("ins")!).textDecorationLine,
      del: getComputedStyle(document.querySelector("del")!).textDecorationLine,
    }));
    expect(decorations).toEqual({ ins: "underline", del: "line-through" });

    expect(lateRequests).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("takes two files dropped at once, swaps them, and works offline", async () => {
    const { page, lateRequests } = await open();
    await page.context().setOffline(true);
    const files = await page.evaluateHandle(
      ({ a, b }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([a], "res-99-in-force.txt", { type: "text/plain" }));
        dt.items.add(new File([b], "res-99-proposed.txt", { type: "text/plain" }));
        return dt;
      },
      { a: readFileSync(OLD, "utf8"), b: readFileSync(NEW, "utf8") },
    );
    await page.dispatchEvent(".file-card >> nth=1", "drop", { dataTransfer: files });
    await waitForResult(page);
    expect(await text(page, "#file-old-title + .file-name .file-name-text")).toBe("res-99-in-force.txt");
    expect([await figure(page, "added"), await figure(page, "deleted")]).toEqual([6, 2]);
    await page.click('button:has-text("Swap the two documents")');
    await page.waitForFunction(() => document.querySelector('[data-figure="added"] strong')?.textContent === "2");
    expect(await figure(page, "deleted")).toBe(6);
    expect(await text(page, "#file-old-title + .file-name .file-name-text")).toBe("res-99-proposed.txt");
    const json = await downloadFrom(page, "json");
    expect((JSON.parse(Buffer.from(json.bytes).toString("utf8")) as Delta).old.name).toBe("res-99-proposed.txt");
    expect(lateRequests).toEqual([]);
  });

  it("exports the tracked .docx, the HTML report and the Delta JSON with the CLI's bytes; accepting all gives the new text", async () => {
    const { page, lateRequests } = await open();
    await loadPair(page, OLD, NEW);
    await setExportOptions(page);
    const args = ["compare", OLD, NEW, "--date", DATE, "--author", AUTHOR];

    const docx = await downloadFrom(page, "docx");
    expect(docx.name).toBe("res-99-proposed-redline.docx");
    const accepted = readDocx(docx.bytes, { name: docx.name, view: "accepted" });
    const rejected = readDocx(docx.bytes, { name: docx.name, view: "rejected" });
    expect(norm(accepted.paragraphs.map((p) => p.text))).toEqual(norm(readText(readFileSync(NEW), { name: "new" }).paragraphs.map((p) => p.text)));
    expect(norm(rejected.paragraphs.map((p) => p.text))).toEqual(norm(readText(readFileSync(OLD), { name: "old" }).paragraphs.map((p) => p.text)));
    const cliDocx = cliOutput(args, join(tmp, "cli.docx"));
    if (cliDocx) expect(Buffer.compare(Buffer.from(docx.bytes), Buffer.from(cliDocx))).toBe(0);

    const json = await downloadFrom(page, "json");
    const delta = JSON.parse(Buffer.from(json.bytes).toString("utf8")) as Delta;
    expect(delta.summary).toEqual(expectedDelta().summary);
    expect(delta.old).toEqual({ name: "res-99-in-force.txt", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const cliJson = cliOutput(args, join(tmp, "cli.json"));
    if (cliJson) expect(Buffer.from(json.bytes).toString("utf8")).toBe(Buffer.from(cliJson).toString("utf8"));

    const html = await downloadFrom(page, "html");
    expect(Buffer.from(html.bytes).toString("utf8")).toMatch(/^<!DOCTYPE html>/);
    const cliHtml = cliOutput(args, join(tmp, "cli.html"));
    if (cliHtml) expect(Buffer.from(html.bytes).toString("utf8")).toBe(Buffer.from(cliHtml).toString("utf8"));

    expect(lateRequests).toEqual([]);
  });

  it("runs the secretariat's check: a proposal with an unmarked edit is caught, as `redline check` reports it", async () => {
    // the proposed revision as tracked changes over a copy of the in-force text with one word changed unmarked
    const inForce = readFileSync(OLD, "utf8");
    const claimed = inForce.replace("should encourage the preparation", "should support the preparation");
    expect(claimed).not.toBe(inForce);
    const delta = compare(readText(Buffer.from(claimed), { name: "claimed.txt" }), readText(readFileSync(NEW), { name: "proposed.txt" }));
    const proposal = join(tmp, "td-proposal.docx");
    writeFileSync(proposal, await generateTrackedDocx(delta, { author: "Proponent", date: DATE, moves: true }));

    const { page, errors } = await open();
    await page.click("text=Check a proposal");
    await loadPair(page, OLD, proposal);
    expect(await page.getAttribute(".verdict-line", "data-unmarked")).toBe("1");
    expect(await text(page, ".verdict-line")).toMatch(/1 unmarked edit, 36 marked changes: the proposal changes the in-force text without marking it/);
    const unmarked = page.locator(".entry-unmarked");
    expect(await unmarked.count()).toBe(1);
    expect(await unmarked.getAttribute("aria-label")).toBe("Unmarked edit: MOD resolves/5");
    expect(await text(page, ".entry-unmarked del")).toBe("encourage");
    expect(await text(page, ".entry-unmarked ins")).toBe("support");
    await page.keyboard.press("n");
    await page.waitForFunction(() => document.getElementById("position")?.textContent === "Change 1 of 37");

    const report = await downloadFrom(page, "check-json");
    const check = JSON.parse(Buffer.from(report.bytes).toString("utf8")) as Check;
    expect(check.clean).toBe(false);
    expect(check.unmarked.map((c) => c.new?.id)).toEqual(["resolves/5"]);
    const r = cli(["check", OLD, proposal, "--format", "json"]);
    if (r && !/unknown command/.test(r.stderr)) {
      expect(r.status).toBe(1);
      expect(Buffer.from(report.bytes).toString("utf8")).toBe(r.stdout.toString("utf8"));
    }
    expect(errors).toEqual([]);
  });

  it("lists formatting the proposal changed without a mark apart, as `redline check` does", async () => {
    // the in-force text as a Word document, and a copy of it with one word made bold and no revision mark
    const inForce = join(tmp, "in-force.docx");
    writeFileSync(inForce, await generateTrackedDocx(compare(readText(readFileSync(OLD), { name: "old" }), readText(readFileSync(OLD), { name: "old" })), { author: "TSB", date: DATE }));
    const bytes = new Uint8Array(readFileSync(inForce));
    const at = readDocx(bytes, { name: "in-force.docx" }).paragraphs.findIndex((p) => p.text.includes("should encourage the preparation"));
    const { editDocx } = (await import(join(__dirname, "../../../packages/docx/test/tools/edit-docx.ts"))) as { editDocx: (b: Uint8Array, e: unknown[]) => Uint8Array };
    const proposal = join(tmp, "bolded.docx");
    writeFileSync(proposal, editDocx(bytes, [{ op: "format", paragraph: at, word: "encourage", props: [element("w:b")] }]));

    const { page, errors } = await open();
    await page.click("text=Check a proposal");
    await loadPair(page, inForce, proposal);
    expect(await page.getAttribute(".verdict-line", "data-unmarked")).toBe("0");
    expect(await text(page, ".verdict-line")).toMatch(/every text difference from the in-force text, though 1 entry is formatted otherwise without a mark/);
    const listed = page.locator(".check-formatting");
    expect(await listed.count()).toBe(1);
    expect(await listed.getAttribute("aria-label")).toBe("Formatting changed without a mark: resolves/5");
    expect(await text(page, ".check-formatting li")).toBe("“encourage”: bold in the proposal");

    const report = await downloadFrom(page, "check-json");
    const check = JSON.parse(Buffer.from(report.bytes).toString("utf8")) as Check;
    expect(check.formatting).toEqual([{ old: "resolves/5", new: "resolves/5", changes: [{ text: "encourage", added: ["bold"], removed: [] }] }]);
    const r = cli(["check", inForce, proposal, "--format", "json"]);
    if (r && !/unknown command/.test(r.stderr)) {
      expect(r.status).toBe(0);
      expect(Buffer.from(report.bytes).toString("utf8")).toBe(r.stdout.toString("utf8"));
    }
    expect(errors).toEqual([]);
  });

  it("shows the CLI's message next to the file it is about, and keeps the page on screen", async () => {
    const bad = join(tmp, "bad.docx");
    const empty = join(tmp, "empty.txt");
    writeFileSync(bad, "this is not a Word document");
    writeFileSync(empty, "");
    const { page } = await open();
    await page.setInputFiles("#file-old", bad);
    await page.setInputFiles("#file-new", empty);
    await page.waitForSelector("#file-new-error");
    const oldError = await text(page, "#file-old-error");
    const newError = await text(page, "#file-new-error");
    expect(oldError).toMatch(/^⚠ bad\.docx: /);
    expect(newError).toBe("⚠ empty.txt: is empty");
    const r = cli(["compare", "bad.docx", NEW], tmp);
    if (r) expect(`⚠ ${r.stderr.trim().replace(/^redline: /, "")}`).toBe(oldError);
    expect(await page.locator(".topbar").isVisible()).toBe(true);

    // a good file in its place clears its message and the comparison runs
    await page.setInputFiles("#file-old", OLD);
    await page.setInputFiles("#file-new", NEW);
    await waitForResult(page);
    expect(await page.locator(".file-error").count()).toBe(0);
  });

  it("keeps the page on screen when a result cannot be shown (error boundary)", async () => {
    // a worker that answers with a Delta the page cannot show: an entry with neither side
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    await context.route(/\/assets\/worker-[^/]*\.js$/, (route) =>
      route.fulfill({
        contentType: "text/javascript",
        body: `self.onmessage = (e) => self.postMessage({ type: "delta", id: e.data.id, ms: 1, warnings: { old: [], new: [] },
          json: JSON.stringify({ format: "redline-delta", version: 1, profile: "plain", old: { name: "a.txt", sha256: null }, new: { name: "b.txt", sha256: null },
            summary: { unchanged: 0, modified: 1, added: 0, deleted: 0, moved: 0, renumbered: 0, insertedWords: 0, deletedWords: 0 }, notes: [],
            clauses: [{ status: "modified", marker: "MOD", moved: false, renumbered: false, old: null, new: null, inline: [], approximate: false }] }) });`,
      }),
    );
    const page = await context.newPage();
    page.on("pageerror", () => {});
    await page.goto(served.url);
    await page.click("#load-example");
    await page.waitForSelector(".crash");
    expect(await text(page, ".crash h2")).toBe("Something went wrong showing this result");
    expect(await page.locator(".topbar").isVisible()).toBe(true);
    expect(await page.locator("#file-old").count()).toBe(1);
    await page.click(".crash button");
    await page.waitForSelector(".welcome");
  });

  it("has no accessibility violations (axe-core) and can be used with the keyboard alone", async () => {
    const { page } = await open({ bypassCSP: true });
    expect(await axe(page)).toEqual([]);
    // keyboard only: Tab to the example button, Enter, then the change list with the arrows
    await page.focus("#load-example");
    await page.keyboard.press("Enter");
    await waitForResult(page);
    expect(await axe(page)).toEqual([]);
    await page.focus('[role="listbox"]');
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.waitForFunction(() => document.getElementById("position")?.textContent === "Change 2 of 36");
    const focusVisible = await page.evaluate(() => getComputedStyle(document.activeElement!, null).outlineStyle !== "none" || document.querySelector(".change-item.current") !== null);
    expect(focusVisible).toBe(true);
    await page.focus('[role="tree"]');
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelector('.doc-scroller article[aria-current="true"]') !== null);
    await page.click("text=Side by side");
    expect(await axe(page)).toEqual([]);
    await page.click("text=Check a proposal");
    await page.click("#load-example");
    await page.waitForSelector(".verdict-line");
    await waitForResult(page);
    expect(await axe(page)).toEqual([]);
  });

  it("takes the README's screenshots of the inline and side-by-side views", async () => {
    const wanted = ["web-inline.png", "web-side-by-side.png"].filter(screenshotWanted);
    if (wanted.length === 0) return;
    mkdirSync(IMAGES, { recursive: true });
    const { page } = await open({ viewport: { width: 1280, height: 800 } });
    await loadPair(page, OLD, NEW);
    for (let i = 0; i < 5; i++) await page.keyboard.press("n");
    await page.waitForFunction(() => document.getElementById("position")?.textContent === "Change 5 of 36");
    await page.waitForTimeout(300);
    if (wanted.includes("web-inline.png")) await page.screenshot({ path: join(IMAGES, "web-inline.png") });
    await page.click("text=Side by side");
    await page.waitForTimeout(300);
    if (wanted.includes("web-side-by-side.png")) await page.screenshot({ path: join(IMAGES, "web-side-by-side.png") });
  });
});
