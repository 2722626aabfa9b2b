import type { ApiAnswer } from '../../src-shared/api-answer';
import type { ApiEventName, ApiMethod } from '../../src-shared/contract';

/** Messages to the services host (a worker thread in the app). */
export type HostRequest = { type: 'invoke'; id: number; method: ApiMethod; args: unknown[] } | { type: 'close' };

/** Messages from the services host. A call's answer carries its error's code where it has one (api-answer.ts). */
export type HostMessage =
  | { type: 'ready' }
  | { type: 'failed'; error: string }
  | ({ type: 'result'; id: number } & ApiAnswer)
  | { type: 'event'; name: ApiEventName; payload: unknown }
  | { type: 'closed' };

export interface MessagePortLike {
  postMessage(message: HostMessage | HostRequest): void;
  on(event: 'message', listener: (message: never) => void): unknown;
}
