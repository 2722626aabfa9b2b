import { DEADLINE_PASSED } from '../../../src-shared/sync-run-errors';

/** A run's error in the reader's language where main stored a code for it; the supplier's own words otherwise. */
export function runErrorText(error: string | null, t: (key: string) => string): string | null {
  if (error === DEADLINE_PASSED) return t('error.deadline');
  return error;
}
