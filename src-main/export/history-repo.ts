import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { readState, writeState } from '../db/app-state';
import type {
  ExportHistoryEntry,
  ExportPresetId,
  ExportSettings,
  LastExportChoice,
  PreflightRecord,
} from '../../src-shared/export-types';

interface ExportRecordRow {
  id: number;
  created_at: string;
  preset: ExportPresetId;
  currency: string;
  options_json: string;
  row_count: number;
  delivery: 'file' | 'download';
  file: string | null;
  preflight_json: string | null;
}

const toEntry = (row: ExportRecordRow): ExportHistoryEntry => ({
  id: row.id,
  createdAt: row.created_at,
  preset: row.preset,
  currency: row.currency,
  options: JSON.parse(row.options_json),
  rows: row.row_count,
  delivery: row.delivery,
  file: row.file,
  preflight: row.preflight_json ? JSON.parse(row.preflight_json) : null,
});

/** Newest first. */
export function listExports(db: Database, limit = 200): ExportHistoryEntry[] {
  return (db.prepare('SELECT * FROM exports ORDER BY id DESC LIMIT ?').all(limit) as ExportRecordRow[]).map(toEntry);
}

/** What the last export with a preset wrote for one plan. */
export interface SentRow {
  currency: string;
  salePrice: string | null;
  fingerprint: string;
}

/** What the last export with this preset wrote for each of these plan keys (absent = never exported). */
export function lastSent(db: Database, preset: ExportPresetId, planKeys: readonly string[]): Map<string, SentRow> {
  const found = new Map<string, SentRow>();
  const select = (count: number) =>
    db.prepare(`SELECT plan_key, currency, sale_price, fingerprint FROM export_fingerprints
    WHERE preset = ? AND plan_key IN (${Array(count).fill('?').join(',')})`);
  // SQLite caps bound parameters per statement; a page is far below it, a long selection may not be.
  for (let start = 0; start < planKeys.length; start += 500) {
    const chunk = planKeys.slice(start, start + 500);
    const rows = select(chunk.length).all(preset, ...chunk) as Array<{
      plan_key: string;
      currency: string;
      sale_price: string | null;
      fingerprint: string;
    }>;
    for (const row of rows)
      found.set(row.plan_key, { currency: row.currency, salePrice: row.sale_price, fingerprint: row.fingerprint });
  }
  return found;
}

export interface ExportRecord {
  preset: ExportPresetId;
  settings: ExportSettings;
  rows: number;
  delivery: 'file' | 'download';
  file: string | null;
  preflight: PreflightRecord;
}

/** One written row: what the store learns of its plan. */
export interface PendingRow extends SentRow {
  planKey: string;
}

/**
 * The fingerprints of one export in progress, kept in a temporary table (on disk or in memory as SQLite
 * decides, never in JS) until the file is safely in place: only then do they become "what the store last
 * received", together with the history entry, in one transaction. An export that fails leaves only the handles it
 * gave (handles-repo.ts, handleClaimer): the plans keep them for the next export.
 */
export class PendingExport {
  private readonly table = `temp.export_pending_${randomBytes(6).toString('hex')}`;
  private readonly buffer: PendingRow[] = [];
  private closed = false;

  constructor(private readonly db: Database) {
    db.exec(`CREATE TABLE ${this.table} (plan_key TEXT PRIMARY KEY, currency TEXT NOT NULL, sale_price TEXT,
      fingerprint TEXT NOT NULL) WITHOUT ROWID`);
  }

  add(row: PendingRow): void {
    this.buffer.push(row);
    if (this.buffer.length >= 1000) this.flush();
  }

  private flush(): void {
    const insert = this.db.prepare(
      `INSERT OR REPLACE INTO ${this.table} (plan_key, currency, sale_price, fingerprint) VALUES (?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      for (const row of this.buffer) insert.run(row.planKey, row.currency, row.salePrice, row.fingerprint);
    })();
    this.buffer.length = 0;
  }

  /** Records the export and makes its fingerprints the store's last known state; returns the history entry. */
  commit(record: ExportRecord): ExportHistoryEntry {
    this.flush();
    const createdAt = new Date().toISOString();
    const entry = this.db.transaction(() => {
      const id = Number(
        this.db
          .prepare(
            `INSERT INTO exports (created_at, preset, currency, options_json, row_count, delivery, file, preflight_json)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            createdAt,
            record.preset,
            record.settings.currency,
            JSON.stringify(record.settings),
            record.rows,
            record.delivery,
            record.file,
            JSON.stringify(record.preflight),
          ).lastInsertRowid,
      );
      // `WHERE true` keeps SQLite from reading ON CONFLICT as part of the SELECT's join.
      this.db
        .prepare(
          `INSERT INTO export_fingerprints (preset, plan_key, currency, sale_price, fingerprint, export_id)
        SELECT ?, plan_key, currency, sale_price, fingerprint, ? FROM ${this.table} WHERE true
        ON CONFLICT (preset, plan_key) DO UPDATE SET currency = excluded.currency, sale_price = excluded.sale_price,
          fingerprint = excluded.fingerprint, export_id = excluded.export_id`,
        )
        .run(record.preset, id);
      return toEntry(this.db.prepare('SELECT * FROM exports WHERE id = ?').get(id) as ExportRecordRow);
    })();
    this.discard();
    return entry;
  }

  /** Drops the temporary table; safe to call more than once (callers call it in `finally`). */
  discard(): void {
    if (this.closed) return;
    this.closed = true;
    this.buffer.length = 0;
    if (this.db.open) this.db.exec(`DROP TABLE IF EXISTS ${this.table}`);
  }
}

const lastChoiceKey = (preset: ExportPresetId) => `export.last.${preset}` as const;

export function readLastChoice(db: Database, preset: ExportPresetId): LastExportChoice | null {
  const stored = readState(db, lastChoiceKey(preset));
  return stored ? (JSON.parse(stored) as LastExportChoice) : null;
}

export function rememberChoice(db: Database, choice: LastExportChoice): void {
  writeState(db, lastChoiceKey(choice.options.preset), JSON.stringify(choice));
}
