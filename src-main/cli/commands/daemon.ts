import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3';
import { ConfigError } from '../../config/app-config';
import { syncIntervalMinutes } from '../../db/settings';
import { Daemon } from '../../daemon/daemon';
import { formatLogLine } from '../../daemon/log';
import { keyFileSecretBox } from '../../secrets/secret-box';
import type { Output } from '../output';

export interface DaemonArgs {
  /** "15m", "90s", "1h", or minutes alone; default: the app's sync interval, else 15 minutes. */
  interval?: string;
  json?: boolean;
}

function packageVersion(): string {
  const file = fileURLToPath(new URL('../../../package.json', import.meta.url));
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

export const DEFAULT_DAEMON_INTERVAL_MS = 15 * 60_000;

export function parseInterval(text: string): number {
  const match = /^(\d+)(s|m|h)?$/.exec(text.trim());
  const ms = match
    ? Number(match[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[(match[2] ?? 'm') as 's' | 'm' | 'h']
    : NaN;
  if (!Number.isSafeInteger(ms) || ms < 1000 || ms > 24 * 3_600_000)
    throw new ConfigError(`--interval must be from 1s to 24h, like 15m, 90s or 1h; got "${text}"`);
  return ms;
}

/**
 * `supplygrid daemon`: runs until SIGTERM or SIGINT, one log line per event on stdout. Secrets are read with the data
 * folder's key file (the desktop app adopts the same file, so both read the same connections).
 */
export async function daemonCommand(db: Database, args: DaemonArgs, output: Output): Promise<number> {
  const appMinutes = syncIntervalMinutes(db);
  const intervalMs = args.interval
    ? parseInterval(args.interval)
    : appMinutes > 0
      ? appMinutes * 60_000
      : DEFAULT_DAEMON_INTERVAL_MS;
  const dataDir = dirname(db.name);
  // Listening before anything is logged: a supervisor may send SIGTERM the moment it reads the first line.
  let signal: NodeJS.Signals | null = null;
  let daemon: Daemon | null = null;
  const stopOn = (name: NodeJS.Signals) => {
    signal = name;
    void daemon?.stop();
  };
  process.once('SIGTERM', stopOn);
  process.once('SIGINT', stopOn);
  daemon = Daemon.start({
    db,
    dataDir,
    version: packageVersion(),
    secretBox: keyFileSecretBox(dataDir),
    intervalMs,
    log: (entry) => output.out(formatLogLine(entry, args.json ?? false)),
  });
  if (signal) void daemon.stop();
  let failed = false;
  await daemon.ready.catch(() => (failed = true));
  await daemon.stopRequested;
  await daemon.stop();
  process.removeListener('SIGTERM', stopOn);
  process.removeListener('SIGINT', stopOn);
  return failed || signal === null ? 1 : 0;
}
