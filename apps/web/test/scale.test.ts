/**
 * The viewer on long documents: the real ITU Resolution 1 (about 11,600
 * words, Word) against an edited copy, timed from the request to the result
 * on screen; and a generated 250,000-word book, which must keep the page
 * responsive: only the rows on screen are in the page, and stepping through
 * changes or scrolling to the end is immediate.
 *
 * Resolution 1 comes from the shared corpus (/work/shared/corpora, or
 * $REDLINE_CORPORA); without it that case skips with one line.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP, DIST, ensureBuilt } from "./tools/build.js";
import { chromiumUnavailable, launchChromium } from "./tools/chromium.js";
import { serveStatic, type Served } from "./tools/serve.js";

const CI = process.env.CI === "true";
const missing = chromiumUnavailable();
if (missing !== null) console.warn(`scale.test: skipping: ${missing}${CI ? " (fails under CI=true)" : ""}`);

const ROOT = join(APP, "..", "..");
const CORPORA = process.env.REDLINE_CORPORA ?? "/work/shared/corpora";
const RES1 = join(CORPORA, "itu", "T-RES-T.1-2016-MSW-E.docx");
const res1Missing = existsSync(RES1) ? null : `no ${RES1} (set REDLINE_CORPORA)`;
if (res1Missing !== null) console.warn(`scale.test: Resolution 1 case skipping: ${res1Missing}`);

let browser: Browser;
let served: Served;
let tmp: string;

async function openPage(): Promise<{ page: Page; longTasks: () => Promise<number[]> }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  // long tasks on the page's main thread: the comparison itself runs in the worker
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    }).observe({ type: "longtask", buffered: true });
  });
  const worker = page.waitForEvent("worker");
  await page.goto(served.url);
  await worker;
  await page.waitForLoadState("networkidle");
  return { page, longTasks: () => page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.splice(0)) };
}

async function load(page: Page, oldPath: string, newPath: string): Promise<{ shownMs: number; wallMs: number }> {
  const t0 = Date.now();
  await page.setInputFiles("#file-old", oldPath);
  await page.setInputFiles("#file-new", newPath);
  await page.waitForSelector("#timing[data-ms]", { timeout: 60_000 });
  return { shownMs: Number(await page.getAttribute("#timing", "data-ms")), wallMs: Date.now() - t0 };
}

/** Milliseconds from a key press to the position line saying something new. */
async function timeKey(page: Page, key: string): Promise<number> {
  const before = await page.textContent("#position");
  const t0 = Date.now();
  await page.keyboard.press(key);
  await page.waitForFunction((b) => document.getElementById("position")?.textContent !== b, before);
  return Date.now() - t0;
}

describe.skipIf(missing !== null && !CI)("the web viewer on long documents", () => {
  beforeAll(async () => {
    ensureBuilt();
    served = await serveStatic(DIST);
    browser = await launchChromium();
    tmp = mkdtempSync(join(tmpdir(), "redline-web-scale-"));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it.skipIf(res1Missing !== null)("compares and shows Resolution 1 (11,600 words, .docx) against an edited copy in under a second", async () => {
    const { editDocx } = (await import(pathToFileURL(join(ROOT, "bench", "docx-edit.mjs")).href)) as {
      editDocx: (bytes: Uint8Array, fraction: number, name: string) => { bytes: Uint8Array; editsMade: number };
    };
    const edited = editDocx(new Uint8Array(readFileSync(RES1)), 0.05, "T-RES-T.1-edited.docx");
    const newPath = join(tmp, "T-RES-T.1-edited.docx");
    writeFileSync(newPath, edited.bytes);
    const { page } = await openPage();
    // the first run also warms the worker's code up; the second is the one a user waits for on later pairs
    const first = await load(page, RES1, newPath);
    const changes = Number(((await page.textContent("#position")) ?? "").replace(/\D+/g, ""));
    expect(changes).toBeGreaterThan(10);
    await page.setInputFiles("#file-old", newPath);
    await page.setInputFiles("#file-new", RES1);
    await page.waitForFunction((ms) => document.getElementById("timing")?.dataset.ms !== undefined && document.getElementById("timing")?.dataset.ms !== ms, String(first.shownMs));
    const second = Number(await page.getAttribute("#timing", "data-ms"));
    console.log(`scale.test: Resolution 1, ${edited.editsMade} edits, ${changes} changes: shown in ${first.shownMs} ms (first run), ${second} ms (swapped); ${first.wallMs} ms from choosing the files`);
    // the bound is on the better of the two runs: a cold first run shares the machine with the rest of the test suite
    expect(Math.min(first.shownMs, second)).toBeLessThan(CI ? 3000 : 1000);
    expect(first.shownMs).toBeLessThan(CI ? 6000 : 2500);
    expect(await page.locator(".doc-scroller .entry").count()).toBeLessThan(120);
  });

  it("keeps a 250,000-word document responsive: only what is on screen is rendered", async () => {
    const { generateBook } = (await import(pathToFileURL(join(ROOT, "bench", "generate.mjs")).href)) as { generateBook: (words: number, seed: number) => string };
    const { editBook } = (await import(pathToFileURL(join(ROOT, "bench", "edit.mjs")).href)) as { editBook: (text: string, fraction: number, seed: number) => string };
    const book = generateBook(250_000, 1);
    const oldPath = join(tmp, "book-in-force.txt");
    const newPath = join(tmp, "book-proposed.txt");
    writeFileSync(oldPath, book);
    writeFileSync(newPath, editBook(book, 0.05, 1));
    const { page, longTasks } = await openPage();
    await longTasks();
    const { shownMs } = await load(page, oldPath, newPath);
    const afterLoad = await longTasks();
    const entries = await page.locator(".doc-scroller .entry").count();
    const navRows = await page.locator('[role="treeitem"]').count();
    const options = await page.locator('[role="option"]').count();
    const changes = Number(((await page.textContent("#position")) ?? "").replace(/\D+/g, ""));
    expect(changes).toBeGreaterThan(300);
    expect(entries).toBeLessThan(150);
    expect(navRows).toBeLessThan(150);
    expect(options).toBeLessThan(60);

    const keys: number[] = [];
    for (let i = 0; i < 5; i++) keys.push(await timeKey(page, "n"));
    keys.push(await timeKey(page, "p"));
    // to the end of the document and back: still only a screenful of rows
    const scrolled = await page.evaluate(async () => {
      const el = document.querySelector<HTMLElement>(".doc-scroller")!;
      const t0 = performance.now();
      el.scrollTop = el.scrollHeight;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return { ms: performance.now() - t0, rows: el.querySelectorAll(".entry").length };
    });
    const interaction = await longTasks();
    console.log(
      `scale.test: 250k words, ${changes} changes: shown in ${shownMs} ms; longest main-thread task ${Math.round(Math.max(0, ...afterLoad))} ms while loading; ` +
        `n/p ${keys.join(", ")} ms; scroll to the end ${Math.round(scrolled.ms)} ms with ${scrolled.rows} rows; longest task after ${Math.round(Math.max(0, ...interaction))} ms`,
    );
    expect(scrolled.rows).toBeLessThan(150);
    expect(Math.max(...keys)).toBeLessThan(CI ? 2000 : 1000);
    expect(Math.max(0, ...interaction)).toBeLessThan(CI ? 1500 : 600);
  });
});
