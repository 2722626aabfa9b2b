import { useShallow } from 'zustand/react/shallow';
import { LoadingState } from '../../components/States';
import { useT } from '../../i18n';
import { exportDictionary } from '../../i18n/export';
import { useExportStore } from '../../stores/export';
import { estimateRows } from '../../stores/export-form';
import { useUiStore } from '../../stores/ui';
import { formatCount } from './labels';
import { PreviewTable } from './PreviewTable';

export function ExportPreviewPanel() {
  const t = useT(exportDictionary);
  const language = useUiStore((s) => s.language);
  const { form, preview, previewStatus, previewError, retryPreview } = useExportStore(
    useShallow((s) => ({
      form: s.form,
      preview: s.preview,
      previewStatus: s.previewStatus,
      previewError: s.previewError,
      retryPreview: s.retryPreview,
    })),
  );
  if (!form) return null;
  // A preview of another preset has other columns: better a moment of "loading" than a header that lies.
  const current = preview && preview.preset === form.preset ? preview : null;
  const estimate = current ? estimateRows(current, form) : null;
  const count = (n: number) => formatCount(n, language);

  return (
    <section
      className="card export-preview"
      aria-labelledby="export-preview-heading"
      aria-busy={previewStatus === 'loading'}
    >
      <div className="preview-heading">
        <h2 id="export-preview-heading">{t('preview')}</h2>
        {current && previewStatus !== 'error' && (
          <span className="preview-counts" data-matching={current.matching}>
            <strong>
              {current.matching === 1
                ? t('preview.matchingOne')
                : t('preview.matching', { count: count(current.matching) })}
            </strong>
            <span className="muted">{t('preview.columns', { count: current.columns.length })}</span>
          </span>
        )}
      </div>

      {previewStatus === 'idle' && <p className="muted preview-note">{t('preview.needsCurrency')}</p>}
      {previewStatus === 'error' && previewError && (
        <div className="export-banner bad preview-error" role="alert">
          <span className="export-banner-text">{t('preview.failed', { message: previewError })}</span>
          <button className="button" onClick={retryPreview}>
            {t('action.retry')}
          </button>
        </div>
      )}
      {previewStatus === 'loading' && !current && <LoadingState label={t('preview.loading')} />}
      {current && previewStatus !== 'error' && (
        <div className={`preview-body${previewStatus === 'loading' ? ' stale' : ''}`}>
          {estimate && (
            <p className="preview-note">
              {estimate.kind === 'exact'
                ? estimate.rows === 1
                  ? t('preview.exactOne')
                  : t('preview.exact', { count: count(estimate.rows) })
                : t('preview.atMost')}
              {current.rows.length > 0 && (
                <span className="muted"> {t('preview.first', { shown: current.rows.length })}</span>
              )}
            </p>
          )}
          <PreviewTable columns={current.columns} rows={current.rows} label={t('preview.table')} />
          {current.rows.length === 0 && (
            <p className="muted preview-none">
              {form.changedSinceLastExport && current.matching > 0 ? t('preview.noneChanged') : t('preview.none')}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
