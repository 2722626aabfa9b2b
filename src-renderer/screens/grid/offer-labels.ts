import { displayTitle } from '../../../src-main/domain/locale';
import { supplierOfferKey, type LocalizedText } from '../../../src-main/domain/offer';

type TitledOffer = Parameters<typeof supplierOfferKey>[0] & { titles: LocalizedText };

/**
 * How to tell apart two offers of one supplier in a row, by supplierOfferKey: their titles in the reader's language
 * where those differ, else the SKU the offer card shows. Offers alone from their supplier need nothing beside its name.
 */
export function offerDistinctions(
  offers: readonly TitledOffer[],
  language: string,
  skuWord: string,
): Map<string, string> {
  const bySupplier = new Map<string, TitledOffer[]>();
  for (const offer of offers) bySupplier.set(offer.supplier, [...(bySupplier.get(offer.supplier) ?? []), offer]);
  const distinctions = new Map<string, string>();
  for (const siblings of bySupplier.values()) {
    if (siblings.length < 2) continue;
    const titles = siblings.map((offer) => displayTitle(offer.titles, language));
    const titled = titles.every((title) => title !== '') && new Set(titles).size === titles.length;
    siblings.forEach((offer, index) =>
      distinctions.set(supplierOfferKey(offer), titled ? titles[index] : `${skuWord} ${offer.skuId}`),
    );
  }
  return distinctions;
}
