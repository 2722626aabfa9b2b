import { wordCodedText } from '../../src-main/config/coded-issue';
import { translator } from '../../src-renderer/components/fill-template';
import { ordersDictionary } from '../../src-renderer/i18n/orders';
import { syncDictionary } from '../../src-renderer/i18n/sync';

const english = translator({ ...syncDictionary.en, ...ordersDictionary.en });

/**
 * A text main coded for the merchant (a transport failure, a supplier's refusal, an order's error) in the English the
 * app and the CLI show: what tests assert on, since what main sends is codes. Plain text comes back as it is.
 */
export function inEnglish(text: string | null | undefined): string {
  return text ? wordCodedText(text, english) : '';
}
