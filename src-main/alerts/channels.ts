import { createHmac } from 'node:crypto';
import type { AlertSubject, AlertType } from '../../src-shared/alert-types';

/** What a webhook receives (and what the Telegram text is made from). */
export interface AlertPayload {
  id: number;
  createdAt: string;
  type: AlertType;
  ruleId: string;
  subject: AlertSubject;
  params: Record<string, string | number>;
  text: string;
}

export const SIGNATURE_HEADER = 'x-supplygrid-signature';
const SEND_TIMEOUT_MS = 10_000;

/** `sha256=<hex HMAC-SHA256 of the exact body bytes under the shared secret>`: the receiver recomputes and compares. */
export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<void> {
  // Redirects are not followed: a signed alert goes to the address the merchant set, nowhere else.
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
      redirect: 'manual',
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
  } catch (error) {
    // The caught error is not kept as the cause: its message and its request quote the URL (see sendFailure).
    // eslint-disable-next-line preserve-caught-error
    throw new Error(sendFailure(error));
  }
  await response.arrayBuffer().catch(() => undefined);
  if (response.status < 200 || response.status >= 300) throw new Error(`HTTP ${response.status}`);
}

/**
 * Why a send failed, as the system's code only (ENOTFOUND, ECONNREFUSED, a TLS code) or "timeout": fetch's own
 * messages quote the URL ("Failed to parse URL from …", "… includes credentials: …"), and a Telegram URL carries
 * the bot token. What this says is kept in the alert history, shown in the app and written to the daemon's log.
 */
export function sendFailure(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timeout';
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{2,64}$/.test(code) ? code : 'request_failed';
}

export async function sendWebhook(url: string, secret: string | null, payload: AlertPayload): Promise<void> {
  const body = JSON.stringify(payload);
  await post(url, body, secret ? { [SIGNATURE_HEADER]: webhookSignature(secret, body) } : {});
}

/** Telegram's Bot API sendMessage; `apiBase` is https://api.telegram.org unless the merchant (or a test) says otherwise. */
export async function sendTelegram(apiBase: string, token: string, chatId: string, text: string): Promise<void> {
  await post(
    `${apiBase.replace(/\/+$/, '')}/bot${token}/sendMessage`,
    JSON.stringify({ chat_id: chatId, text, disable_web_page_preview: true }),
    {},
  );
}
