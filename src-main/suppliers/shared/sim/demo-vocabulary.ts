/**
 * Real-world names the simulators build their seeded catalogs from, so demo data looks like what merchants
 * see from real suppliers (and exercises the same title styles the matcher must read). Places live in
 * domain/geography.ts, which the matcher shares.
 */
/** Data volumes in MB as plans are sold (1GB = 1024MB in upstream catalogs). */
export const DATA_SIZES_MB: readonly number[] = [500, 1024, 2048, 3072, 5120, 10240, 20480, 51200];
export const PLAN_DAYS: readonly number[] = [1, 3, 5, 7, 10, 15, 30];

export function formatDataSize(mb: number): string {
  return mb < 1024 ? `${mb}MB` : `${mb / 1024}GB`;
}

/** Gift cards and vouchers sold beside eSIMs (card/PIN goods). */
export const GIFT_CARDS: ReadonlyArray<{ brand: string; zhCN: string; currency: string; faces: readonly number[] }> = [
  { brand: 'Steam Wallet', zhCN: 'Steam 钱包充值卡', currency: 'CNY', faces: [50, 100, 200] },
  { brand: 'Google Play', zhCN: 'Google Play 礼品卡', currency: 'USD', faces: [10, 25, 50] },
  { brand: 'App Store & iTunes', zhCN: 'App Store 充值卡', currency: 'USD', faces: [10, 25, 100] },
  { brand: 'PlayStation Network', zhCN: 'PSN 点卡', currency: 'USD', faces: [10, 20, 50] },
  { brand: 'Razer Gold', zhCN: '雷蛇金币卡', currency: 'USD', faces: [5, 10, 20] },
  { brand: 'Netflix', zhCN: 'Netflix 礼品卡', currency: 'USD', faces: [25, 50] },
];
