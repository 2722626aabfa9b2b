import { EventEmitter } from 'node:events';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { errorFromBody } from '../../src-shared/api-answer';
import { API_METHODS, type ApiContract, type ApiEventName, type ApiEvents } from '../../src-shared/contract';
import type { HostMessage, HostRequest } from './host-protocol';

/** How the services worker ended: `expected` after close(), otherwise it died under the app. */
export interface ServicesExit {
  code: number;
  error: Error;
  expected: boolean;
}

export interface ServicesWorker {
  api: ApiContract;
  events: EventEmitter<{ [K in ApiEventName]: [ApiEvents[K]] }>;
  /** Emits `exit` once when the worker thread is gone; every call pending then, and every call after, is rejected. */
  lifecycle: EventEmitter<{ exit: [ServicesExit] }>;
  /** Set once the worker is gone. */
  readonly exited: ServicesExit | null;
  close(): Promise<void>;
}

/**
 * The services' heap, in MiB: far above what a 100k-offer catalog needs, far below what takes a desktop down. Past
 * it (an upstream that slipped past every other limit) the worker dies with ERR_WORKER_OUT_OF_MEMORY, alone:
 * the process that started it stays up, reports it and offers a restart.
 */
export const SERVICES_HEAP_LIMIT_MB = 2048;

/** Starts the services host in a worker thread and speaks the API contract to it. */
export async function startServicesWorker(
  entry: URL | string,
  workerData: unknown,
  options: WorkerOptions = {},
): Promise<ServicesWorker> {
  const resourceLimits = { maxOldGenerationSizeMb: SERVICES_HEAP_LIMIT_MB, ...options.resourceLimits };
  const worker = new Worker(entry, { ...options, resourceLimits, workerData });
  const events = new EventEmitter<{ [K in ApiEventName]: [ApiEvents[K]] }>();
  const lifecycle = new EventEmitter<{ exit: [ServicesExit] }>();
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  let closed: (() => void) | null = null;
  let closing = false;
  let exited: ServicesExit | null = null;
  let lastError: Error | null = null;

  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: HostMessage) => {
      switch (message.type) {
        case 'ready':
          resolve();
          break;
        case 'failed':
          reject(new Error(`SupplyGrid services failed to start: ${message.error}`));
          break;
        case 'result': {
          const call = pending.get(message.id);
          pending.delete(message.id);
          if (message.ok) call?.resolve(message.result);
          else call?.reject(errorFromBody(message.error));
          break;
        }
        case 'event':
          (events.emit as (name: string, payload: unknown) => boolean)(message.name, message.payload);
          break;
        case 'closed':
          closed?.();
          break;
      }
    });
    // An uncaught error in the worker arrives here, then 'exit' follows. Listened to for good: an unheard
    // 'error' event would throw in this (the main) process.
    worker.on('error', (error) => {
      lastError = error;
      reject(error);
    });
    worker.once('exit', (code) => {
      const error = closing
        ? new Error('SupplyGrid services are closed')
        : new Error(
            `SupplyGrid services stopped (exit code ${code}${lastError ? `: ${lastError.message}` : ''}); restart SupplyGrid`,
          );
      exited = { code, error, expected: closing };
      for (const call of pending.values()) call.reject(error);
      pending.clear();
      closed?.();
      reject(error);
      lifecycle.emit('exit', exited);
    });
  });
  await ready;

  const post = (request: HostRequest) => worker.postMessage(request);
  const api = Object.fromEntries(
    API_METHODS.map((method) => [
      method,
      (...args: unknown[]) =>
        new Promise((resolve, reject) => {
          // A dead worker answers nothing: a call posted to it would wait forever.
          if (exited) {
            reject(exited.error);
            return;
          }
          const id = nextId++;
          pending.set(id, { resolve, reject });
          try {
            post({ type: 'invoke', id, method, args });
          } catch (error) {
            pending.delete(id);
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        }),
    ]),
  ) as unknown as ApiContract;

  return {
    api,
    events,
    lifecycle,
    get exited() {
      return exited;
    },
    close: async () => {
      closing = true;
      if (exited) return;
      await new Promise<void>((resolve) => {
        closed = resolve;
        post({ type: 'close' });
        setTimeout(resolve, 10_000).unref();
      });
      await worker.terminate();
    },
  };
}
