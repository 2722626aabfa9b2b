/**
 * How one channel's delivery of an alert went, in the reader's words. Main records a result per channel: 'sent',
 * 'requested' (the desktop notification asked of the shell), 'rate_limited' (past the hourly limit: kept in the app),
 * or 'failed: <why>', where the known reasons are worded and any other is shown as main gave it.
 */
export function deliveryText(
  t: (key: string, params?: Record<string, string>) => string,
  channel: string,
  result: string,
): string {
  const channelName = t(`delivery.channel.${channel}`);
  const name = channelName === `delivery.channel.${channel}` ? channel : channelName;
  const known = t(`delivery.${result}`);
  if (known !== `delivery.${result}`) return t('delivery.line', { channel: name, result: known });
  const reason = /^failed: (.+)$/.exec(result)?.[1];
  return t('delivery.line', {
    channel: name,
    result: reason === undefined ? result : t('delivery.failedBecause', { reason }),
  });
}
