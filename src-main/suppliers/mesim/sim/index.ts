import type { RunningSimulator, SimulatorOptions } from '../../adapter';
import { demoCredentials } from '../../dujiao-next/sim';
import { withRateLimitStats } from '../../dujiao-next/sim/rate-limit';
import { startProtocolSimulator, type ProtocolSimulator } from '../../dujiao-next/sim/server';
import { runningSimulator } from '../../shared/sim/running';
import { mesimCatalogAt } from './seed';

export const MESIM_DEMO_SEED = 20260616;

export interface MesimSimulator extends RunningSimulator {
  server: ProtocolSimulator;
  /** Blocks the real server's rate limiter triggered: the benchmark proves a paced sync causes none. */
  rateLimitStats(): { blocks: number; refused: number };
}

/**
 * MeSIM as its doc describes it: the Dujiao-Next protocol under the site root, USD, binary stock (999/0),
 * quantity 1 only, downstream_order_no required, orders delivered at once and looked up by order_no.
 */
export async function startMesimSimulator(options: SimulatorOptions = {}): Promise<MesimSimulator> {
  const credentials = demoCredentials('mesim');
  const seed = options.seed ?? MESIM_DEMO_SEED;
  const server = await startProtocolSimulator({
    catalogAt: (generation) => mesimCatalogAt(seed, generation, options.size, options.churn),
    flavor: {
      siteName: 'MeSIM (demo)',
      currency: 'USD',
      pathPrefix: '/api/v1/upstream',
      pageSizeCap: 100,
      binaryStock: true,
      maxQuantity: 1,
      requireDownstreamOrderNo: true,
      orderLookup: 'order_no',
      pollsUntilDelivered: 0,
      cancelAllowed: false,
    },
    accounts: [{ ...credentials, active: true, userDisabled: false, balance: '800.00' }],
    generation: options.generation,
    host: options.host,
    port: options.port,
    rateLimit: options.rateLimit,
  });
  // MeSIM users enter the site root; the client appends /api/v1/upstream.
  return withRateLimitStats(
    server,
    runningSimulator(server, {
      id: 'demo-mesim',
      kind: 'mesim',
      baseUrl: server.baseUrl,
      ...credentials,
    }),
  );
}
