import { createHash } from 'node:crypto';
import type { RunningSimulator, SimulatorOptions } from '../adapter';
import { linksfieldCatalogAt } from './catalog-seed';
import { startFmsSimulator, type FmsSimAccount, type FmsSimServer } from './fms-simulator';
import { runningSimulator } from '../shared/running-simulator';

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
    catalogAt: (generation) => linksfieldCatalogAt(seed, generation, options.size),
    account,
    generation: options.generation,
    host: options.host,
    port: options.port,
  });
  return runningSimulator(server, { id: 'demo-linksfield', kind: 'linksfield', name: 'Demo Linksfield', baseUrl: server.baseUrl, ...account, currency: 'USD' });
}
