import { describe, expect, it } from 'vitest';
import { holdReason, validRemovalPercent } from '../../src-shared/hold-policy';

describe('hold policy', () => {
  it('holds more than the threshold, never exactly it, and always a removal of everything', () => {
    const at30 = { removalPercent: 30 };
    expect(holdReason(30, 100, at30)).toBeNull();
    expect(holdReason(31, 100, at30)).toEqual({
      code: 'removes_over_threshold',
      params: { removed: 31, live: 100, thresholdPercent: 30 },
    });
    expect(holdReason(1, 3, at30)).toMatchObject({ code: 'removes_over_threshold' });
    expect(holdReason(100, 100, { removalPercent: 100 })).toMatchObject({ code: 'removes_all' });
    expect(holdReason(99, 100, { removalPercent: 100 })).toBeNull();
    expect(holdReason(1, 1, at30)).toMatchObject({ code: 'removes_all' });
  });

  it('never holds a first sync or a listing that removes nothing', () => {
    expect(holdReason(0, 0, { removalPercent: 30 })).toBeNull();
    expect(holdReason(0, 10, { removalPercent: 1 })).toBeNull();
  });

  it('accepts only whole percents from 1 to 100', () => {
    expect([1, 30, 100].every(validRemovalPercent)).toBe(true);
    expect([0, 101, 30.5, Number.NaN, '30', null].some(validRemovalPercent)).toBe(false);
  });
});
