import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { ApiContract } from '../../src-shared/contract';
import { createHandlers } from '../../src-main/api/handlers';
import { openDatabase } from '../../src-main/db/open';
import { keyFileSecretBox } from '../../src-main/secrets/secret-box';
import { AppServices } from '../../src-main/services/app-services';

/**
 * The app's services on a fresh data folder (the demo suppliers start, as for a new merchant), with the contract's
 * handlers over them; everything it opened is pushed onto `cleanups`, to be undone in reverse.
 */
export async function startAppServices(
  prefix: string,
  cleanups: Array<() => unknown>,
): Promise<{ db: Database; services: AppServices; api: ApiContract }> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const db = openDatabase(join(dataDir, 'supplygrid.db'));
  cleanups.push(() => db.close());
  const services = await AppServices.start({ db, dataDir, version: 'test', secretBox: keyFileSecretBox(dataDir) });
  cleanups.push(() => services.close());
  return { db, services, api: createHandlers(services) };
}
