import { wordCodedText } from '../../../src-shared/coded-issue';

/**
 * Where a rate came from, in the reader's language: main stores a code (`rates.source.*`); rates saved before codes
 * say "manual", and anything else is shown as it came.
 */
export function wordRateSource(
  source: string,
  translate: (key: string, params: Record<string, string>) => string,
): string {
  return source === 'manual' ? translate('rates.source.manual', {}) : wordCodedText(source, translate);
}
