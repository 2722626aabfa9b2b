import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { dujiaoCatalogAt } from '../../src-main/suppliers/dujiao-next/sim/seed';
import { DUJIAO_DEMO_SEED } from '../../src-main/suppliers/dujiao-next/sim';
import { mesimCatalogAt } from '../../src-main/suppliers/mesim/sim/seed';
import { MESIM_DEMO_SEED } from '../../src-main/suppliers/mesim/sim';
import { runCli } from '../helpers/run-cli';
import { tempDb } from '../helpers/temp-db';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function tempDbFile() {
  const store = tempDb('supplygrid-orders-cli-');
  store.db.close();
  cleanups.push(store.cleanup);
  return store;
}

/** An in-stock eSIM SKU of the demo catalog at generation 0 (what a fresh database's demo serves). */
function demoEsimSku(catalog: ReturnType<typeof mesimCatalogAt>): string {
  const product = catalog.products.find(
    (p) => p.delivers === 'esim' && p.is_active && p.skus.some((s) => s.is_active && s.stock_quantity !== 0),
  )!;
  return String(product.skus.find((s) => s.is_active && s.stock_quantity !== 0)!.id);
}

describe('supplygrid order / orders', () => {
  it('places a demo MeSIM order, prints it as JSON with the delivery, and writes a QR that scans to the LPA', async () => {
    const { file, dir } = tempDbFile();
    const qrFile = join(dir, 'esim.png');
    const sku = demoEsimSku(mesimCatalogAt(MESIM_DEMO_SEED, 0));
    const result = await runCli([
      'order',
      '--demo',
      '--supplier',
      'demo-mesim',
      '--sku',
      sku,
      '--yes',
      '--json',
      '--qr-out',
      qrFile,
      '--db',
      file,
    ]);
    expect(result.code, result.stderr).toBe(0);
    const order = JSON.parse(result.stdout);
    expect(order).toMatchObject({
      status: 'delivered',
      supplier: 'demo-mesim',
      idempotencyKey: expect.stringMatching(/^SG/),
      amount: { amount: expect.stringMatching(/^\d+\.\d{2}$/), currency: 'USD' },
      delivery: {
        lpa: expect.stringMatching(/^LPA:1\$/),
        smdpAddress: 'SMDP.DEMO.SUPPLYGRID.INVALID',
        activationCode: expect.stringMatching(/^[0-9A-F]{32}$/),
        iccid: expect.stringMatching(/^8985/),
      },
    });
    expect(result.stderr).toMatch(/not in the local catalog of demo-mesim; syncing it first/);
    expect(result.stderr).toMatch(/#1 \S+ {2}delivered \(completed\)/);
    const image = PNG.sync.read(readFileSync(qrFile));
    expect(jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data).toBe(order.delivery.lpa);
    // The QR is the activation code itself: readable by the merchant alone, like the database.
    if (process.platform !== 'win32') expect(statSync(qrFile).mode & 0o077).toBe(0);

    const list = await runCli(['orders', '--json', '--db', file]);
    expect(list.code, list.stderr).toBe(0);
    const [listed] = JSON.parse(list.stdout);
    expect(listed).toMatchObject({
      id: order.id,
      status: 'delivered',
      idempotencyKey: order.idempotencyKey,
      revealed: false,
    });
    expect(listed.delivery.activationCode).not.toBe(order.delivery.activationCode);
    expect(list.stdout).not.toContain(order.delivery.activationCode);
  });

  it('follows a demo Dujiao-Next order through its status changes and prints the delivery', async () => {
    const { file } = tempDbFile();
    const sku = demoEsimSku(dujiaoCatalogAt(DUJIAO_DEMO_SEED, 0));
    const result = await runCli(['order', '--demo', '--supplier', 'demo-dujiao', '--sku', sku, '--yes', '--db', file]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/#1 \S+ {2}pending: Recorded before sending/);
    expect(result.stdout).toMatch(/#1 \S+ {2}processing \(paid\): Sent/);
    expect(result.stdout).toMatch(/#1 \S+ {2}delivered \(completed\)/);
    expect(result.stdout).toMatch(/Order #1 DELIVERED/);
    expect(result.stdout).toMatch(/ {2}SM-DP\+ address {4}SMDP\.DEMO\.SUPPLYGRID\.INVALID/);
    expect(result.stdout).toMatch(/ {2}activation code {3}[0-9A-F]{32}\n/);
    expect(result.stdout).toMatch(
      / {2}iPhone setup link https:\/\/esimsetup\.apple\.com\/esim_qrcode_provisioning\?carddata=LPA%3A1%24/,
    );
    expect(result.stdout).toMatch(/ {2}charged {11}\d+\.\d{2} CNY/);
  });

  it('refuses without --yes, and over the daily cap, without sending anything', async () => {
    const { file } = tempDbFile();
    const sku = demoEsimSku(mesimCatalogAt(MESIM_DEMO_SEED, 0));
    const unconfirmed = await runCli(['order', '--demo', '--supplier', 'demo-mesim', '--sku', sku, '--db', file]);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toMatch(/add --yes to confirm/);

    const cap = await runCli(['orders', 'cap', '0.50', '--db', file]);
    expect(cap.stdout).toMatch(/Daily spending cap on test orders: 0\.50 USD \(spent today: 0 USD\)/);
    const refused = await runCli(['order', '--demo', '--supplier', 'demo-mesim', '--sku', sku, '--yes', '--db', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /supplygrid order: This order \(about \d+\.\d{2} USD\) would exceed today’s spending cap of 0\.50 USD/,
    );
    expect(JSON.parse((await runCli(['orders', '--json', '--db', file])).stdout)).toEqual([]);
  });
});
