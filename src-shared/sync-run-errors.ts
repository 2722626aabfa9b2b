/**
 * Error codes a sync run stores for the renderer to word (it translates them); kept free of imports so the renderer
 * bundle can read them without pulling in main-process code.
 */
export const DEADLINE_PASSED = 'deadline passed';
