import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startWebPreview, type WebPreview } from '../../src-main/web/preview';
import { findBrowser, NO_BROWSER_MESSAGE } from './find-browser';

function browserPath(): string {
  const found = findBrowser();
  if (!found) throw new Error(NO_BROWSER_MESSAGE);
  return found;
}

export const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

export interface E2eApp {
  preview: WebPreview;
  browser: Browser;
  page: Page;
  dataDir: string;
  /** Everything that crossed the bridge, both ways, for checks such as "no secret ever reached the renderer". */
  traffic: string[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The built renderer in Debian's Chromium, talking to the real services (demo simulators, a fresh SQLite
 * file) over the loopback bridge: the app as a merchant sees it, minus the Electron window frame.
 */
export async function launchApp(
  options: { viewport?: { width: number; height: number }; colorScheme?: 'light' | 'dark'; locale?: string } = {},
): Promise<E2eApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'supplygrid-e2e-'));
  const traffic: string[] = [];
  const preview = await startWebPreview({ dataDir, onTraffic: (_direction, text) => traffic.push(text) });
  const browser = await chromium.launch({
    executablePath: browserPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1400, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
    locale: options.locale ?? 'en-US',
  });
  const page = await context.newPage();
  // Every wait and navigation is bounded: a hung page must fail its test, not hang the run (Playwright's own default is 30s).
  page.setDefaultTimeout(15_000);
  page.setDefaultNavigationTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(preview.appUrl);
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    preview,
    browser,
    page,
    dataDir,
    traffic,
    screenshot: async (name) => {
      const path = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path, fullPage: false });
      return path;
    },
    close: async () => {
      await browser.close();
      await preview.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (errors.length) throw new Error(`the page threw: ${errors.join('; ')}`);
    },
  };
}

/** Reloads the page in a UI language and theme, as a merchant's saved choice would open the app. */
export async function reloadIn(
  page: Page,
  choice: { language: 'en' | 'zh-CN'; theme: 'light' | 'dark' },
): Promise<void> {
  await page.addInitScript(({ language, theme }) => {
    localStorage.setItem('supplygrid.language', language);
    localStorage.setItem('supplygrid.theme', theme);
  }, choice);
  await page.reload();
}
