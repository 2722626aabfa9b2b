import { hostname } from 'node:os';
import { ownerMayBeAlive, PROCESS_STARTED_AT, type RunOwner } from '../db/run-owners';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import Decimal from 'decimal.js';
import { dirname } from 'node:path';
import type { Database } from 'better-sqlite3';
import { recordBalance } from '../db/balances-repo';
import { rateMap } from '../db/rates-repo';
import { aesSecretBox, keyFileSecretBox, type SecretBox } from '../secrets/secret-box';
import { merchantCurrency } from '../db/settings';
import { convert, MissingRateError } from '../domain/currency';
import { displayTitle } from '../domain/locale';
import { isDecimalString, type Money } from '../domain/money';
import { costForQuantity, unitCostFor } from '../domain/quantity-tiers';
import type { OfferRef } from '../../src-shared/grid-types';
import { CanceledError, describeError, SupplierError } from '../http/errors';
import {
  LOOKUP_UNSUPPORTED,
  NotSentError,
  type ConnectionBase,
  type OrderRef,
  type OrderRequest,
  type OrderState,
  type SupplierAdapter,
  type SupplierOrders,
} from '../suppliers/adapter';
import { readPasted, readPastedPush } from './manual-completion';
import { applyState, noteOn, viewOf, type ApplyOptions, type RecordState } from './order-state';
import { PushReceivers, type PushEntries, type ReceiverTarget } from './push-receiver';
import { qrDataUri } from './qr';
import { orderText } from '../../src-shared/order-notes';
import { attention, chargeProblem } from '../suppliers/shared/order-attention';
import {
  type AttentionReason,
  isOpen,
  type OrderQuote,
  type OrderView,
  type PlaceOrderInput,
  type SpendingCapView,
} from '../../src-shared/order-types';
import { DEFAULT_FOLLOW_POLICY, nextStep, pollDelay, resendWait, type FollowPolicy } from './reconcile';
import {
  appendEntries,
  findLiveOffers,
  findOrderByKey,
  getOrder,
  insertOrder,
  listOpenOrders,
  listOrders,
  listUnsettledOrders,
  orderTimeline,
  readDailyCap,
  recordSendAttempt,
  recordSendEnded,
  recordSendNotMade,
  renewSend,
  saveOrder,
  sealClearDeliveries,
  spendOnDay,
  suppliersAwaitingPushes,
  type OrderableOffer,
} from './repository';
import { checkSpendingCap, localDay, spentToday, type CapCheck } from './spending-cap';
import { OrderError, type OrderRecord } from './types';
import { connectionFingerprint, sameConnection } from './connection-fingerprint';
import { ForeignKeyDeliveryError, openStoredDelivery, sealedDeliveryColumn } from './delivery-vault';

export interface SupplierHandle {
  /** The connection as configured now; `notifyListen` on it turns on the push receiver. */
  connection: ConnectionBase;
  adapter: SupplierAdapter;
}

export interface OrderServiceOptions {
  db: Database;
  /** The supplier connection with this id as configured right now, or null when there is none. */
  supplier: (supplierId: string) => SupplierHandle | null;
  /** Every change to an order, masked: the app forwards it as the `order.updated` event. */
  onUpdate?: (order: OrderView) => void;
  policy?: Partial<FollowPolicy>;
  /** Local clock, injectable for the daily cap. */
  now?: () => Date;
  /** How long a push receiver keeps listening after its supplier's last open order ended (default 5 min). */
  pushLingerMs?: number;
  /**
   * Seals delivered codes at rest (delivery-vault.ts). The app passes its own (keychain-sealed) box; without one, the
   * data folder's key file is used, as the command line and the browser preview do for everything they seal.
   */
  secretBox?: SecretBox;
}

const BALANCE_TIMEOUT_MS = 20_000;
/** This process, as the hold on an order it sends names it (migration 024). */
const THIS_PROCESS_OWNER: RunOwner = { pid: process.pid, host: hostname(), processStartedAt: PROCESS_STARTED_AT };
const PUSH_LINGER_MS = 5 * 60_000;

/**
 * Test orders: quote, place, follow to the end, reconcile after a restart, receive pushes, complete by hand.
 * See reconcile.ts for how an order whose fate is unknown is resolved without ever being placed twice.
 */
export class OrderService {
  private readonly db: Database;
  private readonly policy: FollowPolicy;
  private readonly controller = new AbortController();
  private readonly following = new Map<number, Promise<void>>();
  private readonly receivers: PushReceivers;
  private readonly box: SecretBox;

  constructor(private readonly options: OrderServiceOptions) {
    this.db = options.db;
    this.box = options.secretBox ?? defaultSecretBox(options.db);
    // Deliveries written before they were sealed are sealed once, here, wherever orders are opened first.
    sealClearDeliveries(this.db, this.box);
    this.policy = { ...DEFAULT_FOLLOW_POLICY, ...options.policy };
    this.receivers = new PushReceivers({
      lingerMs: options.pushLingerMs ?? PUSH_LINGER_MS,
      reader: (supplierId) => this.options.supplier(supplierId)?.adapter.push ?? null,
      // Pushes about keys we do not know are still accepted: answering an error would only make the supplier retry.
      deliver: (supplierId, entries) => this.applyEntries(supplierId, entries, orderText('note.pushed')),
      onListenError: (supplierId, listen, message) => {
        for (const record of listOpenOrders(this.db).filter((r) => r.supplierId === supplierId)) {
          this.note(record.id, orderText('note.pushListenFailed', { listen, error: message }));
        }
      },
    });
  }

  /** Reconciles every order left open (by a crash, a quit, a timeout) and listens for pushes where needed. */
  start(): void {
    for (const record of listOpenOrders(this.db)) void this.follow(record.id);
    void this.updateReceivers();
  }

  async quote(ref: OfferRef, quantity = 1): Promise<OrderQuote> {
    const offer = this.offer(ref);
    const handle = this.options.supplier(ref.supplier);
    const cost = costForQuantity(offer.cost, offer.quantityTiers, quantity);
    const { converted, cap } = this.againstCap(cost, localDay(this.now()));
    let balance: Money | null = null;
    let balanceError: string | null = null;
    if (handle) {
      try {
        balance = (
          await handle.adapter.ping(AbortSignal.any([this.controller.signal, AbortSignal.timeout(BALANCE_TIMEOUT_MS)]))
        ).balance;
        if (balance) recordBalance(this.db, ref.supplier, balance, this.now());
      } catch (error) {
        balanceError = describeError(error);
      }
    } else {
      balanceError = orderText('refusal.notConfigured', { supplier: ref.supplier });
    }
    const refusal = this.refusal(offer, handle, quantity) ?? (cap.allowed ? null : cap.reason);
    return {
      offer: ref,
      title: displayTitle(offer.titles, 'en'),
      kind: offer.kind,
      stock: offer.stock,
      quantity,
      unitCost: unitCostFor(offer.cost, offer.quantityTiers, quantity),
      cost,
      costInMerchantCurrency: converted,
      balance,
      balanceError,
      cap: cap.view,
      inputFields: offer.fulfillment.inputFields,
      allowed: refusal === null,
      refusal,
    };
  }

  /** Today's spend and what the daily cap leaves of it, counted exactly as `quote` counts them (`cap` null without one). */
  dailySpending(): { spentToday: Money; cap: SpendingCapView | null } {
    const currency = merchantCurrency(this.db);
    const day = localDay(this.now());
    // The cap's view does not depend on the order weighed against it: an empty one reads it as a quote would.
    const { cap, spent } = this.againstCap({ amount: '0', currency }, day);
    return { spentToday: cap.view?.spentToday ?? { amount: new Decimal(spent).toFixed(2), currency }, cap: cap.view };
  }

  /**
   * Records the order, sends it, and resolves with its state after that first exchange; following it to the end
   * continues in the background (`settled` waits for that). Refusals before anything is recorded throw OrderError.
   */
  async place(input: PlaceOrderInput): Promise<OrderView> {
    if (input.confirm !== true) throw new OrderError(orderText('orderError.confirm'));
    const quantity = input.quantity ?? 1;
    if (!Number.isInteger(quantity) || quantity < 1)
      throw new OrderError(orderText('orderError.quantity', { quantity }));
    const offer = this.offer(input.offer);
    const handle = this.options.supplier(input.offer.supplier);
    const refusal = this.refusal(offer, handle, quantity);
    if (refusal) throw new OrderError(refusal);
    const missing = offer.fulfillment.inputFields
      .filter((field) => field.required && !input.buyerInput?.[field.key]?.trim())
      .map((field) => field.key);
    if (missing.length) throw new OrderError(orderText('orderError.buyerInput', { fields: missing.join(', ') }));

    const at = this.now();
    // Check the cap and write the record in one immediate transaction, so two orders at once cannot both fit.
    const record = this.db
      .transaction(() => {
        const cost = costForQuantity(offer.cost, offer.quantityTiers, quantity);
        const day = localDay(at);
        const { converted, cap } = this.againstCap(cost, day);
        if (!cap.allowed) throw new OrderError(cap.reason);
        return insertOrder(
          this.db,
          {
            idempotencyKey: newIdempotencyKey(at),
            supplierId: offer.supplierId,
            supplierKind: handle!.connection.kind,
            connectionFingerprint: connectionFingerprint(handle!.connection),
            productId: offer.productId,
            skuId: offer.skuId,
            variant: offer.variant,
            offerKind: offer.kind,
            title: displayTitle(offer.titles, 'en'),
            quantity,
            expectedCost: cost,
            capAmount: converted,
            capDay: day,
            email: input.email?.trim() || null,
            buyerInput: input.buyerInput && Object.keys(input.buyerInput).length ? input.buyerInput : null,
            createdAt: at.toISOString(),
          },
          orderText('note.recorded'),
        );
      })
      .immediate();
    this.emit(record.id);
    await new Promise<void>((firstRoundDone) => void this.follow(record.id, firstRoundDone));
    return this.get(record.id)!;
  }

  list(limit?: number): OrderView[] {
    return listOrders(this.db, limit).map((record) => viewOf(record, orderTimeline(this.db, record.id), false));
  }

  get(id: number): OrderView | null {
    const record = getOrder(this.db, id);
    return record ? viewOf(record, orderTimeline(this.db, id), false) : null;
  }

  /** The delivery unmasked: activation code, PIN, the supplier's QR image. */
  reveal(id: number): OrderView {
    const record = this.require(id);
    return viewOf({ ...record, delivery: this.opened(record) }, orderTimeline(this.db, id), true);
  }

  /** Our own QR of the eSIM's activation code, as a PNG data: URI. */
  /** Our QR of the order's activation code; `esimIndex` picks one eSIM of an order for several (Delivery.esims). */
  async qr(id: number, esimIndex?: number): Promise<string> {
    const delivery = this.opened(this.require(id));
    const lpa = esimIndex === undefined ? delivery?.lpa : delivery?.esims?.[esimIndex]?.lpa;
    if (!lpa)
      throw new OrderError(
        esimIndex === undefined
          ? orderText('orderError.noQr', { order: id })
          : orderText('orderError.noQrOf', { order: id, esim: esimIndex + 1 }),
      );
    return qrDataUri(lpa);
  }

  /** Resolves once the order is no longer being followed (finished, or polling gave up until the next start). */
  async settled(id: number): Promise<OrderView> {
    await this.following.get(id);
    return this.get(id)!;
  }

  async whenIdle(): Promise<void> {
    while (this.following.size > 0) await Promise.allSettled([...this.following.values()]);
  }

  async cancel(id: number): Promise<OrderView> {
    const record = this.require(id);
    if (!isOpen(record.status) && record.status !== 'attention')
      throw new OrderError(orderText('orderError.closed', { order: id, status: statusText(record.status) }));
    if (record.sendAttempts === 0) {
      this.apply(id, { ...stateOf(record), status: 'canceled' }, { note: orderText('note.canceledBeforeSending') });
      return this.get(id)!;
    }
    // The supplier does not show this order, so it cannot cancel it either: the merchant closes it on their word.
    if (record.status === 'attention') {
      this.apply(id, { ...stateOf(record), status: 'canceled' }, { note: orderText('note.closedByYou') });
      return this.get(id)!;
    }
    const handle = this.options.supplier(record.supplierId);
    const orders = handle?.adapter.orders;
    if (!orders?.cancel) throw new OrderError(orderText('orderError.cannotCancel', { supplier: record.supplierId }));
    const state = await orders.cancel(refOf(record), this.controller.signal);
    this.apply(id, state, { fromSupplier: true, note: orderText('note.canceledAtRequest') });
    return this.get(id)!;
  }

  /**
   * Completes an order with what the merchant pasted: the supplier's notification body (read by the supplier's
   * own push reader, signature check skipped because it was pasted, not received) or the activation code itself.
   */
  async completeManually(id: number, text: string): Promise<OrderView> {
    const record = this.require(id);
    if (record.status === 'delivered') throw new OrderError(orderText('orderError.alreadyDelivered', { order: id }));
    if (record.status === 'failed' || record.status === 'canceled')
      throw new OrderError(orderText('orderError.nothingToComplete', { order: id, status: statusText(record.status) }));
    if (record.sendAttempts === 0) throw new OrderError(orderText('orderError.neverSent', { order: id }));
    const pasted = readPasted(text);
    if (pasted.kind === 'invalid') throw new OrderError(pasted.reason);
    if (pasted.kind === 'lpa') {
      const { lpa, smdpAddress, activationCode } = pasted.code;
      this.apply(
        id,
        { ...stateOf(record), status: 'delivered', delivery: { lpa, smdpAddress, activationCode } },
        { note: orderText('note.completedByHandLpa') },
      );
      return this.get(id)!;
    }
    const handle = this.options.supplier(record.supplierId);
    if (!handle) throw new OrderError(orderText('orderError.pushNotConfigured', { supplier: record.supplierId }));
    const push = handle.adapter.push;
    if (!push) throw new OrderError(orderText('orderError.noPush', { supplier: record.supplierId }));
    let entries: PushEntries;
    try {
      entries = readPastedPush(push, pasted.body);
    } catch (error) {
      throw new OrderError(
        orderText('orderError.pushUnreadable', { supplier: record.supplierId, error: describeError(error) }),
      );
    }
    const mine = entries.filter((entry) => entry.idempotencyKey === record.idempotencyKey);
    if (mine.length === 0) {
      const keys = entries.map((e) => e.idempotencyKey).join(', ');
      throw new OrderError(
        orderText(keys ? 'orderError.pushOtherOrder' : 'orderError.pushNoOrder', {
          keys,
          order: id,
          key: record.idempotencyKey,
        }),
      );
    }
    for (const entry of mine)
      this.apply(id, entry.state, { fromSupplier: true, note: orderText('note.completedByHandPush') });
    return this.get(id)!;
  }

  /**
   * One round of reconciliation for each of these open orders (asked about, re-sent if reconcile.ts says so), as at a
   * start; resolves once every one has had its round. Following them goes on in the background until `close`.
   */
  async reconcile(ids: readonly number[]): Promise<void> {
    await Promise.all(ids.map((id) => new Promise<void>((firstRoundDone) => void this.follow(id, firstRoundDone))));
  }

  /** Open orders (pending, processing) of these suppliers. */
  openOrders(supplierIds: readonly string[]): OrderView[] {
    return listOpenOrders(this.db)
      .filter((record) => supplierIds.includes(record.supplierId))
      .map((record) => this.get(record.id)!);
  }

  /** Orders of this offer whose fate is not settled: open, or waiting for the merchant's check (attention). Newest first. */
  unsettled(offer: OfferRef): OrderView[] {
    return listUnsettledOrders(this.db, offer).map((record) => this.get(record.id)!);
  }

  /** Stops following and listening. Orders in flight stay exactly as recorded, for the next start to reconcile. */
  async close(): Promise<void> {
    this.controller.abort();
    await this.whenIdle();
    await this.receivers.close();
  }

  /** Which receiver address a supplier's pushes reach now (tests, diagnostics). */
  receiverAddress(supplierId: string): string | null {
    return this.receivers.addressOf(supplierId);
  }

  private follow(id: number, onFirstRound?: () => void): Promise<void> {
    const running = this.following.get(id);
    if (running) {
      onFirstRound?.();
      return running;
    }
    const run = this.runFollow(id, onFirstRound).finally(() => {
      this.following.delete(id);
      void this.updateReceivers();
    });
    this.following.set(id, run);
    return run;
  }

  private async runFollow(id: number, onFirstRound?: () => void): Promise<void> {
    const started = Date.now();
    let slowed = false;
    try {
      for (let round = 0; ; round++) {
        const record = getOrder(this.db, id);
        if (!record || !stillFollowed(record)) return;
        await this.reconcileOnce(record);
        if (onFirstRound) {
          onFirstRound();
          onFirstRound = undefined;
        }
        // Every round: the merchant may have given the connection another receiver address meanwhile, and an order
        // followed for hours would otherwise keep the old one (or none) until it ends.
        void this.updateReceivers();
        if (!stillFollowed(getOrder(this.db, id)!)) return;
        const { followForMs, slowPollMs } = this.policy;
        if (!slowed && Date.now() - started >= followForMs) {
          const minutes = Math.round(followForMs / 60_000);
          if (slowPollMs === null) {
            this.note(id, orderText('note.followStopped', { minutes }));
            return;
          }
          slowed = true;
          this.note(id, orderText('note.followSlowed', { minutes, every: Math.round(slowPollMs / 60_000) }));
        }
        const delay = slowed && slowPollMs !== null ? slowPollMs : pollDelay(this.policy, round);
        await sleep(delay, undefined, { signal: this.controller.signal });
      }
    } catch (error) {
      // Shutting down: leave the record exactly as it is; the next start reconciles it.
      if (this.controller.signal.aborted) return;
      this.note(id, orderText('note.followFailed', { error: describeError(error) }));
    } finally {
      onFirstRound?.();
    }
  }

  /** One round of reconcile.ts's rule. */
  private async reconcileOnce(record: OrderRecord): Promise<void> {
    const handle = this.options.supplier(record.supplierId);
    const orders = handle?.adapter.orders;
    if (!orders) {
      this.note(
        record.id,
        orderText(handle ? 'note.noOrderApi' : 'note.notConfigured', { supplier: record.supplierId }),
      );
      return;
    }
    if (record.connectionFingerprint && handle && !sameConnection(record.connectionFingerprint, handle.connection)) {
      // Another account (or host) now answers to this supplier id: sending or looking the order up there could
      // place it a second time somewhere else. Only the merchant can say where it went.
      if (record.status !== 'attention') {
        this.apply(
          record.id,
          {
            ...stateOf(record),
            attention: attention('connection_changed', { key: record.idempotencyKey }),
            error: orderText('error.connectionChanged', { supplier: record.supplierId, key: record.idempotencyKey }),
          },
          { note: orderText('note.connectionChanged') },
        );
      }
      return;
    }
    const step = nextStep(record);
    try {
      if (step === 'send') return await this.send(record, orders, orderText('note.sent'));
      // Asking never duplicates anything, so it goes first; only a re-send waits (waitBeforeResending).
      const found = await orders.query(refOf(record), this.controller.signal);
      if (found) return this.apply(record.id, found, { fromSupplier: true });
      // Another process is sending it right now: what comes of that is its to record, not ours to judge.
      if (step === 'query-then-send' && this.heldElsewhere(record)) return;
      if (
        step === 'query-then-send' &&
        record.sendAttempts < this.policy.maxSendAttempts &&
        (await this.waitBeforeResending(record))
      ) {
        // Decided again from the record as it now stands: another process may have sent it meanwhile, or heard back.
        const now = getOrder(this.db, record.id);
        return now && stillFollowed(now) ? await this.reconcileOnce(now) : undefined;
      }
      if (step === 'query-then-send') {
        if (record.sendAttempts >= this.policy.maxSendAttempts) {
          return this.apply(
            record.id,
            {
              ...stateOf(record),
              attention: attention('no_answer', { tries: String(record.sendAttempts), key: record.idempotencyKey }),
              error: orderText('error.noAnswer', {
                supplier: record.supplierId,
                tries: record.sendAttempts,
                key: record.idempotencyKey,
              }),
            },
            { note: orderText('note.noAnswerEveryTry') },
          );
        }
        return await this.send(record, orders, orderText('note.resent'));
      }
      this.apply(
        record.id,
        {
          ...stateOf(record),
          attention: attention('order_vanished', {
            order: record.upstreamOrderId ?? record.idempotencyKey,
            key: record.idempotencyKey,
          }),
          error: orderText('error.vanished', {
            supplier: record.supplierId,
            order: record.upstreamOrderId ?? record.idempotencyKey,
            key: record.idempotencyKey,
          }),
        },
        { note: orderText('note.vanished') },
      );
    } catch (error) {
      if (this.controller.signal.aborted || error instanceof CanceledError) throw new CanceledError();
      if (error instanceof SupplierError && error.code === LOOKUP_UNSUPPORTED) {
        // Asking again can never answer (the supplier's own id for it was lost), and sending again could order it
        // twice: only the merchant, in the supplier's portal, can tell what came of it.
        this.apply(
          record.id,
          { ...stateOf(record), error: error.message, attention: attention('outcome_unclear', { code: error.code }) },
          { note: orderText('note.outcomeUnclear') },
        );
        return;
      }
      this.note(
        record.id,
        orderText('note.noAnswerRetrying', { supplier: record.supplierId, error: describeError(error) }),
      );
    }
  }

  /**
   * A repeat that reaches the supplier while its first copy is still being processed can slip past a check-then-insert
   * de-duplication, so an unanswered order is sent again only once `resendAfterMs` have passed since the last send.
   */
  private async waitBeforeResending(record: OrderRecord): Promise<boolean> {
    const wait = resendWait(this.policy, record, Date.now(), this.holderMayBeAlive(record));
    if (wait <= 0) return false;
    this.note(record.id, orderText('note.waitingBeforeResend', { seconds: Math.ceil(wait / 1000) }));
    await sleep(wait, undefined, { signal: this.controller.signal });
    return true;
  }

  private async send(record: OrderRecord, orders: SupplierOrders, note: string): Promise<void> {
    // Committed before the bytes leave: a crash from here on leaves "maybe sent", which reconcile.ts handles.
    const leaseEnd = () => new Date(Date.now() + this.policy.sendLeaseMs).toISOString();
    const sending = recordSendAttempt(this.db, record.id, {
      at: new Date().toISOString(),
      until: leaseEnd(),
      owner: THIS_PROCESS_OWNER,
      holdOfTheDead: this.holderMayBeAlive(record) ? null : record.sendingUntil,
      seenAttempts: record.sendAttempts,
    });
    // Another process is sending it: the next round sees what came of that.
    if (!sending) return;
    const renewing = setInterval(() => {
      try {
        renewSend(this.db, record.id, leaseEnd(), THIS_PROCESS_OWNER);
      } catch {
        // Skipped when it fails (the database busy past its timeout, or closed by a shutdown): at worst the hold lapses,
        // as a crash's would.
      }
    }, this.policy.sendLeaseMs / 3);
    renewing.unref();
    let state: OrderState;
    try {
      state = await orders.place(requestOf(sending), this.controller.signal);
    } catch (error) {
      // Adapters return refusals as a `failed` state and throw only when the outcome is unknown. A retryable error
      // (timeout, 5xx) is checked again next round; one that says retrying cannot help needs the merchant's eyes.
      // Either way the supplier may still be working on it: the wait before a repeat counts from now, not from when
      // this send began (a wait for the request budget and a price check came first, and a timeout takes 30 s).
      clearInterval(renewing);
      if (error instanceof NotSentError) return this.notSent(record, error.cause);
      recordSendEnded(this.db, record.id, new Date().toISOString(), THIS_PROCESS_OWNER, true);
      if (error instanceof SupplierError && !error.retryable) {
        this.apply(
          record.id,
          {
            ...stateOf(record),
            upstreamStatus: error.code,
            error: error.message,
            attention: attention('outcome_unclear', { code: error.code }),
          },
          { note: orderText('note.outcomeUnclear') },
        );
        return;
      }
      throw error;
    }
    clearInterval(renewing);
    if (state.notSent) {
      // Refused by our own check before anything was sent: the supplier said nothing about this order.
      recordSendNotMade(this.db, record.id, THIS_PROCESS_OWNER, { lastSentAt: record.lastSentAt });
      this.apply(record.id, state, { note: orderText('note.notSent') });
      return;
    }
    try {
      this.apply(record.id, state, { fromSupplier: true, note });
    } finally {
      recordSendEnded(this.db, record.id, new Date().toISOString(), THIS_PROCESS_OWNER, false);
    }
  }

  /**
   * The send stopped before the order's request left (a price read failed): the attempt is taken back, so it neither
   * brings the order nearer `no_answer` nor makes the next send a repeat. `record`: the order as it was before the claim.
   */
  private notSent(record: OrderRecord, cause: unknown): void {
    recordSendNotMade(this.db, record.id, THIS_PROCESS_OWNER, { lastSentAt: record.lastSentAt });
    if (this.controller.signal.aborted || cause instanceof CanceledError) throw new CanceledError();
    if (cause instanceof SupplierError && !cause.retryable) {
      // Trying again cannot help. Never sent at all: the order ends here, uncharged. Sent before without an answer:
      // that send's outcome is still unknown, and only the merchant can tell.
      const neverSent = record.sendAttempts === 0;
      this.apply(
        record.id,
        {
          ...stateOf(record),
          ...(neverSent && { status: 'failed' as const }),
          upstreamStatus: cause.code,
          error: cause.message,
          ...(!neverSent && { attention: attention('outcome_unclear', { code: cause.code }) }),
        },
        { note: orderText(neverSent ? 'note.notSentFailed' : 'note.outcomeUnclear') },
      );
      return;
    }
    this.note(
      record.id,
      orderText('note.notSentRetrying', { supplier: record.supplierId, error: describeError(cause) }),
    );
  }

  /** Whether the process holding the order (migration 024), if any, may still be running: its hold counts only then. */
  private holderMayBeAlive(record: OrderRecord): boolean {
    return record.sendingOwner !== null && ownerMayBeAlive(record.sendingOwner);
  }

  /** Whether a live process holds the order for a send now. */
  private heldElsewhere(record: OrderRecord): boolean {
    return (
      record.sendingUntil !== null && Date.parse(record.sendingUntil) > Date.now() && this.holderMayBeAlive(record)
    );
  }

  private applyEntries(supplierId: string, entries: PushEntries, note: string): void {
    for (const { idempotencyKey, state } of entries) {
      const record = findOrderByKey(this.db, supplierId, idempotencyKey);
      if (record) this.apply(record.id, state, { fromSupplier: true, note });
    }
  }

  private apply(id: number, state: RecordState, options: ApplyOptions): void {
    const stored = getOrder(this.db, id)!;
    // Later news adds to the delivery (mergeDelivery), so the stored one is opened to add to it.
    const record = { ...stored, delivery: this.opened(stored) };
    const checked = options.fromSupplier ? withChargeCheck(record, state) : state;
    const applied = applyState(record, checked, new Date().toISOString(), options);
    if (!applied.changed) return;
    saveOrder(this.db, applied.record, applied.entries, sealedDeliveryColumn(this.box, applied.record.delivery));
    this.emit(id);
  }

  /** The record's delivery unsealed; an OrderError when this process's data key cannot open it. */
  private opened(record: OrderRecord): OrderRecord['delivery'] {
    try {
      return openStoredDelivery(this.box, record.storedDelivery ?? null);
    } catch (error) {
      if (error instanceof ForeignKeyDeliveryError)
        throw new OrderError(orderText('orderError.foreignKey', { order: record.id }));
      throw error;
    }
  }

  private note(id: number, text: string): void {
    const record = getOrder(this.db, id);
    if (!record) return;
    const entry = noteOn(record, text, new Date().toISOString(), orderTimeline(this.db, id).at(-1));
    if (!entry) return;
    appendEntries(this.db, id, [entry]);
    this.emit(id);
  }

  private emit(id: number): void {
    const view = this.get(id);
    if (view) this.options.onUpdate?.(view);
  }

  private updateReceivers(): Promise<void> {
    const targets: ReceiverTarget[] = [];
    for (const supplierId of suppliersAwaitingPushes(this.db)) {
      const handle = this.options.supplier(supplierId);
      const listen = (handle?.connection as { notifyListen?: unknown } | undefined)?.notifyListen;
      if (handle?.adapter.push && typeof listen === 'string' && listen) targets.push({ supplierId, listen });
    }
    return this.receivers.update(targets);
  }

  private offer(ref: OfferRef): OrderableOffer {
    const [offer] = findLiveOffers(this.db, ref.supplier, ref);
    if (!offer)
      throw new OrderError(
        orderText('orderError.noOffer', {
          supplier: ref.supplier,
          offer: [ref.productId, ref.skuId, ref.variant].filter(Boolean).join('/'),
        }),
      );
    return offer;
  }

  private refusal(offer: OrderableOffer, handle: SupplierHandle | null, quantity: number): string | null {
    // A cost of zero or less is no price a supplier charges: it is a bad catalog entry, and the cap cannot weigh it.
    if (!isDecimalString(offer.cost.amount) || new Decimal(offer.cost.amount).lessThanOrEqualTo(0)) {
      return orderText('refusal.zeroCost', { cost: `${offer.cost.amount} ${offer.cost.currency}` });
    }
    if (!handle) return orderText('refusal.notConfigured', { supplier: offer.supplierId });
    if (!handle.adapter.orders) return orderText('note.noOrderApi', { supplier: offer.supplierId });
    if (!offer.orderable) return orderText('refusal.notOrderable');
    if (offer.minQuantity !== null && quantity < offer.minQuantity)
      return orderText('refusal.minQuantity', { min: offer.minQuantity });
    if (offer.maxQuantity !== null && quantity > offer.maxQuantity)
      return orderText('refusal.maxQuantity', { max: offer.maxQuantity });
    return null;
  }

  /**
   * The cost in the merchant's currency (null without a rate) and whether it fits under that day's cap, the day's
   * earlier orders counted at today's rates (spentToday in spending-cap.ts).
   */
  private againstCap(cost: Money, day: string): { converted: Money | null; cap: CapCheck; spent: string } {
    const currency = merchantCurrency(this.db);
    const rates = rateMap(this.db, currency);
    let converted: Money | null;
    try {
      converted = convert(cost, currency, rates);
    } catch (error) {
      if (!(error instanceof MissingRateError)) throw error;
      converted = null;
    }
    const { spent, uncounted } = spentToday(spendOnDay(this.db, day), currency, rates);
    const cap = checkSpendingCap({
      limit: readDailyCap(this.db),
      currency,
      spentToday: spent,
      uncounted,
      order: converted,
      orderCurrency: cost.currency,
    });
    return { converted, cap, spent };
  }

  private require(id: number): OrderRecord {
    const record = getOrder(this.db, id);
    if (!record) throw new OrderError(orderText('orderError.noOrder', { order: id }));
    return record;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}

/** An order status as a coded text, for a message that names it. */
function statusText(status: OrderRecord['status']): string {
  return orderText(`status.${status}` as const);
}

/** The data folder's key file beside the database; a throwaway key for a database in memory (tests). */
function defaultSecretBox(db: Database): SecretBox {
  if (db.memory) return aesSecretBox(randomBytes(32), 'key-file');
  return keyFileSecretBox(dirname(db.name));
}

/** Keeps the supplier's own scale ("12.50" × 2 = "25.00"): it is how the supplier states prices. */
/** Short, upper-case letters and digits only: fits every supplier's order-number field. Unique by time and chance. */
export function newIdempotencyKey(at: Date): string {
  return `SG${at.toISOString().replace(/\D/g, '').slice(0, 14)}${randomBytes(4).toString('hex').toUpperCase()}`;
}

function refOf(record: OrderRecord): OrderRef {
  return { idempotencyKey: record.idempotencyKey, upstreamOrderId: record.upstreamOrderId };
}

/** The identical request every time: a re-send must be the same order, not merely the same key. */
function requestOf(record: OrderRecord): OrderRequest {
  return {
    productId: record.productId,
    skuId: record.skuId,
    variant: record.variant,
    quantity: record.quantity,
    idempotencyKey: record.idempotencyKey,
    expectedCost: record.expectedCost,
    sendAttempt: record.sendAttempts,
    ...(record.email ? { email: record.email } : {}),
    ...(record.buyerInput ? { buyerInput: record.buyerInput } : {}),
  };
}

/** The record's own state, as a base for the states we set without the supplier (attention, by hand, local cancel). */
function stateOf(record: OrderRecord): RecordState {
  return {
    status: record.status,
    upstreamOrderId: record.upstreamOrderId,
    upstreamStatus: record.upstreamStatus ?? '',
    amount: null,
    delivery: null,
    error: null,
  };
}

/**
 * Open orders are followed; so is one charged differently from its quote until its delivery arrives, so the merchant
 * looking at it sees what was delivered too (it is only ever looked up, never sent again: the supplier has it).
 */
function stillFollowed(record: OrderRecord): boolean {
  if (isOpen(record.status)) return true;
  return (
    record.status === 'attention' &&
    record.attention?.code === 'charged_differs' &&
    !record.delivery &&
    record.acknowledgedAt !== null
  );
}

/**
 * Every supplier, one rule: a charge other than the confirmed quote is never silently delivered. Refunds and
 * refusals are left alone (their amounts say what came back, not what was taken).
 */
function withChargeCheck(record: OrderRecord, state: RecordState): RecordState {
  if (state.attention || !['processing', 'delivered'].includes(state.status)) return state;
  const problem: AttentionReason | null = chargeProblem(state.amount ?? record.amount, record.expectedCost);
  return problem ? { ...state, attention: problem } : state;
}
