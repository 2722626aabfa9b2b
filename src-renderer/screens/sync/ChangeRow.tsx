import { memo } from 'react';
import type { ChangeView } from '../../../src-shared/contract';
import { useT } from '../../i18n';
import { syncDictionary } from '../../i18n/sync';
import { changeValues } from './change-values';
import { useUiStore } from '../../stores/ui';
import { ChangeValueText } from './ChangeValueText';
import { openChangeInGrid } from './open-in-grid';

const TONE: Record<ChangeView['change'], string> = {
  added: 'ok',
  removed: 'bad',
  price_up: 'up',
  price_down: 'down',
  stock_changed: 'neutral',
  title_changed: 'neutral',
};

/** Memoized: the diff re-renders when the run history refreshes during a sync, its loaded rows need not. */
export const ChangeRow = memo(function ChangeRow({ change }: { change: ChangeView }) {
  const t = useT(syncDictionary);
  const language = useUiStore((s) => s.language);
  const { before, after } = changeValues(change, language);
  const offerId = [change.productId, change.skuId, change.variant].filter(Boolean).join(' / ');
  return (
    <li className={`change-row ${change.change}`}>
      <span className={`badge diff-kind-badge ${TONE[change.change]}`}>{t(`kind.${change.change}`)}</span>
      <div className="change-main">
        <button className="link change-title" onClick={() => openChangeInGrid(change)} title={t('diff.openInGrid')}>
          {change.title}
        </button>
        <span className="muted change-offer">{offerId}</span>
      </div>
      <div className="change-values">
        {before && <ChangeValueText value={before} className="before" />}
        {before && after && (
          <span className="arrow" aria-label={t('diff.to')}>
            →
          </span>
        )}
        {after && <ChangeValueText value={after} className="after" />}
      </div>
    </li>
  );
});
