import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { API_METHODS, IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type ApiClient, type ApiContract, type ApiEventName, type ApiEvents, type ApiMethod } from '../src-shared/contract';

// The preload only forwards the typed contract over IPC; it holds no logic and exposes no Electron object.
// API_METHODS is checked at compile time to list every method of the contract, so this covers all of them.
const methods = Object.fromEntries(
  API_METHODS.map((method) => [method, (...args: unknown[]) => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, method, args).catch(unwrapIpcError)]),
) as { [M in ApiMethod]: ApiContract[M] };

// Electron prefixes every error from a handler with "Error invoking remote method '…': Error: ". The merchant should
// read the main process's own message, exactly as the browser bridge delivers it.
function unwrapIpcError(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  throw new Error(message.replace(/^Error invoking remote method '[^']*': (?:\w*Error: )?/, ''));
}

const client = {
  ...methods,
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void) {
    const handler = (_event: IpcRendererEvent, name: string, payload: ApiEvents[E]) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
    };
  },
} satisfies ApiClient;

contextBridge.exposeInMainWorld('supplygrid', client);
