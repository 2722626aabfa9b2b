/**
 * Error codes a sync run stores for the renderer to word (it translates them); kept free of imports so the renderer
 * bundle can read them without pulling in main-process code.
 */
export const DEADLINE_PASSED = 'deadline passed';

/**
 * A failed run: `@sync.failed?cause=…&detail=…`, the cause as connection tests name them (connection-test-cause.ts)
 * and the error's own text (coded where main words it) as the detail. Made by run-failure.ts.
 */
export const RUN_FAILED = 'sync.failed';
