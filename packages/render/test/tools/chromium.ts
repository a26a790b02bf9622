/// <reference types="node" />
/**
 * A headless Chromium for tests that look at the HTML report as a reader
 * does. playwright-core drives the system's Chromium (Debian's
 * /usr/bin/chromium, or $CHROMIUM); it never downloads a browser of its own.
 *
 * `launchChromium` answers null when there is no Chromium binary, after
 * logging why, once. A binary that is there but does not start throws: that
 * is a broken installation, not a missing optional tool.
 */
import { accessSync, constants } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** The Chromium binary used: $CHROMIUM, else Debian's. */
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

/**
 * Quiet, offline, deterministic: no sandbox (containers and CI runners lack
 * user namespaces), no GPU, and none of the browser's own traffic (component
 * updates, sync, safe-browsing lists, QUIC probes), so that every request a
 * page makes is one the page asked for.
 */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

let logged = false;

/** Why Chromium cannot run here (one line), or null when it can. */
export function chromiumUnavailable(): string | null {
  try {
    accessSync(CHROMIUM, constants.X_OK);
    return null;
  } catch {
    return `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM)`;
  }
}

/** A headless Chromium, or null (with the reason logged once) when there is none. */
export async function launchChromium(): Promise<Browser | null> {
  const missing = chromiumUnavailable();
  if (missing !== null) {
    if (!logged) {
      logged = true;
      console.warn(`Chromium unavailable: ${missing}`);
    }
    return null;
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
}
