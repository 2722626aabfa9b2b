import { codedText } from './coded-issue';
import type { LpaProblem } from '../src-main/domain/lpa';

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
  // Why an order is refused before anything is sent: by the order service, or by a supplier's own order code.
  'refusal.zeroCost', 'refusal.notConfigured', 'refusal.notOrderable', 'refusal.minQuantity', 'refusal.maxQuantity',
  'refusal.noLongerSold', 'refusal.noLongerPriced', 'refusal.priceNow', 'refusal.priceCurrency', 'refusal.skuNotNumeric', 'refusal.fieldNotNumber',
  'refusal.quantityNotWhole', 'refusal.variantNotCopies', 'refusal.oneProfilePerOrder', 'refusal.notPackageId', 'refusal.notSoldIn',
  'refusal.onePhonePerOrder', 'refusal.phoneRequired', 'refusal.noCallingCode', 'refusal.reservedField', 'refusal.buyerMustFill',
  // The supplier's own refusal, in its words (`message`) and code.
  'refusal.bySupplier', 'refusal.bySupplierWithoutWords',
  // Why the order service will not do what was asked (OrderError).
  'orderError.confirm', 'orderError.quantity', 'orderError.buyerInput', 'orderError.noQr', 'orderError.noQrOf', 'orderError.closed',
  'orderError.cannotCancel', 'orderError.alreadyDelivered', 'orderError.nothingToComplete', 'orderError.neverSent', 'orderError.notPasteable',
  'orderError.pushNotConfigured', 'orderError.noPush', 'orderError.pushUnreadable', 'orderError.pushOtherOrder', 'orderError.foreignKey',
  'orderError.noOffer', 'orderError.noOrder', 'orderError.pushNoOrder',
  // Order statuses, named inside a message (orderError.closed).
  'status.pending', 'status.processing', 'status.delivered', 'status.failed', 'status.canceled', 'status.attention', 'status.refunded',
  'status.partially_refunded',
  // Why a pasted activation code cannot be read (the `reason` of orderError.notPasteable, and delivery notes).
  'lpa.empty', 'lpa.whitespace', 'lpa.noPrefix', 'lpa.wrongStart', 'lpa.nothingAfterPrefix', 'lpa.unknownFormat', 'lpa.tooFewFields',
  'lpa.tooManyFields', 'lpa.noMatchingId', 'lpa.badMatchingId', 'lpa.badOid', 'lpa.strayDollar', 'lpa.badFlag',
  'lpa.badLink', 'lpa.notAppleLink', 'lpa.noCarddata',
  'lpa.address.empty', 'lpa.address.scheme', 'lpa.address.portOrPath', 'lpa.address.tooLong', 'lpa.address.notFqdn', 'lpa.address.invalid', 'lpa.address.ip',
  // Notes of ours in a delivery's text, each on a line of its own among the supplier's.
  'deliveryNote.qrNotStandard', 'deliveryNote.codeUnreadable', 'deliveryNote.confirmationCode', 'deliveryNote.cardsShort',
  'deliveryNote.mobileDone', 'deliveryNote.mobileDoneFor', 'deliveryNote.topUpDone', 'deliveryNote.topUpDoneFor',
  // Errors (why an order failed or needs a look).
  'cap.refused.uncounted', 'cap.refused.noRate', 'cap.refused.exceeds',
  'error.connectionChanged', 'error.noAnswer', 'error.vanished', 'error.priceNow', 'error.paymentFailed', 'error.paymentExpired',
  // Statuses a supplier gives as a number or not at all, worded by us.
  'upstream.notSent', 'upstream.notPlaced', 'upstream.canceled', 'upstream.ordered', 'upstream.shipped', 'upstream.qrSent', 'upstream.paid',
  'upstream.paidQrNotReady', 'upstream.paidNotRead', 'upstream.waitingForPayment', 'upstream.paymentFailed', 'upstream.preOrderTimedOut',
  'upstream.unknownStatus', 'upstream.paymentRefused', 'upstream.paymentAnswerLost',
] as const;
export type OrderTextCode = (typeof ORDER_TEXT_CODES)[number];

export function orderText(code: OrderTextCode, params: Record<string, string | number | undefined> = {}): string {
  return codedText(code, params);
}

/** Why a text is not an activation code (domain/lpa.ts), as a coded text. */
export function lpaProblemText(problem: LpaProblem): string {
  return codedText(`lpa.${problem.code}`, problem.params);
}
