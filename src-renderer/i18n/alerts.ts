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
    'alert.best_supplier_out':
      '“{title}” is out of stock at {supplier}, its cheapest supplier; a dearer one sells it meanwhile',
    'alert.best_supplier_back': '“{title}” is back in stock at {supplier}, its cheapest supplier',
    'alert.cost_rise':
      '{supplier}: cost rose more than {threshold} % on {count} offers (largest: “{topTitle}” {topOld} → {topNew} {currency}, +{topPercent} %)',
    'alert.sync_failing': '{supplier}: the last {times} syncs failed',
    'alert.sync_held': '{supplier}: the last sync is held for review (run {run})',
    'alert.balance_below': '{supplier}: balance {amount} {currency} is below {minimum} {currency}',
    'alert.order_attention': 'Order #{order} ({title}, {supplier}) needs your attention',
    title: 'Alerts',
    empty: 'No alert yet. Alerts appear here when a rule below fires.',
    markAllRead: 'Mark all read',
    open: 'Open',
    unread: 'New',
    deliveries: 'Sent: {list}',
    rules: 'Rules and channels',
    'rules.help':
      'A rule alerts once when its condition starts to hold, and again only after it has cleared. Changes apply when you save.',
    'rules.jsonHelp': 'The same rules and channels as a JSON document, the one the command line prints and reads:',
    'rules.jsonTypes': 'Channel secrets are set below and stored sealed, never in this document. Rule types:',
    'rules.asJson': 'Advanced: edit as JSON',
    'rules.json': 'Rules and channels as JSON',
    'rules.empty': 'No rules: nothing will raise an alert. Add one below.',
    'rules.addType': 'New rule',
    'rules.add': '+ Add rule',
    'rules.unsaved': 'Unsaved changes',
    'rules.cancel': 'Cancel',
    'rules.save': 'Save rules',
    'rules.saving': 'Saving…',
    'rules.saved': 'Saved.',
    'rules.invalid': 'Not saved: fix the fields marked in red first.',
    'rules.jsonInvalid': 'Fix the document first: it cannot be saved or shown as a form as it is.',
    'rules.saveFailed': 'Not saved: {reason}',
    'rule.remove': 'Remove rule “{name}”',
    'type.margin_below': 'Low margin',
    'type.margin_below.help': 'An exported plan’s margin falls below this share of its sale price.',
    'type.best_out_of_stock': 'Out of stock',
    'type.best_out_of_stock.help': 'An exported plan’s cheapest supplier runs out of stock; and again once it is back.',
    'type.cost_rise': 'Cost rise',
    'type.cost_rise.help': 'A sync raises offers’ costs by more than this.',
    'type.sync_failing': 'Sync failing',
    'type.sync_failing.help': 'A supplier’s syncs fail this many times in a row, or its last sync is held for review.',
    'type.balance_below': 'Low balance',
    'type.balance_below.help':
      'A supplier’s account balance falls below this amount (only a balance in this currency is compared).',
    'type.order_attention': 'Order needs attention',
    'type.order_attention.help': 'A test order needs you to check it.',
    'field.marginBelow': 'Margin below',
    'field.riseAbove': 'Rise of more than',
    'field.times': 'Failures in a row',
    'field.amount': 'Balance below',
    'field.currency': 'Currency',
    'field.supplier': 'Supplier',
    'field.anySupplier': 'Any supplier',
    channels: 'Channels',
    'channels.help': 'Every alert is kept here in the app. These channels send it too, up to the hourly limit below.',
    'channel.desktop': 'Desktop notifications',
    'channel.desktop.help': 'In the desktop app only.',
    'channel.webhook': 'Send to a webhook',
    'channel.webhookUrl': 'Webhook URL',
    'channel.webhook.help': 'Each alert is POSTed as JSON, signed with the webhook signing secret.',
    'channel.telegram': 'Send to Telegram',
    'channel.telegramChatId': 'Telegram chat ID',
    'channel.telegramApiBase': 'Telegram API address',
    'channel.telegram.help':
      'Sent by the bot whose token is set below. Change the API address only to go through a proxy.',
    'channel.language': 'Language of webhook and Telegram messages',
    'channel.maxPerHour': 'Most alerts sent per hour',
    'channel.maxPerHour.help': 'Past this, alerts are kept in the app only.',
    'error.required': 'Required',
    'error.percent': 'A percentage such as 12.5 (at most 6 decimals)',
    'error.amount': 'An amount such as 50 or 12.50 (at most 6 decimals)',
    'error.times': 'A whole number from 1 to 100',
    'error.maxPerHour': 'A whole number from 1 to 1000',
    'error.currency': 'A three-letter currency code such as USD',
    'error.url': 'An address starting with http:// or https://',
    'error.urlCredentials': 'No user name or password (user:pass@) in the address',
    'error.urlInsecureHttp': 'Unencrypted http:// to another computer: use https://, or allow insecure HTTP for it',
    'error.chatId': 'At most 64 characters',
    'error.id': 'A rule id of 1 to 64 characters',
    'error.text': 'Text in quotes, such as "12.5"',
    'error.boolean': 'true or false',
    'error.uniqueIds': 'Two rules have the same id; every id must be unique',
    'error.unknownKeys': 'Unknown field: {keys}',
    'error.ruleType': 'Not a rule type; the types are {types}',
    'error.oneOf': 'One of {values}',
    'error.tooMany': 'At most 100 rules',
    'error.wrongKind': 'Missing, or not the kind of value expected here',
    'error.invalid': 'Not a value allowed here',
    'error.json': 'Not valid JSON',
    'error.jsonAt': 'Not valid JSON (line {line}, column {column})',
    'problem.rule': 'Rule {n}',
    'problem.document': 'The document',
    secrets: 'Channel secrets',
    'secrets.help': 'Stored as soon as you set them, sealed: never shown again and never in the rules document.',
    'secret.failed': 'Not stored: {reason}',
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
    'alert.cost_rise':
      '{supplier}：{count} 个商品成本上涨超过 {threshold}%（涨幅最大：“{topTitle}” {topOld} → {topNew} {currency}，+{topPercent}%）',
    'alert.sync_failing': '{supplier}：最近 {times} 次同步失败',
    'alert.sync_held': '{supplier}：最近一次同步已暂缓待审核（第 {run} 次）',
    'alert.balance_below': '{supplier}：余额 {amount} {currency} 低于 {minimum} {currency}',
    'alert.order_attention': '订单 #{order}（{title}，{supplier}）需要您处理',
    title: '提醒',
    empty: '暂无提醒。下方规则触发时，提醒会显示在这里。',
    markAllRead: '全部标为已读',
    open: '打开',
    unread: '新',
    deliveries: '已发送：{list}',
    rules: '规则与渠道',
    'rules.help': '规则的条件开始成立时提醒一次，条件解除后再次成立才会再提醒。保存后生效。',
    'rules.jsonHelp': '以 JSON 文档表示的同一套规则和渠道，即命令行输出和读取的文档：',
    'rules.jsonTypes': '渠道密钥在下方设置并加密保存，从不写入此文档。规则类型：',
    'rules.asJson': '高级：以 JSON 编辑',
    'rules.json': '规则与渠道（JSON）',
    'rules.empty': '没有规则：不会产生任何提醒。请在下方添加。',
    'rules.addType': '新规则',
    'rules.add': '+ 添加规则',
    'rules.unsaved': '有未保存的修改',
    'rules.cancel': '取消',
    'rules.save': '保存规则',
    'rules.saving': '正在保存…',
    'rules.saved': '已保存。',
    'rules.invalid': '未保存：请先修正标红的字段。',
    'rules.jsonInvalid': '请先修正文档：当前内容既不能保存，也不能显示为表单。',
    'rules.saveFailed': '未保存：{reason}',
    'rule.remove': '删除规则“{name}”',
    'type.margin_below': '利润率过低',
    'type.margin_below.help': '已导出套餐的利润占售价的比例低于此值。',
    'type.best_out_of_stock': '缺货',
    'type.best_out_of_stock.help': '已导出套餐最便宜的供应商缺货时提醒；恢复有货时再提醒。',
    'type.cost_rise': '成本上涨',
    'type.cost_rise.help': '一次同步中商品成本的涨幅超过此值。',
    'type.sync_failing': '同步失败',
    'type.sync_failing.help': '供应商连续同步失败达到此次数，或最近一次同步被暂缓待审核。',
    'type.balance_below': '余额不足',
    'type.balance_below.help': '供应商账户余额低于此金额（只比较该币种的余额）。',
    'type.order_attention': '订单需处理',
    'type.order_attention.help': '有测试订单需要您检查。',
    'field.marginBelow': '利润率低于',
    'field.riseAbove': '涨幅超过',
    'field.times': '连续失败次数',
    'field.amount': '余额低于',
    'field.currency': '币种',
    'field.supplier': '供应商',
    'field.anySupplier': '任意供应商',
    channels: '渠道',
    'channels.help': '所有提醒都会保存在应用中。以下渠道也会发送提醒，发送数量不超过下方的每小时上限。',
    'channel.desktop': '桌面通知',
    'channel.desktop.help': '仅限桌面应用。',
    'channel.webhook': '发送到 Webhook',
    'channel.webhookUrl': 'Webhook 地址',
    'channel.webhook.help': '每条提醒以 JSON 格式通过 HTTP 发送，并用 Webhook 签名密钥签名。',
    'channel.telegram': '发送到 Telegram',
    'channel.telegramChatId': 'Telegram 聊天 ID',
    'channel.telegramApiBase': 'Telegram API 地址',
    'channel.telegram.help': '由下方设置了令牌的机器人发送。仅在需要通过代理访问时修改 API 地址。',
    'channel.language': 'Webhook 和 Telegram 消息的语言',
    'channel.maxPerHour': '每小时最多发送',
    'channel.maxPerHour.help': '超出后，提醒只保存在应用中。',
    'error.required': '必填',
    'error.percent': '请输入百分比，例如 12.5（最多 6 位小数）',
    'error.amount': '请输入金额，例如 50 或 12.50（最多 6 位小数）',
    'error.times': '请输入 1 到 100 之间的整数',
    'error.maxPerHour': '请输入 1 到 1000 之间的整数',
    'error.currency': '请输入三个字母的币种代码，例如 USD',
    'error.url': '请输入以 http:// 或 https:// 开头的地址',
    'error.urlCredentials': '地址中不能包含用户名或密码（user:pass@）',
    'error.urlInsecureHttp': '发往其他计算机的 http:// 未加密：请使用 https://，或允许此地址使用不安全的 HTTP',
    'error.chatId': '最多 64 个字符',
    'error.id': '规则 ID 须为 1 到 64 个字符',
    'error.text': '须为带引号的文本，例如 "12.5"',
    'error.boolean': '须为 true 或 false',
    'error.uniqueIds': '有两条规则的 ID 相同；每个 ID 必须唯一',
    'error.unknownKeys': '未知字段：{keys}',
    'error.ruleType': '不是有效的规则类型；可用的类型为 {types}',
    'error.oneOf': '须为以下之一：{values}',
    'error.tooMany': '最多 100 条规则',
    'error.wrongKind': '缺少此值，或值的类型不对',
    'error.invalid': '此处不允许该值',
    'error.json': 'JSON 格式无效',
    'error.jsonAt': 'JSON 格式无效（第 {line} 行，第 {column} 列）',
    'problem.rule': '第 {n} 条规则',
    'problem.document': '文档',
    secrets: '渠道密钥',
    'secrets.help': '设置后立即加密保存：不会再次显示，也不会写入规则文档。',
    'secret.failed': '未保存：{reason}',
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
    digits =
      new Intl.NumberFormat(language, { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    // An unknown code keeps two decimals.
  }
  return new Decimal(amount).toDecimalPlaces(digits, Decimal.ROUND_HALF_UP).toFixed(digits);
}

/** The words of one alert, in the app or in a channel. */
export function alertText(
  language: 'en' | 'zh-CN',
  alert: { type: string; params: Record<string, string | number> },
): string {
  const key =
    alert.type === 'sync_failing' && alert.params.held
      ? 'alert.sync_held'
      : alert.type === 'best_out_of_stock' && alert.params.supplier
        ? 'alert.best_supplier_out'
        : alert.type === 'back_in_stock' && alert.params.supplier
          ? 'alert.best_supplier_back'
          : `alert.${alert.type}`;
  const template = alertsDictionary[language][key] ?? alertsDictionary.en[key] ?? alert.type;
  const currency = typeof alert.params.currency === 'string' ? alert.params.currency : null;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = alert.params[name];
    if (value === undefined) return `{${name}}`;
    // Percents stay as they are; money is never a float: rounded as a decimal to the currency's minor units.
    if (currency && AMOUNT_PARAMS.has(name) && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value))
      return amountInMinorUnits(value, currency, language);
    return String(value);
  });
}
