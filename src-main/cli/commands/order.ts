import { closeSync, fchmodSync, fstatSync, openSync, writeFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import Decimal from 'decimal.js';
import { loadAppConfig } from '../../config/app-config';
import { startDemoSuppliers } from '../../demo/demo-suppliers';
import { formatMoney } from '../../domain/money';
import type { OfferRef } from '../../../src-shared/grid-types';
import { qrPng } from '../../orders/qr';
import { findLiveOffers } from '../../orders/repository';
import { OrderService } from '../../orders/service';
import { OrderError } from '../../orders/types';
import type { OrderView } from '../../../src-shared/order-types';
import { ensureSomeRates } from '../../pricing/rates-service';
import type { ConnectionBase, SupplierAdapter } from '../../suppliers/adapter';
import { syncSuppliers } from '../../sync/engine';
import { adapterFor, syncTargetFor } from '../../sync/targets';
import type { Output } from '../output';
import { orderTextEn, printOrder, timelineLine } from './orders';
import { runErrorEn } from '../../../src-renderer/screens/sync/run-error';

export interface OrderArgs {
  config?: string;
  demo?: boolean;
  supplier?: string;
  sku?: string;
  variant?: string;
  email?: string;
  yes?: boolean;
  qrOut?: string;
  json?: boolean;
  /** Order even while an earlier order of the same offer is unsettled. */
  force?: boolean;
}

/** `supplygrid order`: one test order, followed to the end, its delivery printed (and its QR written). */
export async function orderCommand(db: Database, args: OrderArgs, output: Output): Promise<number> {
  if (!args.supplier || !args.sku) {
    output.err('supplygrid order: say what to order: --supplier ID --sku SKU (see `supplygrid offers --supplier ID`)');
    return 2;
  }
  if (!args.yes) {
    output.err('supplygrid order: an order is paid from your balance at the supplier; add --yes to confirm');
    return 2;
  }
  if (!args.config && !args.demo) {
    output.err('supplygrid order: say where the supplier is: --config FILE, or --demo for the built-in simulators');
    return 2;
  }
  const connections: ConnectionBase[] = [];
  if (args.config) {
    const config = loadAppConfig(args.config);
    connections.push(...config.suppliers);
  }
  // The catalog generation the merchant last synced, so the SKU they looked up is the one the demo sells.
  const demo = args.demo ? await startDemoSuppliers(db, { advance: false }) : null;
  if (demo) connections.push(...demo.connections);
  // Progress goes to stderr when stdout must hold only the JSON.
  const say = (line: string) => (args.json ? output.err(line) : output.out(line));
  try {
    const connection = connections.find((c) => c.id === args.supplier);
    if (!connection) {
      output.err(
        `supplygrid order: no supplier "${args.supplier}" here (known: ${connections.map((c) => c.id).join(', ') || 'none'})`,
      );
      return 2;
    }
    ensureSomeRates(db);
    // One adapter per connection for the whole command: it carries the supplier's session, clock and rate limits.
    const adapters = new Map<string, SupplierAdapter>();
    const adapterOf = (c: ConnectionBase) => adapters.get(c.id) ?? adapters.set(c.id, adapterFor(c)).get(c.id)!;
    let offer = findOffer(db, connection.id, args.sku, args.variant);
    if (offer === null) {
      say(`SKU ${args.sku} is not in the local catalog of ${connection.id}; syncing it first…`);
      const [synced] = await syncSuppliers(db, [syncTargetFor(connection, adapterOf(connection))]);
      if (synced.status !== 'ok') {
        output.err(
          `supplygrid order: could not sync ${connection.id} to look SKU ${args.sku} up: ${runErrorEn(synced.error)}`,
        );
        return 1;
      }
      offer = findOffer(db, connection.id, args.sku, args.variant);
    }
    if (offer === null) {
      output.err(
        `supplygrid order: ${connection.id} sells no SKU ${args.sku}${args.variant ? ` (variant ${args.variant})` : ''}`,
      );
      return 2;
    }
    if ('variants' in offer) {
      output.err(
        `supplygrid order: SKU ${args.sku} comes in several variants; pick one with --variant (${offer.variants.join(', ')})`,
      );
      return 2;
    }

    const printed = new Map<number, number>();
    const service = new OrderService({
      db,
      supplier: (id) => {
        const found = connections.find((c) => c.id === id);
        return found ? { connection: found, adapter: adapterOf(found) } : null;
      },
      onUpdate: (view) => {
        const seen = printed.get(view.id) ?? 0;
        for (const entry of view.timeline.slice(seen)) say(`#${view.id} ${timelineLine(entry, view.supplier)}`);
        printed.set(view.id, view.timeline.length);
      },
    });
    try {
      // An earlier run killed mid-order (or the app) may have left orders open: settle them first, so a re-run of the
      // same command never pays for an order the supplier already took.
      const open = service.openOrders(connections.map((c) => c.id));
      if (open.length) {
        say(
          `Checking ${open.length} unfinished order${open.length === 1 ? '' : 's'} with the supplier first (${open.map((o) => `#${o.id}`).join(', ')})…`,
        );
        await service.reconcile(open.map((o) => o.id));
      }
      const earlier = service.unsettled(offer);
      const settledNow = open.filter(
        (o) =>
          o.offer.productId === offer.productId &&
          o.offer.skuId === offer.skuId &&
          o.offer.variant === offer.variant &&
          o.offer.supplier === offer.supplier &&
          !earlier.some((e) => e.id === o.id),
      );
      if (!args.force && earlier.length) {
        const [first] = earlier;
        output.err(
          `supplygrid order: order #${first.id} for this offer is still ${first.status} (our key ${first.idempotencyKey}) and may already be paid. ` +
            `Check it (\`supplygrid orders show ${first.id}\`) and settle it, or add --force to place another order anyway.`,
        );
        return 1;
      }
      if (!args.force && settledNow.length) {
        const [finished] = settledNow.map((o) => service.reveal(o.id));
        say(
          `Order #${finished.id} for this offer, left unfinished by an earlier run, is now ${finished.status}; no new order was placed (add --force to place another).`,
        );
        if (args.qrOut) await writeQr(args.qrOut, finished, say);
        if (args.json) output.json(finished);
        else printOrder(finished, output);
        return finished.status === 'delivered' ? 0 : 1;
      }
      const quote = await service.quote(offer);
      const inMerchant = quote.costInMerchantCurrency;
      const converted = inMerchant
        ? ` (about ${new Decimal(inMerchant.amount).toFixed(2)} ${inMerchant.currency})`
        : '';
      say(`Ordering ${quote.title} from ${connection.name ?? connection.id}: ${formatMoney(quote.cost)}${converted}`);
      say(
        `  balance at the supplier: ${quote.balance ? formatMoney(quote.balance) : `unknown (${quote.balanceError})`}`,
      );
      if (quote.cap)
        say(`  daily cap: ${formatMoney(quote.cap.limit)}, ${formatMoney(quote.cap.remaining)} left today`);
      const placed = await service.place({ offer, email: args.email, confirm: true });
      const final = await service.settled(placed.id);
      const revealed = service.reveal(final.id);
      if (args.qrOut) await writeQr(args.qrOut, revealed, say);
      if (args.json) output.json(revealed);
      else printOrder(revealed, output);
      if (final.status === 'delivered') return 0;
      if (final.status === 'pending' || final.status === 'processing') {
        output.err(
          `Order #${final.id} is still ${final.status}; the app keeps checking it (\`supplygrid orders show ${final.id}\`).`,
        );
      }
      return 1;
    } catch (error) {
      if (!(error instanceof OrderError)) throw error;
      output.err(`supplygrid order: ${orderTextEn(error.message, args.supplier ?? '')}`);
      return 1;
    } finally {
      await service.close();
    }
  } finally {
    await demo?.close();
  }
}

function findOffer(
  db: Database,
  supplierId: string,
  skuId: string,
  variant: string | undefined,
): OfferRef | { variants: string[] } | null {
  const matches = findLiveOffers(db, supplierId, { skuId, variant });
  if (matches.length === 0) return null;
  if (matches.length > 1) return { variants: matches.map((o) => o.variant || '""') };
  const [offer] = matches;
  return { supplier: offer.supplierId, productId: offer.productId, skuId: offer.skuId, variant: offer.variant };
}

async function writeQr(file: string, order: OrderView, say: (line: string) => void): Promise<void> {
  const lpa = order.delivery?.lpa;
  if (!lpa) {
    say(`No QR written to ${file}: order #${order.id} delivered no eSIM activation code.`);
    return;
  }
  // The QR is the activation code itself: made user-only (0600) like the database, and a file already there is
  // tightened (a regular file only: a device such as /dev/stdout is left as it is).
  const png = await qrPng(lpa);
  const fd = openSync(file, 'w', 0o600);
  try {
    const stat = fstatSync(fd);
    if (process.platform !== 'win32' && stat.isFile() && (stat.mode & 0o077) !== 0) fchmodSync(fd, 0o600);
    writeFileSync(fd, png);
  } finally {
    closeSync(fd);
  }
  say(`QR code of the activation code written to ${file}`);
}
