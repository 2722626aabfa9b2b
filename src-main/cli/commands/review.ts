import type { Database } from 'better-sqlite3';
import { ConfigError } from '../../config/app-config';
import { setSyncHoldThresholds, syncHoldThresholds } from '../../db/settings';
import {
  applyAllHeldRuns,
  applyHeldRun,
  discardHeldRun,
  HeldRunError,
  listHeldRuns,
  type ApplyAllResult,
} from '../../sync/held-runs';
import type { HeldRun } from '../../../src-shared/sync-types';
import { type HoldReason, validRemovalPercent } from '../../../src-shared/hold-policy';
import { backupDatabase } from '../../db/backup-store';
import { pad, type Output } from '../output';
import { syncDictionary } from '../../../src-renderer/i18n/sync';

export interface ReviewArgs {
  action?: string;
  rest: string[];
  json?: boolean;
}

const USAGE = 'use: review [--json] | review apply ID | review discard ID | review threshold [PERCENT]';

/** The Sync screen's wording, so the terminal and the app say the same thing. */
export function heldReasonLine(reason: HoldReason, supplier: string): string {
  const template = syncDictionary.en[`held.reason.${reason.code}`] ?? reason.code;
  const params: Record<string, string | number> = { ...reason.params, supplier };
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** `supplygrid review`: syncs held because they would remove too much; apply or discard them, or set the threshold. */
export async function reviewCommand(db: Database, args: ReviewArgs, output: Output): Promise<number> {
  if (!args.action) return listHeld(db, args.json ?? false, output);
  if (args.action === 'threshold') return thresholdCommand(db, args.rest[0], output);
  if (args.action !== 'apply' && args.action !== 'discard')
    throw new ConfigError(`unknown review action "${args.action}" (${USAGE})`);
  const text = args.rest[0];
  if (text === undefined || !/^\d+$/.test(text) || Number(text) < 1)
    throw new ConfigError(`supplygrid review ${args.action} needs a run number (${USAGE})`);
  const runId = Number(text);
  try {
    if (args.action === 'apply') {
      if (listHeldRuns(db).some((run) => run.id === runId && !run.superseded)) await backupBeforeApplying(db, output);
      const { counts } = applyHeldRun(db, runId);
      if (args.json) output.json({ runId, status: 'ok', ...counts });
      else
        output.out(
          `run ${runId} applied: ${counts.offers} offers   +${counts.added} added   -${counts.removed} removed   ~${counts.changed} changed`,
        );
    } else {
      discardHeldRun(db, runId);
      if (args.json) output.json({ runId, status: 'discarded' });
      else output.out(`run ${runId} discarded: the catalog stays as it was`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof HeldRunError)) throw error;
    output.err(`supplygrid review ${args.action} ${runId}: ${error.code}`);
    return 1;
  }
}

function heldJson(run: HeldRun) {
  return {
    runId: run.id,
    supplier: run.supplierId,
    startedAt: run.startedAt,
    mode: run.mode,
    reason: run.held,
    superseded: run.superseded,
    offers: run.offers,
    added: run.added,
    removed: run.removed,
    changed: run.changed,
    skipped: run.skipped,
  };
}

function listHeld(db: Database, json: boolean, output: Output): number {
  const held = listHeldRuns(db);
  if (json) {
    output.json(held.map(heldJson));
    return 0;
  }
  if (held.length === 0) {
    output.out('No sync is held for review.');
    return 0;
  }
  for (const run of held) {
    const reason = run.held ? heldReasonLine(run.held, run.supplierId) : '';
    output.out(`${pad(String(run.id), 6)} ${pad(run.supplierId, 16)} ${run.startedAt}  ${reason}`);
    output.out(
      `${' '.repeat(7)}would leave ${run.offers} offers: +${run.added} added   -${run.removed} removed   ~${run.changed} changed${run.superseded ? '   (superseded by a later sync: discard it)' : ''}`,
    );
  }
  output.out('');
  output.out(
    '`supplygrid review apply ID` applies one, `review discard ID` refuses it, `sync --apply-held` applies them all.',
  );
  return 0;
}

function thresholdCommand(db: Database, value: string | undefined, output: Output): number {
  if (value !== undefined) {
    const percent = Number(value.replace(/%$/, ''));
    if (!/^\d+%?$/.test(value) || !validRemovalPercent(percent))
      throw new ConfigError(`the threshold must be a whole percent from 1 to 100, got "${value}"`);
    setSyncHoldThresholds(db, { removalPercent: percent });
  }
  output.out(
    `A sync is held for review when it would remove more than ${syncHoldThresholds(db).removalPercent} % of a supplier's offers (or all of them).`,
  );
  return 0;
}

/** The database as it was before a held (mass-removing) sync lands, so applying it can be taken back. */
async function backupBeforeApplying(db: Database, output: Output): Promise<void> {
  const backup = await backupDatabase(db, 'held-sync');
  output.err(`Backed up the database first: ${backup.name} (\`supplygrid restore ${backup.name}\` undoes the apply)`);
}

/** `sync --apply-held`: every held run that can still be applied, oldest first. Exit 1 when one could not be. */
export async function applyHeldCommand(
  db: Database,
  json: boolean,
  output: Output,
): Promise<{ code: number; result: ApplyAllResult }> {
  if (listHeldRuns(db).some((run) => !run.superseded)) await backupBeforeApplying(db, output);
  const result = applyAllHeldRuns(db);
  if (!json) {
    for (const applied of result.applied) {
      const c = applied.counts;
      output.out(
        `${pad(applied.supplierId, 16)} run ${applied.runId} applied   ${c.offers} offers   +${c.added} added   -${c.removed} removed   ~${c.changed} changed`,
      );
    }
    for (const refused of result.notApplied)
      output.out(`${pad(refused.supplierId, 16)} run ${refused.runId} NOT applied: ${refused.error}`);
    if (result.applied.length === 0 && result.notApplied.length === 0) output.out('No sync is held for review.');
  }
  return { code: result.notApplied.length ? 1 : 0, result };
}
