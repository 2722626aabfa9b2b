import { errorFromBody, type ApiAnswer } from '../../src-shared/api-answer';
import type { ApiContract, ApiMethod } from '../../src-shared/contract';
import type { WebPreview } from '../../src-main/web/preview';

/** One API call over the loopback bridge, exactly as the renderer in a browser makes it: the answer as it came. */
export async function bridgeAnswer(
  appUrl: string,
  method: string,
  args: unknown,
): Promise<{ status: number; answer: ApiAnswer }> {
  const url = new URL(appUrl);
  const response = await fetch(new URL('/api/invoke', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-supplygrid-token': url.searchParams.get('token')! },
    body: JSON.stringify({ method, args }),
  });
  return { status: response.status, answer: (await response.json()) as ApiAnswer };
}

/**
 * One API call over the loopback bridge: its result typed by the contract, or the error it was answered with (coded
 * where it has a code). Arguments are left loose, so tests can send what the contract refuses.
 */
export async function bridgeCall<M extends ApiMethod>(
  preview: WebPreview,
  method: M,
  ...args: unknown[]
): Promise<Awaited<ReturnType<ApiContract[M]>>> {
  const { answer } = await bridgeAnswer(preview.appUrl, method, args);
  if (!answer.ok) throw errorFromBody(answer.error);
  return answer.result as Awaited<ReturnType<ApiContract[M]>>;
}
