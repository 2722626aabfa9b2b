// A login session (SupplierAdapter.session: Linksfield) belongs to the thread that started a sync worker, where orders
// use it too. FMS may end a session when the account logs in again, so the worker never logs in itself: it asks that
// thread for a token, and for another when its token expires; an order hitting the same expired token there shares
// that one login.
import type { MessagePort } from 'node:worker_threads';
import {
  CanceledError,
  SupplierError,
  portableSupplierError,
  supplierErrorFrom,
  type PortableSupplierError,
} from '../../http/errors';
import type { MeteredBudget, SentElsewhere } from '../../http/budget-meter';
import type { LoginSessionHandle, TokenSource } from '../../suppliers/adapter';

/** Worker → starter: a token of the supplier's account other than `stale` (any, when null). */
export interface TokenRequest {
  id: number;
  supplierId: string;
  stale: string | null;
}

/**
 * Starter → worker, answering a TokenRequest. `spent`: everything the starter's adapter for the supplier has sent so
 * far, all of it logins made for this worker (the adapter is the sync's own), for the worker's run to count.
 */
export type TokenReply = { id: number; supplierId: string; spent: SentElsewhere | null } & (
  | { token: string }
  | {
      failure:
        | ({ kind: 'refused' } & PortableSupplierError)
        | { kind: 'canceled' }
        | { kind: 'failed'; name: string; message: string };
    }
);

/** Starter → worker, unasked: the starter's adapter for the supplier began or ended being held by the account's budget. */
export interface HoldNotice {
  hold: { supplierId: string; holding: boolean; at: number };
}

type StarterMessage = TokenReply | HoldNotice;

/** The starter's session of a supplier, and what the adapter logging in for it sends through its budget. */
export interface ServedSession {
  session: LoginSessionHandle;
  spent(): SentElsewhere | null;
  /** Told as that adapter's requests begin and end being held (MeteredBudget.onHolding). */
  onHolding?(listener: (holding: boolean, at: number) => void): () => void;
}

/** The starter has no login session for the supplier the worker asked about (a bug, never a supplier's answer). */
export const NO_SESSION_HERE = 'the sync has no login session for this supplier';

/** A failure that is neither a supplier's answer nor a cancel, as the worker rethrows it: its name and message. */
function failedWith(error: unknown): { kind: 'failed'; name: string; message: string } {
  return error instanceof Error
    ? { kind: 'failed', name: error.name, message: error.message }
    : { kind: 'failed', name: 'Error', message: String(error) };
}

/**
 * The starter's side: answers the worker's requests from this thread's sessions, logging in when one has no token
 * (through this thread's adapter for the sync, paced by the account's budget here, which the worker's progress hears
 * of). Returns a function that stops answering.
 */
export function serveLoginSessions(
  port: MessagePort,
  sessionOf: (supplierId: string) => ServedSession | undefined,
  signal?: AbortSignal,
): () => void {
  const post = (message: StarterMessage) => port.postMessage(message);
  const watching = new Map<string, () => void>();
  const answer = async ({ id, supplierId, stale }: TokenRequest) => {
    let reply: TokenReply;
    const served = sessionOf(supplierId);
    // From the first request on: the worker's progress and its run's wait see a login held as it is held.
    if (served?.onHolding && !watching.has(supplierId))
      watching.set(
        supplierId,
        served.onHolding((holding, at) => post({ hold: { supplierId, holding, at } })),
      );
    try {
      if (!served) throw new Error(NO_SESSION_HERE);
      const token = await served.session.replace(stale, signal);
      reply = { id, supplierId, spent: served.spent(), token };
    } catch (error) {
      reply = {
        id,
        supplierId,
        spent: served?.spent() ?? null,
        failure:
          error instanceof SupplierError
            ? { kind: 'refused', ...portableSupplierError(error) }
            : error instanceof CanceledError
              ? { kind: 'canceled' }
              : failedWith(error),
      };
    }
    post(reply);
  };
  const onMessage = (request: TokenRequest) => void answer(request);
  port.on('message', onMessage);
  return () => {
    port.off('message', onMessage);
    for (const stop of watching.values()) stop();
  };
}

/** The worker's side: each supplier's TokenSource asks the starter over `port`. */
export class RemoteLoginSessions {
  private nextId = 1;
  private closed = false;
  private readonly waiting = new Map<number, { resolve(token: string): void; reject(error: Error): void }>();
  private readonly spentBySupplier = new Map<string, SentElsewhere>();
  private readonly holdsBySupplier = new Map<string, (holding: boolean, at: number) => void>();

  constructor(private readonly port: MessagePort) {
    port.on('message', (message: StarterMessage) => {
      if ('hold' in message) {
        const { supplierId, holding, at } = message.hold;
        this.holdsBySupplier.get(supplierId)?.(holding, at);
        return;
      }
      const reply = message;
      // Replies come in the order the starter sent them, each with its adapter's totals so far: the latest holds, even
      // when its caller has stopped waiting.
      if (reply.spent) this.spentBySupplier.set(reply.supplierId, reply.spent);
      const waiter = this.waiting.get(reply.id);
      if (!waiter) return;
      this.waiting.delete(reply.id);
      if ('token' in reply) waiter.resolve(reply.token);
      else if (reply.failure.kind === 'refused') waiter.reject(supplierErrorFrom(reply.failure));
      else if (reply.failure.kind === 'canceled') waiter.reject(new CanceledError());
      else waiter.reject(Object.assign(new Error(reply.failure.message), { name: reply.failure.name }));
    });
    // The starter stopped answering (it closes its end only once the worker is done): nothing more will come.
    port.on('close', () => this.cancelWaits());
  }

  /**
   * The supplier's tokens, from the starter. A caller canceled stops waiting; the login it asked for goes on there,
   * where an order may be waiting on it too.
   */
  sourceFor(supplierId: string): TokenSource {
    return (stale, signal) =>
      new Promise<string>((resolve, reject) => {
        // Nothing comes back through a closed port: a request sent there would wait for ever.
        if (signal?.aborted || this.closed) return reject(new CanceledError());
        const id = this.nextId++;
        const abort = () => {
          this.waiting.delete(id);
          reject(new CanceledError());
        };
        const done = () => signal?.removeEventListener('abort', abort);
        this.waiting.set(id, {
          resolve: (token) => (done(), resolve(token)),
          reject: (error) => (done(), reject(error)),
        });
        signal?.addEventListener('abort', abort, { once: true });
        this.port.postMessage({ id, supplierId, stale } satisfies TokenRequest);
      });
  }

  /**
   * Makes `budget` (the worker's adapter's) count the logins the starter makes for the supplier, since they are made
   * for this worker's run: their requests, throttles and bytes as each reply totals them, their holds as they happen.
   * A login still under way when the run ends counts its wait so far, and its request only if answered by then.
   */
  countIn(supplierId: string, budget: MeteredBudget): void {
    const held = budget.countElsewhere(
      () => this.spentBySupplier.get(supplierId) ?? { requests: 0, throttled: 0, bytes: 0 },
    );
    this.holdsBySupplier.set(supplierId, held);
  }

  /** Ends every wait as canceled and closes the port. */
  close(): void {
    this.cancelWaits();
    this.port.close();
  }

  private cancelWaits(): void {
    this.closed = true;
    for (const waiter of this.waiting.values()) waiter.reject(new CanceledError());
    this.waiting.clear();
  }
}
