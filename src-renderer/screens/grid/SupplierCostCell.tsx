import { useT } from '../../i18n';
import { gridDictionary } from '../../i18n/grid';
import { formatExactMoney, formatMoney } from '../../components/format';
import { cellAmount, type SupplierCell } from './grid-format';
import { stockLabel } from './labels';

export function SupplierCostCell({ cell, supplierName }: { cell: SupplierCell | undefined; supplierName: string }) {
  const t = useT(gridDictionary);
  if (!cell) return <div role="cell" className="grid-cell supplier-cell empty" />;
  const { offer, others, isBest } = cell;
  const tooltip = [
    t('cell.original', { supplier: supplierName, original: formatExactMoney(offer.cost) }),
    offer.converted
      ? t('cell.converted', { converted: formatExactMoney(offer.converted) })
      : t('cell.noRate', { currency: offer.cost.currency }),
    stockLabel(t, offer.stock),
    isBest ? t('cell.best') : null,
    others.length ? t('cell.more', { count: others.length }) : null,
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <div
      role="cell"
      className={`grid-cell supplier-cell num${isBest ? ' best' : ''}${offer.stock.status === 'out' ? ' out' : ''}`}
      title={tooltip}
      data-supplier={offer.supplier}
    >
      <span className={`stock-dot ${offer.stock.status}`} aria-label={stockLabel(t, offer.stock)} role="img" />
      {offer.converted ? (
        <span className="amount">{cellAmount(offer.converted)}</span>
      ) : (
        <span className="amount no-rate">{formatMoney(offer.cost)}</span>
      )}
      {others.length > 0 && (
        <span className="more-offers" aria-hidden="true">
          +{others.length}
        </span>
      )}
    </div>
  );
}
