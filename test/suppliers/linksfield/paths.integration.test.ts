import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { money } from '../../../src-main/domain/money';
import { SupplierError } from '../../../src-main/http/errors';
import type { AdapterEnv } from '../../../src-main/suppliers/adapter';
import { linksfield } from '../../../src-main/suppliers/linksfield';
import { startLinksfieldSimulator, type LinksfieldSimulator } from '../../../src-main/suppliers/linksfield/sim';
import { collectPages } from '../../helpers/collect-pages';

const FAST: AdapterEnv = { retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 20 } };
const VERSIONED = {
  list: '/v1.1/package/packageList',
  detail: '/v1.1/package/detail',
  preOrder: '/v1.1/package/preOrderPackage',
};
const PLAIN = { list: '/package/packageList', detail: '/package/detail', preOrder: '/package/preOrderPackage' };

let sim: LinksfieldSimulator;
beforeEach(async () => {
  sim = await startLinksfieldSimulator({ seed: 3, size: 40 });
});
afterEach(async () => {
  await sim.close();
});

const hits = (path: string) => sim.server.hits.get(`POST ${path}`) ?? 0;
const adapter = () => linksfield.create(linksfield.configSchema.parse(sim.connection), FAST);

describe('Linksfield path family: /v1.1 (our notes) or plain (the public FMS docs)', () => {
  it('on a host that speaks only the plain paths, tries /v1.1 once, then uses the plain ones for the catalog and orders', async () => {
    sim.server.state.pathFamily = 'plain';
    const client = adapter();
    const { offers, skipped } = await collectPages(client.fetchCatalog());
    expect(skipped).toEqual([]);
    expect(offers.length).toBe(sim.server.packages().length);
    // The first 404 taught it (calls already in flight side by side each met their own); every later call went to
    // the plain spelling straight away.
    expect(hits(VERSIONED.list)).toBeGreaterThanOrEqual(1);
    expect(hits(PLAIN.list)).toBeGreaterThan(hits(VERSIONED.list));
    expect(hits(VERSIONED.detail)).toBe(0);
    expect(hits(PLAIN.detail)).toBe(sim.server.packages().length);

    const pkg = sim.server.packages()[0];
    const price = pkg.currencyInfos.find((info) => info.currencyAbbr === 'USD')!.price.toFixed(2);
    const placed = await client.orders!.place({
      productId: String(pkg.id),
      skuId: String(pkg.id),
      variant: '',
      quantity: 1,
      idempotencyKey: 'LF-PATHS-1',
      expectedCost: money(price, 'USD'),
    });
    expect(placed.status).not.toBe('failed');
    expect(hits(PLAIN.preOrder)).toBe(1);
    expect(hits(VERSIONED.preOrder)).toBe(0);
  });

  it('a host taught one adapter its paths: the next adapter made for it (a sync after an order) asks right away', async () => {
    sim.server.state.pathFamily = 'plain';
    await collectPages(adapter().fetchCatalog());
    const learnt = hits(VERSIONED.list);
    const second = await collectPages(adapter().fetchCatalog());
    expect(second.offers.length).toBe(sim.server.packages().length);
    expect(hits(VERSIONED.list)).toBe(learnt);
    expect(hits(VERSIONED.detail)).toBe(0);
  });

  it('a host that moves to the other paths fails the call that finds out, and the next call asks afresh', async () => {
    sim.server.state.pathFamily = 'plain';
    await collectPages(adapter().fetchCatalog());
    sim.server.state.pathFamily = 'v1.1';
    await expect(collectPages(adapter().fetchCatalog())).rejects.toThrow();
    const { offers } = await collectPages(adapter().fetchCatalog());
    expect(offers.length).toBe(sim.server.packages().length);
  });

  it('on a host that speaks /v1.1, never asks for the plain paths', async () => {
    const { offers } = await collectPages(adapter().fetchCatalog());
    expect(offers.length).toBe(sim.server.packages().length);
    expect(hits(PLAIN.list) + hits(PLAIN.detail)).toBe(0);
  });

  it('reports a 404 from the family the host was learnt to speak, instead of guessing again', async () => {
    sim.server.state.pathFamily = 'plain';
    const client = adapter();
    await collectPages(client.fetchCatalog());
    sim.server.state.pathFamily = 'v1.1';
    const error = await collectPages(client.fetchCatalog()).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(SupplierError);
    expect(hits(VERSIONED.detail)).toBe(0);
  });
});
