import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../i18n';
import { exportDictionary } from '../../i18n/export';
import { formCurrency, useExportStore } from '../../stores/export';
import { estimateRows } from '../../stores/export-form';
import { useUiStore } from '../../stores/ui';
import { downloadCsv } from './download-csv';
import { formatCount, presetLabel } from './labels';

/** The one button that writes the file, with how many rows it is about to write. */
export function ExportAction() {
  const t = useT(exportDictionary);
  const language = useUiStore((s) => s.language);
  const { form, presets, preview, previewStatus, exporting, preflightStatus, exportNow } = useExportStore(
    useShallow((s) => ({
      form: s.form,
      presets: s.presets,
      preview: s.preview,
      previewStatus: s.previewStatus,
      exporting: s.exporting,
      preflightStatus: s.preflightStatus,
      exportNow: s.exportNow,
    })),
  );
  if (!form) return null;
  const ready = formCurrency(form) !== null && form.languages.length > 0;
  // Only a preview of the current options may speak for the file; a stale one would promise the wrong count.
  const estimate =
    preview && previewStatus === 'ready' && preview.preset === form.preset ? estimateRows(preview, form) : null;
  const preset = presetLabel(t, presets, form.preset);
  const estimateText = !estimate
    ? preset
    : estimate.kind === 'atMost'
      ? t('action.estimateAtMost', { rows: formatCount(estimate.rows, language), preset })
      : estimate.rows === 1
        ? t('action.estimateOne', { preset })
        : t('action.estimate', { rows: formatCount(estimate.rows, language), preset });
  return (
    <div className="export-action">
      <span className="muted export-estimate" title={estimateText}>
        {estimateText}
      </span>
      <button
        className="primary export-button"
        disabled={!ready || exporting || preflightStatus !== 'idle'}
        onClick={() => void exportNow(downloadCsv)}
      >
        {exporting ? t('action.exporting') : preflightStatus === 'checking' ? t('action.checking') : t('action.export')}
      </button>
    </div>
  );
}
