import { useT } from '../../i18n';
import { ordersDictionary } from '../../i18n/orders';
import { wordDeliveryText, wordOrderText } from '../../stores/orders-view';
import { formatMoneyParams } from '../../components/format';
import { supplierName } from '../../components/supplier-name';
import { useSuppliersStore } from '../../stores/suppliers';

/**
 * Words an order's texts from main (timeline notes, errors, statuses main words itself) in the merchant's language,
 * with the supplier's name filled in. `own` says a text holds only the supplier's own words (no code of ours): it is
 * shown as it came and marked translate="no".
 */
export function useOrderText(supplierId: string) {
  const tOrders = useT(ordersDictionary);
  // Amounts main puts in a text ("20000.00 JPY") read as every amount on screen does ("20,000 JPY").
  const t = (key: string, params: Record<string, string>) => tOrders(key, formatMoneyParams(params));
  const name = useSuppliersStore((s) => supplierName(s.suppliers, supplierId));
  const word = (text: string | null | undefined) => wordOrderText(text, t, name);
  const own = (text: string | null | undefined) => !!text && word(text) === text;
  const deliveryText = (text: string) => wordDeliveryText(text, t, name);
  return { word, own, deliveryText };
}
