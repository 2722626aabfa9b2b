import type { ApiEventName, ApiMethod } from '../../src-shared/contract';

/** Messages to the services host (a worker thread in the app). */
export type HostRequest =
  | { type: 'invoke'; id: number; method: ApiMethod; args: unknown[] }
  | { type: 'close' };

/** Messages from the services host. Errors travel as their message: the renderer shows them as they are. */
export type HostMessage =
  | { type: 'ready' }
  | { type: 'failed'; error: string }
  | { type: 'result'; id: number; ok: true; result: unknown }
  | { type: 'result'; id: number; ok: false; error: string }
  | { type: 'event'; name: ApiEventName; payload: unknown }
  | { type: 'closed' };

export interface MessagePortLike {
  postMessage(message: HostMessage | HostRequest): void;
  on(event: 'message', listener: (message: never) => void): unknown;
}
