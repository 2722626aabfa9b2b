import type { ExportHistoryEntry } from '../../../src-shared/export-types';
import { formatDateTime } from '../../components/format';
import { useT } from '../../i18n';
import { exportDictionary } from '../../i18n/export';
import { useExportStore } from '../../stores/export';
import { describePreflight, describeSettings } from '../../stores/export-form';
import { supplierName } from '../../components/supplier-name';
import { useSuppliersStore } from '../../stores/suppliers';
import { useUiStore } from '../../stores/ui';
import { formatCount, languageName, presetLabel } from './labels';

interface Props {
  entry: ExportHistoryEntry;
  /** The newest export of its preset: what that store last received. */
  current: boolean;
}

export function HistoryRow({ entry, current }: Props) {
  const t = useT(exportDictionary);
  const language = useUiStore((s) => s.language);
  const presets = useExportStore((s) => s.presets);
  const suppliers = useSuppliersStore((s) => s.suppliers);
  const summary = describeSettings(
    entry.options,
    t,
    (tag) => languageName(t, language, tag),
    (id) => supplierName(suppliers, id),
    language,
  ).join(' · ');
  const delivery = entry.file ?? t('history.download');
  const preflight = describePreflight(entry.preflight, t);
  return (
    <tr className={current ? 'current' : undefined} data-export={entry.id} data-preset={entry.preset}>
      <td className="history-when">{formatDateTime(entry.createdAt, language)}</td>
      <td className="history-preset">
        <span>{presetLabel(t, presets, entry.preset)}</span>
        {current && (
          <span className="badge ok" title={t('history.latestTitle')}>
            {t('history.latest')}
          </span>
        )}
      </td>
      <td className="num history-rows">{formatCount(entry.rows, language)}</td>
      <td className="history-file">
        <div className="cell" title={delivery}>
          {delivery}
        </div>
      </td>
      <td className="history-options">
        {summary}
        {preflight && (
          <span className={`history-preflight ${entry.preflight?.choice === 'exclude' ? 'excluded' : 'kept'}`}>
            {preflight}
          </span>
        )}
      </td>
    </tr>
  );
}
