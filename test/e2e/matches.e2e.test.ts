import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitCatalog, startRun } from '../../src-main/db/catalog-repo';
import type { Offer } from '../../src-main/domain/offer';
import { planOffer as offer } from '../helpers/plan-offer';
import { queryGrid } from '../../src-main/grid/query';
import { matchSuggestions } from '../../src-main/grid/suggestions';
import { launchApp, type E2eApp } from './harness';

const WAIT = { timeout: 20_000 };
const POLL = { timeout: 20_000, interval: 100 };
const ASIA8 = ['ID', 'JP', 'KR', 'MY', 'PH', 'SG', 'TH', 'VN'];
const OTHER8 = ['HK', 'JP', 'KR', 'MO', 'SG', 'TH', 'TW', 'VN'];

/** Suppliers that disagree on what "Asia 8 Countries" is, one that only names it, and a throttled quota plan. */
function seed(app: E2eApp) {
  const db = app.preview.services.db;
  const listings: Record<string, Offer[]> = {
    'demo-billionconnect': [
      offer(
        'asia-a',
        { en: 'Asia 8 Countries 3GB 7 Days', 'zh-CN': '亚洲8国 3GB 7天' },
        { countries: ASIA8, dataMB: 3072, days: 7 },
      ),
    ],
    'demo-linksfield': [
      offer('asia-b', { en: 'Asia 8 Countries 3GB 7 Days' }, { countries: OTHER8, dataMB: 3072, days: 7 }),
      offer('jp5', { en: 'Japan 5GB 7 Days' }, { countries: ['JP'], dataMB: 5120, days: 7 }),
    ],
    'demo-dujiao': [
      offer('asia-named', { 'zh-CN': '亚洲8国 3GB 7天', 'en-US': 'Asia 8 Countries eSIM 3GB / 7 Days' }),
      offer('jp-unl', { 'zh-CN': '日本 无限流量 5GB 7天', 'en-US': 'Japan Unlimited 5GB 7 Days' }),
    ],
  };
  for (const [supplier, offers] of Object.entries(listings))
    commitCatalog(db, startRun(db, supplier, 'test'), supplier, offers, []);
}

describe('possible matches and the row panel', () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1280, height: 720 } });
    seed(app);
  }, 90_000);
  afterAll(async () => {
    await app?.close();
  });

  for (const language of ['en', 'zh-CN'] as const) {
    it(`lists a doubtful match, explains rows, and keeps the decision (${language})`, async () => {
      const { page } = app;
      await page.addInitScript((lang) => localStorage.setItem('supplygrid.language', lang), language);
      await page.reload();
      const zh = language === 'zh-CN';
      const button = page.locator('.possible-matches-button');
      await button.waitFor(WAIT);
      expect(await button.textContent()).toBe(zh ? '可能的匹配（2）' : 'Possible matches (2)');
      await button.click();
      const dialog = page.getByRole('dialog', { name: zh ? '可能的匹配' : 'Possible matches' });
      await dialog.waitFor(WAIT);
      expect(await dialog.locator('.match-suggestion').count()).toBe(2);
      expect(await dialog.textContent()).toContain(
        zh ? '该套餐名称对应不同的国家组合' : 'its bundle name is used for different sets of countries',
      );
      await app.screenshot(`matches-possible-${language}`);

      // The Japan row: the throttled plan joined the 5GB plan and says so.
      await page
        .getByRole('button', { name: zh ? '关闭' : 'Close' })
        .first()
        .click();
      await page
        .getByRole('searchbox')
        .first()
        .fill(zh ? '日本 5GB' : 'Japan 5GB');
      await expect.poll(() => page.getByTestId('grid-count').textContent(), POLL).toBe(zh ? '1 个套餐' : '1 plan');
      await page.locator('.grid-row:not(.skeleton)').first().click();
      const panel = page.locator('.detail-panel');
      await panel.locator('.row-match').waitFor(WAIT);
      expect(await panel.locator('.offer-card').count()).toBe(2);
      expect(await panel.textContent()).toContain(zh ? '高速流量用完后降速' : 'Throttled after its high-speed quota');
      expect(await panel.locator('.row-match').textContent()).toContain(
        zh ? '为什么这些报价在同一行' : 'Why these offers share a row',
      );
      await panel.locator('.offer-card').last().scrollIntoViewIfNeeded();
      await app.screenshot(`matches-row-panel-${language}`);
      await page.getByRole('searchbox').first().fill('');
    }, 60_000);
  }

  it('accepting a suggestion links the offer into that row, and it is not asked again', async () => {
    const { page } = app;
    await page.addInitScript(() => localStorage.setItem('supplygrid.language', 'en'));
    await page.reload();
    await page.locator('.possible-matches-button').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('.match-suggestion').first().locator('button').first().click();
    await expect.poll(() => dialog.locator('.match-suggestion').count(), POLL).toBe(0);
    expect(await dialog.textContent()).toContain('No possible matches to decide.');
    expect(matchSuggestions(app.preview.services.db)).toEqual([]);
    const named = queryGrid(app.preview.services.db, { limit: 100 }).rows.find((row) =>
      row.offers.some((o) => o.productId === 'asia-named'),
    )!;
    expect(named.offers).toHaveLength(2);
    // Closed, the button goes away: nothing is left to decide.
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => page.locator('.possible-matches-button').count(), POLL).toBe(0);
  }, 60_000);
});
