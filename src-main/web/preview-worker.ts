import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResourceLimits } from 'node:worker_threads';
import { startBridge } from '../api/bridge';
import {
  API_EVENT_NAMES,
  API_METHODS,
  type ApiContract,
  type ApiEventName,
  type ApiEvents,
} from '../../src-shared/contract';
import { DB_FILE_NAME } from '../config/paths';
import { keyFileDataKey } from '../secrets/secret-box';
import type { ServicesWorkerData } from '../api/worker-entry';
import { startServicesWorker, type ServicesExit, type ServicesWorker } from '../api/worker-client';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** What the worker runs: the real services entry through the TypeScript loader, or a stand-in (tests). */
export interface PreviewWorkerEntry {
  entry: URL | string;
  argv?: string[];
  eval?: boolean;
}

const SERVICES_ENTRY: PreviewWorkerEntry = {
  entry: join(root, 'bin/run-ts.mjs'),
  argv: [join(root, 'src-main/api/worker-entry.ts')],
};

export interface WebPreviewInWorker {
  appUrl: string;
  /** The API as the bridge serves it: always the current worker's, so a restart is invisible to the page. */
  api: ApiContract;
  /** Emits `down` when the services worker died under the preview (never after close()). */
  lifecycle: EventEmitter<{ down: [ServicesExit] }>;
  /** Set while the services are down; calls fail with its message meanwhile. */
  readonly down: ServicesExit | null;
  /** Starts the services again after they died. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/**
 * `npm run preview:web` with the services in a worker thread, as the desktop app runs them: one supplier blowing
 * up the heap (past the worker's resourceLimits) kills the worker, not the process. The process reports it, keeps
 * serving the page, and starts the services again on request; the database is untouched (every sync is one
 * transaction), so nothing is lost.
 */
export async function startWebPreviewInWorker(options: {
  dataDir: string;
  dbFile?: string;
  port?: number;
  onTraffic?: (direction: 'in' | 'out', text: string) => void;
  /** Serve the built renderer (out/renderer); tests that only call the API turn it off. */
  serveRenderer?: boolean;
  resourceLimits?: ResourceLimits;
  worker?: PreviewWorkerEntry;
}): Promise<WebPreviewInWorker> {
  const staticDir = join(root, 'out/renderer');
  const serveRenderer = options.serveRenderer ?? true;
  if (serveRenderer && !existsSync(join(staticDir, 'index.html')))
    throw new Error('the renderer is not built: run `npm run build` first');
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version as string;
  const dataKey = keyFileDataKey(options.dataDir);
  const workerData: ServicesWorkerData = {
    dbFile: options.dbFile ?? join(options.dataDir, DB_FILE_NAME),
    dataDir: options.dataDir,
    version,
    dataKey: dataKey.key.toString('base64'),
    sealedBy: 'key-file',
    warning: dataKey.warning,
  };
  const entry = options.worker ?? SERVICES_ENTRY;
  const events = new EventEmitter<{ [K in ApiEventName]: [ApiEvents[K]] }>();
  const lifecycle = new EventEmitter<{ down: [ServicesExit] }>();
  let current: ServicesWorker | null = null;
  let down: ServicesExit | null = null;

  async function start(): Promise<void> {
    const worker = await startServicesWorker(entry.entry, workerData, {
      argv: entry.argv,
      eval: entry.eval,
      resourceLimits: options.resourceLimits,
    });
    for (const name of API_EVENT_NAMES)
      worker.events.on(name, (payload: unknown) =>
        (events.emit as (name: string, payload: unknown) => boolean)(name, payload),
      );
    worker.lifecycle.once('exit', (exit) => {
      if (exit.expected || current !== worker) return;
      down = exit;
      lifecycle.emit('down', exit);
    });
    current = worker;
    down = null;
  }

  await start();
  const api = Object.fromEntries(
    API_METHODS.map((method) => [
      method,
      (...args: unknown[]) => {
        // A dead worker rejects every call with the reason it died; the page shows that instead of waiting.
        const handler = current!.api[method] as (...args: unknown[]) => Promise<unknown>;
        return handler(...args);
      },
    ]),
  ) as unknown as ApiContract;
  const bridge = await startBridge({
    handlers: api,
    events,
    staticDir: serveRenderer ? staticDir : undefined,
    port: options.port,
    onTraffic: options.onTraffic,
  });

  return {
    appUrl: bridge.appUrl,
    api,
    lifecycle,
    get down() {
      return down;
    },
    restart: async () => {
      if (!down) return;
      await start();
    },
    close: async () => {
      await bridge.close();
      await current?.close();
    },
  };
}

/** Says in the terminal that the services died, and restarts them when Enter is pressed. */
export function offerRestartInTerminal(
  preview: WebPreviewInWorker,
  input: NodeJS.ReadStream = process.stdin,
  output: NodeJS.WriteStream = process.stdout,
): void {
  preview.lifecycle.on('down', (exit) => {
    output.write(
      `\nSupplyGrid's services stopped: ${exit.error.message}\nYour data is kept. Press Enter to restart them (Ctrl+C stops).\n`,
    );
    input.resume();
    input.once('data', () => {
      input.pause();
      preview.restart().then(
        () => output.write("SupplyGrid's services are running again; reload the page.\n"),
        (error: unknown) =>
          output.write(
            `SupplyGrid's services could not start again: ${error instanceof Error ? error.message : String(error)}\n`,
          ),
      );
    });
  });
}
