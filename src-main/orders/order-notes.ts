import { codedText } from '../../src-shared/coded-issue';

/**
 * What main says about an order in its timeline, its error and the statuses it words itself, as codes with
 * parameters (`@note.sent`, `@status.notPlaced?…`): the Orders screen and the CLI word them from the orders
 * dictionary (`src-renderer/i18n/orders.ts`), so an order reads in the merchant's language and nothing here is a
 * sentence. A supplier's own status words and error texts stay as they came.
 */
export const ORDER_TEXT_CODES = [
  // Timeline notes.
  'note.recorded', 'note.sent', 'note.resent', 'note.pushed', 'note.pushListenFailed', 'note.canceledBeforeSending', 'note.closedByYou',
  'note.canceledAtRequest', 'note.completedByHandLpa', 'note.completedByHandPush', 'note.followStopped', 'note.followFailed',
  'note.noOrderApi', 'note.notConfigured', 'note.connectionChanged', 'note.noAnswerEveryTry', 'note.vanished', 'note.noAnswerRetrying',
  'note.waitingBeforeResend', 'note.outcomeUnclear', 'note.deliveryUpdated', 'note.awaitingN009',
  // Errors (why an order failed or needs a look).
  // Why an order is refused before anything is sent.
  'refusal.zeroCost', 'refusal.notConfigured', 'refusal.notOrderable', 'refusal.minQuantity', 'refusal.maxQuantity',
  'cap.refused.uncounted', 'cap.refused.noRate', 'cap.refused.exceeds',
  'error.connectionChanged', 'error.noAnswer', 'error.vanished', 'error.priceNow', 'error.paymentFailed', 'error.paymentExpired',
  // Statuses a supplier gives as a number or not at all, worded by us.
  'upstream.notSent', 'upstream.notPlaced', 'upstream.canceled', 'upstream.ordered', 'upstream.shipped', 'upstream.qrSent', 'upstream.paid',
  'upstream.paidQrNotReady', 'upstream.paidNotRead', 'upstream.waitingForPayment', 'upstream.paymentFailed', 'upstream.preOrderTimedOut',
] as const;
export type OrderTextCode = (typeof ORDER_TEXT_CODES)[number];

export function orderText(code: OrderTextCode, params: Record<string, string | number | undefined> = {}): string {
  return codedText(code, params);
}
