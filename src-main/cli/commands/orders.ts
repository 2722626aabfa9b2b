import { readFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import Decimal from 'decimal.js';
import { ConfigError, loadAppConfig } from '../../config/app-config';
import { appleSetupLink } from '../../domain/lpa';
import { formatMoney } from '../../domain/money';
import { writeDailyCap } from '../../orders/repository';
import { OrderService, type SupplierHandle } from '../../orders/service';
import { adapterFor } from '../../sync/targets';
import { parseCap } from '../../../src-shared/daily-cap';
import { OrderError } from '../../orders/types';
import type { OrderView, TimelineEntry } from '../../../src-shared/order-types';
import { orderText } from '../../../src-shared/order-notes';
import { pad, type Output } from '../output';
import { ordersDictionary } from '../../../src-renderer/i18n/orders';
import { wordDeliveryText, wordOrderText } from '../../../src-renderer/stores/orders-view';
import { translator } from '../../../src-renderer/i18n/fill-template';

export interface OrdersArgs {
  action?: string;
  rest: string[];
  json?: boolean;
  reveal?: boolean;
  file?: string;
  /** Supplier connections, needed only to read a pasted notification body through the supplier's own reader. */
  config?: string;
}

const USAGE =
  'use: orders [--json] | orders show ID [--reveal] [--json] | orders complete ID (TEXT | --file FILE) [--config FILE] | orders cap [AMOUNT | off]';

/** `supplygrid orders`: the order history, one order, completing one by hand, and the daily spending cap. */
export async function ordersCommand(db: Database, args: OrdersArgs, output: Output): Promise<number> {
  if (!args.action) return listCommand(db, args, output);
  if (args.action === 'cap') return capCommand(db, args.rest[0], output);
  if (args.action !== 'show' && args.action !== 'complete')
    throw new ConfigError(`unknown orders action "${args.action}" (${USAGE})`);
  const id = Number(args.rest[0]);
  if (!Number.isInteger(id) || id < 1)
    throw new ConfigError(`supplygrid orders ${args.action} needs an order number (${USAGE})`);
  const connections = args.config ? loadAppConfig(args.config).suppliers : [];
  const handles = new Map(
    connections.map((connection): [string, SupplierHandle] => [
      connection.id,
      { connection, adapter: adapterFor(connection) },
    ]),
  );
  const supplier = (supplierId: string): SupplierHandle | null => handles.get(supplierId) ?? null;
  const service = new OrderService({ db, supplier });
  try {
    if (args.action === 'show') {
      const view = args.reveal ? service.reveal(id) : service.get(id);
      if (!view) throw new OrderError(orderText('orderError.noOrder', { order: id }));
      if (args.json) output.json(view);
      else printOrder(view, output, { timeline: true });
      return 0;
    }
    const text = args.file ? readFileSync(args.file, 'utf8') : args.rest.slice(1).join(' ');
    if (!text.trim())
      throw new ConfigError(
        'supplygrid orders complete needs the pasted text: an activation code (quote the $ signs) or --file with a notification body',
      );
    await service.completeManually(id, text);
    const completed = service.reveal(id);
    if (args.json) output.json(completed);
    else printOrder(completed, output);
    return 0;
  } catch (error) {
    if (!(error instanceof OrderError)) throw error;
    output.err(`supplygrid orders: ${orderTextEn(error.message, '')}`);
    return 1;
  } finally {
    await service.close();
  }
}

function listCommand(db: Database, args: OrdersArgs, output: Output): number {
  const service = new OrderService({ db, supplier: () => null });
  const orders = service.list();
  if (args.json) {
    output.json(orders);
    return 0;
  }
  if (orders.length === 0) {
    output.out(
      'No orders yet. Place a test order with `supplygrid order --demo --supplier demo-mesim --sku SKU --yes`.',
    );
    return 0;
  }
  for (const order of orders) {
    const cost = order.amount ?? order.expectedCost;
    output.out(
      `#${String(order.id).padEnd(5)} ${order.createdAt.slice(0, 16).replace('T', ' ')}  ${pad(order.supplier, 14)} ${pad(order.status, 18)} ${pad(order.title, 40)} ${formatMoney(cost).padStart(14)}  ${order.idempotencyKey}`,
    );
  }
  return 0;
}

function capCommand(db: Database, value: string | undefined, output: Output): number {
  if (value !== undefined) {
    try {
      writeDailyCap(db, parseCap(value));
    } catch (error) {
      throw new ConfigError((error as Error).message);
    }
  }
  // Counted as a quote counts it: the day's orders at today's rates, each at the larger of its quote and its charge.
  const { spentToday, cap } = new OrderService({ db, supplier: () => null }).dailySpending();
  const spent = `${new Decimal(spentToday.amount).toString()} ${spentToday.currency}`;
  output.out(
    cap === null
      ? `No daily spending cap on test orders (spent today: ${spent}). Set one with \`supplygrid orders cap AMOUNT\`.`
      : `Daily spending cap on test orders: ${formatMoney(cap.limit)} (spent today: ${spent}); ${formatMoney(cap.remaining)} left. Turn it off with \`supplygrid orders cap off\`.`,
  );
  return 0;
}

/** One order for a terminal: what it is, where it stands, and what was delivered (as the view holds it). */
export function printOrder(view: OrderView, output: Output, options: { timeline?: boolean } = {}): void {
  const line = (label: string, value: string) => output.out(`  ${label.padEnd(18)}${value}`);
  output.out(`Order #${view.id} ${view.status.toUpperCase()}  ${view.title} from ${view.supplier}`);
  line('our key', view.idempotencyKey);
  if (view.upstreamOrderId)
    line('supplier order', `${view.upstreamOrderId} (${orderTextEn(view.upstreamStatus, view.supplier) || '?'})`);
  line(view.amount ? 'charged' : 'expected cost', formatMoney(view.amount ?? view.expectedCost));
  if (view.amount) line('quoted', formatMoney(view.expectedCost));
  if (view.refundedAmount) line('refunded', formatMoney(view.refundedAmount));
  const reason = attentionText(view);
  if (reason) line('needs your check', reason);
  else if (view.error) line('reason', orderTextEn(view.error, view.supplier));
  const delivery = view.delivery;
  if (delivery?.lpa) line('LPA', delivery.lpa);
  if (delivery?.smdpAddress) line('SM-DP+ address', delivery.smdpAddress);
  if (delivery?.activationCode) line('activation code', delivery.activationCode);
  if (delivery?.iccid) line('ICCID', delivery.iccid);
  if (delivery?.lpa && view.revealed) line('iPhone setup link', appleSetupLink(delivery.lpa));
  delivery?.cards?.forEach((card, index) => {
    line(
      `card ${index + 1}`,
      [
        card.number,
        card.pin ? `PIN ${card.pin}` : '',
        card.serial ? `serial ${card.serial}` : '',
        card.expiry ? `expires ${card.expiry}` : '',
      ]
        .filter(Boolean)
        .join('  '),
    );
  });
  if (delivery?.text) line('note', wordDeliveryText(delivery.text, english, view.supplier));
  if (options.timeline) for (const entry of view.timeline) output.out(`  ${timelineLine(entry, view.supplier)}`);
}

/** The same words as the Orders screen: main records a code, the one dictionary words it. */
export function attentionText(view: Pick<OrderView, 'attention' | 'supplier'>): string | null {
  if (!view.attention) return null;
  if (!ordersDictionary.en[`attention.reason.${view.attention.code}`]) return null;
  return english(`attention.reason.${view.attention.code}`, { ...view.attention.params, supplier: view.supplier });
}

/** A text main coded for the merchant (note, error, status), in the same English words as the Orders screen. */
export function orderTextEn(text: string | null | undefined, supplier: string): string {
  return wordOrderText(text, english, supplier);
}

const english = translator(ordersDictionary.en);

export function timelineLine(entry: TimelineEntry, supplier: string): string {
  const upstream = orderTextEn(entry.upstreamStatus, supplier);
  return `${entry.at.slice(11, 19)}  ${entry.status}${upstream ? ` (${upstream})` : ''}${entry.note ? `: ${orderTextEn(entry.note, supplier)}` : ''}`;
}
