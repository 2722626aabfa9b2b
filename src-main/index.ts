import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import { createHandlers } from './api/handlers';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type ApiEventName, type ApiMethod } from './api/contract';
import { DB_FILE_NAME } from './config/paths';
import { openDatabase } from './db/open';
import { AppServices } from './services/app-services';
import { safeStorageSecretBox } from './shell/safe-storage-box';

// The Electron shell stays thin: open the database, start the services, wire IPC, show a locked-down window.
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
  // In development the Node-ABI build in node_modules cannot load in Electron; start.mjs builds an Electron one.
  const nativeBinding = app.isPackaged ? undefined : process.env.SUPPLYGRID_NATIVE_BINDING;
  const db = openDatabase(join(dataDir, DB_FILE_NAME), { nativeBinding });
  const services = await AppServices.start({ db, dataDir, version: app.getVersion(), secretBox: safeStorageSecretBox(dataDir) });
  const handlers = createHandlers(services);

  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, method: ApiMethod, args: unknown[]) => {
    if (!event.senderFrame || !isOwnFrame(event.senderFrame.url)) throw new Error('refused: call from a frame that is not SupplyGrid');
    const handler = handlers[method] as ((...a: unknown[]) => Promise<unknown>) | undefined;
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
  const forward = (name: ApiEventName) => (payload: unknown) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, name, payload);
  };
  services.events.on('sync.event', forward('sync.event'));
  services.events.on('sync.state', forward('sync.state'));
  services.events.on('grid.changed', forward('grid.changed'));
  if (rendererUrl) await window.loadURL(rendererUrl);
  else await window.loadFile(join(here, '../renderer/index.html'));

  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    void services.close().finally(() => db.close());
  });
}

main().catch((error) => {
  console.error('SupplyGrid failed to start:', error instanceof Error ? error.message : error);
  app.exit(1);
});
