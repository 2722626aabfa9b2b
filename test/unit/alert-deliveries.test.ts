import { describe, expect, it } from 'vitest';
import { alertsDictionary } from '../../src-renderer/i18n/alerts';
import { translator } from '../../src-renderer/i18n/fill-template';
import { formatList } from '../../src-renderer/stores/format-list';
import { deliveryText } from '../../src-renderer/screens/alerts/delivery-text';

const en = translator(alertsDictionary.en);
const zh = translator(alertsDictionary['zh-CN']);
/** What an alert's line says of its deliveries, as the Alerts screen builds it. */
const line = (t: typeof en, language: string, deliveries: Record<string, string>) =>
  t('deliveries', {
    list: formatList(
      Object.entries(deliveries).map(([channel, result]) => deliveryText(t, channel, result)),
      language,
    ),
  });

describe('what became of an alert, per channel, in the reader’s words', () => {
  const deliveries = {
    desktop: 'requested',
    webhook: 'failed: insecure_http',
    telegram: 'failed: connect ECONNREFUSED 127.0.0.1:9',
  };

  it('words each known result and keeps an unknown failure’s reason as main gave it', () => {
    expect(line(en, 'en', deliveries)).toBe(
      'Delivery: desktop shown, webhook refused (plain http:// to another computer), ' +
        'Telegram failed (connect ECONNREFUSED 127.0.0.1:9)',
    );
    expect(line(en, 'en', { external: 'rate_limited' })).toBe(
      'Delivery: webhook and Telegram not sent (hourly limit reached)',
    );
    expect(line(en, 'en', { webhook: 'sent', telegram: 'failed: no bot token' })).toBe(
      'Delivery: webhook sent, Telegram failed (no bot token saved)',
    );
  });

  it('says it in Chinese with Chinese punctuation, and no English word of ours', () => {
    const text = line(zh, 'zh-CN', deliveries);
    expect(text).toBe(
      '投递：桌面通知：已显示、Webhook：已拒绝（发往其他电脑的 http:// 未加密）、Telegram：失败（connect ECONNREFUSED 127.0.0.1:9）',
    );
    expect(line(zh, 'zh-CN', { webhook: 'sent' })).toBe('投递：Webhook：已发送');
    expect(line(zh, 'zh-CN', { external: 'rate_limited' })).not.toMatch(/rate_limited|external|sent/);
  });

  it('words the reasons main records for a failed send, in both languages', () => {
    expect(line(en, 'en', { webhook: 'failed: ECONNREFUSED', telegram: 'failed: timeout' })).toBe(
      'Delivery: webhook failed (connection refused), Telegram failed (no answer in time)',
    );
    expect(deliveryText(en, 'webhook', 'failed: HTTP 404')).toBe('webhook failed (answered HTTP 404)');
    expect(deliveryText(en, 'webhook', 'failed: request_failed')).toBe(
      'webhook failed (the request could not be sent)',
    );
    expect(line(zh, 'zh-CN', { webhook: 'failed: ENOTFOUND', telegram: 'failed: HTTP 502' })).toBe(
      '投递：Webhook：失败（找不到该地址）、Telegram：失败（对方返回 HTTP 502）',
    );
    // A system code without words of ours stays the code.
    expect(deliveryText(zh, 'webhook', 'failed: EPROTO')).toBe('Webhook：失败（EPROTO）');
  });

  it('shows a result it does not know as it is, never a dictionary key', () => {
    expect(deliveryText(en, 'pager', 'queued')).toBe('pager queued');
    expect(deliveryText(zh, 'pager', 'queued')).toBe('pager：queued');
  });
});
