import { codedText } from '../../src-shared/coded-issue';
import { describeError } from '../http/errors';
import { connectionFailureCause } from './failure-cause';
import { RUN_FAILED } from '../../src-shared/sync-run-errors';

/**
 * What a failed run records as its error: the cause a merchant can act on, sorted by the same classifier as a
 * connection test, and the error's own text as the detail.
 */
export function runFailureText(error: unknown): string {
  return codedText(RUN_FAILED, { cause: connectionFailureCause(error), detail: describeError(error) });
}
