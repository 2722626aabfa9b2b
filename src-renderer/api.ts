import type { ApiClient } from '../src-main/api/contract';

declare global {
  interface Window {
    supplygrid?: ApiClient;
  }
}

/** The one client of the main-process API; the preload (or the browser bridge) puts it on window. */
export function api(): ApiClient {
  if (!window.supplygrid) throw new Error('SupplyGrid API is not available: the page was opened outside the app');
  return window.supplygrid;
}
