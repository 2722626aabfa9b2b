import { CodedError, errorBody, INVALID_ARGUMENTS, UNKNOWN_METHOD, type ApiAnswer } from '../../src-shared/api-answer';
import { API_METHODS, type ApiContract, type ApiMethod } from '../../src-shared/contract';
import { API_ARGUMENTS } from '../../src-shared/contract-schemas';

const METHODS: ReadonlySet<string> = new Set(API_METHODS);

/**
 * The one place where a call that arrived from outside meets its handler, for every transport (main's IPC handler,
 * the services worker's port, the loopback bridge): the method must be the contract's, its arguments must fit the
 * method's schema, and the handler is called with what the schema parsed. Whatever goes wrong is answered, never
 * thrown, with its code where it has one.
 */
export async function dispatchCall(handlers: Partial<ApiContract>, method: unknown, args: unknown): Promise<ApiAnswer> {
  try {
    const handler =
      typeof method === 'string' && METHODS.has(method)
        ? (handlers[method as ApiMethod] as ((...args: unknown[]) => Promise<unknown>) | undefined)
        : undefined;
    if (!handler) throw new CodedError(UNKNOWN_METHOD, { method: String(method) });
    const result = await handler(...checkedArguments(method as ApiMethod, args));
    return { ok: true, result: result ?? null };
  } catch (error) {
    return { ok: false, error: errorBody(error) };
  }
}

/** The arguments as the method's handler takes them; a CodedError naming the method and the first misfit otherwise. */
export function checkedArguments(method: ApiMethod, args: unknown): unknown[] {
  const parsed = API_ARGUMENTS[method].safeParse(args);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  // The path starts with the argument's index; an empty one means the list itself (too many or too few arguments).
  throw new CodedError(INVALID_ARGUMENTS, { method, path: issue.path.map(String).join('.') || '-' });
}
