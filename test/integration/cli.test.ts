import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANGE_KINDS } from '../../src-main/domain/diff';
import { startDujiaoSimulator } from '../../src-main/suppliers/dujiao-next/sim';
import { runCli } from '../helpers/run-cli';
import { tempDb } from '../helpers/temp-db';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function tempDbFile() {
  const store = tempDb('supplygrid-cli-');
  store.db.close();
  cleanups.push(store.cleanup);
  return store;
}

describe('supplygrid CLI', () => {
  it('sync --demo twice shows real diffs on the second run; changes and offers print them', async () => {
    const { file } = tempDbFile();
    const first = await runCli(['sync', '--demo', '--db', file]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/demo-dujiao\s+ok\s+\d+ offers\s+\+\d+ added\s+-0 removed/);

    const second = await runCli(['sync', '--demo', '--db', file]);
    expect(second.code, second.stderr).toBe(0);
    const line = second.stdout.split('\n').find((l) => l.startsWith('demo-dujiao'))!;
    // The demo suppliers keep their addresses from one start to the next: the second sync lists what changed.
    expect(line).toMatch(/\(incremental, \d+ requests?/);
    const [, added, removed, changed] = /\+(\d+) added\s+-(\d+) removed\s+~(\d+) changed/.exec(line)!.map(Number);
    expect(added + removed + changed).toBeGreaterThan(0);

    const changes = await runCli(['changes', '--json', '--db', file]);
    const list = JSON.parse(changes.stdout) as Array<Record<string, unknown>>;
    expect(list.length).toBeGreaterThan(0);
    const kinds = new Set(list.map((c) => c.change));
    expect([...kinds].every((k) => (CHANGE_KINDS as readonly unknown[]).includes(k))).toBe(true);
    expect(kinds.has('price_up') || kinds.has('price_down')).toBe(true);
    const priceChange = list.find((c) => c.change === 'price_up' || c.change === 'price_down')!;
    expect(priceChange).toMatchObject({
      supplier: expect.any(String),
      productId: expect.any(String),
      skuId: expect.any(String),
      old: { amount: expect.stringMatching(/^\d+\.\d+$/), currency: expect.any(String) },
    });

    const human = await runCli(['changes', '--db', file]);
    // Each run says how it listed and what it cost the connection.
    expect(human.stdout).toMatch(/demo-dujiao — run \d+ \(ok, incremental, \d+ requests?, /);

    const offers = JSON.parse(
      (await runCli(['offers', '--json', '--db', file, '--supplier', 'demo-dujiao'])).stdout,
    ) as Array<{
      supplier: string;
      cost: { amount: string; currency: string };
      stock: { status: string };
      titles: Record<string, string>;
    }>;
    expect(offers.length).toBeGreaterThan(200);
    for (const offer of offers.slice(0, 20)) {
      expect(offer).toMatchObject({
        supplier: 'demo-dujiao',
        productId: expect.any(String),
        skuId: expect.any(String),
        kind: expect.any(String),
      });
      expect(offer.cost.amount).toMatch(/^\d+(\.\d+)?$/);
      expect(offer.cost.currency).toBe('CNY');
      expect(['unlimited', 'in_stock', 'low', 'out', 'unknown']).toContain(offer.stock.status);
      expect(Object.keys(offer.titles)).toContain('zh-CN');
    }
    expect(new Set(offers.map((o) => o.stock.status))).toEqual(new Set(['unlimited', 'in_stock', 'low', 'out']));
  }, 60_000);

  it('sync --config reads suppliers from a JSON file and exits non-zero when one fails', async () => {
    const { file, dir } = tempDbFile();
    const sim = await startDujiaoSimulator();
    cleanups.push(() => sim.close());
    const config = join(dir, 'suppliers.json');
    writeFileSync(
      config,
      JSON.stringify({
        currency: 'USD',
        suppliers: [sim.connection, { ...sim.connection, id: 'wrong-secret', apiSecret: 'not-the-secret' }],
      }),
    );
    const result = await runCli(['sync', '--config', config, '--db', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/demo-dujiao\s+ok/);
    expect(result.stdout).toMatch(/wrong-secret\s+FAILED\s+.*invalid_signature.*\(previous catalog kept\)/);
    expect(result.stdout + result.stderr).not.toContain('not-the-secret');
    expect(result.stdout + result.stderr).not.toContain(String(sim.connection.apiSecret));
  }, 60_000);

  it.each([
    [
      { suppliers: [{ id: 'x', kind: 'nope', baseUrl: 'http://x' }] },
      /unknown kind "nope" \(one of dujiao-next, mesim/,
    ],
    [
      { suppliers: [{ id: 'x', kind: 'dujiao-next', baseUrl: 'not a url', apiKey: 'k', apiSecret: 's' }] },
      /suppliers\[0\] \(id "x"\): baseUrl: baseUrl must be a full http\(s\) URL/,
    ],
    [{ suppliers: [{ id: 'x', kind: 'dujiao-next', baseUrl: 'http://127.0.0.1:1', apiKey: 'k' }] }, /apiSecret/],
    [{ suppliers: [{ kind: 'mesim' }] }, /suppliers\[0\]: field id: missing/],
    [{ currency: 'dollars', suppliers: [] }, /field currency: must be a 3-letter ISO code such as USD/],
  ])('rejects a bad config with a clear message (%#)', async (config, message) => {
    const { file, dir } = tempDbFile();
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify(config));
    const result = await runCli(['sync', '--config', path, '--db', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('explains a config file that is not JSON or missing', async () => {
    const { file, dir } = tempDbFile();
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{"suppliers": [');
    expect((await runCli(['sync', '--config', path, '--db', file])).stderr).toMatch(/is not valid JSON/);
    // The parser's own message quotes the text around the mistake: in a suppliers file, that can be a secret.
    writeFileSync(path, '{"suppliers": [{"id": "x", "kind": "mesim",\n "apiSecret": SUPERSECRET123}]}');
    const unquoted = await runCli(['sync', '--config', path, '--db', file]);
    expect(unquoted.stderr).toMatch(/is not valid JSON \(syntax error at line 2, column 15\)/);
    expect(unquoted.stderr).not.toContain('SUPERSECRE');
    expect((await runCli(['sync', '--config', join(dir, 'missing.json'), '--db', file])).stderr).toMatch(
      /cannot read config file .*ENOENT/,
    );
  });

  it('leaves the merchant currency alone unless the config file states one', async () => {
    const { file, dir } = tempDbFile();
    const sim = await startDujiaoSimulator();
    cleanups.push(() => sim.close());
    const config = join(dir, 'suppliers.json');
    writeFileSync(config, JSON.stringify({ currency: 'EUR', suppliers: [sim.connection] }));
    expect((await runCli(['sync', '--config', config, '--db', file])).code).toBe(0);
    writeFileSync(config, JSON.stringify({ suppliers: [sim.connection] }));
    expect((await runCli(['sync', '--config', config, '--db', file])).code).toBe(0);
    const rates = JSON.parse((await runCli(['rates', '--json', '--db', file])).stdout) as { base: string };
    expect(rates.base).toBe('EUR');
  }, 60_000);

  it('grid --currency refuses a currency it cannot price in, instead of showing every plan unpriced', async () => {
    const { file } = tempDbFile();
    expect((await runCli(['sync', '--demo', '--db', file])).code).toBe(0);
    const inUsd = await runCli(['grid', '--json', '--currency', 'USD', '--db', file]);
    expect(inUsd.code, inUsd.stderr).toBe(0);
    expect((JSON.parse(inUsd.stdout) as Array<{ salePrice: unknown }>).some((row) => row.salePrice !== null)).toBe(
      true,
    );
    const inEur = await runCli(['grid', '--json', '--currency', 'EUR', '--db', file]);
    expect(inEur.code).toBe(2);
    expect(inEur.stderr).toMatch(/no exchange rate from .* to EUR, so those offers could not be priced: use USD/);
    expect(inEur.stdout).toBe('');
  }, 60_000);
});
