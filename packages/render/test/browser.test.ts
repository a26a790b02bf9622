/// <reference types="node" />
/**
 * The HTML report as a reader sees it: rendered, written to a file and opened
 * in a real, headless Chromium (Debian's, through playwright-core). The other
 * HTML tests check the string; these check the page: what is shown, how
 * changes look, that nothing is fetched and nothing runs.
 *
 * Without Chromium everything skips with one line, except under CI=true,
 * where Chromium is installed and its absence fails the run.
 *
 * The README's screenshots (docs/images/report-*.png) are written here, but
 * only when missing or with UPDATE_SCREENSHOTS=1, so that test runs do not
 * churn the repository.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { compareTexts, type Delta } from "@redline/core";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderHtml } from "../src/index.js";
import { readExample } from "./helpers.js";
import { chromiumUnavailable, launchChromium } from "./tools/chromium.js";

const CI = process.env.CI === "true";
const missing = chromiumUnavailable();
if (missing !== null) console.warn(`browser.test: skipping: ${missing}${CI ? " (fails under CI=true)" : ""}`);

/**
 * The little of the browser's globals that the functions run in the page use.
 * This package's tsconfig has no DOM lib (src/ must stay platform-neutral), so
 * page functions reach them as `(globalThis as unknown as PageGlobals)`; the
 * cast is erased before Playwright serialises the function.
 */
interface PageGlobals {
  document: {
    documentElement: { scrollWidth: number; clientWidth: number };
    querySelectorAll(selector: string): Iterable<unknown>;
  };
  getComputedStyle(element: unknown): { textDecorationLine: string };
  scrollY: number;
  scrollTo(x: number, y: number): void;
  __pwned?: unknown;
}

const IMAGES = fileURLToPath(new URL("../../../docs/images/", import.meta.url));
const MAX_SCREENSHOT_BYTES = 300 * 1024;

interface Opened {
  page: Page;
  url: string;
  /** every request made by the page, its frames and workers, from navigation to load */
  requests: string[];
  /** console errors and uncaught exceptions */
  errors: string[];
}

let browser: Browser | null = null;
let dir = "";
let files = 0;

/** Writes the HTML to a file and opens it in a fresh context; the context is closed in afterAll with the browser. */
async function open(html: string, options: BrowserContextOptions = {}): Promise<Opened> {
  if (browser === null) throw new Error("Chromium is not running");
  const file = path.join(dir, `report-${++files}.html`);
  writeFileSync(file, html);
  const url = pathToFileURL(file).href;
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, deviceScaleFactor: 1, ...options });
  const requests: string[] = [];
  const errors: string[] = [];
  context.on("request", (r) => requests.push(r.url()));
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto(url, { waitUntil: "load" });
  return { page, url, requests, errors };
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).toString("latin1")).toBe("\x89PNG\r\n\x1a\n");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Keeps docs/images/<name> as it is unless it is missing or UPDATE_SCREENSHOTS=1. */
function saveScreenshot(name: string, png: Buffer): void {
  const file = path.join(IMAGES, name);
  if (process.env.UPDATE_SCREENSHOTS !== "1" && existsSync(file)) return;
  mkdirSync(IMAGES, { recursive: true });
  writeFileSync(file, png);
}

describe.skipIf(missing !== null && !CI)("the HTML report in Chromium", () => {
  beforeAll(async () => {
    if (missing !== null) throw new Error(`Chromium is required under CI=true: ${missing}`);
    dir = mkdtempSync(path.join(tmpdir(), "redline-browser-"));
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    browser = null;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe("the example", () => {
    // the bundled example pair (examples/), the one the README shows
    const delta: Delta = compareTexts(readExample("res-99-in-force.txt"), readExample("res-99-proposed.txt"), {
      old: { name: "res-99-in-force.txt" },
      new: { name: "res-99-proposed.txt" },
    });
    const html = renderHtml(delta);
    let opened: Opened;

    beforeAll(async () => {
      opened = await open(html);
    }, 60_000);

    it("loads without a single request beyond the file itself, and without console errors", () => {
      expect(opened.requests).toEqual([opened.url]);
      expect(opened.errors).toEqual([]);
    });

    it("shows the heading and the summary table with the counts", async () => {
      const { page } = opened;
      expect(await page.locator("h1").innerText()).toBe("Redline: res-99-in-force.txt → res-99-proposed.txt");
      expect(await page.title()).toBe("Redline: res-99-in-force.txt → res-99-proposed.txt");
      const rows = await page.locator("table.counts tbody tr").all();
      const counts: Record<string, string> = {};
      for (const row of rows) counts[(await row.locator("th").innerText()).trim()] = (await row.locator("td").innerText()).trim();
      expect(counts).toMatchObject({
        "Clauses modified": "12",
        "Clauses added": "6",
        "Clauses deleted": "2",
        "Clauses moved": "1",
        "Clauses renumbered": "16",
      });
      expect(await page.locator("#summary").isVisible()).toBe(true);
      expect(await page.locator("#summary p").first().innerText()).toMatch(/^12 modified, 6 added, 2 deleted, 1 moved, 16 renumbered; /);
    });

    it("marks the changes with visible <del> and <ins>: encourage → promote", async () => {
      const { page } = opened;
      const del = page.locator("#redline del", { hasText: "encourage" }).first();
      const ins = page.locator("#redline ins", { hasText: "promote" }).first();
      expect(await del.isVisible()).toBe(true);
      expect(await ins.isVisible()).toBe(true);
      expect(await del.innerText()).toBe("encourage");
      expect(await ins.innerText()).toBe("promote");
      // the screen-reader texts are there for assistive technology, not on screen
      expect(await page.locator("#redline").innerText()).not.toContain("[insertion start]");
    });

    it("is legible without colour: insertions underlined, deletions struck through, on screen and in print", async () => {
      const { page } = opened;
      const decorations = () =>
        page.evaluate(() => {
          const w = globalThis as unknown as PageGlobals;
          const line = (sel: string) => [...new Set([...w.document.querySelectorAll(sel)].map((e) => w.getComputedStyle(e).textDecorationLine))];
          return { ins: line("ins"), del: line("del") };
        });
      expect(await decorations()).toEqual({ ins: ["underline"], del: ["line-through"] });
      await page.emulateMedia({ media: "print" });
      try {
        expect(await decorations()).toEqual({ ins: ["underline"], del: ["line-through"] });
      } finally {
        await page.emulateMedia({ media: "screen" });
      }
    });

    it("shows both views, one entry per clause in each, with the change on both sides", async () => {
      const { page } = opened;
      expect(await page.locator("#redline").isVisible()).toBe(true);
      expect(await page.locator("#side-by-side").isVisible()).toBe(true);
      expect(await page.locator("h2").allInnerTexts()).toEqual(["Summary", "Changed clauses", "Redline", "Side by side"]);
      expect(await page.locator("#redline .entry").count()).toBe(delta.clauses.length);
      expect(await page.locator("table.side-by-side tbody tr").count()).toBe(delta.clauses.length);
      const row = page.locator("table.side-by-side tbody tr", { has: page.locator("td del", { hasText: "encourage" }) }).first();
      expect(await row.locator("td").nth(0).innerText()).toContain("encourage");
      expect(await row.locator("td").nth(1).innerText()).toContain("promote");
      expect(await row.locator("td").nth(0).locator("ins").count()).toBe(0);
      expect(await row.locator("td").nth(1).locator("del").count()).toBe(0);
    });

    it("fits the window: no horizontal scrolling at 1200 px", async () => {
      const { page } = opened;
      const { scroll, client } = await page.evaluate(() => {
        const root = (globalThis as unknown as PageGlobals).document.documentElement;
        return { scroll: root.scrollWidth, client: root.clientWidth };
      });
      expect(scroll).toBeLessThanOrEqual(client);
    });

    it("reads the same with JavaScript disabled", async () => {
      const { page, requests, errors, url } = await open(html, { javaScriptEnabled: false });
      expect(requests).toEqual([url]);
      expect(errors).toEqual([]);
      for (const id of ["summary", "touched", "redline", "side-by-side"]) expect(await page.locator(`#${id}`).isVisible(), id).toBe(true);
      expect(await page.locator("table.counts").innerText()).toMatch(/Clauses modified\s+12/);
      expect(await page.locator("#redline del", { hasText: "encourage" }).first().isVisible()).toBe(true);
      expect(await page.locator("#redline ins", { hasText: "promote" }).first().isVisible()).toBe(true);
      expect(await page.locator("table.side-by-side ins", { hasText: "promote" }).first().isVisible()).toBe(true);
    });

    it("screenshots the top of the report and the side-by-side view (docs/images)", async () => {
      const { page } = await open(html);
      const top = await page.screenshot({ type: "png" });
      expect(pngSize(top)).toEqual({ width: 1200, height: 900 });
      expect(top.length).toBeLessThan(MAX_SCREENSHOT_BYTES);
      saveScreenshot("report-inline.png", top);

      // the section's heading at the top, with a little room above it
      await page.locator("#side-by-side").evaluate((e) => {
        const w = globalThis as unknown as PageGlobals;
        w.scrollTo(0, e.getBoundingClientRect().top + w.scrollY - 24);
      });
      expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).scrollY)).toBeGreaterThan(0);
      const side = await page.screenshot({ type: "png" });
      expect(pngSize(side)).toEqual({ width: 1200, height: 900 });
      expect(side.length).toBeLessThan(MAX_SCREENSHOT_BYTES);
      saveScreenshot("report-side-by-side.png", side);
    });
  });

  describe("a hostile document", () => {
    const SCRIPT = "<script>window.__pwned=1</script>";
    const IMG = `<img src=x onerror="window.__pwned=1">`;
    const oldText = ["RESOLUTION 1", "", `Markup ${SCRIPT} in a title`, "", "considering", "", "a)\tthat plain text stays plain;", ""].join("\n");
    const newText = [
      "RESOLUTION 1",
      "",
      `Markup ${SCRIPT} in a title`,
      "",
      "considering",
      "",
      `a)\tthat plain text stays plain, even ${SCRIPT};`,
      "",
      `b)\tthat ${IMG} is text too;`,
      "",
    ].join("\n");
    const delta = compareTexts(oldText, newText, { old: { name: `old ${IMG}.txt` }, new: { name: `new ${SCRIPT}.txt` } });

    it("runs nothing, loads nothing and shows the markup as text", async () => {
      const { page, requests, errors, url } = await open(renderHtml(delta));
      expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).__pwned)).toBeUndefined();
      expect(await page.locator("script, img, iframe, object, embed").count()).toBe(0);
      expect(requests).toEqual([url]);
      expect(errors).toEqual([]);
      const shown = await page.locator("body").innerText();
      expect(shown).toContain(SCRIPT);
      expect(shown).toContain(IMG);
      expect(await page.locator("h1").innerText()).toBe(`Redline: old ${IMG}.txt → new ${SCRIPT}.txt`);
      expect(await page.locator("table.side-by-side ins", { hasText: IMG }).count()).toBeGreaterThan(0);
    });

    it("would have been caught: the same markup unescaped does run (control)", async () => {
      const { page } = await open(`<!DOCTYPE html><title>control</title><p>${SCRIPT} ${IMG}</p>`);
      await expect.poll(() => page.evaluate(() => (globalThis as unknown as PageGlobals).__pwned)).toBe(1);
    });
  });
});
