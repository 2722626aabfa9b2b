import type { Database } from 'better-sqlite3';
import { readState, writeState } from '../db/app-state';
import type { ConnectionBase, RunningSimulator } from '../suppliers/adapter';
import { SUPPLIER_KINDS } from '../suppliers/registry';
import { freeLoopbackPort } from './free-port';

const GENERATION_KEY = 'demo.generation';

export interface DemoSuppliers {
  connections: ConnectionBase[];
  simulators: RunningSimulator[];
  generation: number;
  /** Moves every simulator to the next catalog generation (and remembers it), so the next sync sees changes. */
  advance(): number;
  close(): Promise<void>;
}

/**
 * Starts every supplier's simulator on loopback: the demo a new merchant uses without any account.
 * The catalog generation is kept in the database, so each start serves the "next" upstream state and
 * the merchant's second sync shows real changes.
 */
export async function startDemoSuppliers(db: Database, options: { advance?: boolean } = {}): Promise<DemoSuppliers> {
  const stored = Number(readState(db, GENERATION_KEY) ?? '-1');
  const generation = options.advance === false ? Math.max(0, stored) : stored + 1;
  writeState(db, GENERATION_KEY, String(generation));
  const simulators: RunningSimulator[] = [];
  // The app's own receiver for the demo's pushes (BillionConnect's N009), so demo orders complete by themselves.
  const notifyListen = `127.0.0.1:${await freeLoopbackPort()}`;
  try {
    for (const kind of SUPPLIER_KINDS) simulators.push(await kind.startSimulator({ generation, notifyListen }));
  } catch (error) {
    await Promise.all(simulators.map((s) => s.close()));
    throw error;
  }
  const demo: DemoSuppliers = {
    connections: simulators.map((s) => s.connection),
    simulators,
    generation,
    advance: () => {
      demo.generation += 1;
      writeState(db, GENERATION_KEY, String(demo.generation));
      for (const simulator of simulators) simulator.setGeneration(demo.generation);
      return demo.generation;
    },
    close: async () => {
      await Promise.all(simulators.map((s) => s.close()));
    },
  };
  return demo;
}
