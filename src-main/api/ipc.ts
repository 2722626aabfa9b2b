import type { ApiAnswer } from '../../src-shared/api-answer';
import type { ApiContract } from '../../src-shared/contract';
import { dispatchCall } from './dispatch';

/** What the IPC handler needs of Electron's invoke event: the frame that called. */
export interface IpcCallEvent {
  senderFrame: { url: string } | null;
}

/**
 * Main's IPC handler for the contract (ipcMain.handle on IPC_INVOKE_CHANNEL): only the app's own frames may call, and
 * the call goes through the same dispatch as every transport's. It answers rather than throws: Electron would pass
 * on only a thrown error's message, prefixed with its own words, and the code would be lost.
 */
export function ipcInvokeHandler(handlers: Partial<ApiContract>, isOwnFrame: (url: string) => boolean) {
  return async (event: IpcCallEvent, method: unknown, args: unknown): Promise<ApiAnswer> => {
    if (!event.senderFrame || !isOwnFrame(event.senderFrame.url))
      return { ok: false, error: { message: 'refused: call from a frame that is not SupplyGrid' } };
    return dispatchCall(handlers, method, args);
  };
}
