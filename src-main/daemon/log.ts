import type { StoredAlert } from '../../src-shared/alert-types';
import type { BackupEvent } from '../../src-shared/backup-types';
import type { OrderView } from '../../src-shared/order-types';
import type { SyncEvent } from '../../src-shared/sync-types';
import { runErrorEn } from '../../src-renderer/screens/sync/run-error';

/** One line of the daemon's log: what happened (`event`, dotted) and its facts. Never a secret. */
export interface DaemonLogEntry {
  at: string;
  event: string;
  [field: string]: string | number | boolean | null | undefined;
}

type Fields = Omit<DaemonLogEntry, 'at' | 'event'>;

/**
 * `2026-12-06T04:00:00.000Z sync.finished supplier=demo-dujiao status=ok added=3` for journald and people;
 * one JSON object per line for machines (`--json`). Empty fields are left out; values with spaces are quoted.
 */
export function formatLogLine(entry: DaemonLogEntry, json: boolean): string {
  const fields = Object.entries(entry).filter(
    ([key, value]) => key !== 'at' && key !== 'event' && value !== undefined && value !== null && value !== '',
  );
  if (json) return JSON.stringify({ at: entry.at, event: entry.event, ...Object.fromEntries(fields) });
  const text = fields.map(
    ([key, value]) => `${key}=${/[\s"=]/.test(String(value)) ? JSON.stringify(String(value)) : String(value)}`,
  );
  return [entry.at, entry.event, ...text].join(' ');
}

/** The daemon's line for a sync event; progress is not logged (one line per event, not per page). */
export function syncLogFields(event: SyncEvent): { event: string; fields: Fields } | null {
  if (event.type === 'started')
    return { event: 'sync.started', fields: { supplier: event.supplierId, run: event.runId, mode: event.mode } };
  if (event.type === 'waiting' && event.resumesAt !== null) {
    return {
      event: 'sync.waiting',
      fields: { supplier: event.supplierId, run: event.runId, resumesAt: new Date(event.resumesAt).toISOString() },
    };
  }
  if (event.type !== 'finished') return null;
  return {
    event: 'sync.finished',
    fields: {
      supplier: event.supplierId,
      run: event.runId,
      status: event.status,
      offers: event.counts?.offers,
      added: event.counts?.added,
      removed: event.counts?.removed,
      changed: event.counts?.changed,
      held: event.held?.code,
      error: event.error && runErrorEn(event.error),
      mode: event.cost?.mode,
      requests: event.cost?.requests,
      bytes: event.cost?.bytes,
      waitMs: event.cost?.waitMs,
      fetchMs: event.cost?.fetchMs,
    },
  };
}

export function orderLogFields(order: OrderView): Fields {
  return { order: order.id, supplier: order.supplier, status: order.status, attention: order.attention?.code };
}

export function backupLogFields(event: BackupEvent): { event: string; fields: Fields } {
  if (event.type === 'created')
    return {
      event: 'backup.created',
      fields: { name: event.backup.name, reason: event.backup.reason, bytes: event.backup.bytes },
    };
  if (event.type === 'failed')
    return {
      event: 'backup.failed',
      fields: { reason: event.failure.reason, code: event.failure.code, detail: event.failure.detail },
    };
  return { event: 'backup.restored', fields: { name: event.name, undo: event.undo.name } };
}

export function alertLogFields(alert: StoredAlert & { text: string }): Fields {
  return {
    alert: alert.id,
    type: alert.type,
    rule: alert.ruleId,
    subject: `${alert.subject.kind}:${alert.subject.id}`,
    text: alert.text,
    deliveries: Object.entries(alert.deliveries)
      .map(([channel, result]) => `${channel}:${result}`)
      .join(','),
  };
}
