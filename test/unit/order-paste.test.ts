import { describe, expect, it } from 'vitest';
import { readPasted } from '../../src-main/orders/manual-completion';
import { splitHostPort } from '../../src-main/orders/push-receiver';
import { inEnglish } from '../helpers/in-english';

describe('what a merchant pastes to complete an order', () => {
  it('takes a JSON object as a notification body, exactly as pasted but trimmed', () => {
    const pasted = readPasted('\n {"tradeType":"N009","tradeData":{}} \n');
    expect(pasted.kind).toBe('push');
    expect(pasted.kind === 'push' && pasted.body.toString()).toBe('{"tradeType":"N009","tradeData":{}}');
  });

  it('takes an activation code or Apple setup link', () => {
    expect(readPasted('LPA:1$smdp.example.com$ABC')).toMatchObject({
      kind: 'lpa',
      code: { smdpAddress: 'smdp.example.com', activationCode: 'ABC' },
    });
    expect(
      readPasted('https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=LPA%3A1%24smdp.example.com%24ABC'),
    ).toMatchObject({ kind: 'lpa' });
  });

  it('says why anything else is not usable', () => {
    const refused = readPasted('hello');
    expect(refused.kind).toBe('invalid');
    expect(inEnglish((refused as { reason: string }).reason)).toBe(
      'This is neither a notification body nor an activation code: the activation code must start with "LPA:1$"',
    );
  });
});

describe('notifyListen addresses', () => {
  it('splits host:port, IPv6 bracketed', () => {
    expect(splitHostPort('127.0.0.1:8790')).toEqual({ host: '127.0.0.1', port: 8790 });
    expect(splitHostPort('[::1]:8790')).toEqual({ host: '::1', port: 8790 });
    expect(splitHostPort('notify.example.com:443')).toEqual({ host: 'notify.example.com', port: 443 });
    expect(() => splitHostPort('8790')).toThrow(/not host:port/);
  });
});
