import { describe, expect, it } from 'vitest';
import { appleSetupLink, lpaFromText, parseLpa, type LpaParseResult } from '../../src-main/domain/lpa';
import { lpaProblemText } from '../../src-shared/order-notes';
import { inEnglish } from '../helpers/in-english';

/** Why a text was refused, in the English the app shows. */
function reason(result: LpaParseResult): string {
  return result.ok ? '' : inEnglish(lpaProblemText(result.problem));
}

function accepted(text: string) {
  const result = parseLpa(text);
  if (!result.ok) throw new Error(`expected "${text}" to parse, got: ${reason(result)}`);
  return result.value;
}

function refused(text: string): string {
  const result = parseLpa(text);
  if (result.ok) throw new Error(`expected "${text}" to be refused, got ${JSON.stringify(result.value)}`);
  return reason(result);
}

describe('parseLpa (SGP.22 activation code)', () => {
  it('splits the three mandatory fields', () => {
    expect(accepted('LPA:1$SECSMSMINIAPP.EASTCOMPEACE.COM$2C13942911FF452AB45E9E99A5D444A1')).toEqual({
      lpa: 'LPA:1$SECSMSMINIAPP.EASTCOMPEACE.COM$2C13942911FF452AB45E9E99A5D444A1',
      smdpAddress: 'SECSMSMINIAPP.EASTCOMPEACE.COM',
      activationCode: '2C13942911FF452AB45E9E99A5D444A1',
      confirmationCodeRequired: false,
    });
  });

  it('reads the optional OID and confirmation code flag', () => {
    expect(accepted('LPA:1$rsp.truphone.com$QR-G-5C-1LS-1W1Z9P7$1.3.6.1.4.1.31746$1')).toMatchObject({
      smdpAddress: 'rsp.truphone.com',
      activationCode: 'QR-G-5C-1LS-1W1Z9P7',
      oid: '1.3.6.1.4.1.31746',
      confirmationCodeRequired: true,
    });
    expect(accepted('LPA:1$rsp.truphone.com$QR-G-5C$1.3.6.1.4.1.31746')).toMatchObject({
      oid: '1.3.6.1.4.1.31746',
      confirmationCodeRequired: false,
    });
  });

  it('allows an empty OID only when the flag follows it', () => {
    const value = accepted('LPA:1$smdp.example.com$ABC-123$$1');
    expect(value.oid).toBeUndefined();
    expect(value.confirmationCodeRequired).toBe(true);
    expect(refused('LPA:1$smdp.example.com$ABC-123$')).toMatch(/empty field/);
  });

  it('reads flag "0" as not required and refuses any other flag', () => {
    expect(accepted('LPA:1$smdp.example.com$ABC$$0').confirmationCodeRequired).toBe(false);
    expect(refused('LPA:1$smdp.example.com$ABC$$2')).toMatch(/confirmation code flag is "2"/);
    expect(refused('LPA:1$smdp.example.com$ABC$$')).toMatch(/confirmation code flag is ""/);
    expect(refused('LPA:1$smdp.example.com$ABC$$yes')).toMatch(/flag/);
  });

  it('accepts a lower-case prefix and writes it back as "LPA:", never re-casing the fields', () => {
    const value = accepted('lpa:1$smdp.example.com$abc-DEF');
    expect(value.lpa).toBe('LPA:1$smdp.example.com$abc-DEF');
    expect(value.activationCode).toBe('abc-DEF');
    expect(accepted('Lpa:1$SMDP.EXAMPLE.COM$X1').lpa).toBe('LPA:1$SMDP.EXAMPLE.COM$X1');
  });

  it('trims whitespace around the code but refuses whitespace inside it', () => {
    expect(accepted('  LPA:1$smdp.example.com$ABC\r\n').lpa).toBe('LPA:1$smdp.example.com$ABC');
    expect(refused('LPA:1$smdp.example.com$AB C')).toMatch(/whitespace/);
    expect(refused('LPA:1$smdp.example.com$ABC\nLPA:1$smdp.example.com$DEF')).toMatch(/whitespace/);
    expect(refused('   ')).toMatch(/empty/);
  });

  it('refuses a code without the prefix, saying what is missing', () => {
    expect(refused('1$smdp.example.com$ABC')).toMatch(/lacks the "LPA:" prefix/);
    expect(refused('smdp.example.com$ABC')).toMatch(/must start with "LPA:1\$"/);
    expect(refused('LPA1$smdp.example.com$ABC')).toMatch(/must start with/);
  });

  it('refuses any format version but 1', () => {
    expect(refused('LPA:2$smdp.example.com$ABC')).toMatch(/unknown activation code format "2"/);
    expect(refused('LPA:$smdp.example.com$ABC')).toMatch(/format ""/);
    expect(refused('LPA:')).toMatch(/nothing follows/);
  });

  it('refuses missing, empty or invalid SM-DP+ addresses', () => {
    expect(refused('LPA:1$smdp.example.com')).toMatch(/needs an SM-DP\+ address and a matching ID/);
    expect(refused('LPA:1$$ABC')).toMatch(/SM-DP\+ address is empty/);
    expect(refused('LPA:1$localhost$ABC')).toMatch(/not a fully qualified domain name/);
    expect(refused('LPA:1$https://smdp.example.com$ABC')).toMatch(/scheme/);
    expect(refused('LPA:1$smdp.example.com:8443$ABC')).toMatch(/port or path/);
    expect(refused('LPA:1$192.168.1.10$ABC')).toMatch(/IP address/);
    expect(refused('LPA:1$-smdp.example.com$ABC')).toMatch(/not a valid domain name/);
    expect(refused('LPA:1$smdp..example.com$ABC')).toMatch(/not a valid domain name/);
    expect(refused('LPA:1$smdp_1.example.com$ABC')).toMatch(/not a valid domain name/);
    expect(refused(`LPA:1$${'a'.repeat(64)}.example.com$ABC`)).toMatch(/not a valid domain name/);
  });

  it('refuses an empty or malformed matching ID', () => {
    expect(refused('LPA:1$smdp.example.com$')).toMatch(/matching ID \(activation code\) is empty/);
    expect(refused('LPA:1$smdp.example.com$$1.2.3')).toMatch(/matching ID \(activation code\) is empty/);
    expect(refused('LPA:1$smdp.example.com$ABC/DEF')).toMatch(/only letters, digits and "-"/);
  });

  it('refuses an OID that is not dotted decimal', () => {
    expect(refused('LPA:1$smdp.example.com$ABC$oid')).toMatch(/not a dotted-decimal/);
    expect(refused('LPA:1$smdp.example.com$ABC$1')).toMatch(/not a dotted-decimal/);
  });

  it('refuses fields beyond the fifth', () => {
    expect(refused('LPA:1$smdp.example.com$ABC$1.2.3$1$extra')).toMatch(/6 fields; SGP.22 format 1 has at most 5/);
  });
});

describe('Apple one-tap setup link', () => {
  it('carries the whole code URL-encoded, and reads back to the same code', () => {
    const lpa = 'LPA:1$smdp.example.com$ABC-123$$1';
    const link = appleSetupLink(lpa);
    expect(link).toBe(
      'https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=LPA%3A1%24smdp.example.com%24ABC-123%24%241',
    );
    const back = lpaFromText(link);
    expect(back.ok && back.value.lpa).toBe(lpa);
  });

  it('accepts a pasted code or link and refuses other links', () => {
    expect(lpaFromText(' LPA:1$smdp.example.com$ABC ').ok).toBe(true);
    const other = lpaFromText('https://example.com/esim?carddata=LPA%3A1%24smdp.example.com%24ABC');
    expect(reason(other)).toMatch(/only Apple’s eSIM setup link/);
    const bare = lpaFromText('https://esimsetup.apple.com/esim_qrcode_provisioning');
    expect(reason(bare)).toMatch(/no carddata/);
  });
});
