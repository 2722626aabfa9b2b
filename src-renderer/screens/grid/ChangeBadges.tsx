import { memo } from 'react';
import type { ChangeKind } from '../../../src-main/domain/diff';
import { useT } from '../../i18n';
import { gridDictionary } from '../../i18n/grid';

// Most telling first: a price move matters more to a merchant than a renamed title.
const ORDER: ChangeKind[] = ['removed', 'price_up', 'price_down', 'stock_changed', 'added', 'title_changed'];

export const ChangeBadges = memo(function ChangeBadges({ changes }: { changes: readonly ChangeKind[] }) {
  const t = useT(gridDictionary);
  if (changes.length === 0) return null;
  const shown = ORDER.filter((kind) => changes.includes(kind));
  return (
    <span className="change-badges">
      {shown.map((kind) => (
        <span
          key={kind}
          className={`change-badge ${kind}`}
          title={t(`change.${kind}.hint`)}
          aria-label={t(`change.${kind}.hint`)}
        >
          {t(`change.${kind}`)}
        </span>
      ))}
    </span>
  );
});
