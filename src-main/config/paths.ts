import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'SupplyGrid';
export const DB_FILE_NAME = 'supplygrid.db';

/** Where Electron's app.getPath('userData') points for this app, so the CLI and the app share one database. */
export function defaultUserDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME);
}

/** --db wins, then SUPPLYGRID_DB, then the user-data folder. */
export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag ?? env.SUPPLYGRID_DB ?? join(defaultUserDataDir(process.platform, env), DB_FILE_NAME);
}

/** The data folder holds the database, the key file and suppliers.json: only its owner may enter it. */
export const DATA_DIR_MODE = 0o700;

/**
 * Creates the app's data folder owner-only, or makes an existing one so. Only for the app's own folder (the default,
 * or the one the app is given): a folder the merchant named with --db may be shared on purpose and is left alone.
 */
export function ensurePrivateDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: DATA_DIR_MODE });
  if (process.platform === 'win32') return;
  if ((statSync(dir).mode & 0o077) !== 0) chmodSync(dir, DATA_DIR_MODE);
}

/** Whether the database path is the app's own (no --db, no SUPPLYGRID_DB), i.e. its folder is the data folder. */
export function isDefaultDbPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  return flag === undefined && env.SUPPLYGRID_DB === undefined;
}
