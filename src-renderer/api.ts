import { API_METHODS, type ApiClient, type ApiContract, type ApiEventName, type ApiEvents, type ApiMethod } from '../src-shared/contract';

declare global {
  interface Window {
    supplygrid?: ApiClient;
  }
}

/**
 * The same contract over the loopback bridge (npm run preview:web, end-to-end tests): each method is a POST
 * to /api/invoke with the per-run token from the page URL, and events arrive as server-sent events.
 */
function bridgeClient(): ApiClient {
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
  const invoke = async (method: ApiMethod, args: unknown[]) => {
    const response = await fetch('/api/invoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-supplygrid-token': token },
      body: JSON.stringify({ method, args }),
    });
    const body = (await response.json()) as { ok: boolean; result?: unknown; error?: string };
    if (!body.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
    return body.result;
  };
  const methods = Object.fromEntries(API_METHODS.map((method) => [method, (...args: unknown[]) => invoke(method, args)])) as unknown as ApiContract;
  return {
    ...methods,
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

let client: ApiClient | null = null;

/** The one client of the main-process API: the preload's in Electron, the loopback bridge's in a browser. */
export function api(): ApiClient {
  client ??= window.supplygrid ?? bridgeClient();
  return client;
}
