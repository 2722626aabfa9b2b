/**
 * How one channel's delivery of an alert went, in the reader's words. Main records a result per channel: 'sent',
 * 'requested' (the desktop notification asked of the shell), 'rate_limited' (past the hourly limit: kept in the app),
 * or 'failed: <why>', where <why> is a reason of alerts/channels.ts (sendFailure's 'timeout', 'request_failed' or a
 * system code such as ECONNREFUSED, or 'HTTP <status>'). Known results and reasons are worded; any other is shown as
 * main gave it.
 */
export function deliveryText(
  t: (key: string, params?: Record<string, string>) => string,
  channel: string,
  result: string,
): string {
  const worded = (key: string, params?: Record<string, string>) => {
    const text = t(key, params);
    return text === key ? null : text;
  };
  const name = worded(`delivery.channel.${channel}`) ?? channel;
  const known = worded(`delivery.${result}`);
  if (known) return t('delivery.line', { channel: name, result: known });
  const reason = /^failed: (.+)$/.exec(result)?.[1];
  if (reason === undefined) return t('delivery.line', { channel: name, result });
  const status = /^HTTP (\d{3})$/.exec(reason)?.[1];
  const reasonText =
    (status ? worded('delivery.reason.http', { status }) : worded(`delivery.reason.${reason}`)) ?? reason;
  return t('delivery.line', { channel: name, result: t('delivery.failedBecause', { reason: reasonText }) });
}
