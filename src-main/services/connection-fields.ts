import { z } from 'zod';
import { INSECURE_HTTP_OPT_IN } from '../http/url-policy';
import type { SupplierKind } from '../suppliers/adapter';
import type { ConnectionField } from '../../src-shared/connection-types';

const COMMON = new Set(['id', 'kind', 'name']);

/** The credential form of a supplier kind, read off its config schema so the two can never disagree. */
export function connectionFields(kind: SupplierKind): ConnectionField[] {
  const schema = kind.configSchema as unknown as z.ZodObject<Record<string, z.ZodType>>;
  const shape = schema.shape ?? {};
  return (
    Object.entries(shape)
      .filter(([key]) => !COMMON.has(key))
      .map(([key, field]): ConnectionField => {
        const defaultValue = (field.meta() as { defaultValue?: unknown } | undefined)?.defaultValue;
        return {
          key,
          label: humanize(key),
          secret: kind.secretFields.includes(key),
          optional: field.safeParse(undefined).success,
          ...(typeof defaultValue === 'string' ? { defaultValue } : {}),
        };
      })
      // Every kind's connection may opt into plain http to a remote host; the form shows it beside an http:// baseUrl.
      .concat({
        key: INSECURE_HTTP_OPT_IN,
        label: humanize(INSECURE_HTTP_OPT_IN),
        secret: false,
        optional: true,
        input: 'checkbox',
      })
  );
}

const ACRONYMS: Record<string, string> = { url: 'URL', api: 'API', id: 'ID', uid: 'UID', http: 'HTTP' };

function humanize(key: string): string {
  const words = key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(' ')
    .map((word) => ACRONYMS[word] ?? word);
  words[0] = words[0].charAt(0).toUpperCase() + words[0].slice(1);
  return words.join(' ');
}
