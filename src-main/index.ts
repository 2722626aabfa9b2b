import { basename, extname, join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Notification, session, shell } from 'electron';
import { API_EVENT_NAMES, IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type ApiContract } from '../src-shared/contract';
import { DB_FILE_NAME } from './config/paths';
import type { ServicesWorkerData } from './api/worker-entry';
import { startServicesWorker, type ServicesExit } from './api/worker-client';
import { ipcInvokeHandler } from './api/ipc';
import { osKeychainDataKey } from './shell/safe-storage-box';

// The Electron shell stays thin: unseal the secrets key, start the services in a worker thread (SQLite, sync and
// grid rebuilds never block this process), wire IPC to them, and show a locked-down window.
const here = fileURLToPath(new URL('.', import.meta.url));
// The dev server's address is honoured only in development: a packaged app loads nothing but its own files,
// whatever its environment says.
const rendererUrl = app.isPackaged ? undefined : devServerUrl(process.env.ELECTRON_RENDERER_URL);
const rendererDir = join(here, '../renderer/');
const rendererDirUrl = pathToFileURL(rendererDir).href;

// The only pages the app ever sends a merchant to; anything else a page tries to open is dropped.
const EXTERNAL_HOSTS = new Set(['esimsetup.apple.com']);

let mainWindow: BrowserWindow | null = null;

function devServerUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function isAllowedExternal(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && EXTERNAL_HOSTS.has(parsed.hostname);
  } catch {
    return false;
  }
}

/** A page of the app itself: the dev server's exact origin in development, else a file under out/renderer/. */
function isOwnFrame(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (rendererUrl) return parsed.origin === new URL(rendererUrl).origin;
  if (parsed.protocol !== 'file:' || parsed.host !== '') return false;
  if (parsed.href.startsWith(rendererDirUrl)) return true;
  // The same check on the decoded path, for install folders whose names two URL encoders would spell differently.
  try {
    return fileURLToPath(parsed).startsWith(rendererDir.endsWith(sep) ? rendererDir : rendererDir + sep);
  } catch {
    return false;
  }
}

/** Store importers read CSV files: the name the dialog returns gets the extension when the merchant left it off. */
function withCsvExtension(file: string): string {
  return extname(file).toLowerCase() === '.csv' ? file : `${file}.csv`;
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
  let quitting = false;
  services.lifecycle.on('exit', (exit) => {
    if (!exit.expected && !quitting) void offerRelaunch(exit);
  });

  // Files the save dialog returned and no export has written yet: export.run writes only to one of these, once,
  // so a page cannot have main overwrite any CSV file it names.
  const chosenFiles = new Set<string>();

  // Methods only the shell can answer (native dialogs), or must check first; everything else goes to the worker.
  const shellMethods: Partial<ApiContract> = {
    'shell.saveDialog': async (suggestedName: string) => {
      const focused = BrowserWindow.getFocusedWindow();
      const name = basename(typeof suggestedName === 'string' && suggestedName ? suggestedName : 'export.csv');
      const options = {
        defaultPath: join(app.getPath('documents'), name),
        filters: [{ name: 'CSV', extensions: ['csv'] }],
      };
      const result = focused ? await dialog.showSaveDialog(focused, options) : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return null;
      const file = withCsvExtension(result.filePath);
      chosenFiles.add(file);
      return file;
    },
    'export.run': async (options) => {
      const file = (options as { file?: unknown } | null)?.file;
      if (typeof file !== 'string' || !chosenFiles.delete(file)) {
        throw new Error('refused: an export is written only to a file just chosen in the save dialog');
      }
      return services.api['export.run'](options);
    },
  };

  ipcMain.handle(IPC_INVOKE_CHANNEL, ipcInvokeHandler({ ...services.api, ...shellMethods }, isOwnFrame));

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
  mainWindow = window;
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  window.once('ready-to-show', () => window.show());
  for (const name of API_EVENT_NAMES) {
    services.events.on(name, (payload: unknown) => {
      if (!window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, name, payload);
    });
  }
  // Desktop notifications exist only in this shell; the services say which alerts want one (within the hourly limit).
  services.events.on('alert.raised', (alert) => {
    if (alert.deliveries.desktop !== 'requested' || !Notification.isSupported()) return;
    const notification = new Notification({ title: 'SupplyGrid', body: alert.text });
    notification.on('click', () => window.isDestroyed() || window.show());
    notification.show();
  });
  if (rendererUrl) await window.loadURL(rendererUrl);
  else await window.loadFile(join(here, '../renderer/index.html'));

  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (quitting) return;
    // Let the worker finish its transaction and close SQLite cleanly before the process goes.
    event.preventDefault();
    quitting = true;
    void services.close().finally(() => app.quit());
  });
}

/** The services worker died under the app: nothing works without it, so say so and offer a restart. */
async function offerRelaunch(exit: ServicesExit): Promise<void> {
  const options = {
    type: 'error' as const,
    title: 'SupplyGrid',
    message: 'SupplyGrid stopped working',
    detail: `${exit.error.message}\n\nYour data is kept. Restart SupplyGrid to go on.`,
    buttons: ['Restart SupplyGrid', 'Quit'],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  };
  const window = mainWindow && !mainWindow.isDestroyed() ? mainWindow : null;
  const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
  if (response === 0) app.relaunch();
  app.exit(response === 0 ? 0 : 1);
}

// One app per data folder: a second launch hands over to the running one (which comes to the front) and quits,
// instead of opening the same database and key from a second process.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  main().catch((error) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error('SupplyGrid failed to start:', message);
    dialog.showErrorBox('SupplyGrid could not start', `${message}\n\nData folder: ${app.getPath('userData')}`);
    app.exit(1);
  });
}
