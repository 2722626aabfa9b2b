import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const WAIT = { timeout: 20_000 };

/** The navigation's order (src-renderer/App.tsx): screens are opened by position, so the tour reads the same in every language. */
const NAV_INDEX = { grid: 0, suppliers: 1, sync: 2, pricing: 3, export: 4, orders: 5, alerts: 6, settings: 7 } as const;

async function openNav(page: Page, screen: keyof typeof NAV_INDEX): Promise<void> {
  await page.getByRole('navigation').first().locator('button.nav-item').nth(NAV_INDEX[screen]).click();
  await page.locator('main.screen h1').first().waitFor(WAIT);
}

/** Waits until the requests the screen started have answered: no loading placeholder left. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => !document.querySelector('.loading-state, .grid-row.skeleton, .grid-summary .updating'),
    undefined,
    WAIT,
  );
}

export interface TourStop {
  name: string;
  /** Opens this view from wherever the previous stop left the page. */
  open(page: Page): Promise<void>;
}

/** Every screen, dialog and drawer a merchant reaches, in an order where each stop starts from the previous one. */
export const TOUR: TourStop[] = [
  {
    name: 'grid',
    open: async (page) => {
      await openNav(page, 'grid');
      await page.locator('.grid-row:not(.skeleton)').first().waitFor(WAIT);
      await settled(page);
    },
  },
  {
    // Three rows ticked and a lock far below their cost: the bulk bar and its loss-per-sale confirmation.
    name: 'grid-bulk',
    open: async (page) => {
      const checks = page.locator('.grid-row:not(.skeleton) .row-check');
      for (let i = 0; i < 3; i++) await checks.nth(i).click();
      await page.locator('.bulk-lock input').fill('0.5');
      await page.locator('.bulk-lock button[type="submit"]').click();
      await page.locator('.below-cost-confirm').waitFor(WAIT);
    },
  },
  {
    name: 'grid-drawer',
    open: async (page) => {
      await page.locator('.below-cost-confirm .below-cost-actions button').nth(1).click();
      await page
        .locator('.grid-row:not(.skeleton)')
        .first()
        .click({ position: { x: 80, y: 18 } });
      await page.locator('.detail-panel .offer-card').first().waitFor(WAIT);
      await settled(page);
    },
  },
  {
    name: 'suppliers',
    open: async (page) => {
      await openNav(page, 'suppliers');
      await page.locator('.suppliers-screen table, .suppliers-screen [role="table"]').first().waitFor(WAIT);
    },
  },
  {
    name: 'supplier-form',
    open: async (page) => {
      await page.locator('.demo-notice-add, .suppliers-screen .screen-header button.primary').first().click();
      await page.locator('.supplier-form').waitFor(WAIT);
    },
  },
  {
    name: 'sync',
    open: async (page) => {
      await page.keyboard.press('Escape');
      await openNav(page, 'sync');
      await settled(page);
    },
  },
  {
    name: 'pricing',
    open: async (page) => {
      await openNav(page, 'pricing');
      await settled(page);
    },
  },
  {
    name: 'export',
    open: async (page) => {
      await openNav(page, 'export');
      await settled(page);
    },
  },
  {
    name: 'orders',
    open: async (page) => {
      await openNav(page, 'orders');
      await page.locator('.order-item').first().waitFor(WAIT);
    },
  },
  {
    name: 'order-detail',
    open: async (page) => {
      await page.locator('.order-item').first().click();
      await page.locator('.order-item.selected').waitFor(WAIT);
      await settled(page);
    },
  },
  {
    name: 'alerts',
    open: async (page) => {
      await openNav(page, 'alerts');
      await settled(page);
    },
  },
  {
    name: 'settings',
    open: async (page) => {
      await openNav(page, 'settings');
      await settled(page);
    },
  },
];

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * axe-core over what is on screen now (or inside `scope`): the serious and critical findings (WCAG 2.x A/AA and best
 * practices). axe is evaluated over the DevTools protocol: the page's CSP rightly refuses an inline script.
 */
export async function seriousAxeFindings(page: Page, scope = 'html'): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async (selector) => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: Element | Document,
            options: object,
          ): Promise<{
            violations: Array<{
              id: string;
              impact: string | null;
              help: string;
              nodes: Array<{
                target: unknown[];
                any: Array<{ data?: { fgColor?: string; bgColor?: string; contrastRatio?: number } | null }>;
              }>;
            }>;
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document.querySelector(selector) ?? document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact ?? '',
        help: v.help,
        targets: v.nodes.slice(0, 5).map((n) => {
          // A contrast finding names its colours, so the fix can be found without rerunning axe by hand.
          const data = n.any[0]?.data;
          const colours = data?.fgColor ? ` (${data.fgColor} on ${data.bgColor}: ${data.contrastRatio})` : '';
          return `${n.target.join(' ')}${colours}`;
        }),
      }));
  }, scope);
}
