import type { RunningSimulator, SimulatorOptions } from '../../adapter';
import { dujiaoCatalogAt } from './seed';
import { demoCredentials, startProtocolSimulator, type ProtocolSimulator } from './server';
import { runningSimulator } from '../../shared/sim/running';
import { withRateLimitStats } from './rate-limit';

export const DUJIAO_DEMO_SEED = 20260301;

export interface DujiaoSimulator extends RunningSimulator {
  server: ProtocolSimulator;
  /** Blocks the real server's rate limiter triggered: the benchmark proves a paced sync causes none. */
  rateLimitStats(): { blocks: number; refused: number };
}

/** A Dujiao-Next site: CNY, page size capped at 50, counted stock, orders delivered after one poll. */
export async function startDujiaoSimulator(options: SimulatorOptions = {}): Promise<DujiaoSimulator> {
  const credentials = demoCredentials('dujiao-next');
  const seed = options.seed ?? DUJIAO_DEMO_SEED;
  const server = await startProtocolSimulator({
    catalogAt: (generation) => dujiaoCatalogAt(seed, generation, options.size, options.churn),
    flavor: {
      siteName: 'Demo Dujiao-Next Wholesale', currency: 'CNY', pathPrefix: '/api/v1/upstream', pageSizeCap: 50,
      binaryStock: false, maxQuantity: null, requireDownstreamOrderNo: false, orderLookup: 'id', pollsUntilDelivered: 1, cancelAllowed: true,
    },
    accounts: [{ ...credentials, active: true, userDisabled: false, balance: '5000.00' }],
    generation: options.generation,
    host: options.host,
    port: options.port,
    rateLimit: options.rateLimit,
  });
  return withRateLimitStats(server, runningSimulator(server, { id: 'demo-dujiao', kind: 'dujiao-next', name: 'Demo Dujiao-Next', baseUrl: `${server.baseUrl}/api/v1/upstream`, ...credentials }));
}
