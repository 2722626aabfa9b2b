import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src-main/api/handlers';
import { startWebPreview, type WebPreview } from '../../src-main/web/preview';
import { SCREENSHOTS } from './harness';
import { seriousAxeFindings, TOUR, type AxeFinding } from './screen-tour';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
] as const;
const COMBINATIONS = (['en', 'zh-CN'] as const).flatMap((language) =>
  (['light', 'dark'] as const).map((theme) => ({ language, theme })),
);

/**
 * Every screen, dialog and drawer in both languages and both themes: axe-core finds nothing serious or critical, and
 * a screenshot of each at the two common laptop sizes lands in test/e2e/screenshots/ for a person to look at.
 * One browser and one set of services for all of it; one page per combination.
 */
describe('every screen × {en, zh-CN} × {light, dark}', () => {
  let preview: WebPreview;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'supplygrid-matrix-'));
    preview = await startWebPreview({ dataDir });
    await preview.services.sync();
    // An order, so the Orders screen has a history and a detail with its timeline.
    const server = createHandlers(preview.services);
    const rows = await server['grid.query']({
      kinds: ['esim'],
      suppliers: ['demo-mesim'],
      stock: 'in_stock',
      limit: 50,
    });
    const offer = rows.rows
      .flatMap((row) => row.offers)
      .find((o) => o.supplier === 'demo-mesim' && o.orderable && o.stock.status !== 'out');
    expect(offer, 'an orderable demo MeSIM offer').toBeDefined();
    await server['orders.place']({
      offer: { supplier: offer!.supplier, productId: offer!.productId, skuId: offer!.skuId, variant: offer!.variant },
      confirm: true,
    });
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
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
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await preview?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  for (const { language, theme } of COMBINATIONS) {
    it(`${language}, ${theme}: no serious accessibility findings on any screen; screenshots at 1280×720 and 1440×900`, async () => {
      // axe-core is injected as an inline script, which the app's CSP refuses (rightly): this context alone bypasses it.
      const context = await browser.newContext({
        viewport: SIZES[0],
        colorScheme: theme,
        locale: language === 'en' ? 'en-US' : 'zh-CN',
        bypassCSP: true,
      });
      await context.addInitScript(
        ([lang, mode]) => {
          localStorage.setItem('supplygrid.language', lang);
          localStorage.setItem('supplygrid.theme', mode);
        },
        [language, theme],
      );
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      const findings: string[] = [];
      try {
        await page.goto(preview.appUrl);
        for (const [index, stop] of TOUR.entries()) {
          await stop.open(page);
          findings.push(
            ...(await seriousAxeFindings(page)).map(
              (f: AxeFinding) => `${stop.name}: ${f.impact} ${f.id} (${f.help}) at ${f.targets.join(' | ')}`,
            ),
          );
          // Alternating the order of the sizes, each stop costs one resize instead of two.
          for (const size of index % 2 ? [...SIZES].reverse() : SIZES) {
            await page.setViewportSize(size);
            await page.screenshot({
              path: join(SCREENSHOTS, `matrix-${stop.name}-${language}-${theme}-${size.width}x${size.height}.png`),
            });
          }
        }
      } finally {
        await context.close();
      }
      expect(errors).toEqual([]);
      expect(findings).toEqual([]);
    }, 120_000);
  }
});
