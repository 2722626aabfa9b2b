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
  const response = await fetch(url, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
    redirect: 'manual',
    signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
  });
  await response.arrayBuffer().catch(() => undefined);
  if (response.status < 200 || response.status >= 300) throw new Error(`HTTP ${response.status}`);
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
