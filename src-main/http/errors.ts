/**
 * An upstream said no, or said something we cannot use. `message` is a coded text the renderer words
 * (`@transport.…`, `@supplier.…`, see config/coded-issue.ts), the supplier's own words inside it as parameters; it
 * never carries credentials. `code` is the upstream's own error code when it gave one.
 */
export class SupplierError extends Error {
  constructor(
    message: string,
    readonly code: string = 'upstream_error',
    readonly httpStatus: number | null = null,
    /** Whether trying again later can help (rate limits, 5xx, timeouts). */
    readonly retryable = false,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'SupplierError';
  }
}

/** A SupplierError as plain data, to cross to another thread: a structured clone keeps no class and no fields. */
export interface PortableSupplierError {
  message: string;
  code: string;
  httpStatus: number | null;
  retryable: boolean;
  retryAfterMs: number | null;
}

export const portableSupplierError = (error: SupplierError): PortableSupplierError => ({
  message: error.message,
  code: error.code,
  httpStatus: error.httpStatus,
  retryable: error.retryable,
  retryAfterMs: error.retryAfterMs,
});

export const supplierErrorFrom = (error: PortableSupplierError): SupplierError =>
  new SupplierError(error.message, error.code, error.httpStatus, error.retryable, error.retryAfterMs);

/** The fetch did not see the whole catalog; nothing may be concluded (least of all removals) from it. */
export class IncompleteCatalogError extends SupplierError {
  constructor(message: string) {
    super(message, 'incomplete_catalog');
    this.name = 'IncompleteCatalogError';
  }
}

export class CanceledError extends Error {
  constructor() {
    super('canceled');
    this.name = 'CanceledError';
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
