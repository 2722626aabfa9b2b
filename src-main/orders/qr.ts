import QRCode, { type QRCode as QRSymbol, type QRCodeSegment } from 'qrcode';

/** The QR alphanumeric set: upper-case LPA strings fit it, and it packs 5.5 bits a character instead of 8. */
const ALPHANUMERIC = /^[0-9A-Z $%*+\-./:]+$/;

/**
 * One segment for the whole text: alphanumeric when every character allows it (a smaller, easier-to-scan
 * symbol), else UTF-8 bytes. The text is never re-cased to fit: an activation code is compared exactly.
 */
export function qrSegments(text: string): QRCodeSegment[] {
  return ALPHANUMERIC.test(text)
    ? [{ mode: 'alphanumeric', data: text }]
    : [{ mode: 'byte', data: Buffer.from(text, 'utf8') }];
}

// Medium error correction: survives a smudged screen or print without making dense codes hard to scan.
const OPTIONS = { errorCorrectionLevel: 'M', margin: 4, scale: 6 } as const;

/** The symbol the PNG draws: which mode, version and error correction level it ended up with. */
export function qrSymbol(text: string): QRSymbol {
  return QRCode.create(qrSegments(text), { errorCorrectionLevel: OPTIONS.errorCorrectionLevel });
}

export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(qrSegments(text), { ...OPTIONS, type: 'png' });
}

export async function qrDataUri(text: string): Promise<string> {
  return `data:image/png;base64,${(await qrPng(text)).toString('base64')}`;
}
