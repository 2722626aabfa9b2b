import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src-main/api/handlers';
import { listLiveOffers, type StoredOffer } from '../../src-main/db/catalog-repo';
import { supplierOfferKey } from '../../src-main/domain/offer';
import { launchApp, type E2eApp } from './harness';

const WAIT = { timeout: 20_000 };
const cssValue = (value: string) =>
  value.replace(/["\\]/g, '\\$&').replace(/[\u0000-\u001f]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `);

describe('quantity prices in the row panel', () => {
  let app: E2eApp;
  let tiered: StoredOffer;

  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1280, height: 720 } });
    await app.preview.services.sync();
    tiered = listLiveOffers(app.preview.services.db, 'demo-dujiao').find(
      (offer) => offer.kind === 'card' && (offer.quantityTiers?.length ?? 0) >= 2,
    )!;
    expect(tiered).toBeDefined();
  }, 90_000);
  afterAll(async () => {
    await app?.close();
  });

  async function openTieredRow(searchLabel: string) {
    const { page } = app;
    const key = supplierOfferKey({
      supplier: 'demo-dujiao',
      productId: tiered.productId,
      skuId: tiered.skuId,
      variant: tiered.variant,
    });
    const server = createHandlers(app.preview.services);
    const found = await server['grid.query']({ search: tiered.titles['en-US'], limit: 200 });
    const row = found.rows.find((candidate) => candidate.offers.some((offer) => supplierOfferKey(offer) === key))!;
    await page.getByRole('searchbox', { name: searchLabel }).fill(tiered.titles['en-US']!);
    const rowElement = page.locator(`.grid-row[data-plan-key="${cssValue(row.planKey)}"]`);
    await rowElement.waitFor(WAIT);
    await rowElement.click({ position: { x: 60, y: 18 } });
    const card = page.locator(`.offer-card[data-offer="${cssValue(key)}"]`);
    await card.locator('.offer-tiers').waitFor(WAIT);
    await card.locator('.offer-tiers').scrollIntoViewIfNeeded();
    return card;
  }

  it('lists each tier with its threshold and unit price; the cost stays the price of one', async () => {
    const card = await openTieredRow('Search plans');
    const items = await card.locator('.offer-tiers li').allTextContents();
    expect(items).toHaveLength(tiered.quantityTiers!.length);
    for (const [index, tier] of tiered.quantityTiers!.entries()) {
      expect(items[index]).toContain(`From ${tier.minQuantity}`);
      expect(items[index]).toContain(`${tier.unitPrice.amount} ${tier.unitPrice.currency} each`);
    }
    expect(await card.locator('.offer-facts dd').first().textContent()).toContain(tiered.cost.amount);
    await app.screenshot('row-panel-quantity-tiers-en');
  }, 60_000);

  it('in 简体中文', async () => {
    const { page } = app;
    await page.addInitScript(() => localStorage.setItem('supplygrid.language', 'zh-CN'));
    await page.reload();
    const card = await openTieredRow('搜索套餐');
    expect(await card.locator('.offer-tiers h4').textContent()).toBe('批发价');
    const first = tiered.quantityTiers![0]!;
    expect(await card.locator('.offer-tiers li').first().textContent()).toContain(`${first.minQuantity} 件起`);
    await app.screenshot('row-panel-quantity-tiers-zh');
  }, 60_000);
});
