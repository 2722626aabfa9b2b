import { codedText, decodeCodedIssue, type CodedIssue } from './coded-issue';

/**
 * An error as it crosses the boundary (IPC, the services worker's port, the loopback bridge): a code and its
 * parameters, which the renderer words in the reader's language; or, for an error main has not coded yet, its
 * message as it came.
 */
export type ApiErrorBody = CodedIssue | { message: string };

/** How every transport answers a call: never a thrown error, whose code a structured clone or IPC would drop. */
export type ApiAnswer = { ok: true; result: unknown } | { ok: false; error: ApiErrorBody };

/** The call's arguments do not fit its method's schema (contract-schemas.ts). Params: `method`, the misfit's `path`. */
export const INVALID_ARGUMENTS = 'invalid_arguments';
/** The call names no method of the contract. Params: `method`. */
export const UNKNOWN_METHOD = 'unknown_method';

/**
 * An error with a code the renderer words. Its message is the same code as coded text (`@code?k=v`), which is what
 * the CLI, the logs and the screens that word their own codes read.
 */
export class CodedError extends Error {
  readonly params: Record<string, string>;

  constructor(
    readonly code: string,
    params: Record<string, string | number> = {},
  ) {
    super(codedText(code, params));
    this.name = 'CodedError';
    this.params = Object.fromEntries(Object.entries(params).map(([key, value]) => [key, String(value)]));
  }
}

/** What crosses for a thrown error: its code where it has one (a CodedError, or a message that is one coded text). */
export function errorBody(error: unknown): ApiErrorBody {
  if (error instanceof CodedError) return { code: error.code, params: error.params };
  const message = error instanceof Error ? error.message : String(error);
  return decodeCodedIssue(message) ?? { message };
}

/** The error a call rejects with on the calling side: a CodedError again where a code crossed. */
export function errorFromBody(body: ApiErrorBody): Error {
  return 'code' in body ? new CodedError(body.code, body.params) : new Error(body.message);
}
