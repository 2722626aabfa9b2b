import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PushNotifications } from '../suppliers/adapter';

export type PushEntries = ReturnType<PushNotifications['read']>;

const MAX_BODY_BYTES = 1024 * 1024;

export interface PushReceiverOptions {
  /** host:port, as the connection's `notifyListen` says it (IPv6 hosts bracketed). */
  listen: string;
  /** The supplier's push reader, looked up per request so a re-entered secret applies at once; null refuses. */
  reader: () => PushNotifications | null;
  /** Applies what a push said; throwing makes the receiver answer 500, so the supplier tries again later. */
  deliver: (entries: PushEntries) => void;
}

export interface RunningReceiver {
  /** Where it actually listens (host:port). */
  address: string;
  close(): Promise<void>;
}

export function splitHostPort(listen: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(listen);
  if (!match) throw new Error(`"${listen}" is not host:port`);
  return { host: match[1] ?? match[2], port: Number(match[3]) };
}

/**
 * A plain HTTP receiver for a supplier's pushes. Any path is accepted, because the path is whatever the merchant
 * configured at the supplier (often through a tunnel or reverse proxy that rewrites it). Verifying and reading
 * the body is the supplier's own code (`push.read`); this only moves bytes and answers as the supplier expects.
 */
export async function startPushReceiver(options: PushReceiverOptions): Promise<RunningReceiver> {
  const { host, port } = splitHostPort(options.listen);
  const server = createServer((req, res) => {
    void handle(req, res).catch((error) =>
      answer(res, 500, `error: ${error instanceof Error ? error.message : String(error)}`),
    );
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return answer(res, 405, 'POST only');
    const body = await readBody(req);
    if (!body) return answer(res, 413, 'body too large');
    const push = options.reader();
    if (!push) return answer(res, 503, 'this supplier connection is not configured any more');
    let entries: PushEntries;
    try {
      entries = push.read(body, headersOf(req));
    } catch (error) {
      return answer(res, 401, `rejected: ${error instanceof Error ? error.message : String(error)}`);
    }
    options.deliver(entries);
    const reply = push.acceptedReply;
    res.writeHead(reply.status, { 'content-type': reply.contentType });
    res.end(reply.body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    address: `${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`,
    // Answers already being written still go out: the supplier must see its accepted reply.
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

function answer(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function headersOf(req: IncomingMessage): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]),
  );
}

export interface ReceiverTarget {
  supplierId: string;
  listen: string;
}

export interface PushReceiversOptions {
  reader: (supplierId: string) => PushNotifications | null;
  deliver: (supplierId: string, entries: PushEntries) => void;
  /** A receiver could not listen (port taken, address not on this machine). */
  onListenError: (supplierId: string, listen: string, message: string) => void;
  /** How long a receiver outlives its supplier's last open order, for a repeated or late push. */
  lingerMs: number;
}

/**
 * Keeps one receiver running per supplier that has open orders and a `notifyListen`. A receiver no longer needed
 * lingers a while: suppliers repeat a push whose reply they missed (BillionConnect, three times), and a repeat
 * answered with the accepted reply ends the retries where a refused connection would not.
 */
export class PushReceivers {
  private readonly running = new Map<string, { listen: string; receiver: RunningReceiver; retireAt: number | null }>();
  private retireTimer: NodeJS.Timeout | null = null;
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: PushReceiversOptions) {}

  /** Serialized, so overlapping updates (two orders finishing at once) never race on a port. */
  update(targets: ReceiverTarget[]): Promise<void> {
    this.queue = this.queue.then(() => this.apply(targets)).catch(() => undefined);
    return this.queue;
  }

  addressOf(supplierId: string): string | null {
    return this.running.get(supplierId)?.receiver.address ?? null;
  }

  private async apply(targets: ReceiverTarget[]): Promise<void> {
    const wanted = new Map(this.closed ? [] : targets.map((t) => [t.supplierId, t.listen]));
    const now = Date.now();
    for (const [supplierId, running] of [...this.running]) {
      const listen = wanted.get(supplierId);
      if (listen === running.listen) {
        running.retireAt = null;
        continue;
      }
      // Another address, or shutting down: stop now. No open orders left: stop after lingering.
      if (listen === undefined && !this.closed) {
        running.retireAt ??= now + this.options.lingerMs;
        if (running.retireAt > now) continue;
      }
      this.running.delete(supplierId);
      await running.receiver.close();
    }
    this.scheduleRetirement();
    for (const [supplierId, listen] of wanted) {
      if (this.running.has(supplierId)) continue;
      try {
        const receiver = await startPushReceiver({
          listen,
          reader: () => this.options.reader(supplierId),
          deliver: (entries) => this.options.deliver(supplierId, entries),
        });
        this.running.set(supplierId, { listen, receiver, retireAt: null });
      } catch (error) {
        // The system's code (EADDRINUSE, EACCES) says it in any language; the message only in English.
        this.options.onListenError(
          supplierId,
          listen,
          (error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error)),
        );
      }
    }
  }

  /** Wakes up when the next lingering receiver is due to stop, re-checking with the targets it last had. */
  private scheduleRetirement(): void {
    if (this.retireTimer) clearTimeout(this.retireTimer);
    this.retireTimer = null;
    const due = [...this.running.values()].map((r) => r.retireAt).filter((at): at is number => at !== null);
    if (due.length === 0 || this.closed) return;
    const targets = [...this.running]
      .filter(([, r]) => r.retireAt === null)
      .map(([supplierId, r]) => ({ supplierId, listen: r.listen }));
    this.retireTimer = setTimeout(() => void this.update(targets), Math.max(0, Math.min(...due) - Date.now()));
    this.retireTimer.unref();
  }

  close(): Promise<void> {
    this.closed = true;
    return this.update([]);
  }
}
