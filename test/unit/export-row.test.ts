import { describe, expect, it } from 'vitest';
import { exportFingerprint } from '../../src-main/export/fingerprint';
import { currencyDecimals } from '../../src-main/domain/minor-units';
import { storeAmount } from '../../src-main/export/store-amount';
import { buildRowView } from '../../src-main/export/row-builder';
import { rowStock } from '../../src-main/export/row-stock';
import { gridOffer, planRow, soldOutRow } from './export-test-rows';

const context = { currency: 'USD', languages: ['en'], outOfStock: 'draft' as const };

describe('row stock', () => {
  it('adds up every supplier the merchant could buy from', () => {
    const row = planRow({
      offers: [
        gridOffer({ stock: { status: 'in_stock', quantity: 30 } }),
        gridOffer({ supplier: 'us-shop', stock: { status: 'low', quantity: 4 } }),
      ],
    });
    expect(rowStock(row)).toEqual({ state: 'counted', quantity: 34 });
  });

  it('ignores sold-out offers and offers with no exchange rate (the grid cannot buy those either)', () => {
    const row = planRow({
      offers: [
        gridOffer({ stock: { status: 'in_stock', quantity: 30 } }),
        gridOffer({ supplier: 'b', stock: { status: 'out', quantity: 0 } }),
        gridOffer({ supplier: 'c', converted: null, stock: { status: 'unlimited', quantity: null } }),
      ],
    });
    expect(rowStock(row)).toEqual({ state: 'counted', quantity: 30 });
  });

  it('is unlimited when any buyable supplier is, uncounted when one does not say, out when none can deliver', () => {
    expect(
      rowStock(
        planRow({
          offers: [gridOffer(), gridOffer({ supplier: 'b', stock: { status: 'unlimited', quantity: null } })],
        }),
      ),
    ).toEqual({ state: 'unlimited' });
    expect(
      rowStock(
        planRow({ offers: [gridOffer(), gridOffer({ supplier: 'b', stock: { status: 'unknown', quantity: null } })] }),
      ),
    ).toEqual({ state: 'uncounted' });
    expect(rowStock(soldOutRow())).toEqual({ state: 'out' });
  });
});

describe('fingerprints', () => {
  const fingerprint = (row: Parameters<typeof buildRowView>[0], lastSent: string | null = null) =>
    exportFingerprint(buildRowView(row, context, lastSent)!);

  it('reads as price and stock, with the amount normalized', () => {
    expect(fingerprint(planRow())).toBe('USD 6.72 / 30');
    expect(fingerprint(planRow({ salePrice: { amount: '6.70', currency: 'USD' } }))).toBe(
      fingerprint(planRow({ salePrice: { amount: '6.7', currency: 'USD' } })),
    );
  });

  it('changes with the price or the stock, not with anything else', () => {
    const base = fingerprint(planRow());
    expect(fingerprint(planRow({ salePrice: { amount: '6.99', currency: 'USD' } }))).not.toBe(base);
    expect(fingerprint(planRow({ offers: [gridOffer({ stock: { status: 'in_stock', quantity: 29 } })] }))).not.toBe(
      base,
    );
    expect(fingerprint(planRow({ title: 'renamed', changes: [], margin: null }))).toBe(base);
  });

  it('records a sold-out plan with the price it keeps', () => {
    expect(fingerprint(soldOutRow(), '6.72')).toBe('USD 6.72 / out');
    expect(fingerprint(soldOutRow())).toBe('USD - / out');
  });
});

describe('store amounts', () => {
  it("round a converted cost half-up to the currency's minor unit", () => {
    expect(storeAmount('3.059247', 'USD')).toBe('3.06');
    expect(storeAmount('15', 'USD')).toBe('15.00');
    expect(storeAmount('1234.5', 'JPY')).toBe('1235');
    expect(currencyDecimals('KWD')).toBe(3);
  });
});
