import { useT } from '../../i18n';
import { syncDictionary } from '../../i18n/sync';

interface Counts {
  offers: number;
  added: number;
  removed: number;
  changed: number;
  skipped: number;
}

/**
 * "+2 −3 ~27 · 274 offers": what a run did to the catalog, each figure explained on hover, and in words to a screen
 * reader (the figures sit inside the run's button, which a keyboard reaches but a tooltip does not).
 */
export function RunCounts({ counts }: { counts: Counts }) {
  const t = useT(syncDictionary);
  return (
    <span className="run-counts">
      <span className={counts.added ? 'count-added' : 'zero'} title={t('counts.added')}>
        <span className="visually-hidden">{t('counts.added')} </span>+{counts.added.toLocaleString()}
      </span>
      <span className={counts.removed ? 'count-removed' : 'zero'} title={t('counts.removed')}>
        <span className="visually-hidden">{t('counts.removed')} </span>−{counts.removed.toLocaleString()}
      </span>
      <span className={counts.changed ? 'count-changed' : 'zero'} title={t('counts.changed')}>
        <span className="visually-hidden">{t('counts.changed')} </span>~{counts.changed.toLocaleString()}
      </span>
      <span className="muted">· {t('counts.offers', { n: counts.offers.toLocaleString() })}</span>
      {counts.skipped > 0 && (
        <span className="count-skipped">· {t('counts.skipped', { n: counts.skipped.toLocaleString() })}</span>
      )}
    </span>
  );
}
