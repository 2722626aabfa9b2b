/** Error codes a sync run stores for the renderer to word (it translates them). */
export const DEADLINE_PASSED = 'deadline passed';
/** The worker thread syncing the supplier stopped (out of memory, a crash) before the run finished. */
export const WORKER_STOPPED = 'sync worker stopped';
