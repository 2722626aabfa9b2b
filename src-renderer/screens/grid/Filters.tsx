import { OFFER_KINDS, type OfferKind } from '../../../src-main/domain/offer';
import { typedAmount } from '../../components/format';
import { useT } from '../../i18n';
import { gridDictionary } from '../../i18n/grid';
import { useGridStore } from '../../stores/grid';
import { normalizeAmount, type StockFilter } from '../../stores/grid-query';
import { DebouncedInput } from './DebouncedInput';
import { SupplierFilter } from './SupplierFilter';

export function Filters({ currency }: { currency: string }) {
  const t = useT(gridDictionary);
  const filters = useGridStore((s) => s.filters);
  const setFilters = useGridStore((s) => s.setFilters);
  const marginInvalid = filters.marginBelow.trim() !== '' && normalizeAmount(filters.marginBelow) === null;

  return (
    <div className="grid-filters" role="search" aria-label={t('filters.label')}>
      <DebouncedInput
        type="search"
        className="grid-search"
        value={filters.search}
        onCommit={(search) => setFilters({ search })}
        placeholder={t('filters.search')}
        aria-label={t('filters.searchLabel')}
        spellCheck={false}
      />
      <SupplierFilter />
      <select
        aria-label={t('filters.kind')}
        className={filters.kinds.length ? 'active' : undefined}
        value={filters.kinds[0] ?? ''}
        onChange={(event) => setFilters({ kinds: event.target.value ? [event.target.value as OfferKind] : [] })}
      >
        <option value="">{t('filters.kind.all')}</option>
        {OFFER_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t(`kind.${kind}`)}
          </option>
        ))}
      </select>
      <DebouncedInput
        className={`grid-country${filters.countries.trim() ? ' active' : ''}`}
        value={filters.countries}
        onCommit={(countries) => setFilters({ countries })}
        placeholder={t('filters.country.placeholder')}
        aria-label={t('filters.country')}
        spellCheck={false}
        autoCapitalize="characters"
      />
      <select
        aria-label={t('filters.stock')}
        className={filters.stock !== 'all' ? 'active' : undefined}
        value={filters.stock}
        onChange={(event) => setFilters({ stock: event.target.value as StockFilter })}
      >
        <option value="all">{t('filters.stock.all')}</option>
        <option value="in_stock">{t('filters.stock.in_stock')}</option>
        <option value="out">{t('filters.stock.out')}</option>
      </select>
      <label
        className={`margin-below${marginInvalid ? ' invalid' : ''}${normalizeAmount(filters.marginBelow) !== null ? ' active' : ''}`}
        title={marginInvalid ? t('filters.marginBelow.invalid') : undefined}
      >
        <span>{t('filters.marginBelow')}</span>
        <DebouncedInput
          value={filters.marginBelow}
          onCommit={(marginBelow) => setFilters({ marginBelow })}
          inputMode="decimal"
          placeholder={typedAmount('0', currency)}
          aria-invalid={marginInvalid}
          aria-label={t('filters.marginBelow.label', { currency })}
        />
        <span className="unit">{currency}</span>
      </label>
      <label className={`toggle${filters.changedInLastSync ? ' active' : ''}`}>
        <input
          type="checkbox"
          checked={filters.changedInLastSync}
          onChange={(event) => setFilters({ changedInLastSync: event.target.checked })}
        />
        <span>{t('filters.changed')}</span>
      </label>
    </div>
  );
}
