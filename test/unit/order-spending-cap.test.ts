import { describe, expect, it } from 'vitest';
import { checkSpendingCap, localDay } from '../../src-main/orders/spending-cap';
import { parseCap } from '../../src-shared/daily-cap';
import { orderTextEn } from '../../src-main/cli/commands/orders';

const base = { currency: 'USD', orderCurrency: 'CNY' };

describe('daily spending cap', () => {
  it('allows anything when no cap is set', () => {
    expect(checkSpendingCap({ ...base, limit: null, spentToday: '999', order: null })).toEqual({
      allowed: true,
      view: null,
    });
  });

  it('allows an order that fits exactly, and refuses one cent more with the figures', () => {
    expect(
      checkSpendingCap({ ...base, limit: '10', spentToday: '7.5', order: { amount: '2.5', currency: 'USD' } }),
    ).toMatchObject({
      allowed: true,
      view: { limit: { amount: '10.00' }, spentToday: { amount: '7.50' }, remaining: { amount: '2.50' } },
    });
    const refused = checkSpendingCap({
      ...base,
      limit: '10',
      spentToday: '7.5',
      order: { amount: '2.51', currency: 'USD' },
    });
    expect(refused.allowed).toBe(false);
    expect(orderTextEn(!refused.allowed ? refused.reason : null, '')).toBe(
      'This order (about 2.51 USD) would exceed today’s spending cap of 10.00 USD: 7.50 USD already spent today, 2.50 USD left. Raise the cap on the Test orders screen (or `supplygrid orders cap AMOUNT`) or order tomorrow.',
    );
  });

  it('never shows a negative remainder', () => {
    expect(
      checkSpendingCap({ ...base, limit: '5', spentToday: '6', order: { amount: '1', currency: 'USD' } }).view
        ?.remaining.amount,
    ).toBe('0.00');
  });

  it('refuses an order it cannot convert, naming the missing rate', () => {
    const refused = checkSpendingCap({ ...base, limit: '10', spentToday: '0', order: null });
    expect(orderTextEn(!refused.allowed ? refused.reason : null, '')).toMatch(
      /no exchange rate for CNY.*supplygrid rates set CNY=/,
    );
  });

  it('reads a cap as typed, or off', () => {
    expect(parseCap(' 49.90 ')).toBe('49.90');
    expect(parseCap('off')).toBeNull();
    expect(parseCap('')).toBeNull();
    expect(() => parseCap('-5')).toThrow(/must be an amount/);
    expect(() => parseCap('ten')).toThrow(/must be an amount/);
  });

  it('counts days on the local calendar', () => {
    expect(localDay(new Date(2026, 10, 21, 23, 59))).toBe('2026-11-21');
    expect(localDay(new Date(2026, 10, 22, 0, 0))).toBe('2026-11-22');
  });
});
