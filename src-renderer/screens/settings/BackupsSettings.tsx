import { useCallback, useEffect, useState } from 'react';
import type { BackupsView } from '../../../src-shared/backup-types';
import { api } from '../../api';
import { formatBytes, formatDateTime } from '../../components/format';
import { useT } from '../../i18n';
import { backupsDictionary } from '../../i18n/backups';
import { useUiStore } from '../../stores/ui';
import { SettingsSection } from './SettingsSection';

/** Kept as what happened, not as words, so switching the language rewords it. */
type Status =
  | { kind: 'idle' }
  | { kind: 'busy'; what: 'backup' | 'restore' }
  | { kind: 'backed-up' }
  | { kind: 'restored'; createdAt: string; undoAt: string }
  | { kind: 'error'; message: string };

const CODE = /(backup_[a-z_]+|restore_while_syncing)(?::\s*(.*))?/;

/** Settings → Backups: what backups/ holds, a backup on demand, and an undoable restore. */
export function BackupsSettings() {
  const t = useT(backupsDictionary);
  const language = useUiStore((s) => s.language);
  const [view, setView] = useState<BackupsView | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  const problem = (message: string) => {
    const match = CODE.exec(message);
    return match ? t(`error.${match[1]}`, { detail: match[2] ?? '' }) : message;
  };
  const load = useCallback(async () => setView(await api()['backups.list']()), []);
  useEffect(() => {
    void load();
    return api().on('backup.event', () => void load());
  }, [load]);

  const backUp = async () => {
    setStatus({ kind: 'busy', what: 'backup' });
    try {
      await api()['backups.create']();
      setStatus({ kind: 'backed-up' });
    } catch (error) {
      setStatus({ kind: 'error', message: (error as Error).message });
    }
    await load();
  };

  const restore = async (name: string, createdAt: string) => {
    setConfirming(null);
    setStatus({ kind: 'busy', what: 'restore' });
    try {
      const result = await api()['backups.restore'](name);
      setStatus({ kind: 'restored', createdAt, undoAt: result.undo.createdAt });
    } catch (error) {
      setStatus({ kind: 'error', message: (error as Error).message });
    }
    await load();
  };

  if (!view) return null;
  const busy = status.kind === 'busy';
  return (
    <SettingsSection title={t('title')} description={t('description')}>
      {view.lastFailure && (
        <p className="setting-warning" role="alert">
          {t('failure', {
            reason: t(`reason.${view.lastFailure.reason}`),
            date: formatDateTime(view.lastFailure.at, language),
            problem: t(`error.${view.lastFailure.code}`, { detail: view.lastFailure.detail }),
          })}
        </p>
      )}
      <div className="setting-inline backups-actions">
        <button className="button primary" disabled={busy} onClick={() => void backUp()}>
          {status.kind === 'busy' && status.what === 'backup' ? t('now.busy') : t('now')}
        </button>
        <code className="backups-folder" aria-label={t('folder')}>
          {view.folder}
        </code>
      </div>
      {status.kind === 'busy' && status.what === 'restore' && (
        <p className="muted" role="status">
          {t('restore.busy')}
        </p>
      )}
      {status.kind === 'backed-up' && (
        <p className="setting-saved" role="status">
          {t('now.done')}
        </p>
      )}
      {status.kind === 'restored' && (
        <p className="setting-saved" role="status">
          {t('restore.done', {
            date: formatDateTime(status.createdAt, language),
            undo: formatDateTime(status.undoAt, language),
          })}
        </p>
      )}
      {status.kind === 'error' && (
        <p className="error" role="alert">
          {problem(status.message)}
        </p>
      )}
      {view.backups.length === 0 ? (
        <p className="muted">{t('empty')}</p>
      ) : (
        <table className="backups-table">
          <thead>
            <tr>
              <th scope="col">{t('col.date')}</th>
              <th scope="col">{t('col.reason')}</th>
              <th scope="col" className="numeric">
                {t('col.size')}
              </th>
              <th scope="col">
                <span className="backups-sr-only">{t('restore')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {view.backups.map((backup) => (
              <tr key={backup.name} title={backup.name}>
                <td>{formatDateTime(backup.createdAt, language)}</td>
                <td>{t(`reason.${backup.reason}`)}</td>
                <td className="numeric">{formatBytes(backup.bytes, language)}</td>
                <td className="backups-restore">
                  {confirming === backup.name ? (
                    <div className="backups-confirm" role="group" aria-label={t('restore')}>
                      <p>{t('restore.confirm', { date: formatDateTime(backup.createdAt, language) })}</p>
                      <div className="setting-inline">
                        <button className="button danger" onClick={() => void restore(backup.name, backup.createdAt)}>
                          {t('restore.yes')}
                        </button>
                        <button className="button" onClick={() => setConfirming(null)}>
                          {t('restore.cancel')}
                        </button>
                      </div>
                    </div>
                  ) : (
                    <button className="button" disabled={busy} onClick={() => setConfirming(backup.name)}>
                      {t('restore')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </SettingsSection>
  );
}
