import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrDataUri, qrPng, qrSegments, qrSymbol } from '../../src-main/orders/qr';

function decode(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

describe('eSIM QR codes', () => {
  const upper = 'LPA:1$SECSMSMINIAPP.EASTCOMPEACE.COM$2C13942911FF452AB45E9E99A5D444A1';
  const mixed = 'LPA:1$rsp.truphone.com$QR-G-5C-1LS-1W1Z9P7$1.3.6.1.4.1.31746$1';

  it('uses alphanumeric mode for an upper-case LPA and byte mode otherwise, never re-casing', () => {
    expect(qrSegments(upper)).toEqual([{ mode: 'alphanumeric', data: upper }]);
    expect(qrSegments(mixed)).toEqual([{ mode: 'byte', data: Buffer.from(mixed) }]);
    expect(qrSymbol(upper).segments.map((s) => s.mode.id)).toEqual(['Alphanumeric']);
    expect(qrSymbol(mixed).segments.map((s) => s.mode.id)).toEqual(['Byte']);
    // The same code in byte mode needs a bigger symbol: the reason for choosing the mode ourselves.
    expect(qrSymbol(upper).version).toBeLessThan(
      QRCode.create([{ mode: 'byte', data: Buffer.from(upper) }], { errorCorrectionLevel: 'M' }).version,
    );
  });

  it('draws a medium error correction symbol (6 px a module, 4-module quiet zone)', async () => {
    const symbol = qrSymbol(upper);
    expect(symbol.errorCorrectionLevel.bit).toBe(0); // qrcode's bit for level M
    expect(PNG.sync.read(await qrPng(upper)).width).toBe((symbol.modules.size + 8) * 6);
  });

  it.each([
    ['upper-case (alphanumeric)', upper],
    ['mixed case with OID and flag (byte)', mixed],
    ['demo delivery', 'LPA:1$SMDP.DEMO.SUPPLYGRID.INVALID$0123456789ABCDEF0123456789ABCDEF'],
  ])('a %s PNG decodes back to the exact LPA string', async (_name, lpa) => {
    expect(decode(await qrPng(lpa))).toBe(lpa);
  });

  it('serves the PNG as a data: URI', async () => {
    const uri = await qrDataUri(upper);
    expect(uri.startsWith('data:image/png;base64,')).toBe(true);
    expect(decode(Buffer.from(uri.slice('data:image/png;base64,'.length), 'base64'))).toBe(upper);
  });
});
