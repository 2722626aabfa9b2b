import { randomUUID } from 'node:crypto';
import { isDecimalString } from '../../domain/money';

/**
 * An amount FMS wants as a JSON number (`money`, `payAmount`). Written from its decimal text, so "19.90" reaches the
 * server as 19.90 and never passes through a binary float on the way.
 */
export class JsonDecimal {
  constructor(readonly text: string) {
    if (!isDecimalString(text)) throw new Error(`not a decimal amount: ${JSON.stringify(text)}`);
  }
}

/** JSON.stringify, except that every JsonDecimal is written as the bare number it holds. */
export function stringifyWithDecimals(value: unknown): string {
  // Node 20 has no JSON.rawJSON: each decimal goes out as a marked string, then the marks and quotes come off. Most
  // bodies (every catalog call) hold none, and then go out as they are.
  let mark = '';
  const json = JSON.stringify(value, (_key, item: unknown) => {
    if (!(item instanceof JsonDecimal)) return item;
    mark ||= `decimal-${randomUUID()}:`;
    return `${mark}${item.text}`;
  });
  return mark ? json.replaceAll(new RegExp(`"${mark}(-?\\d+(?:\\.\\d+)?)"`, 'g'), '$1') : json;
}
