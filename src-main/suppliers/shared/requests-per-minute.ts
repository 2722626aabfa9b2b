import { z } from 'zod';

/**
 * The connection's request pace, in requests per minute: optional, a positive whole number (connection settings are
 * stored as strings, so "60" is accepted too). `defaultPerMinute` is what the connection gets without it; the form
 * shows it (connection-fields reads the `defaultValue` meta). `most`: the server's own limit, where a pace above it can
 * only get the key blocked (Dujiao-Next: the 61st request of a window blocks it for 30 s).
 */
export function requestsPerMinuteField(defaultPerMinute: number, most?: number) {
  const whole = z
    .number({ message: 'requestsPerMinute must be a whole number of requests per minute' })
    .int('requestsPerMinute must be a whole number of requests per minute')
    .positive('requestsPerMinute must be at least 1');
  const perMinute =
    most === undefined
      ? whole
      : whole.max(most, `requestsPerMinute must be at most ${most}: the server blocks the key past that`);
  return z
    .preprocess(
      (value) =>
        typeof value === 'string'
          ? value.trim() === ''
            ? undefined
            : /^\s*\d+\s*$/.test(value)
              ? Number(value)
              : value
          : value,
      perMinute.optional(),
    )
    .optional()
    .meta({ defaultValue: String(defaultPerMinute) });
}
