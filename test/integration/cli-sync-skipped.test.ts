import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDujiaoSimulator } from '../../src-main/suppliers/dujiao-next/sim';
import { runCli } from '../helpers/run-cli';
import { tempDb } from '../helpers/temp-db';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('supplygrid sync: the items it skipped', () => {
  it('names where each sat and why, in English, where the app stores codes', async () => {
    const store = tempDb('supplygrid-cli-skipped-');
    store.db.close();
    cleanups.push(store.cleanup);
    const sim = await startDujiaoSimulator();
    cleanups.push(() => sim.close());
    sim.server.faults.add({
      method: 'GET',
      path: '/api/v1/upstream/products',
      when: (request) => request.query.get('page') === '1',
      action: {
        kind: 'rewrite',
        transform: (body) => {
          const page = body as { items: Array<Record<string, unknown>> };
          const items = page.items.map((item) => structuredClone(item));
          (items[1].skus as Array<Record<string, unknown>>)[0].price_amount = 'free';
          delete items[3].title;
          return { ...page, items };
        },
      },
    });
    const config = join(store.dir, 'suppliers.json');
    writeFileSync(config, JSON.stringify({ suppliers: [sim.connection] }));

    const result = await runCli(['sync', '--config', config, '--db', store.file]);
    expect(result.code, result.stderr).toBe(0);
    const skipped = result.stdout
      .split('\n')
      .filter((line) => line.trim().startsWith('skipped '))
      .map((line) => line.trim());
    expect(skipped).toEqual([
      expect.stringMatching(
        /^skipped page 1, item 2 \(product \d+\): field skus\.0\.price_amount: not a decimal amount: "free"$/,
      ),
      expect.stringMatching(/^skipped page 1, item 4 \(product \d+\): field title: missing$/),
    ]);
  }, 60_000);
});
