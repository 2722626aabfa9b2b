import { createHash } from 'node:crypto';

/** A well-formed, obviously fake eSIM delivery derived from an order number (same order, same eSIM). */
export function demoLpa(orderRef: string): { lpa: string; smdp: string; activationCode: string; iccid: string } {
  const digest = createHash('sha256').update(orderRef).digest('hex').toUpperCase();
  const smdp = 'SMDP.DEMO.SUPPLYGRID.INVALID';
  const activationCode = digest.slice(0, 32);
  const iccid = `8985200${BigInt(`0x${digest.slice(32, 44)}`)
    .toString()
    .padStart(12, '0')
    .slice(0, 12)}`;
  return { lpa: `LPA:1$${smdp}$${activationCode}`, smdp, activationCode, iccid };
}

export function demoCardKey(orderRef: string): string {
  const digest = createHash('sha256').update(`card:${orderRef}`).digest('hex').toUpperCase();
  return `${digest.slice(0, 4)}-${digest.slice(4, 8)}-${digest.slice(8, 12)}-${digest.slice(12, 16)}`;
}
