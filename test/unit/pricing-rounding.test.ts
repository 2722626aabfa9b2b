import { describe, expect, it } from 'vitest';
import { applyRounding } from '../../src-main/domain/pricing/rounding';

const up = (step: string) => ({ mode: 'up', step }) as const;
const charm = (ending: string) => ({ mode: 'charm', ending }) as const;
const none = { mode: 'none' } as const;

describe('applyRounding: none', () => {
  it('pads to cents and keeps whole cents as they are', () => {
    expect(applyRounding('10', none)).toBe('10.00');
    expect(applyRounding('10.5', none)).toBe('10.50');
    expect(applyRounding('10.99', none)).toBe('10.99');
    expect(applyRounding('10.9900', none)).toBe('10.99');
  });

  it('raises a sub-cent remainder to the next cent, never down', () => {
    expect(applyRounding('10.001', none)).toBe('10.01');
    expect(applyRounding('10.0000001', none)).toBe('10.01');
    expect(applyRounding('10.999', none)).toBe('11.00');
  });

  it('handles zero and negatives towards +infinity without printing -0', () => {
    expect(applyRounding('0', none)).toBe('0.00');
    expect(applyRounding('-0.001', none)).toBe('0.00');
    expect(applyRounding('-1.239', none)).toBe('-1.23');
  });
});

describe('applyRounding: up to a step', () => {
  it('keeps an amount already on the step', () => {
    expect(applyRounding('10', up('1'))).toBe('10.00');
    expect(applyRounding('10.30', up('0.1'))).toBe('10.30');
    expect(applyRounding('10.05', up('0.05'))).toBe('10.05');
    expect(applyRounding('15', up('5'))).toBe('15.00');
  });

  it('raises just above a multiple to the next one', () => {
    expect(applyRounding('10.01', up('1'))).toBe('11.00');
    expect(applyRounding('10.31', up('0.1'))).toBe('10.40');
    expect(applyRounding('10.06', up('0.05'))).toBe('10.10');
    expect(applyRounding('15.01', up('5'))).toBe('20.00');
  });

  it('raises tiny fractions (no float fuzz either way)', () => {
    expect(applyRounding('10.001', up('0.1'))).toBe('10.10');
    expect(applyRounding('10.001', up('1'))).toBe('11.00');
    expect(applyRounding('10.000000000000000000000001', up('0.01'))).toBe('10.01');
    // 0.1 + 0.2 is 0.30000000000000004 in floats, which would round up to 0.4.
    expect(applyRounding('0.3', up('0.1'))).toBe('0.30');
    expect(applyRounding('0.7', up('0.1'))).toBe('0.70');
    expect(applyRounding('1.15', up('0.05'))).toBe('1.15');
  });

  it('works on large values exactly', () => {
    expect(applyRounding('123456789012345678901234.5', up('1'))).toBe('123456789012345678901235.00');
    expect(applyRounding('99999999999999999999.01', up('5'))).toBe('100000000000000000000.00');
  });

  it('works with steps that do not divide a power of ten', () => {
    expect(applyRounding('0.9', up('0.3'))).toBe('0.90');
    expect(applyRounding('0.91', up('0.3'))).toBe('1.20');
    expect(applyRounding('10', up('0.25'))).toBe('10.00');
    expect(applyRounding('10.01', up('0.25'))).toBe('10.25');
  });

  it("keeps a finer step's scale", () => {
    expect(applyRounding('1.2341', up('0.001'))).toBe('1.235');
    expect(applyRounding('1.2', up('0.001'))).toBe('1.200');
    // Trailing zeros in the step do not widen the scale.
    expect(applyRounding('1.21', up('0.10'))).toBe('1.30');
  });

  it('rounds zero and negatives towards +infinity', () => {
    expect(applyRounding('0', up('5'))).toBe('0.00');
    expect(applyRounding('-1.23', up('1'))).toBe('-1.00');
    expect(applyRounding('-0.5', up('1'))).toBe('0.00');
  });

  it('rejects a step that is not positive or not a decimal', () => {
    expect(() => applyRounding('1', up('0'))).toThrow(/step must be greater than 0/);
    expect(() => applyRounding('1', up('-1'))).toThrow(/step must be greater than 0/);
    expect(() => applyRounding('1', up('1e2'))).toThrow(/not a decimal string/);
  });
});

describe('applyRounding: charm', () => {
  it('.99: next price ending in .99 at or above the amount', () => {
    expect(applyRounding('10', charm('.99'))).toBe('10.99');
    expect(applyRounding('10.00', charm('.99'))).toBe('10.99');
    expect(applyRounding('10.98', charm('.99'))).toBe('10.99');
    expect(applyRounding('10.99', charm('.99'))).toBe('10.99');
    expect(applyRounding('10.991', charm('.99'))).toBe('11.99');
    expect(applyRounding('11.00', charm('.99'))).toBe('11.99');
  });

  it('.49: 10.20 → 10.49 but 10.60 → 11.49 (never down to 10.49)', () => {
    expect(applyRounding('10.20', charm('.49'))).toBe('10.49');
    expect(applyRounding('10.49', charm('.49'))).toBe('10.49');
    expect(applyRounding('10.50', charm('.49'))).toBe('11.49');
    expect(applyRounding('10.60', charm('.49'))).toBe('11.49');
  });

  it('.95 and .9', () => {
    expect(applyRounding('10.95', charm('.95'))).toBe('10.95');
    expect(applyRounding('10.951', charm('.95'))).toBe('11.95');
    expect(applyRounding('10.5', charm('.9'))).toBe('10.90');
    expect(applyRounding('10.9', charm('.9'))).toBe('10.90');
    expect(applyRounding('10.95', charm('.9'))).toBe('11.90');
  });

  it('accepts a leading 0 and keeps a finer ending scale', () => {
    expect(applyRounding('10.2', charm('0.49'))).toBe('10.49');
    expect(applyRounding('10.2', charm('.999'))).toBe('10.999');
    expect(applyRounding('10.2', charm('.00'))).toBe('11.00');
  });

  it('handles tiny fractions, large values, zero and negatives', () => {
    expect(applyRounding('10.99000000001', charm('.99'))).toBe('11.99');
    expect(applyRounding('123456789012345678901.5', charm('.99'))).toBe('123456789012345678901.99');
    expect(applyRounding('0', charm('.99'))).toBe('0.99');
    expect(applyRounding('-0.5', charm('.99'))).toBe('-0.01');
  });

  it('rejects whole-number and malformed endings', () => {
    expect(() => applyRounding('10', charm('99'))).toThrow(/fraction such as ".99"/);
    expect(() => applyRounding('10', charm('9.99'))).toThrow(/fraction/);
    expect(() => applyRounding('10', charm(''))).toThrow(/fraction/);
  });
});

describe('applyRounding: input', () => {
  it('rejects amounts that are not plain decimal strings', () => {
    expect(() => applyRounding('1,5', none)).toThrow(/amount is not a decimal string/);
    expect(() => applyRounding(' 1', none)).toThrow(/amount is not a decimal string/);
    expect(() => applyRounding('Infinity', up('1'))).toThrow(/amount is not a decimal string/);
  });
});
