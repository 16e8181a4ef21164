import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";

/** Debian's Chromium (scripts/system-deps.sh installs it); SIGHTLINE_CHROMIUM overrides for other systems. */
export const chromiumPath = process.env.SIGHTLINE_CHROMIUM ?? "/usr/bin/chromium";
export const artifactsDir = fileURLToPath(new URL("../../../../test-artifacts/web", import.meta.url));
const webDist = fileURLToPath(new URL("../../dist/index.html", import.meta.url));

/** Launches headless Chromium; fails with the fix when the UI is not built or Chromium is missing. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(webDist))
    throw new Error("packages/web/dist is missing: run `npm run build -w @sightline/web`");
  if (!existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath}: apt-get install chromium`);
  await mkdir(artifactsDir, { recursive: true });
  // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
  return chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox"] });
}

/** A page that records console errors and failed requests, so every test can assert there were none. */
export async function openPage(browser: Browser, colorScheme: "light" | "dark" = "light") {
  const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return { page, errors };
}

/** Saves a screenshot as a test artifact (test-artifacts/web/<name>.png). */
export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(artifactsDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * `expect.poll` options for reading what the UI shows. A view re-renders when the fetch behind it lands,
 * which can take seconds on a loaded machine, and Vitest's default poll gives up after one second.
 *
 * @example
 * await expect.poll(() => page.locator("h1").textContent(), settled).toBe("flight-delay");
 */
export const settled = { timeout: 10_000, interval: 50 } as const;

/**
 * Holds back the answers of the API paths ending in `pathEnd` until the returned function is called, so a
 * test can let a query land last, after it has read the rest of the view, and show that it waits for it.
 *
 * @example
 * const releaseAlerts = await holdApi(page, "/alerts");
 * // ... read the charts ...
 * releaseAlerts();
 */
export async function holdApi(page: Page, pathEnd: string): Promise<() => void> {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(
    (url) => url.pathname.startsWith("/api/") && url.pathname.endsWith(pathEnd),
    async (route) => {
      await released;
      // The page may have closed while the answer was held back; nothing is waiting for it then.
      await route.continue().catch(() => undefined);
    },
  );
  return release;
}
