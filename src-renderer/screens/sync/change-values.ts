import type { ChangeView } from '../../../src-shared/contract';
import { displayTitle } from '../../../src-main/domain/locale';
import type { Money } from '../../../src-main/domain/money';
import type { LocalizedText, Stock } from '../../../src-main/domain/offer';
import { formatMoney } from '../../components/format';

/** One side of a change, shaped for display; the component translates stock statuses. */
export type ChangeValue =
  { type: 'money'; text: string } | { type: 'stock'; stock: Stock } | { type: 'title'; text: string } | null;

interface OfferSnapshotValue {
  cost: Money;
  stock: Stock;
  titles: LocalizedText;
}

/**
 * Before and after of a stored change. Added and removed offers carry a whole snapshot, of which the cost
 * is what a merchant wants to see; price changes carry Money, stock changes Stock, title changes titles.
 */
export function changeValues(change: ChangeView, language: string): { before: ChangeValue; after: ChangeValue } {
  switch (change.change) {
    case 'added':
      return { before: null, after: moneyValue((change.new as OfferSnapshotValue | null)?.cost) };
    case 'removed':
      return { before: moneyValue((change.old as OfferSnapshotValue | null)?.cost), after: null };
    case 'price_up':
    case 'price_down':
      return { before: moneyValue(change.old as Money | null), after: moneyValue(change.new as Money | null) };
    case 'stock_changed':
      return { before: stockValue(change.old as Stock | null), after: stockValue(change.new as Stock | null) };
    case 'title_changed':
      return {
        before: titleValue(change.old as LocalizedText | null, language),
        after: titleValue(change.new as LocalizedText | null, language),
      };
  }
}

function moneyValue(money: Money | null | undefined): ChangeValue {
  return money ? { type: 'money', text: formatMoney(money) } : null;
}

function stockValue(stock: Stock | null): ChangeValue {
  return stock ? { type: 'stock', stock } : null;
}

function titleValue(titles: LocalizedText | null, language: string): ChangeValue {
  return titles ? { type: 'title', text: displayTitle(titles, language) } : null;
}
