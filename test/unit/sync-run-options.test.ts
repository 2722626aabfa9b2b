import { describe, expect, it } from 'vitest';
import { parseSyncRunOptions } from '../../src-main/sync/run-options';

describe('sync.run options from the renderer', () => {
  it('accepts nothing, or { full } as a boolean', () => {
    expect(parseSyncRunOptions(undefined)).toEqual({});
    expect(parseSyncRunOptions(null)).toEqual({});
    expect(parseSyncRunOptions({})).toEqual({});
    expect(parseSyncRunOptions({ full: true })).toEqual({ full: true });
    expect(parseSyncRunOptions({ full: false })).toEqual({ full: false });
  });

  it('refuses anything else with a reason', () => {
    expect(() => parseSyncRunOptions('full')).toThrow(/must be an object/);
    expect(() => parseSyncRunOptions([true])).toThrow(/must be an object/);
    expect(() => parseSyncRunOptions({ full: 'yes' })).toThrow(/"full" must be true or false/);
    expect(() => parseSyncRunOptions({ full: true, deadline: 5 })).toThrow(/unknown sync option: deadline/);
  });
});
