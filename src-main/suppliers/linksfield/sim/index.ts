import { createHash } from 'node:crypto';
import type { RunningSimulator, SimulatorOptions } from '../../adapter';
import { linksfieldCatalogAt } from './seed';
import { startFmsSimulator, type FmsSimAccount, type FmsSimServer } from './server';
import { runningSimulator } from '../../shared/sim/running';
import { tuneLimiter } from '../../shared/sim/server';

export const LINKSFIELD_DEMO_SEED = 20260420;

export interface LinksfieldSimulator extends RunningSimulator {
  server: FmsSimServer;
}

/** Demo credentials in the real formats (P + 6 digits, an email, a password), the same on every machine. */
export function linksfieldDemoAccount(): FmsSimAccount {
  const digest = createHash('sha256').update('supplygrid-demo:linksfield').digest('hex');
  return {
    partnerCode: `P${(parseInt(digest.slice(0, 8), 16) % 1_000_000).toString().padStart(6, '0')}`,
    email: `demo-${digest.slice(8, 14)}@supplygrid.example`,
    password: digest.slice(14, 38),
  };
}

/** Linksfield's eSIM QR Mall (FMS) at the site root, pricing every package in USD, CNY, HKD and EUR. */
export async function startLinksfieldSimulator(options: SimulatorOptions = {}): Promise<LinksfieldSimulator> {
  const account = linksfieldDemoAccount();
  const seed = options.seed ?? LINKSFIELD_DEMO_SEED;
  const server = await startFmsSimulator({
    catalogAt: (generation) => linksfieldCatalogAt(seed, generation, options.size, options.churn),
    account,
    generation: options.generation,
    host: options.host,
    port: options.port,
  });
  tuneLimiter(server.state.rateLimiter, options.rateLimit);
  // The demo walks a few hundred package details per sync: its connection runs at the simulator's own limit, so
  // syncing it again and again stays quick.
  return runningSimulator(server, {
    id: 'demo-linksfield',
    kind: 'linksfield',
    baseUrl: server.baseUrl,
    ...account,
    currency: 'USD',
    ...(Number.isFinite(server.state.rateLimiter.limitPerMinute)
      ? { requestsPerMinute: server.state.rateLimiter.limitPerMinute }
      : {}),
  });
}
