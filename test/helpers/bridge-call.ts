import type { ApiContract, ApiMethod } from '../../src-main/api/contract';
import type { WebPreview } from '../../src-main/web/preview';

/** One API call over the loopback bridge, exactly as the renderer in a browser makes it; its answer typed by the contract, its arguments left loose so tests can send what the contract refuses. */
export async function bridgeCall<M extends ApiMethod>(preview: WebPreview, method: M, ...args: unknown[]): Promise<Awaited<ReturnType<ApiContract[M]>>> {
  const url = new URL(preview.appUrl);
  const response = await fetch(new URL('/api/invoke', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-supplygrid-token': url.searchParams.get('token')! },
    body: JSON.stringify({ method, args }),
  });
  const body = (await response.json()) as { ok: boolean; result?: unknown; error?: string };
  if (!body.ok) throw new Error(body.error);
  return body.result as Awaited<ReturnType<ApiContract[M]>>;
}
