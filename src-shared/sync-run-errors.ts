/** Error codes a sync run stores for the renderer to word (it translates them). */
export const DEADLINE_PASSED = 'deadline passed';
