import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/open';
import { listOrders } from '../../src-main/orders/repository';
import { startSeagmSimulator, type SeagmSimulator } from '../../src-main/suppliers/seagm/sim';
import { runCli } from '../helpers/run-cli';

const BIN = fileURLToPath(new URL('../../bin/supplygrid.mjs', import.meta.url));
const CREATE = '/v1/card-orders';

/**
 * `supplygrid order` is killed (SIGKILL) after SEAGM took and charged the order but before the answer arrived, and
 * the merchant runs the same command again. The re-run must settle the first order, never pay for a second one,
 * unless the merchant says --force.
 */
describe('re-running `supplygrid order` after it was killed mid-order', () => {
  let dir: string;
  let sim: SeagmSimulator;
  let configFile: string;
  let sku: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'supplygrid-order-rerun-'));
    sim = await startSeagmSimulator({ size: 30 });
    configFile = join(dir, 'suppliers.json');
    writeFileSync(configFile, JSON.stringify({ currency: 'USD', suppliers: [sim.connection] }));
    const auto = new Set(
      sim.server
        .catalog()
        .cardCategories.filter((c) => c.auto_delivery)
        .map((c) => c.id),
    );
    const card = sim.server
      .catalog()
      .goods.find((good) => good.family === 'card' && good.item.has_stock && auto.has(good.item.category_id));
    expect(card).toBeDefined();
    sku = String((card!.item as { id: number }).id);
  }, 60_000);

  afterAll(async () => {
    await sim?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function syncedDb(name: string): Promise<string> {
    const dbFile = join(dir, `${name}.db`);
    const synced = await runCli(['sync', '--config', configFile, '--db', dbFile]);
    expect(synced.code, synced.stderr).toBe(0);
    return dbFile;
  }

  async function orderKilledInFlight(dbFile: string): Promise<void> {
    const before = sim.server.state.orders.length;
    // SEAGM takes the order (and charges), then never answers; the process dies waiting for it.
    sim.server.faults.add({ method: 'POST', path: CREATE, times: 1, action: { kind: 'hang' } });
    const child = spawn(
      process.execPath,
      [BIN, 'order', '--config', configFile, '--db', dbFile, '--supplier', sim.connection.id, '--sku', sku, '--yes'],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 20_000;
    while (sim.server.state.orders.length === before && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    expect(sim.server.state.orders.length).toBe(before + 1);
  }

  it('settles the order the killed run left and places no second one', async () => {
    const dbFile = await syncedDb('settle');
    await orderKilledInFlight(dbFile);
    const rerun = await runCli([
      'order',
      '--config',
      configFile,
      '--db',
      dbFile,
      '--supplier',
      sim.connection.id,
      '--sku',
      sku,
      '--yes',
      '--json',
    ]);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stderr).toMatch(/left unfinished by an earlier run, is now delivered; no new order was placed/);
    const db = openDatabase(dbFile);
    try {
      const orders = listOrders(db);
      expect(orders).toHaveLength(1);
      expect(orders[0].status).toBe('delivered');
      expect(sim.server.state.charges.get(orders[0].idempotencyKey)).toBe(1);
      expect(JSON.parse(rerun.stdout)).toMatchObject({ id: orders[0].id, status: 'delivered', revealed: true });
    } finally {
      db.close();
    }
  }, 60_000);

  it('refuses a new order of the same offer while an earlier one is unsettled, and places it with --force', async () => {
    const dbFile = await syncedDb('refuse');
    await orderKilledInFlight(dbFile);
    // The supplier now says nothing useful about it: it stays for the merchant to check.
    const db = openDatabase(dbFile);
    db.prepare("UPDATE orders SET status = 'attention', acknowledged_at = created_at").run();
    db.close();
    const postsBefore = sim.server.hits.get(`POST ${CREATE}`) ?? 0;

    const refused = await runCli([
      'order',
      '--config',
      configFile,
      '--db',
      dbFile,
      '--supplier',
      sim.connection.id,
      '--sku',
      sku,
      '--yes',
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/order #1 for this offer is still attention .* add --force/);
    expect(sim.server.hits.get(`POST ${CREATE}`) ?? 0).toBe(postsBefore);

    const forced = await runCli([
      'order',
      '--config',
      configFile,
      '--db',
      dbFile,
      '--supplier',
      sim.connection.id,
      '--sku',
      sku,
      '--yes',
      '--force',
    ]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(sim.server.hits.get(`POST ${CREATE}`)).toBe(postsBefore + 1);
    const reopened = openDatabase(dbFile);
    try {
      expect(listOrders(reopened).map((o) => o.status)).toEqual(['delivered', 'attention']);
    } finally {
      reopened.close();
    }
  }, 60_000);
});
