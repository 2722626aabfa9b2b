import { EventEmitter } from 'node:events';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { API_METHODS, type ApiContract, type ApiEventName, type ApiEvents } from '../api/contract';
import type { HostMessage, HostRequest } from './host-protocol';

export interface ServicesWorker {
  api: ApiContract;
  events: EventEmitter<{ [K in ApiEventName]: [ApiEvents[K]] }>;
  close(): Promise<void>;
}

/** Starts the services host in a worker thread and speaks the API contract to it. */
export async function startServicesWorker(entry: URL | string, workerData: unknown, options: WorkerOptions = {}): Promise<ServicesWorker> {
  const worker = new Worker(entry, { ...options, workerData });
  const events = new EventEmitter<{ [K in ApiEventName]: [ApiEvents[K]] }>();
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  let closed: (() => void) | null = null;

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
          else call?.reject(new Error(message.error));
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
    worker.once('error', reject);
    worker.once('exit', (code) => {
      const error = new Error(`SupplyGrid services stopped (exit code ${code})`);
      for (const call of pending.values()) call.reject(error);
      pending.clear();
      reject(error);
    });
  });
  await ready;

  const post = (request: HostRequest) => worker.postMessage(request);
  const api = Object.fromEntries(API_METHODS.map((method) => [method, (...args: unknown[]) => new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    post({ type: 'invoke', id, method, args });
  })])) as unknown as ApiContract;

  return {
    api,
    events,
    close: async () => {
      await new Promise<void>((resolve) => {
        closed = resolve;
        post({ type: 'close' });
        setTimeout(resolve, 10_000).unref();
      });
      await worker.terminate();
    },
  };
}
