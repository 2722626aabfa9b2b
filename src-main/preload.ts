import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  type ApiEventName,
  type ApiEvents,
  type ApiTransport,
} from '../src-shared/contract';

// The preload only carries calls and events over IPC; it holds no logic and exposes no Electron object. Main answers
// every call (api-answer.ts), and the renderer's one client (src-renderer/api.ts) turns an error answer into an error:
// thrown across IPC and the context bridge, an error would arrive as a reworded message without its code.
const transport = {
  invoke: (method, args) => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, method, args),
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void) {
    const handler = (_event: IpcRendererEvent, name: string, payload: ApiEvents[E]) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
    };
  },
} satisfies ApiTransport;

contextBridge.exposeInMainWorld('supplygrid', transport);
