/** Why a held run could not be applied or discarded: codes that are also their English text, worded by the renderer. */
export const HELD_NOT_FOUND = 'not a held sync run';
export const HELD_SUPERSEDED = 'superseded: a later sync of this supplier was applied since';
