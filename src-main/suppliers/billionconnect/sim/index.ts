import { createHash } from 'node:crypto';
import type { RunningSimulator, SimulatorOptions } from '../../adapter';
import { billionConnectCatalogAt } from './seed';
import { startBillionConnectServer, type BillionConnectServer } from './server';
import { runningSimulator } from '../../shared/sim/running';
import { tuneLimiter } from '../../shared/sim/server';

export const BILLIONCONNECT_DEMO_SEED = 20260707;

/**
 * The demo's N009: a few seconds after the order (the real platform takes 2–10 minutes), then the three retries the
 * FAQ promises, spaced out, for a receiver that was not listening yet.
 */
export const DEMO_PUSH_DELAYS_MS = [3_000, 5_000, 15_000, 30_000];

export interface BillionConnectSimulator extends RunningSimulator {
  server: BillionConnectServer;
}

/** Demo credentials shaped like the vendor's (32 lowercase hex each), derived from a label so they are stable. */
export function demoCredentials(label: string): { appKey: string; appSecret: string } {
  return {
    appKey: createHash('md5').update(`supplygrid-demo-bc-key:${label}`).digest('hex'),
    appSecret: createHash('md5').update(`supplygrid-demo-bc-secret:${label}`).digest('hex'),
  };
}

/** A BillionConnect distribution account (salesMethod 5) billed in CNY. */
export async function startBillionConnectSimulator(options: SimulatorOptions = {}): Promise<BillionConnectSimulator> {
  const credentials = demoCredentials('billionconnect');
  const seed = options.seed ?? BILLIONCONNECT_DEMO_SEED;
  const server = await startBillionConnectServer({
    catalogAt: (generation) => billionConnectCatalogAt(seed, generation, options.size, options.churn),
    accounts: [
      { ...credentials, salesMethod: '5', currency: 'CNY', accountBalance: '20000.00', frozenBalance: '1200.00' },
    ],
    generation: options.generation,
    host: options.host,
    port: options.port,
  });
  tuneLimiter(server.state.rateLimiter, options.rateLimit);
  if (options.notifyListen) {
    // The platform's "Notification Callback URL", pointed at the app's own receiver (any path reaches it).
    server.state.notifyUrl = `http://${options.notifyListen}/billionconnect/n009`;
    server.state.pushDelaysMs = DEMO_PUSH_DELAYS_MS;
  }
  // The host root, as merchants most often paste it; the client appends the invoke path.
  return runningSimulator(server, {
    id: 'demo-billionconnect',
    kind: 'billionconnect',
    baseUrl: server.baseUrl,
    ...credentials,
    salesMethod: '5',
    ...(options.notifyListen && { notifyListen: options.notifyListen }),
  });
}
