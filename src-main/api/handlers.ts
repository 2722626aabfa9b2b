import { changesForRuns, latestRuns, listRuns } from '../db/catalog-repo';
import type { AppServices } from '../services/app-services';
import type { ApiContract } from './contract';

/** The contract implemented once, over the services; both transports (IPC, loopback bridge) call these. */
export function createHandlers(services: AppServices): ApiContract {
  return {
    'app.info': async () => ({ version: services.options.version, demo: services.isDemo, dataDir: services.options.dataDir }),
    'suppliers.list': async () => {
      const runs = new Map(latestRuns(services.db).map((run) => [run.supplierId, run]));
      const counts = new Map((services.db.prepare('SELECT supplier_id, COUNT(*) AS n FROM offers WHERE removed_at IS NULL GROUP BY supplier_id').all() as Array<{ supplier_id: string; n: number }>)
        .map((row) => [row.supplier_id, row.n]));
      return services.listConnections().map((connection) => ({
        id: connection.id,
        kind: connection.kind,
        name: connection.name ?? connection.id,
        offers: counts.get(connection.id) ?? 0,
        lastRun: runs.get(connection.id) ?? null,
      }));
    },
    'sync.runAll': () => services.syncAll(),
    'sync.runs': async (limit = 100) => listRuns(services.db, limit),
    'sync.changes': async (runId) => changesForRuns(services.db, [runId]),
  };
}
