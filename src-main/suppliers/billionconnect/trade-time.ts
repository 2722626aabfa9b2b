/**
 * tradeTime is a wall-clock string in China Standard Time (UTC+8, no daylight saving), whatever time zone
 * the merchant's computer is in: so it is computed from the epoch, never from local time.
 */
const UTC_PLUS_8_MS = 8 * 60 * 60 * 1000;
const TRADE_TIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

export function formatTradeTime(epochMs: number): string {
  const shifted = new Date(epochMs + UTC_PLUS_8_MS).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 19)}`;
}

/** The epoch ms a tradeTime stands for, or null when it is not exactly "YYYY-MM-DD hh:mm:ss" (24-hour) or not a real date. */
export function parseTradeTime(text: string): number | null {
  const match = TRADE_TIME_PATTERN.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  const epochMs = Date.UTC(year, month - 1, day, hour, minute, second) - UTC_PLUS_8_MS;
  // Date.UTC rolls "02-30" over into March; a real server's parser refuses it, so compare the round trip.
  return formatTradeTime(epochMs) === text ? epochMs : null;
}
