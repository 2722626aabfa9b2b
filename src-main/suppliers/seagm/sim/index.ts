import { createHash } from 'node:crypto';
import type { RunningSimulator, SimulatorOptions } from '../../adapter';
import { runningSimulator } from '../../shared/sim/running';
import { tuneLimiter } from '../../shared/sim/server';
import { seagmCatalogAt } from './seed';
import { startSeagmProtocolSimulator, type SeagmProtocolSimulator } from './server';

export const SEAGM_DEMO_SEED = 20250620;

export interface SeagmSimulator extends RunningSimulator {
  server: SeagmProtocolSimulator;
}

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Demo credentials in SEAGM's format (a 5-digit uid, a 64-character mixed-case alphanumeric secretKey),
 * derived from a label so every run and machine gets the same ones and a saved demo config keeps working.
 */
export function seagmDemoCredentials(label: string): { uid: string; secretKey: string } {
  const uidDigest = createHash('sha256').update(`supplygrid-seagm-demo-uid:${label}`).digest();
  const uid = String(10000 + (uidDigest.readUInt32BE(0) % 90000));
  const keyDigest = createHash('sha512').update(`supplygrid-seagm-demo-secret:${label}`).digest();
  const secretKey = [...keyDigest].map((byte) => KEY_ALPHABET[byte % KEY_ALPHABET.length]).join('');
  return { uid, secretKey };
}

/** A SEAGM reseller account in MYR (as in the doc's examples) over the seeded catalog. */
export async function startSeagmSimulator(options: SimulatorOptions = {}): Promise<SeagmSimulator> {
  const credentials = seagmDemoCredentials('seagm');
  const seed = options.seed ?? SEAGM_DEMO_SEED;
  const server = await startSeagmProtocolSimulator({
    catalogAt: (generation) => seagmCatalogAt(seed, generation, options.size, options.churn),
    accounts: [
      {
        ...credentials,
        id: 10015,
        email: 'reseller@demo.supplygrid.invalid',
        username: 'supplygrid-demo',
        currency: 'MYR',
        balance: '99463.82',
      },
    ],
    generation: options.generation,
    seed,
    host: options.host,
    port: options.port,
  });
  tuneLimiter(server.state.rate, options.rateLimit);
  return runningSimulator(server, {
    id: 'demo-seagm',
    kind: 'seagm',
    baseUrl: server.baseUrl,
    ...credentials,
  });
}
