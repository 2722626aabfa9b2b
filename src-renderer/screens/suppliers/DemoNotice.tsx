import { useT } from '../../i18n';
import { suppliersDictionary } from '../../i18n/suppliers';

/** Demo connections are simulators the app starts itself: explain that, and make the way out obvious. */
export function DemoNotice({ onAdd }: { onAdd: () => void }) {
  const t = useT(suppliersDictionary);
  return (
    <div className="card demo-notice">
      <div className="demo-notice-text">
        <h2>{t('demo.title')}</h2>
        <p>{t('demo.body')}</p>
        <p className="muted">{t('demo.replace')}</p>
      </div>
      <button className="primary demo-notice-add" onClick={onAdd}>
        {t('demo.add')}
      </button>
    </div>
  );
}
