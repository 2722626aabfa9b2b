/**
 * Why applying or discarding a held run was refused: codes that are also their English text, kept free of imports so
 * the renderer can word them.
 */
export const HELD_NOT_FOUND = 'not a held sync run';
export const HELD_SUPERSEDED = 'superseded: a later sync of this supplier was applied since';
