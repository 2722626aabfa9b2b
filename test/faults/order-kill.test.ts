import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/open';
import { listOrders } from '../../src-main/orders/repository';
import { OrderService } from '../../src-main/orders/service';
import { supplierKind } from '../../src-main/suppliers/registry';
import { startDujiaoSimulator, type DujiaoSimulator } from '../../src-main/suppliers/dujiao-next/sim';
import { runCli } from '../helpers/run-cli';

const BIN = fileURLToPath(new URL('../../bin/supplygrid.mjs', import.meta.url));

/**
 * The order process is killed (SIGKILL) while its request is in flight: the supplier has taken the order but
 * the answer never arrived. On the next start, reconciliation must find that order — exactly one charge.
 */
describe('SIGKILL during order placement', () => {
  let dir: string;
  let sim: DujiaoSimulator;
  let configFile: string;
  let dbFile: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'supplygrid-order-kill-'));
    sim = await startDujiaoSimulator({ size: 30 });
    configFile = join(dir, 'suppliers.json');
    dbFile = join(dir, 'supplygrid.db');
    writeFileSync(configFile, JSON.stringify({ currency: 'CNY', suppliers: [sim.connection] }));
    const synced = await runCli(['sync', '--config', configFile, '--db', dbFile]);
    expect(synced.code, synced.stderr).toBe(0);
  }, 60_000);

  afterAll(async () => {
    await sim?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is reconciled on restart into the one order the supplier took, charged once', async () => {
    const db = openDatabase(dbFile);
    const offer = db
      .prepare(
        `SELECT sku_id AS skuId FROM offers WHERE supplier_id = ? AND kind = 'esim' AND stock_status IN ('in_stock', 'unlimited') LIMIT 1`,
      )
      .get(sim.connection.id) as { skuId: string };
    db.close();
    // The simulator takes the order (and charges), then never answers; the process dies waiting for it.
    sim.server.faults.add({ method: 'POST', path: '/api/v1/upstream/orders', times: 1, action: { kind: 'hang' } });

    const child = spawn(
      process.execPath,
      [
        BIN,
        'order',
        '--config',
        configFile,
        '--db',
        dbFile,
        '--supplier',
        sim.connection.id,
        '--sku',
        offer.skuId,
        '--yes',
      ],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 20_000;
    while (sim.server.state.orders.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    expect(sim.server.state.orders).toHaveLength(1);
    const [taken] = sim.server.state.orders;

    const reopened = openDatabase(dbFile);
    const [record] = listOrders(reopened);
    expect(record.status).toMatch(/pending|processing/);
    const service = new OrderService({
      db: reopened,
      supplier: (id) =>
        id === sim.connection.id
          ? {
              connection: sim.connection,
              adapter: supplierKind('dujiao-next')!.create(sim.connection, {
                retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 50 },
                timeoutMs: 5000,
              }),
            }
          : null,
      policy: { initialDelayMs: 20, maxDelayMs: 100, followForMs: 20_000, resendAfterMs: 200 },
    });
    try {
      service.start();
      const settled = await service.settled(record.id);
      expect(settled.status).toBe('delivered');
      expect(record.idempotencyKey).toBe(taken.downstreamOrderNo);
      expect(sim.server.state.orders).toHaveLength(1);
      expect(sim.server.state.charges.get(record.idempotencyKey)).toBe(1);
    } finally {
      await service.close();
      reopened.close();
    }
  }, 60_000);
});
