import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, session, shell } from 'electron';
import { API_EVENT_NAMES, IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type ApiContract, type ApiMethod } from './api/contract';
import { DB_FILE_NAME } from './config/paths';
import type { ServicesWorkerData } from './services/worker-entry';
import { startServicesWorker } from './services/worker-client';
import { osKeychainDataKey } from './shell/safe-storage-box';

// The Electron shell stays thin: unseal the secrets key, start the services in a worker thread (SQLite, sync and
// grid rebuilds never block this process), wire IPC to them, and show a locked-down window.
const here = fileURLToPath(new URL('.', import.meta.url));
const rendererUrl = process.env.ELECTRON_RENDERER_URL;

// The only pages the app ever sends a merchant to; anything else a page tries to open is dropped.
const EXTERNAL_HOSTS = new Set(['esimsetup.apple.com']);

function isAllowedExternal(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && EXTERNAL_HOSTS.has(parsed.hostname);
  } catch {
    return false;
  }
}

function isOwnFrame(url: string): boolean {
  if (rendererUrl && url.startsWith(rendererUrl)) return true;
  return url.startsWith('file://') && url.includes('/out/renderer/');
}

async function main(): Promise<void> {
  await app.whenReady();
  const dataDir = app.getPath('userData');
  const dataKey = osKeychainDataKey(dataDir);
  const workerData: ServicesWorkerData = {
    dbFile: join(dataDir, DB_FILE_NAME),
    dataDir,
    version: app.getVersion(),
    // In development the Node-ABI build in node_modules cannot load in Electron; start.mjs builds an Electron one.
    nativeBinding: app.isPackaged ? undefined : process.env.SUPPLYGRID_NATIVE_BINDING,
    dataKey: dataKey.key.toString('base64'),
    sealedBy: dataKey.sealedBy,
    warning: dataKey.warning,
  };
  const services = await startServicesWorker(new URL('./services-worker.js', import.meta.url), workerData);

  // Methods only the shell can answer (native dialogs); everything else goes to the services worker.
  const shellMethods: Partial<ApiContract> = {
    'shell.saveDialog': async (suggestedName: string) => {
      const focused = BrowserWindow.getFocusedWindow();
      const options = { defaultPath: join(app.getPath('documents'), suggestedName), filters: [{ name: 'CSV', extensions: ['csv'] }] };
      const result = focused ? await dialog.showSaveDialog(focused, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };

  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, method: ApiMethod, args: unknown[]) => {
    if (!event.senderFrame || !isOwnFrame(event.senderFrame.url)) throw new Error('refused: call from a frame that is not SupplyGrid');
    const handler = (shellMethods[method] ?? services.api[method]) as ((...a: unknown[]) => Promise<unknown>) | undefined;
    if (!handler) throw new Error(`unknown API method ${String(method)}`);
    return handler(...(Array.isArray(args) ? args : []));
  });

  // Nothing outside the app's own files may load, be navigated to, or open a window.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (navigation) => {
      if (!isOwnFrame(navigation.url)) navigation.preventDefault();
    });
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternal(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });

  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'SupplyGrid',
    show: false,
    webPreferences: {
      preload: join(here, '../preload/preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      // Middle-click would open links in new windows outside setWindowOpenHandler's reach on older Electrons.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => window.show());
  for (const name of API_EVENT_NAMES) {
    services.events.on(name, (payload: unknown) => {
      if (!window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, name, payload);
    });
  }
  if (rendererUrl) await window.loadURL(rendererUrl);
  else await window.loadFile(join(here, '../renderer/index.html'));

  app.on('window-all-closed', () => app.quit());
  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting) return;
    // Let the worker finish its transaction and close SQLite cleanly before the process goes.
    event.preventDefault();
    quitting = true;
    void services.close().finally(() => app.quit());
  });
}

main().catch((error) => {
  console.error('SupplyGrid failed to start:', error instanceof Error ? error.message : error);
  app.exit(1);
});
