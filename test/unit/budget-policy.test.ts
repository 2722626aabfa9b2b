import { describe, expect, it } from 'vitest';
import { DUJIAO_RULE, fixedWindowPolicy } from '../../src-main/http/budget-policy';

const perWindow = (...args: Parameters<typeof fixedWindowPolicy>) => {
  const policy = fixedWindowPolicy(...args);
  if (policy.kind !== 'fixed-window') throw new Error(`a ${policy.kind} policy`);
  return policy.rule.maxRequests;
};

describe("a Dujiao-Next/MeSIM connection's pace", () => {
  it("is the connection's own below the server's 60 a window, and the server's otherwise", () => {
    expect(perWindow(undefined)).toBe(DUJIAO_RULE.maxRequests);
    expect(perWindow(30)).toBe(30);
    expect(perWindow(60)).toBe(60);
    // Saved before the form refused more, and read back as text where the kind's schema now refuses it.
    expect(perWindow(100)).toBe(60);
    expect(perWindow('100' as unknown as number)).toBe(60);
    expect(perWindow('30' as unknown as number)).toBe(30);
    expect(perWindow(Number.NaN)).toBe(60);
  });

  it('is what the tuning says where tests and the benchmark scale the rule', () => {
    expect(perWindow(100, { maxRequests: 1_000 })).toBe(1_000);
  });
});
