import type { Database } from 'better-sqlite3';
import { readState, writeState } from '../db/app-state';
import type { ConnectionBase, RunningSimulator, SupplierKind } from '../suppliers/adapter';
import { SUPPLIER_KINDS } from '../suppliers/registry';
import { freeLoopbackPort } from './free-port';

const GENERATION_KEY = 'demo.generation';
/**
 * Each simulator's port, kept from one start to the next: a demo supplier keeps its address, so the connection reads
 * the same catalog (sync/catalog-source.ts) and syncs after a restart still list incrementally.
 */
const PORTS_KEY = 'demo.ports';

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
  const ports = storedPorts(db);
  try {
    for (const kind of SUPPLIER_KINDS)
      simulators.push(await startOnPort(kind, ports[kind.kind], { generation, notifyListen }));
  } catch (error) {
    await Promise.all(simulators.map((s) => s.close()));
    throw error;
  }
  writeState(
    db,
    PORTS_KEY,
    JSON.stringify(Object.fromEntries(simulators.map((s) => [s.connection.kind, Number(new URL(s.baseUrl).port)]))),
  );
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

function storedPorts(db: Database): Record<string, number | undefined> {
  try {
    const ports = JSON.parse(readState(db, PORTS_KEY) ?? '{}') as unknown;
    return ports && typeof ports === 'object' ? (ports as Record<string, number | undefined>) : {};
  } catch {
    return {};
  }
}

/** On its port of last time when it is free (another app or service on this database may hold it), else on any. */
async function startOnPort(
  kind: SupplierKind,
  port: number | undefined,
  options: { generation: number; notifyListen: string },
): Promise<RunningSimulator> {
  if (Number.isInteger(port) && port! > 0 && port! < 65536) {
    try {
      return await kind.startSimulator({ ...options, port });
    } catch (error) {
      if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
    }
  }
  return kind.startSimulator(options);
}
