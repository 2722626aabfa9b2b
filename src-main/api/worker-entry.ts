// The services host as a worker thread: its own SQLite connection, sync and grid work, all off the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import { createHandlers } from './handlers';
import { checkConfigBeforeFirstOpen } from '../config/app-config';
import { ensurePrivateDataDir } from '../config/paths';
import { openDatabase } from '../db/open';
import { dataFolderPaces } from '../db/pace-ledger';
import { shareAccountPaces } from '../http/budget-policy';
import { aesSecretBox } from '../secrets/secret-box';
import { AppServices } from '../services/app-services';
import { hostServices } from './host';
import type { MessagePortLike } from './host-protocol';

export interface ServicesWorkerData {
  dbFile: string;
  dataDir: string;
  version: string;
  nativeBinding?: string;
  /** The secrets data key (base64), unsealed by the main process, which alone may call the OS keychain. */
  dataKey: string;
  sealedBy: 'os-keychain' | 'key-file';
  warning: string | null;
}

const data = workerData as ServicesWorkerData;
void hostServices(parentPort as unknown as MessagePortLike, async () => {
  // Before anything is written there: a refused suppliers.json creates no database, and the folder is owner-only.
  checkConfigBeforeFirstOpen(data.dataDir, data.dbFile);
  ensurePrivateDataDir(data.dataDir);
  const db = openDatabase(data.dbFile, { nativeBinding: data.nativeBinding });
  // The background service and the CLI may use the same supplier accounts meanwhile: one pace for all of them.
  const paces = dataFolderPaces(data.dbFile, { nativeBinding: data.nativeBinding });
  shareAccountPaces(paces.ledger);
  const secretBox = aesSecretBox(Buffer.from(data.dataKey, 'base64'), data.sealedBy, data.warning);
  const services = await AppServices.start({
    db,
    dataDir: data.dataDir,
    version: data.version,
    secretBox,
    dailyBackups: true,
    nativeBinding: data.nativeBinding,
  });
  return {
    handlers: createHandlers(services),
    events: services.events,
    close: async () => {
      await services.close();
      shareAccountPaces(null);
      paces.close();
      db.close();
    },
  };
});
