import type { EventEmitter } from 'node:events';
import { API_EVENT_NAMES, type ApiContract, type ApiEventName, type ApiEvents } from '../../src-shared/contract';
import { dispatchCall } from './dispatch';
import type { HostRequest, MessagePortLike } from './host-protocol';

export interface HostedServices {
  handlers: ApiContract;
  events: EventEmitter<{ [K in ApiEventName]: [ApiEvents[K]] }>;
  close(): Promise<void>;
}

/**
 * Serves the API contract over a message port: the app runs the services (SQLite, sync, grid rebuilds) in a
 * worker thread, so a long commit or a 100k-row rebuild never stalls the main process or its IPC.
 */
export async function hostServices(port: MessagePortLike, start: () => Promise<HostedServices>): Promise<void> {
  let hosted: HostedServices;
  try {
    hosted = await start();
  } catch (error) {
    port.postMessage({ type: 'failed', error: error instanceof Error ? error.message : String(error) });
    return;
  }
  for (const name of API_EVENT_NAMES)
    hosted.events.on(name, (payload: unknown) => port.postMessage({ type: 'event', name, payload }));
  port.on('message', (request: HostRequest) => {
    if (request.type === 'close') {
      void hosted.close().finally(() => port.postMessage({ type: 'closed' }));
      return;
    }
    void dispatchCall(hosted.handlers, request.method, request.args).then((answer) =>
      port.postMessage({ type: 'result', id: request.id, ...answer }),
    );
  });
  port.postMessage({ type: 'ready' });
}
