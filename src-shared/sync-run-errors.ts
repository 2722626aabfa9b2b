/** Error codes a sync run stores for the renderer to word (it translates them). */
export const DEADLINE_PASSED = 'deadline passed';
/** The worker thread syncing the supplier stopped (out of memory, a crash) before the run finished. */
export const WORKER_STOPPED = 'sync worker stopped';

/**
 * A failed run: `@sync.failed?cause=…&detail=…`, the cause as connection tests name them (connection-test-cause.ts)
 * and the error's own text (coded where main words it) as the detail. Made by run-failure.ts.
 */
export const RUN_FAILED = 'sync.failed';
