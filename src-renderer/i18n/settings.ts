import type { Dictionary } from './dictionary';

export const settingsDictionary: Dictionary = {
  en: {
    title: 'Settings',
    appearance: 'Appearance',
    language: 'Language',
    theme: 'Theme',
    pricing: 'Currency and rates',
    currency: 'Merchant currency',
    'currency.change': 'Change…',
    'currency.confirm': 'Switch to {code}',
    'currency.help':
      'Costs are converted into this currency and sale prices are set in it. Saved markup rules and locked prices are written in one currency and do not carry over: review them under Pricing after switching.',
    ratesUrl: 'Exchange rates URL',
    'ratesUrl.reset': 'Use the ECB default',
    'ratesUrl.help':
      'A daily reference-rate file in the ECB format (eurofxref-daily.xml). Pricing → “Fetch ECB rates” reads it.',
    sync: 'Sync',
    'sync.description': 'Automatic sync is off by default: catalogs are fetched only when you press Sync.',
    fullListing: 'Full listing at least every',
    'fullListing.unit': 'hours',
    'fullListing.help':
      'In between, a sync asks suppliers that can say what changed for the changes alone; only a full listing shows that a product was deleted outright, or stock a Dujiao-Next or MeSIM supplier sold or restocked without editing the product. Default {n}. “Full sync” on the Sync screen lists everything now.',
    'fullListing.invalid': 'Enter whole hours from {min} to {max}.',
    syncDeadline: 'Give up a sync after',
    'syncDeadline.unit': 'minutes',
    'syncDeadline.help':
      'Counted from the start of the sync, for all its suppliers, waits for request limits included. A supplier still listing when the time is up keeps its catalog as it was. Default {n}.',
    'syncDeadline.invalid': 'Enter whole minutes from {min} to {max}.',
    data: 'Data',
    dataDir: 'Data folder',
    'dataDir.help':
      'The catalog database, your rules and the sealed supplier secrets live here. Back it up to keep them.',
    version: 'Version',
    copy: 'Copy',
    copied: 'Copied',
    saved: 'Saved.',
    'secrets.title': 'Supplier secrets are protected by a key file, not the system keychain',
    'secrets.keyFile.title': 'Supplier secrets are protected by a key file, not the system keychain',
    'secrets.keyFile':
      'Supplier secrets are encrypted with a key kept in {path} (readable only by you). The desktop app keeps that key in the operating system keychain instead.',
    'secrets.alsoInFile.title': 'The keychain’s key is also kept in a file',
    'secrets.alsoInFile':
      'Supplier secrets are encrypted with a key the operating system keychain protects, but the same key is also kept in {path} (readable only by you) so the browser preview can read them. Delete that file to rely on the keychain alone; the browser preview then cannot read the secrets saved here.',
  },
  'zh-CN': {
    title: '设置',
    appearance: '外观',
    language: '界面语言',
    theme: '主题',
    pricing: '币种与汇率',
    currency: '经营币种',
    'currency.change': '更改…',
    'currency.confirm': '切换为 {code}',
    'currency.help':
      '成本会换算成该币种，售价也以它定价。已保存的加价规则和锁定价格以单一币种书写，不会沿用到新币种：切换后请在“定价”中重新检查。',
    ratesUrl: '汇率地址',
    'ratesUrl.reset': '恢复欧洲央行默认地址',
    'ratesUrl.help': '欧洲央行格式的每日参考汇率文件（eurofxref-daily.xml）。在“定价 → 获取欧洲央行汇率”时读取。',
    sync: '同步',
    'sync.description': '自动同步默认关闭：只有点击“同步”时才会拉取商品目录。',
    fullListing: '完整拉取间隔',
    'fullListing.unit': '小时（最长）',
    'fullListing.help':
      '其间，能说明变动的供应商只拉取变动；只有完整拉取才能发现被彻底删除的商品，以及 Dujiao-Next 或 MeSIM 供应商未编辑商品而售出或补充的库存。默认 {n}。“同步”页面的“完整同步”会立即拉取全部。',
    'fullListing.invalid': '请输入 {min} 到 {max} 之间的整数小时。',
    syncDeadline: '同步超时放弃',
    'syncDeadline.unit': '分钟',
    'syncDeadline.help':
      '从同步开始时计算，涵盖其中所有供应商，包括等待请求限额的时间。到时仍在拉取的供应商会保留原有的商品目录。默认 {n}。',
    'syncDeadline.invalid': '请输入 {min} 到 {max} 之间的整数分钟。',
    data: '数据',
    dataDir: '数据文件夹',
    'dataDir.help': '商品目录数据库、您的规则和加密的供应商密钥都保存在这里。备份该文件夹即可保留它们。',
    version: '版本',
    copy: '复制',
    copied: '已复制',
    saved: '已保存。',
    'secrets.title': '供应商密钥由密钥文件保护，而非系统钥匙串',
    'secrets.keyFile.title': '供应商密钥由密钥文件保护，而非系统钥匙串',
    'secrets.keyFile':
      '供应商密钥用保存在 {path} 中的密钥加密（仅您本人可读）。桌面应用则把该密钥保存在操作系统钥匙串中。',
    'secrets.alsoInFile.title': '钥匙串中的密钥也保存在一个文件中',
    'secrets.alsoInFile':
      '供应商密钥用操作系统钥匙串保护的密钥加密，但同一密钥也保存在 {path} 中（仅您本人可读），以便浏览器预览读取。删除该文件即可只依靠钥匙串；之后浏览器预览将无法读取此处保存的密钥。',
  },
};
