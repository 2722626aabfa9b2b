import { useT } from '../../i18n';
import { syncDictionary } from '../../i18n/sync';
import type { SupplierPhase } from '../../stores/sync-progress';

const TONE: Record<SupplierPhase, string> = {
  queued: 'neutral',
  running: 'neutral',
  ok: 'ok',
  held: 'warn',
  discarded: 'muted',
  failed: 'bad',
  canceled: 'muted',
};

export function StatusBadge({ status }: { status: SupplierPhase }) {
  const t = useT(syncDictionary);
  return <span className={`badge status-badge ${TONE[status]}`}>{t(`status.${status}`)}</span>;
}
