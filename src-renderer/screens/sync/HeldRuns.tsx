import { useShallow } from 'zustand/react/shallow';
import type { HeldRun } from '../../../src-shared/sync-types';
import { formatDateTime } from '../../components/format';
import { useT } from '../../i18n';
import { syncDictionary } from '../../i18n/sync';
import { supplierName } from '../../components/supplier-name';
import { useSuppliersStore } from '../../stores/suppliers';
import { useSyncStore } from '../../stores/sync';
import { useUiStore } from '../../stores/ui';
import { HeldThreshold } from './HeldThreshold';
import { heldErrorText, heldReasonText } from './held-reason';

/** Syncs held because they would remove too much: what each would do, with Apply and Discard. Hidden when none. */
export function HeldRuns() {
  const t = useT(syncDictionary);
  const { held, heldBusy, heldError, applyHeld, discardHeld } = useSyncStore(
    useShallow((s) => ({
      held: s.held,
      heldBusy: s.heldBusy,
      heldError: s.heldError,
      applyHeld: s.applyHeld,
      discardHeld: s.discardHeld,
    })),
  );
  const suppliers = useSuppliersStore((s) => s.suppliers);
  const language = useUiStore((s) => s.language);
  if (held.length === 0) return null;

  const apply = (run: HeldRun, name: string) => {
    if (window.confirm(t('held.applyConfirm', { removed: run.removed, supplier: name }))) void applyHeld(run.id);
  };
  return (
    <section className="card held-runs" aria-labelledby="held-runs-title" data-testid="held-runs">
      <h2 id="held-runs-title">{t('held.title')}</h2>
      <p className="muted">{t('held.lede')}</p>
      <ul className="held-list">
        {held.map((run) => {
          const name = supplierName(suppliers, run.supplierId);
          const busy = heldBusy === run.id;
          return (
            <li key={run.id} className="held-run" data-run={run.id}>
              <div>
                <strong>{name}</strong>{' '}
                <span className="muted">
                  #{run.id} · {formatDateTime(run.startedAt, language)}
                </span>
                <div className="held-reason">{run.held ? heldReasonText(run.held, name, t) : null}</div>
                <div className="muted held-reason">
                  {t('held.counts', {
                    offers: run.offers,
                    added: run.added,
                    removed: run.removed,
                    changed: run.changed,
                  })}
                </div>
                {run.superseded && <div className="muted held-reason">{t('held.superseded')}</div>}
                {heldError?.runId === run.id && (
                  <div className="error held-reason" role="alert">
                    {heldErrorText(heldError.error, t)}
                  </div>
                )}
              </div>
              <div className="held-run-actions">
                <button
                  className="button danger"
                  disabled={busy || heldBusy !== null || run.superseded}
                  onClick={() => apply(run, name)}
                >
                  {t('held.apply')}
                </button>
                <button
                  className="button"
                  disabled={busy || heldBusy !== null}
                  onClick={() => void discardHeld(run.id)}
                >
                  {t('held.discard')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      <HeldThreshold />
    </section>
  );
}
