import { formatMoney } from '../../components/format';
import { useT } from '../../i18n';
import { pricingDictionary } from '../../i18n/pricing';
import { usePricingStore } from '../../stores/pricing';
import { PreviewExample } from './PreviewExample';

const EXAMPLES_SHOWN = 6;

export function PreviewPanel() {
  const t = useT(pricingDictionary);
  const { preview, previewStatus, previewError } = usePricingStore();
  const delta = preview?.totalDelta;
  return (
    <aside className="card preview-panel" aria-label={t('preview')} aria-busy={previewStatus === 'pending'}>
      <h2>{t('preview')}</h2>
      {previewStatus === 'idle' && <p className="muted">{t('preview.idle')}</p>}
      {previewStatus === 'invalid' && <p className="error">{t('preview.invalid')}</p>}
      {previewStatus === 'error' && <p className="error">{previewError}</p>}
      {previewStatus === 'pending' && !preview && <p className="muted">{t('preview.pending')}</p>}
      {preview && (previewStatus === 'ready' || previewStatus === 'pending') && (
        <div className={`preview-body${previewStatus === 'pending' ? ' stale' : ''}`} data-testid="preview-result">
          <p className="preview-headline">
            {preview.changed === 0 ? t('preview.none') : t('preview.changed', { n: preview.changed.toLocaleString() })}
          </p>
          {preview.changed > 0 && (
            <>
              <div className="preview-stats">
                <span className="stat up">▲ {t('preview.up', { n: preview.up.toLocaleString() })}</span>
                <span className="stat down">▼ {t('preview.down', { n: preview.down.toLocaleString() })}</span>
              </div>
              <div className="preview-total">
                <span className="muted">{t('preview.total')}</span>
                <strong>
                  {delta && !delta.amount.startsWith('-') ? '+' : ''}
                  {formatMoney(delta)}
                </strong>
              </div>
              <h3 className="preview-examples-title">{t('preview.examples')}</h3>
              <ul className="preview-examples">
                {preview.examples.slice(0, EXAMPLES_SHOWN).map((example) => (
                  <PreviewExample
                    key={`${example.input.supplierId}|${example.input.productId}|${example.input.skuId}|${example.input.variant}`}
                    example={example}
                  />
                ))}
              </ul>
            </>
          )}
          {previewStatus === 'pending' && <p className="muted preview-updating">{t('preview.pending')}</p>}
        </div>
      )}
    </aside>
  );
}
