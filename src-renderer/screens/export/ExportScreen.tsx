import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { api } from '../../api';
import { ErrorState, LoadingState } from '../../components/States';
import { useT } from '../../i18n';
import { exportDictionary } from '../../i18n/export';
import { useExportStore } from '../../stores/export';
import { useSuppliersStore } from '../../stores/suppliers';
import { ExportAction } from './ExportAction';
import { ExportEmptyState } from './ExportEmptyState';
import { ExportHistory } from './ExportHistory';
import { ExportOptionsPanel } from './ExportOptionsPanel';
import { ExportOutcomeBanner } from './ExportOutcomeBanner';
import { ExportPreviewPanel } from './ExportPreviewPanel';
import { PreflightDialog } from './PreflightDialog';
import { PresetPicker } from './PresetPicker';
import './export.css';

export function ExportScreen() {
  const t = useT(exportDictionary);
  const { status, loadError, gridRows, open, gridChanged } = useExportStore(
    useShallow((s) => ({
      status: s.status,
      loadError: s.loadError,
      gridRows: s.gridRows,
      open: s.open,
      gridChanged: s.gridChanged,
    })),
  );

  useEffect(() => {
    void open();
    // Supplier names for the filter summary and the history.
    void useSuppliersStore.getState().load();
    return api().on('grid.changed', gridChanged);
  }, [open, gridChanged]);

  // Until the grid's size is known the form shows: claiming "nothing to export" on a guess would be worse.
  const empty = gridRows === 0;
  return (
    <section className="screen-page export-screen">
      <header className="screen-header">
        <div>
          <h1>{t('title')}</h1>
          <p className="muted screen-lede">{t('lede')}</p>
        </div>
        {status === 'ready' && !empty && <ExportAction />}
      </header>
      {status === 'loading' && <LoadingState />}
      {status === 'error' && loadError && <ErrorState message={loadError} onRetry={() => void open()} />}
      {status === 'ready' && empty && <ExportEmptyState />}
      {status === 'ready' && !empty && (
        <>
          <ExportOutcomeBanner />
          <PresetPicker />
          <div className="export-workspace">
            <ExportOptionsPanel />
            <ExportPreviewPanel />
          </div>
        </>
      )}
      <ExportHistory />
      <PreflightDialog />
    </section>
  );
}
