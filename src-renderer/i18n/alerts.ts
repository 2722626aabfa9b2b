import Decimal from 'decimal.js';
import type { Dictionary } from './dictionary';

/**
 * Alerts: the notification centre, the rules editor, and the alert texts themselves — main words webhook, Telegram and
 * desktop texts from this dictionary too (`alert.<type>`), so the app and every channel say the same thing.
 */
export const alertsDictionary: Dictionary = {
  en: {
    'alert.margin_below': 'Margin of “{title}” is {marginPercent} %, below {threshold} %',
    'alert.best_out_of_stock': '“{title}” is out of stock at every supplier',
    'alert.back_in_stock': '“{title}” is back in stock',
    'alert.best_supplier_out': '“{title}” is out of stock at {supplier}, its cheapest supplier; a dearer one sells it meanwhile',
    'alert.best_supplier_back': '“{title}” is back in stock at {supplier}, its cheapest supplier',
    'alert.cost_rise': '{supplier}: cost rose more than {threshold} % on {count} offers (largest: “{topTitle}” {topOld} → {topNew} {currency}, +{topPercent} %)',
    'alert.sync_failing': '{supplier}: the last {times} syncs failed',
    'alert.sync_held': '{supplier}: the last sync is held for review (run {run})',
    'alert.balance_below': '{supplier}: balance {amount} {currency} is below {minimum} {currency}',
    'alert.order_attention': 'Order #{order} ({title}, {supplier}) needs your attention',
    title: 'Alerts',
    empty: 'No alert yet. Alerts appear here when a rule below fires.',
    markAllRead: 'Mark all read',
    open: 'Open',
    unread: 'New',
    'deliveries': 'Sent: {list}',
    rules: 'Rules and channels',
    'rules.help': 'The alert rules and channels as a JSON document. Channel secrets are set below and stored sealed, never in this document. Rule types:',
    'rules.save': 'Save rules',
    'rules.saved': 'Saved.',
    'secret.webhook': 'Webhook signing secret',
    'secret.telegram': 'Telegram bot token',
    'secret.set': 'Set',
    'secret.isSet': 'Stored (sealed)',
    'secret.notSet': 'Not set',
    'secret.clear': 'Remove',
    'secret.placeholder': 'Paste to replace',
  },
  'zh-CN': {
    'alert.margin_below': '“{title}”的利润率为 {marginPercent}%，低于 {threshold}%',
    'alert.best_out_of_stock': '“{title}”在所有供应商处均缺货',
    'alert.back_in_stock': '“{title}”已恢复有货',
    'alert.best_supplier_out': '“{title}”在最便宜的供应商 {supplier} 处缺货，目前由价格更高的供应商供货',
    'alert.best_supplier_back': '“{title}”在最便宜的供应商 {supplier} 处已恢复有货',
    'alert.cost_rise': '{supplier}：{count} 个商品成本上涨超过 {threshold}%（涨幅最大：“{topTitle}” {topOld} → {topNew} {currency}，+{topPercent}%）',
    'alert.sync_failing': '{supplier}：最近 {times} 次同步失败',
    'alert.sync_held': '{supplier}：最近一次同步已暂缓待审核（第 {run} 次）',
    'alert.balance_below': '{supplier}：余额 {amount} {currency} 低于 {minimum} {currency}',
    'alert.order_attention': '订单 #{order}（{title}，{supplier}）需要您处理',
    title: '提醒',
    empty: '暂无提醒。下方规则触发时，提醒会显示在这里。',
    markAllRead: '全部标为已读',
    open: '打开',
    unread: '新',
    'deliveries': '已发送：{list}',
    rules: '规则与渠道',
    'rules.help': '以 JSON 文档表示的提醒规则和渠道。渠道密钥在下方设置并加密保存，从不写入此文档。规则类型：',
    'rules.save': '保存规则',
    'rules.saved': '已保存。',
    'secret.webhook': 'Webhook 签名密钥',
    'secret.telegram': 'Telegram 机器人令牌',
    'secret.set': '设置',
    'secret.isSet': '已保存（加密）',
    'secret.notSet': '未设置',
    'secret.clear': '移除',
    'secret.placeholder': '粘贴以替换',
  },
};

/** Amounts in alert parameters (decimal strings beside a `currency`), shown in that currency's minor units. */
const AMOUNT_PARAMS = new Set(['topOld', 'topNew', 'amount', 'minimum']);

function amountInMinorUnits(amount: string, currency: string, language: string): string {
  let digits = 2;
  try {
    digits = new Intl.NumberFormat(language, { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    // An unknown code keeps two decimals.
  }
  return new Decimal(amount).toDecimalPlaces(digits, Decimal.ROUND_HALF_UP).toFixed(digits);
}

/** The words of one alert, in the app or in a channel. */
export function alertText(language: 'en' | 'zh-CN', alert: { type: string; params: Record<string, string | number> }): string {
  const key = alert.type === 'sync_failing' && alert.params.held ? 'alert.sync_held'
    : alert.type === 'best_out_of_stock' && alert.params.supplier ? 'alert.best_supplier_out'
    : alert.type === 'back_in_stock' && alert.params.supplier ? 'alert.best_supplier_back'
    : `alert.${alert.type}`;
  const template = alertsDictionary[language][key] ?? alertsDictionary.en[key] ?? alert.type;
  const currency = typeof alert.params.currency === 'string' ? alert.params.currency : null;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = alert.params[name];
    if (value === undefined) return `{${name}}`;
    // Percents stay as they are; money is never a float: rounded as a decimal to the currency's minor units.
    if (currency && AMOUNT_PARAMS.has(name) && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return amountInMinorUnits(value, currency, language);
    return String(value);
  });
}
