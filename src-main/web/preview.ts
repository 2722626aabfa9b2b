import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBridge } from '../api/bridge';
import { createHandlers } from '../api/handlers';
import { checkConfigBeforeFirstOpen } from '../config/app-config';
import { defaultUserDataDir, DB_FILE_NAME, ensurePrivateDataDir } from '../config/paths';
import { openDatabase } from '../db/open';
import { keyFileSecretBox } from '../secrets/secret-box';
import { AppServices } from '../services/app-services';
import { offerRestartInTerminal, startWebPreviewInWorker } from './preview-worker';

export interface WebPreview {
  appUrl: string;
  services: AppServices;
  close(): Promise<void>;
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The app in a browser: the same services over the loopback bridge, serving the built renderer. In this process:
 * tests reach into `services`; `npm run preview:web` runs them in a worker instead (preview-worker.ts).
 */
export async function startWebPreview(options: {
  dataDir: string;
  dbFile?: string;
  port?: number;
  onTraffic?: (direction: 'in' | 'out', text: string) => void;
}): Promise<WebPreview> {
  const staticDir = join(root, 'out/renderer');
  if (!existsSync(join(staticDir, 'index.html')))
    throw new Error('the renderer is not built: run `npm run build` first');
  const dbFile = options.dbFile ?? join(options.dataDir, DB_FILE_NAME);
  checkConfigBeforeFirstOpen(options.dataDir, dbFile);
  ensurePrivateDataDir(options.dataDir);
  const db = openDatabase(dbFile);
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version as string;
  const services = await AppServices.start({
    db,
    dataDir: options.dataDir,
    version,
    secretBox: keyFileSecretBox(options.dataDir),
  });
  const bridge = await startBridge({
    handlers: createHandlers(services),
    events: services.events,
    staticDir,
    port: options.port,
    onTraffic: options.onTraffic,
  });
  return {
    appUrl: bridge.appUrl,
    services,
    close: async () => {
      await bridge.close();
      await services.close();
      db.close();
    },
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dataDir = process.env.SUPPLYGRID_DATA_DIR ?? defaultUserDataDir();
  // The services run in a worker with a heap limit, as in the app: one supplier can never take this process down.
  const preview = await startWebPreviewInWorker({
    dataDir,
    dbFile: process.env.SUPPLYGRID_DB,
    port: Number(process.env.PORT ?? 0) || undefined,
  });
  offerRestartInTerminal(preview);
  process.stdout.write(
    `SupplyGrid is running in your browser at:\n\n  ${preview.appUrl}\n\n(the link carries a one-time token; Ctrl+C stops)\n`,
  );
  const stop = () => void preview.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
