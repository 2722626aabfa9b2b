// A supplier connection as the renderer sees and sends it: the form's fields, what is saved (secrets only say whether
// they are set), and why a connection test failed.

/** A connection as the renderer may see it: secrets only say whether they are set. */
export interface ConnectionView {
  id: string;
  kind: string;
  name: string;
  settings: Record<string, string>;
  /** Which secret fields hold a value this process can use (all false when they cannot be read here). */
  secrets: Record<string, boolean>;
  /** Set when the stored secrets cannot be read by this process: the merchant has to enter them again. */
  secretsProblem?: string;
}

export interface ConnectionInput {
  id?: string;
  kind: string;
  name: string;
  settings: Record<string, string>;
  /**
   * New secret values; a field left out or empty keeps the stored one (secrets are entered once), but only while
   * every other setting (the URL it is sent to, the account it is for) stays as it was saved.
   */
  secrets?: Record<string, string | undefined>;
}

export interface ConnectionField {
  key: string;
  label: string;
  secret: boolean;
  optional: boolean;
  /** What the connection uses when the field is left empty (the form shows it as the placeholder), where the schema says. */
  defaultValue?: string;
  /** 'checkbox': a yes/no setting stored as "true" or left out (the form shows it only where it matters). */
  input?: 'checkbox';
}

/**
 * Why a connection test or a sync failed, as the merchant can act on it. The renderer words each cause and what to
 * do about it; the error's own (coded) message stays beside it as the technical detail.
 */
export const CONNECTION_FAILURE_CAUSES = [
  /** The host name does not resolve (typo, or no network). */
  'dns',
  /** Nothing listens at that address and port. */
  'refused',
  /** The secure connection failed: certificate, or https:// to a server that speaks plain http. */
  'tls',
  /** No answer in time. */
  'timeout',
  /** The network dropped the connection. */
  'network',
  /** The key, secret, user id or password is not the account's. */
  'credentials',
  /** BillionConnect's catch-all refusal: wrong appKey/appSecret, or a sales method the account does not have. */
  'credentialsOrSalesMethod',
  /** The account (or its API key) is disabled, or not verified, at the supplier. */
  'accountDisabled',
  /** The supplier says the request's time is off: this computer's clock. */
  'clock',
  /** Too many requests for the account (the supplier's answer, or our pace for it while a sync runs). */
  'rateLimited',
  /** The supplier banned this IP address for a while (SEAGM's 418). */
  'ipBanned',
  /** The address answers, but not as that supplier's API (404, a web page, another service). */
  'wrongAddress',
  /** A redirect elsewhere, which is never followed with signed requests. */
  'redirect',
  /** The supplier's server failed (5xx). */
  'serverError',
  /** The form itself: a field is missing or wrong (the form shows which). */
  'fields',
  /** A stored secret has to be typed again. */
  'secretAgain',
  /** Part of the catalog could not be listed (a sync): the previous catalog is kept. */
  'incomplete',
  /** The supplier's answers cannot be read: most of a page malformed, an answer too large, a listing beyond belief. */
  'badAnswer',
  'unknown',
] as const;

export type ConnectionFailureCause = (typeof CONNECTION_FAILURE_CAUSES)[number];
