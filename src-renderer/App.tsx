import { useCallback, useEffect, useState } from 'react';
import type { AppInfo, SupplierSummary } from '../src-main/api/contract';
import type { SyncEvent } from '../src-main/sync/engine';
import { api } from './api';

type Progress = Record<string, { pagesDone: number; pagesTotal: number | null; items: number }>;

export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [suppliers, setSuppliers] = useState<SupplierSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [syncing, setSyncing] = useState(false);
  const [progress, setProgress] = useState<Progress>({});

  const refresh = useCallback(async () => {
    try {
      setInfo(await api()['app.info']());
      setSuppliers(await api()['suppliers.list']());
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);

  useEffect(() => {
    void refresh();
    return api().on('sync.event', (event: SyncEvent) => {
      if (event.type === 'progress') setProgress((p) => ({ ...p, [event.supplierId]: event }));
    });
  }, [refresh]);

  const syncAll = async () => {
    setSyncing(true);
    setProgress({});
    try {
      await api()['sync.run']();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSyncing(false);
      await refresh();
    }
  };

  return (
    <main className="shell">
      <header className="topbar">
        <h1>SupplyGrid</h1>
        {info?.demo && <span className="badge demo">Demo data</span>}
        <button className="primary" onClick={syncAll} disabled={syncing}>{syncing ? 'Syncing…' : 'Sync all'}</button>
      </header>
      {error && <p className="error" role="alert">{error}</p>}
      {suppliers === null ? (
        <p className="muted">Loading suppliers…</p>
      ) : suppliers.length === 0 ? (
        <p className="muted">No suppliers configured.</p>
      ) : (
        <table className="suppliers">
          <thead>
            <tr><th>Supplier</th><th>Kind</th><th className="num">Offers</th><th>Last sync</th><th>Changes</th></tr>
          </thead>
          <tbody>
            {suppliers.map((s) => {
              const p = progress[s.id];
              const run = s.lastRun;
              return (
                <tr key={s.id}>
                  <td>{s.name}</td>
                  <td>{s.kind}</td>
                  <td className="num">{s.offers}</td>
                  <td>
                    {syncing && p ? `${p.pagesDone}/${p.pagesTotal ?? '?'} pages · ${p.items} items`
                      : run ? <span className={`status ${run.status}`}>{run.status}{run.error ? `: ${run.error}` : ''}</span> : 'never'}
                  </td>
                  <td>{run?.status === 'ok' ? `+${run.added} −${run.removed} ~${run.changed}` : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </main>
  );
}
