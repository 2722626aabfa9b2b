import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setMerchantCurrency } from '../../src-main/db/settings';
import { insertOrder } from '../../src-main/orders/repository';
import { OrderService, newIdempotencyKey } from '../../src-main/orders/service';
import { localDay } from '../../src-main/orders/spending-cap';
import { ensureSomeRates } from '../../src-main/pricing/rates-service';
import type { ConnectionBase } from '../../src-main/suppliers/adapter';
import { supplierKind } from '../../src-main/suppliers/registry';
import { syncSupplier } from '../../src-main/sync/engine';
import { catalogOf, startTestDujiao, TEST_KEY, TEST_SECRET } from '../helpers/dujiao-fixtures';
import { runCli } from '../helpers/run-cli';
import { FAST_RETRY, tempDb } from '../helpers/temp-db';
import { inEnglishMatching } from '../helpers/in-english';

const POLICY = { initialDelayMs: 10, maxDelayMs: 40, followForMs: 5_000, resendAfterMs: 50, maxSendAttempts: 3 };

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function rawDelivery(db: ReturnType<typeof tempDb>['db'], id: number): string {
  return (db.prepare('SELECT delivery_json FROM orders WHERE id = ?').get(id) as { delivery_json: string })
    .delivery_json;
}

/** Everything on disk for this database: the file and its write-ahead log, checkpointed or not. */
function bytesOnDisk(file: string): string {
  const parts = [file, `${file}-wal`].map((path) => {
    try {
      return readFileSync(path).toString('latin1');
    } catch {
      return '';
    }
  });
  return parts.join('');
}

/** A card order recorded in a fresh database, as an earlier version would have left it. */
function storedCardOrder() {
  const store = tempDb();
  cleanups.push(() => store.cleanup());
  const at = new Date();
  const record = insertOrder(
    store.db,
    {
      idempotencyKey: newIdempotencyKey(at),
      supplierId: 'sup',
      supplierKind: 'seagm',
      connectionFingerprint: null,
      productId: '1',
      skuId: '10',
      variant: '',
      offerKind: 'card',
      title: 'Steam card',
      quantity: 1,
      expectedCost: { amount: '10.00', currency: 'USD' },
      capAmount: null,
      capDay: localDay(at),
      email: null,
      buyerInput: null,
      createdAt: at.toISOString(),
    },
    'recorded before sending',
  );
  return { store, record };
}

describe('delivered codes at rest', () => {
  it('keeps the activation code, the LPA holding it, out of the database and every listing, and shows it only on reveal', async () => {
    const sim = await startTestDujiao(catalogOf(1), { pollsUntilDelivered: 0 });
    cleanups.push(() => sim.close());
    const store = tempDb();
    cleanups.push(() => store.cleanup());
    setMerchantCurrency(store.db, 'USD');
    ensureSomeRates(store.db);
    const connection = {
      id: 'sup',
      kind: 'dujiao-next',
      baseUrl: sim.connection.apiBase,
      apiKey: TEST_KEY,
      apiSecret: TEST_SECRET,
    } as ConnectionBase;
    const adapter = supplierKind('dujiao-next')!.create(connection, { retry: FAST_RETRY, timeoutMs: 5000 });
    await syncSupplier(store.db, { supplierId: 'sup', supplierKind: 'dujiao-next', adapter });
    const service = new OrderService({ db: store.db, supplier: () => ({ connection, adapter }), policy: POLICY });
    cleanups.push(() => service.close());

    const placed = await service.place({
      offer: { supplier: 'sup', productId: '1', skuId: '10', variant: '' },
      confirm: true,
    });
    const delivered = await service.settled(placed.id);
    expect(delivered.status).toBe('delivered');
    const revealed = service.reveal(placed.id).delivery!;
    const code = revealed.activationCode!;
    expect(code.length).toBeGreaterThan(4);
    expect(revealed.lpa).toContain(code);

    expect(rawDelivery(store.db, placed.id)).not.toContain(code);
    expect(JSON.stringify(service.list())).not.toContain(code);
    expect(JSON.stringify(service.get(placed.id))).not.toContain(code);
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(bytesOnDisk(store.file)).not.toContain(code);

    const listed = await runCli(['orders', '--json', '--db', store.file]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).not.toContain(code);
    const shown = await runCli(['orders', 'show', String(placed.id), '--json', '--db', store.file]);
    expect(shown.stdout).not.toContain(code);
    // The command line reads the same key file the service above sealed with (the database's folder).
    const unmasked = await runCli(['orders', 'show', String(placed.id), '--reveal', '--json', '--db', store.file]);
    expect(unmasked.code, unmasked.stderr).toBe(0);
    expect(JSON.parse(unmasked.stdout).delivery).toMatchObject({ activationCode: code, lpa: revealed.lpa });
  });

  it('seals deliveries stored in clear by an earlier version once, when orders are next opened', async () => {
    const { store, record } = storedCardOrder();
    const lpa = 'LPA:1$smdp.example.com$ACTIVATE-9Q7Z-SECRET';
    const clear = { lpa, cards: [{ number: 'CARD-NUMBER-5521', pin: 'PIN-77130942' }] };
    store.db
      .prepare("UPDATE orders SET status = 'delivered', delivery_json = ? WHERE id = ?")
      .run(JSON.stringify(clear), record.id);
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(bytesOnDisk(store.file)).toContain('PIN-77130942');

    const service = new OrderService({ db: store.db, supplier: () => null });
    cleanups.push(() => service.close());
    const raw = rawDelivery(store.db, record.id);
    for (const secret of ['ACTIVATE-9Q7Z-SECRET', 'CARD-NUMBER-5521', 'PIN-77130942']) {
      expect(raw).not.toContain(secret);
      expect(JSON.stringify(service.list())).not.toContain(secret);
    }
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(bytesOnDisk(store.file)).not.toContain('PIN-77130942');
    expect(service.reveal(record.id).delivery).toMatchObject({
      lpa,
      cards: [{ number: 'CARD-NUMBER-5521', pin: 'PIN-77130942' }],
    });
  });

  it('says where to reveal a delivery sealed under another data key, without failing the listing', async () => {
    const { store, record } = storedCardOrder();
    store.db
      .prepare("UPDATE orders SET status = 'delivered', delivery_json = ? WHERE id = ?")
      .run(JSON.stringify({ cards: [{ number: 'N-1', pin: 'P-123456' }] }), record.id);
    new OrderService({ db: store.db, supplier: () => null });
    // Another data folder's key: as the desktop app's keychain key is to the command line.
    writeFileSync(join(store.dir, 'secret.key'), Buffer.alloc(32, 7).toString('base64'));
    const other = new OrderService({ db: store.db, supplier: () => null });
    expect(other.list()).toHaveLength(1);
    expect(() => other.reveal(record.id)).toThrow(inEnglishMatching(/sealed with another data key/));
  });
});
