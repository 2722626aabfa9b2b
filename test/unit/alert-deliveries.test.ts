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

  it('shows a result it does not know as it is, never a dictionary key', () => {
    expect(deliveryText(en, 'pager', 'queued')).toBe('pager queued');
    expect(deliveryText(zh, 'pager', 'queued')).toBe('pager：queued');
  });
});
