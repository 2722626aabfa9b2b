import { CodedError, errorFromBody, type ApiAnswer } from '../src-shared/api-answer';
import {
  API_METHODS,
  type ApiClient,
  type ApiContract,
  type ApiEventName,
  type ApiEvents,
  type ApiMethod,
  type ApiTransport,
} from '../src-shared/contract';

declare global {
  interface Window {
    supplygrid?: ApiTransport;
  }
}

/**
 * The same transport over the loopback bridge (npm run preview:web, end-to-end tests): each call is a POST to
 * /api/invoke with the per-run token from the page URL, and events arrive as server-sent events.
 */
function bridgeTransport(): ApiTransport {
  const token = takeBridgeToken();
  const listeners = new Map<ApiEventName, Set<(payload: never) => void>>();
  let source: EventSource | null = null;
  const connect = () => {
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (message) => {
      const { name, payload } = JSON.parse(message.data) as { name: ApiEventName; payload: never };
      for (const listener of listeners.get(name) ?? []) listener(payload);
    };
  };
  return {
    invoke: async (method, args) => {
      const response = await fetch('/api/invoke', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-supplygrid-token': token },
        body: JSON.stringify({ method, args }),
      });
      return (await response.json()) as ApiAnswer;
    },
    on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void) {
      if (!source) connect();
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: never) => void);
      listeners.set(event, set);
      return () => {
        set.delete(listener as (payload: never) => void);
      };
    },
  };
}

/**
 * The bridge's token, taken out of the address bar as soon as the page has it (history, bookmarks, screen shares and
 * copied links never show it) and kept in this module. The tab's sessionStorage keeps it for a reload of the same
 * tab only: it is gone with the tab, and never leaves this origin.
 */
function takeBridgeToken(): string {
  const url = new URL(location.href);
  const fromAddress = url.searchParams.get('token');
  if (fromAddress !== null) {
    url.searchParams.delete('token');
    history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
  }
  const token = fromAddress ?? sessionStorage.getItem('supplygrid.token');
  if (!token) throw new Error('SupplyGrid API is not available: open the link printed by `npm run preview:web`');
  sessionStorage.setItem('supplygrid.token', token);
  return token;
}

/**
 * Words the codes of errors no screen words itself (the boundary's own: src-renderer/i18n/api-errors.ts). Set once
 * at start by main.tsx, because the dictionaries sit above this module; null leaves a code to the screen that asked.
 */
let wordErrorCode: (code: string, params: Record<string, string>) => string | null = () => null;

export function wordApiErrorsWith(word: typeof wordErrorCode): void {
  wordErrorCode = word;
}

/** The contract's methods over a transport: an answer with an error rejects with it, a CodedError where it has a code. */
function clientOver(transport: ApiTransport): ApiClient {
  const call = async (method: ApiMethod, args: unknown[]) => {
    const answer = await transport.invoke(method, args);
    if (answer.ok) return answer.result;
    const error = errorFromBody(answer.error);
    const worded = error instanceof CodedError ? wordErrorCode(error.code, error.params) : null;
    if (worded !== null) error.message = worded;
    throw error;
  };
  const methods = Object.fromEntries(
    API_METHODS.map((method) => [method, (...args: unknown[]) => call(method, args)]),
  ) as unknown as ApiContract;
  return { ...methods, on: (event, listener) => transport.on(event, listener) };
}

let client: ApiClient | null = null;

/** The one client of the main-process API: over the preload's IPC in Electron, over the loopback bridge in a browser. */
export function api(): ApiClient {
  client ??= clientOver(window.supplygrid ?? bridgeTransport());
  return client;
}
