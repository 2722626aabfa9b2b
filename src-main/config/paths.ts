import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'SupplyGrid';
export const DB_FILE_NAME = 'supplygrid.db';

/** Where Electron's app.getPath('userData') points for this app, so the CLI and the app share one database. */
export function defaultUserDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME);
}

/** --db wins, then SUPPLYGRID_DB, then the user-data folder. */
export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag ?? env.SUPPLYGRID_DB ?? join(defaultUserDataDir(process.platform, env), DB_FILE_NAME);
}
