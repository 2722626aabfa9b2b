import { useT } from '../../i18n';
import { exportDictionary } from '../../i18n/export';
import { useUiStore } from '../../stores/ui';

export function ExportEmptyState() {
  const t = useT(exportDictionary);
  const go = useUiStore((s) => s.go);
  return (
    <div className="card export-empty" role="status">
      <h2>{t('empty.title')}</h2>
      <p className="muted">{t('empty.body')}</p>
      <button className="primary" onClick={() => go('sync')}>
        {t('empty.sync')}
      </button>
    </div>
  );
}
