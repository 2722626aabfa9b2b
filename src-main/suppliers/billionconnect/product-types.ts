import type { LocalizedText, OfferKind } from '../../domain/offer';

/**
 * F002 `type`: what a product physically is. The codes and names follow the vendor's full F002 table as
 * public copies of it give it; billionconnect-fields.md names only 230, 250, 3105 and 3106.
 */
export interface ProductType {
  names: LocalizedText;
  kind: OfferKind;
  /** Only these can be bought through F040 (create eSIM order), per the vendor's FAQ. */
  orderable: boolean;
}

const ESIM_PLAN_TYPES = new Set(['3105', '3106']);

const TYPES: Record<string, { en: string; zh: string; kind: OfferKind }> = {
  // Plans alone are loaded onto a SIM the buyer already has.
  '110': { en: 'Self-selected data plan', zh: '自选套餐', kind: 'data_plan' },
  '111': { en: 'Fixed data plan', zh: '固定套餐', kind: 'data_plan' },
  '210': { en: 'Single-use SIM card', zh: '单次卡', kind: 'other' },
  '211': { en: 'Multi-use SIM card', zh: '多次卡', kind: 'other' },
  '212': { en: 'Hard SIM card', zh: '硬卡', kind: 'other' },
  '220': { en: 'MiFi (sale)', zh: '销售MIFI', kind: 'other' },
  '221': { en: 'MiFi (rental)', zh: '租赁MIFI', kind: 'other' },
  '230': { en: 'eSIM', zh: 'eSIM', kind: 'esim' },
  '250': { en: 'eSIM Air', zh: 'eSIM Air', kind: 'esim' },
  '311': { en: 'Hard SIM card + data', zh: '硬卡+流量', kind: 'other' },
  '3101': { en: 'Single-use SIM + self-selected plan', zh: '单次卡+自选套餐', kind: 'other' },
  '3102': { en: 'Single-use SIM + fixed plan', zh: '单次卡+固定套餐', kind: 'other' },
  '3103': { en: 'Multi-use SIM + self-selected plan', zh: '多次卡+自选套餐', kind: 'other' },
  '3104': { en: 'Multi-use SIM + fixed plan', zh: '多次卡+固定套餐', kind: 'other' },
  '3105': { en: 'eSIM + self-selected plan', zh: 'eSIM+自选套餐', kind: 'esim' },
  '3106': { en: 'eSIM + fixed plan', zh: 'eSIM+固定套餐', kind: 'esim' },
  '3201': { en: 'MiFi (sale) + self-selected plan', zh: '销售MIFI+自选套餐', kind: 'other' },
  '3202': { en: 'MiFi (sale) + fixed plan', zh: '销售MIFI+固定套餐', kind: 'other' },
  '3211': { en: 'MiFi (rental) + self-selected plan', zh: '租赁MIFI+自选套餐', kind: 'other' },
  '3212': { en: 'MiFi (rental) + fixed plan', zh: '租赁MIFI+固定套餐', kind: 'other' },
};

/** 3105: the buyer picks the number of days through `copies`, so `copies` is the plan length. */
export const SELF_SELECTED_ESIM = '3105';

export function productType(code: string): ProductType {
  const known = TYPES[code];
  if (!known) return { names: { en: `Type ${code}`, 'zh-CN': `类型 ${code}` }, kind: 'other', orderable: false };
  return { names: { en: known.en, 'zh-CN': known.zh }, kind: known.kind, orderable: ESIM_PLAN_TYPES.has(code) };
}
