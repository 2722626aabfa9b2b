/**
 * eSIM activation codes, as GSMA SGP.22 (§4.1, "Activation Code") defines them and as QR codes carry them:
 *
 *   LPA:1$<SM-DP+ address>$<Matching ID>[$<SM-DP+ OID>[$<Confirmation Code Required Flag>]]
 *
 * Where suppliers stray from the letter of the spec, these are the decisions (each has a test):
 * - Whitespace around the code (a pasted line break, padding in a JSON field) is trimmed. Whitespace inside is
 *   refused: no field may hold it, and it usually means two things were pasted together.
 * - The "LPA:" prefix is matched in any case ("lpa:" is seen in deliveries; URI schemes are case-insensitive) and
 *   written back as "LPA:", which keeps an upper-case code inside the QR alphanumeric set. The fields themselves
 *   are never re-cased: the SM-DP+ compares the Matching ID byte for byte.
 * - A code without the prefix ("1$…") is refused with a hint: the prefix is what tells a phone's camera that the
 *   QR is an eSIM, so a QR without it would not install.
 * - Only AC_Format "1" exists; anything else is refused as an unknown version.
 * - The SM-DP+ address must be a fully qualified domain name: at least two labels, no scheme, port, path or IP.
 * - The Matching ID may not be empty (SGP.22 allows that only for SM-DS discovery, which a delivered code is not).
 *   SGP.22 lists 0-9, A-Z and "-"; lower-case letters are accepted too because real deliveries carry them.
 * - The OID is dotted decimal; it may be empty only when a flag follows ("…$$1"), as SGP.22 lays the fields out.
 * - The flag is "1" (a confirmation code is needed). "0" is read as "not needed"; anything else is refused.
 * - More than five fields (SGP.22 v3 appends a CI key indicator and more) is refused: we would otherwise drop
 *   fields that change how the profile installs.
 * Pure: no I/O, no dependencies.
 */

export interface ActivationCode {
  /** The code as it belongs in a QR: prefix written "LPA:", fields exactly as delivered. */
  lpa: string;
  smdpAddress: string;
  /** The Matching ID (SGP.22's AC_Token), which suppliers and phones call the activation code. */
  activationCode: string;
  oid?: string;
  confirmationCodeRequired: boolean;
}

/**
 * Why a text is not an activation code: a code with parameters (`address.scheme`, {value}), worded by the renderer's
 * orders dictionary as `lpa.<code>` (order-notes.ts `lpaProblemText` makes the coded text).
 */
export interface LpaProblem {
  code: string;
  params: Record<string, string>;
}

export type LpaParseResult = { ok: true; value: ActivationCode } | { ok: false; problem: LpaProblem };

const PREFIX = 'LPA:';
const MAX_FQDN_LENGTH = 253;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const MATCHING_ID = /^[A-Za-z0-9-]+$/;
const OID = /^\d+(?:\.\d+)+$/;

export function parseLpa(text: string): LpaParseResult {
  const trimmed = text.trim();
  if (trimmed === '') return refuse('empty');
  if (/\s/.test(trimmed)) return refuse('whitespace');
  if (trimmed.slice(0, PREFIX.length).toUpperCase() !== PREFIX)
    return refuse(/^1\$/.test(trimmed) ? 'noPrefix' : 'wrongStart');
  const fields = trimmed.slice(PREFIX.length).split('$');
  const [format, address, matchingId, oid, flag] = fields;
  if (fields.length === 1 && format === '') return refuse('nothingAfterPrefix');
  if (format !== '1') return refuse('unknownFormat', { format });
  if (fields.length < 3) return refuse('tooFewFields');
  if (fields.length > 5) return refuse('tooManyFields', { count: String(fields.length) });
  const addressProblem = fqdnProblem(address);
  if (addressProblem) return refuse(`address.${addressProblem}`, { value: address });
  if (matchingId === '') return refuse('noMatchingId');
  if (!MATCHING_ID.test(matchingId)) return refuse('badMatchingId');
  if (oid !== undefined && oid !== '' && !OID.test(oid)) return refuse('badOid', { oid });
  if (oid === '' && flag === undefined) return refuse('strayDollar');
  if (flag !== undefined && flag !== '1' && flag !== '0') return refuse('badFlag', { flag });
  return {
    ok: true,
    value: {
      lpa: `${PREFIX}${fields.join('$')}`,
      smdpAddress: address,
      activationCode: matchingId,
      ...(oid ? { oid } : {}),
      confirmationCodeRequired: flag === '1',
    },
  };
}

function refuse(code: string, params: Record<string, string> = {}): LpaParseResult {
  return { ok: false, problem: { code, params } };
}

/** Null when `value` is a usable SM-DP+ host name; otherwise what is wrong with it (a code under `address.`). */
function fqdnProblem(value: string): string | null {
  if (value === '') return 'empty';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return 'scheme';
  if (/[:/]/.test(value)) return 'portOrPath';
  if (value.length > MAX_FQDN_LENGTH) return 'tooLong';
  const labels = value.split('.');
  if (labels.length < 2) return 'notFqdn';
  if (!labels.every((label) => LABEL.test(label))) return 'invalid';
  if (/^\d+$/.test(labels[labels.length - 1])) return 'ip';
  return null;
}

const APPLE_SETUP = 'https://esimsetup.apple.com/esim_qrcode_provisioning';

/** The one-tap install link for iPhones (iOS 17.4+): opening it on the phone starts the eSIM installation. */
export function appleSetupLink(lpa: string): string {
  return `${APPLE_SETUP}?carddata=${encodeURIComponent(lpa)}`;
}

/** Reads what a merchant may paste for an eSIM: the code itself, or Apple's one-tap link that wraps it. */
export function lpaFromText(text: string): LpaParseResult {
  const trimmed = text.trim();
  if (/^https?:\/\//i.test(trimmed)) {
    let url: URL;
    try {
      url = new URL(trimmed);
    } catch {
      return refuse('badLink');
    }
    if (`${url.origin}${url.pathname}` !== APPLE_SETUP) return refuse('notAppleLink', { link: APPLE_SETUP });
    const carddata = url.searchParams.get('carddata');
    if (!carddata) return refuse('noCarddata');
    return parseLpa(carddata);
  }
  return parseLpa(trimmed);
}
