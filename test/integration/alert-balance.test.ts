import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { listBalances } from '../../src-main/db/balances-repo';
import { startAppServices } from '../helpers/app-services';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function until<T>(read: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(50);
  }
}

describe('the balance alert', () => {
  it('reads each account balance after a sync, keeps it, and fires the rule on it until the threshold is met', async () => {
    const { db, services } = await startAppServices('supplygrid-balance-', cleanups);

    await services.sync(['demo-dujiao']);
    const balance = await until(() => listBalances(db).find((b) => b.supplierId === 'demo-dujiao'));
    expect(Number(balance.amount)).toBeGreaterThan(0);

    // A minimum above the balance fires once; a minimum below it clears.
    const above = (Number(balance.amount) + 1).toFixed(2);
    services.alerts.saveDocument({
      rules: [
        { id: 'low', type: 'balance_below', amount: above, currency: balance.currency, supplierId: 'demo-dujiao' },
      ],
      channels: {},
      maxPerHour: 10,
    });
    const raised = await services.alerts.evaluate();
    expect(raised.map((alert) => [alert.type, alert.params.supplier, alert.params.amount])).toEqual([
      ['balance_below', 'demo-dujiao', balance.amount],
    ]);
    expect(await services.alerts.evaluate()).toEqual([]);
    services.alerts.saveDocument({
      rules: [
        { id: 'low', type: 'balance_below', amount: '0.01', currency: balance.currency, supplierId: 'demo-dujiao' },
      ],
      channels: {},
      maxPerHour: 10,
    });
    expect(await services.alerts.evaluate()).toEqual([]);
  }, 60_000);
});
