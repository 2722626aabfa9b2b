import { useT } from '../../i18n';
import { syncDictionary } from '../../i18n/sync';
import type { ChangeValue } from './change-values';

export function ChangeValueText({ value, className }: { value: NonNullable<ChangeValue>; className: string }) {
  const t = useT(syncDictionary);
  switch (value.type) {
    case 'money':
      return <span className={`change-value money ${className}`}>{value.text}</span>;
    case 'title':
      return <span className={`change-value title ${className}`}>{value.text}</span>;
    case 'stock': {
      const status = t(`stock.${value.stock.status}`);
      return (
        <span className={`change-value stock ${className}`}>
          <span className={`stock-dot ${value.stock.status}`} />
          {value.stock.quantity === null
            ? status
            : t('stock.withQuantity', { status, n: value.stock.quantity.toLocaleString() })}
        </span>
      );
    }
  }
}
