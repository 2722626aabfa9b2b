import { contextBridge, ipcRenderer } from 'electron';
import { API_METHODS, IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type ApiClient, type ApiEventName } from './api/contract';

// The preload only forwards the typed contract; it holds no logic and exposes no Electron object.
const methods = Object.fromEntries(
  API_METHODS.map((method) => [method, (...args: unknown[]) => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, method, args)]),
);

const client = {
  ...methods,
  on(event: ApiEventName, listener: (payload: never) => void) {
    const handler = (_event: unknown, name: string, payload: never) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  },
} as ApiClient satisfies ApiClient;

contextBridge.exposeInMainWorld('supplygrid', client);
