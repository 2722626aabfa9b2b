import { decodeCodedIssue, wordCodedText } from '../../src-shared/coded-issue';
import { RUN_FAILED } from '../../src-shared/sync-run-errors';
import { translator } from '../../src-renderer/i18n/fill-template';
import { ordersDictionary } from '../../src-renderer/i18n/orders';
import { syncDictionary } from '../../src-renderer/i18n/sync';
import { runErrorEn } from '../../src-renderer/screens/sync/run-error';

const english = translator({ ...syncDictionary.en, ...ordersDictionary.en });

/**
 * A text main coded for the merchant (a transport failure, a supplier's refusal, an order's error) in the English the
 * app and the CLI show: what tests assert on, since what main sends is codes. Plain text comes back as it is.
 * A failed sync run's error reads as its cause, what to do and the detail. `supplier` fills `{supplier}` as the screen does with the supplier's name.
 */
export function inEnglish(text: string | null | undefined, supplier?: string): string {
  if (!text) return '';
  // A failed sync run reads as the Sync screen says it: the cause, what to do, the error's own text.
  if (decodeCodedIssue(text)?.code === RUN_FAILED) return runErrorEn(text);
  // Line by line, as a delivery's text is: our notes among what the supplier sent.
  return text
    .split('\n')
    .map((line) => wordCodedText(line, (code, params) => english(code, supplier ? { ...params, supplier } : params)))
    .join('\n');
}

/** For `toThrow`: an error whose message, in English, matches. */
export function inEnglishMatching(pattern: RegExp): { asymmetricMatch(error: unknown): boolean; toString(): string } {
  return {
    asymmetricMatch: (error) => error instanceof Error && pattern.test(inEnglish(error.message)),
    toString: () => `an error reading, in English, ${pattern}`,
  };
}

/** A sync's skipped items with their place and reason in English, as the CLI prints them: what tests assert on. */
export function skippedInEnglish<Item extends { where: string; reason: string }>(items: readonly Item[]): Item[] {
  return items.map((item) => ({ ...item, where: inEnglish(item.where), reason: inEnglish(item.reason) }));
}
