/**
 * A headless Chromium for the viewer's tests: playwright-core driving the
 * system's Chromium (Debian's /usr/bin/chromium, or $CHROMIUM); it never
 * downloads a browser. Quiet and offline: no sandbox (containers lack user
 * namespaces), no GPU, none of the browser's own traffic, so every request
 * seen is one the page made.
 */
import { accessSync, constants } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

/** Why Chromium cannot run here (one line), or null when it can. */
export function chromiumUnavailable(): string | null {
  try {
    accessSync(CHROMIUM, constants.X_OK);
    return null;
  } catch {
    return `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM)`;
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
}
