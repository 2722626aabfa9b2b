import { useEffect, useState } from 'react';
import { displayTitle } from '../../../src-main/domain/locale';
import type { GridOffer, PlanRow } from '../../../src-shared/grid-types';
import { api } from '../../api';
import { formatMoney } from '../../components/format';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { useT } from '../../i18n';
import { ordersDictionary } from '../../i18n/orders';
import { supplierName } from '../../components/supplier-name';
import { useSuppliersStore } from '../../stores/suppliers';
import { useUiStore } from '../../stores/ui';
import { supplierOfferKey } from '../../../src-main/domain/offer';

const SEARCH_DELAY_MS = 250;
const ROWS_SHOWN = 12;

export interface PickedOffer {
  offer: GridOffer;
  title: string;
}

/** Finds an offer to order from the Orders screen: the Grid's own search, orderable offers only. */
export function OfferPicker({ onPick }: { onPick: (picked: PickedOffer) => void }) {
  const t = useT(ordersDictionary);
  const language = useUiStore((s) => s.language);
  const suppliers = useSuppliersStore((s) => s.suppliers);
  const [search, setSearch] = useState('');
  const [result, setResult] = useState<{ rows: PlanRow[] } | { error: string } | null>(null);
  const [retry, setRetry] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setResult(null);
    const timer = setTimeout(() => {
      api()
        ['grid.query']({ search: search.trim() || undefined, language, limit: ROWS_SHOWN })
        .then((page) => !cancelled && setResult({ rows: page.rows }))
        .catch((error: Error) => !cancelled && setResult({ error: error.message }));
    }, SEARCH_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [search, language, retry]);

  const rows =
    result && 'rows' in result ? result.rows.filter((row) => row.offers.some((offer) => offer.orderable)) : [];
  return (
    <div className="offer-picker">
      <label className="field picker-search">
        <span>{t('picker.search')}</span>
        <input
          type="search"
          value={search}
          autoFocus
          placeholder={t('picker.placeholder')}
          onChange={(event) => setSearch(event.target.value)}
        />
      </label>
      {result === null && <LoadingState />}
      {result && 'error' in result && <ErrorState message={result.error} onRetry={() => setRetry((n) => n + 1)} />}
      {result && 'rows' in result && rows.length === 0 && <EmptyState>{t('picker.none')}</EmptyState>}
      {rows.length > 0 && (
        <ul className="picker-rows" aria-label={t('picker.results')}>
          {rows.map((row) => (
            <li key={row.planKey} className="picker-row">
              <span className="picker-title" title={row.title}>
                {row.title}
              </span>
              <ul className="picker-offers">
                {row.offers
                  .filter((offer) => offer.orderable)
                  .map((offer) => (
                    <li key={supplierOfferKey(offer)}>
                      <button
                        type="button"
                        className="picker-offer"
                        onClick={() => onPick({ offer, title: displayTitle(offer.titles, language) || row.title })}
                      >
                        <span className="picker-supplier">{supplierName(suppliers, offer.supplier)}</span>
                        <span className="muted picker-kind">{t(`kind.${offer.kind}`)}</span>
                        <span className="num">{formatMoney(offer.cost)}</span>
                      </button>
                    </li>
                  ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
