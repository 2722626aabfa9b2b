import type { MessagePort } from 'node:worker_threads';
import {
  CanceledError,
  SupplierError,
  portableSupplierError,
  supplierErrorFrom,
  type PortableSupplierError,
} from './errors';
import { isThrottle, type BudgetStats, type RequestBudget, type RunOptions } from './budget';
import type { AccountIdentity, BudgetPolicy, BudgetTuning } from './budget-policy';

// A supplier account has ONE request budget per process, in the thread that owns the account (the services). A sync
// running in a worker thread must not count on its own: its adapters hold RemoteBudgets, which pass every request
// through the owner's budget over a MessagePort. The owner paces it among everything else the account sends
// (orders, pings); the attempt itself runs in the worker, so its bytes never cross threads.

/** A budget's totals as the owner last reported them, with its pace. */
export interface BudgetSnapshot extends BudgetStats {
  perMinute: number;
}

/** Why a request ended without a result: the attempt's own error, a cancel, or the budget refusing (an upstream ban). */
type Failure = { kind: 'attempt' } | { kind: 'canceled' } | ({ kind: 'refused' } & PortableSupplierError);

/** Worker → owner. */
export type BudgetRequest =
  | { op: 'open'; ref: number; identity: AccountIdentity; policy: BudgetPolicy; tuning: BudgetTuning }
  | { op: 'refresh'; token: number }
  | { op: 'run'; ref: number; id: number; resendThrottled: boolean }
  | { op: 'sent'; id: number; ref: number; bytes: number; outcome: 'ok' | 'failed' }
  | {
      op: 'sent';
      id: number;
      ref: number;
      bytes: number;
      outcome: 'throttled';
      message: string;
      httpStatus: number | null;
      retryAfterMs: number | null;
    }
  | { op: 'abort'; id: number }
  | { op: 'stop'; ref: number; error: PortableSupplierError; ms: number };

/** Owner → worker. */
export type BudgetReply =
  | { op: 'refreshed'; token: number; stats: Record<number, BudgetSnapshot> }
  | { op: 'go'; id: number; ref: number; stats: BudgetSnapshot }
  | { op: 'hold'; id: number; ref: number; holding: boolean; at: number; stats: BudgetSnapshot }
  | { op: 'settled'; id: number; ref: number; stats: BudgetSnapshot; failure: Failure | null }
  | { op: 'wait'; ref: number; resumesAt: number | null; stats: BudgetSnapshot };

const EMPTY: BudgetSnapshot = { requests: 0, waitMs: 0, throttled: 0, bytes: 0, perMinute: 0 };

/**
 * Posts messages in batches, one per turn of the event loop: a page's answer ends one request and starts the next in
 * the same turn, and every postMessage costs a wake-up of the other thread (a sync's requests cross twice each).
 */
class Outbox<Message> {
  private queued: Message[] = [];

  constructor(private readonly port: MessagePort) {}

  post(message: Message): void {
    if (this.queued.length === 0) setImmediate(() => this.flush());
    this.queued.push(message);
  }

  flush(): void {
    const batch = this.queued;
    this.queued = [];
    if (batch.length > 0) this.port.postMessage(batch);
  }
}

function snapshot(budget: RequestBudget): BudgetSnapshot {
  return { ...budget.stats(), perMinute: budget.perMinute() };
}

interface PendingRun {
  attempt(): void;
  hold(holding: boolean, at: number): void;
  settle(failure: Failure | null): void;
}

/** The worker's side: one RemoteBudget per account its adapters use, all over one port. */
export class RemoteBudgets {
  private readonly budgets = new Map<string, RemoteBudget>();
  private readonly byRef = new Map<number, RemoteBudget>();
  private readonly runs = new Map<number, PendingRun>();
  private readonly refreshes = new Map<number, () => void>();
  private nextId = 1;
  private readonly outbox: Outbox<BudgetRequest>;

  constructor(private readonly port: MessagePort) {
    this.outbox = new Outbox(port);
    port.on('message', (replies: BudgetReply[]) => replies.forEach((reply) => this.receive(reply)));
  }

  /** The account's budget, as accountBudget() would give it in the owner's thread. */
  for(identity: AccountIdentity, policy: BudgetPolicy, tuning: BudgetTuning): RequestBudget {
    if (tuning.clock) throw new Error('a budget with an injected clock cannot be shared across threads');
    const key = JSON.stringify([identity.kind, identity.baseUrl, identity.account]);
    let budget = this.budgets.get(key);
    if (!budget) {
      budget = new RemoteBudget(this, this.nextId++);
      this.budgets.set(key, budget);
      this.byRef.set(budget.ref, budget);
    }
    // Sent again for a known account too: a changed setting re-tunes the owner's budget, as accountBudget() does.
    this.post({ op: 'open', ref: budget.ref, identity, policy, tuning });
    return budget;
  }

  /** Resolves once every budget's totals are the owner's current ones (the engine reads them before a run). */
  refresh(): Promise<void> {
    const token = this.nextId++;
    return new Promise((resolve) => {
      this.refreshes.set(token, resolve);
      this.post({ op: 'refresh', token });
    });
  }

  /** Lets the worker exit: the port no longer keeps it alive. */
  close(): void {
    this.flush();
    this.port.close();
  }

  /** Sends what is queued now rather than at the end of this turn (before the worker reports its results). */
  flush(): void {
    this.outbox.flush();
  }

  post(request: BudgetRequest): void {
    this.outbox.post(request);
  }

  startRun(run: PendingRun): number {
    const id = this.nextId++;
    this.runs.set(id, run);
    return id;
  }

  endRun(id: number): void {
    this.runs.delete(id);
  }

  private receive(reply: BudgetReply): void {
    if (reply.op === 'refreshed') {
      for (const [ref, stats] of Object.entries(reply.stats)) this.byRef.get(Number(ref))?.update(stats);
      this.refreshes.get(reply.token)?.();
      this.refreshes.delete(reply.token);
      return;
    }
    const budget = this.byRef.get(reply.ref);
    budget?.update(reply.stats);
    if (reply.op === 'wait') budget?.announce(reply.resumesAt);
    else if (reply.op === 'go') this.runs.get(reply.id)?.attempt();
    else if (reply.op === 'hold') this.runs.get(reply.id)?.hold(reply.holding, reply.at);
    else {
      const run = this.runs.get(reply.id);
      this.runs.delete(reply.id);
      run?.settle(reply.failure);
    }
  }
}

class RemoteBudget implements RequestBudget {
  private stats_: BudgetSnapshot = EMPTY;
  private readonly listeners = new Set<(resumesAt: number | null) => void>();
  private unsentBytes = 0;
  /** The owner's wait under way, if any: told to a listener that arrives during it, as PacedBudget tells its own. */
  private announced: number | null = null;

  constructor(
    private readonly remote: RemoteBudgets,
    readonly ref: number,
  ) {}

  /** The owner's report, plus the bytes it has not been told of yet. */
  update(stats: BudgetSnapshot): void {
    this.stats_ = { ...stats, bytes: stats.bytes + this.unsentBytes };
  }

  announce(resumesAt: number | null): void {
    this.announced = resumesAt;
    for (const listener of this.listeners) listener(resumesAt);
  }

  stats(): BudgetStats {
    const { perMinute: _, ...stats } = this.stats_;
    return stats;
  }

  perMinute(): number {
    return this.stats_.perMinute;
  }

  onWait(listener: (resumesAt: number | null) => void): () => void {
    this.listeners.add(listener);
    if (this.announced !== null) listener(this.announced);
    return () => this.listeners.delete(listener);
  }

  /** Counted here at once, and told to the owner with the attempt's end ('sent'), not in a message of their own. */
  received(bytes: number): void {
    this.stats_ = { ...this.stats_, bytes: this.stats_.bytes + bytes };
    this.unsentBytes += bytes;
  }

  private takeBytes(): number {
    const bytes = this.unsentBytes;
    this.unsentBytes = 0;
    return bytes;
  }

  stop(error: SupplierError, ms: number): void {
    this.remote.post({ op: 'stop', ref: this.ref, error: portableSupplierError(error), ms });
  }

  /**
   * An attempt that succeeded, or failed other than by a throttle, ends the request here at once: the owner has
   * nothing left to decide, so the worker does not wait a round trip for it. Only a throttled attempt (send again?)
   * and a request refused or canceled before its attempt are settled by the owner.
   */
  run<T>(send: () => Promise<T>, signal?: AbortSignal, options: RunOptions = {}): Promise<T> {
    if (signal?.aborted) return Promise.reject(new CanceledError());
    return new Promise<T>((resolve, reject) => {
      let attemptError: unknown;
      const onAbort = () => this.remote.post({ op: 'abort', id });
      const done = () => {
        signal?.removeEventListener('abort', onAbort);
        this.remote.endRun(id);
      };
      const id = this.remote.startRun({
        hold: (holding, at) => options.onHold?.(holding, at),
        attempt: () => {
          send().then(
            (value) => {
              this.remote.post({ op: 'sent', id, ref: this.ref, bytes: this.takeBytes(), outcome: 'ok' });
              done();
              resolve(value);
            },
            (error: unknown) => {
              if (!isThrottle(error)) {
                this.remote.post({ op: 'sent', id, ref: this.ref, bytes: this.takeBytes(), outcome: 'failed' });
                done();
                reject(error);
                return;
              }
              attemptError = error;
              this.remote.post({
                op: 'sent',
                id,
                ref: this.ref,
                bytes: this.takeBytes(),
                outcome: 'throttled',
                message: error.message,
                httpStatus: error.httpStatus,
                retryAfterMs: error.retryAfterMs,
              });
            },
          );
        },
        settle: (failure) => {
          done();
          if (failure === null || failure.kind === 'attempt') reject(attemptError);
          else if (failure.kind === 'canceled') reject(new CanceledError());
          else reject(supplierErrorFrom(failure));
        },
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.remote.post({ op: 'run', ref: this.ref, id, resendThrottled: options.resendThrottled !== false });
    });
  }
}

/**
 * The owner's side: serves a worker's RemoteBudgets from this thread's budgets (`budgetFor` is accountBudget).
 * Returns a function that stops serving and cancels whatever the worker left waiting.
 */
export function serveRemoteBudgets(
  port: MessagePort,
  budgetFor: (identity: AccountIdentity, policy: BudgetPolicy, tuning: BudgetTuning) => RequestBudget,
): () => void {
  const budgets = new Map<number, { budget: RequestBudget; stopWatching: () => void }>();
  const runs = new Map<
    number,
    { controller: AbortController; attempt: { resolve(): void; reject(error: Error): void } | null; ended: boolean }
  >();
  // Errors that are the worker's own attempt failing: the worker rethrows its original, not this stand-in.
  const fromAttempt = new WeakSet<Error>();
  const outbox = new Outbox<BudgetReply>(port);
  const reply = (message: BudgetReply) => outbox.post(message);

  const failureOf = (error: unknown): Failure => {
    if (error instanceof Error && fromAttempt.has(error)) return { kind: 'attempt' };
    if (error instanceof SupplierError) return { kind: 'refused', ...portableSupplierError(error) };
    return { kind: 'canceled' };
  };

  const onRequest = (request: BudgetRequest) => {
    switch (request.op) {
      case 'open': {
        const budget = budgetFor(request.identity, request.policy, request.tuning);
        if (budgets.get(request.ref)?.budget === budget) return;
        budgets.get(request.ref)?.stopWatching();
        const stopWatching = budget.onWait((resumesAt) =>
          reply({ op: 'wait', ref: request.ref, resumesAt, stats: snapshot(budget) }),
        );
        budgets.set(request.ref, { budget, stopWatching });
        return;
      }
      case 'refresh': {
        const stats: Record<number, BudgetSnapshot> = {};
        for (const [ref, { budget }] of budgets) stats[ref] = snapshot(budget);
        reply({ op: 'refreshed', token: request.token, stats });
        return;
      }
      case 'run': {
        const owned = budgets.get(request.ref);
        if (!owned) return;
        // `ended`: the worker's attempt ended the request on its side (succeeded, or failed other than by a throttle).
        const run = {
          controller: new AbortController(),
          attempt: null as { resolve(): void; reject(error: Error): void } | null,
          ended: false,
        };
        runs.set(request.id, run);
        const attempt = () =>
          new Promise<void>((resolve, reject) => {
            run.attempt = { resolve, reject };
            reply({ op: 'go', id: request.id, ref: request.ref, stats: snapshot(owned.budget) });
          });
        owned.budget
          .run(attempt, run.controller.signal, {
            resendThrottled: request.resendThrottled,
            onHold: (holding, at) =>
              reply({ op: 'hold', id: request.id, ref: request.ref, holding, at, stats: snapshot(owned.budget) }),
          })
          .then(
            () => undefined,
            (error: unknown) => {
              if (!run.ended)
                reply({
                  op: 'settled',
                  id: request.id,
                  ref: request.ref,
                  stats: snapshot(owned.budget),
                  failure: failureOf(error),
                });
            },
          )
          .finally(() => runs.delete(request.id));
        return;
      }
      case 'sent': {
        if (request.bytes > 0) budgets.get(request.ref)?.budget.received(request.bytes);
        const run = runs.get(request.id);
        const attempt = run?.attempt;
        if (!run || !attempt) return;
        run.attempt = null;
        run.ended = request.outcome !== 'throttled';
        if (request.outcome === 'ok') return attempt.resolve();
        const error =
          request.outcome === 'throttled'
            ? new SupplierError(request.message, 'rate_limited', request.httpStatus, true, request.retryAfterMs)
            : new Error('the attempt failed');
        fromAttempt.add(error);
        attempt.reject(error);
        return;
      }
      case 'abort':
        runs.get(request.id)?.controller.abort();
        return;
      case 'stop':
        budgets.get(request.ref)?.budget.stop(supplierErrorFrom(request.error), request.ms);
        return;
    }
  };
  const onRequests = (requests: BudgetRequest[]) => requests.forEach(onRequest);
  port.on('message', onRequests);
  return () => {
    port.off('message', onRequests);
    for (const { stopWatching } of budgets.values()) stopWatching();
    for (const run of runs.values()) {
      run.controller.abort();
      // An attempt the worker will never report on (it died, or stopped): ended here, so its slot among the account's
      // requests in flight is freed for the account's other requests.
      run.attempt?.reject(new CanceledError());
      run.attempt = null;
    }
  };
}
