import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../i18n';
import { exportDictionary } from '../../i18n/export';
import { useExportStore } from '../../stores/export';
import { useUiStore } from '../../stores/ui';
import { describePreflight } from '../../stores/export-form';
import { formatCount } from './labels';

/** What the last press of "Export…" did: where the rows went, or the server's reason it could not. */
export function ExportOutcomeBanner() {
  const t = useT(exportDictionary);
  const language = useUiStore((s) => s.language);
  const { outcome, exportError } = useExportStore(
    useShallow((s) => ({ outcome: s.outcome, exportError: s.exportError })),
  );
  if (exportError) {
    return (
      <div className="export-banner bad" role="alert">
        {t('outcome.failed', { message: exportError })}
      </div>
    );
  }
  if (!outcome) return null;
  const where = outcome.file ?? outcome.filename ?? '';
  let text: string;
  if (outcome.rows === 0) text = t('outcome.nothing', { where });
  else if (outcome.file)
    text = t(outcome.rows === 1 ? 'outcome.fileOne' : 'outcome.file', {
      rows: formatCount(outcome.rows, language),
      file: outcome.file,
    });
  else
    text = t(outcome.rows === 1 ? 'outcome.downloadOne' : 'outcome.download', {
      rows: formatCount(outcome.rows, language),
      filename: where,
    });
  return (
    <div className="export-banner ok" role="status" data-rows={outcome.rows}>
      <span className="export-banner-icon" aria-hidden="true">
        ✓
      </span>
      <span className="export-banner-text">
        {[text, describePreflight(outcome.preflight, t)].filter(Boolean).join(' ')}
      </span>
    </div>
  );
}
