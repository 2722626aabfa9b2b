import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator, SupplierKind } from '../../src-main/suppliers/adapter';
import { SUPPLIER_KINDS } from '../../src-main/suppliers/registry';
import { seededRandom } from '../../src-main/suppliers/shared/seeded-random';
import type { FaultPlan } from '../../src-main/suppliers/shared/simulator-http';

const CASES_PER_SUPPLIER = 500;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One seeded mutation of a real payload: a value deleted, retyped, nulled, stretched or swapped for junk. */
function mutate(body: Json, random: () => number): Json {
  const copy = structuredClone(body);
  const nodes: Array<{ parent: Json[] | Record<string, Json>; key: string | number }> = [];
  const walk = (value: Json) => {
    if (Array.isArray(value)) value.forEach((child, index) => {
      nodes.push({ parent: value, key: index });
      walk(child);
    });
    else if (value && typeof value === 'object') for (const key of Object.keys(value)) {
      nodes.push({ parent: value, key });
      walk(value[key]);
    }
  };
  walk(copy);
  if (nodes.length === 0) return random() < 0.5 ? null : '<html>';
  const { parent, key } = nodes[Math.floor(random() * nodes.length)];
  const replacements: Json[] = [null, '', 'NaN', -1, 0, 1e308, '9'.repeat(40), true, [], {}, 'ＧＢ\u0000\ud800', '<script>'];
  const choice = random();
  if (choice < 0.2 && !Array.isArray(parent)) delete (parent as Record<string, Json>)[key as string];
  else if (choice < 0.3 && Array.isArray(parent)) parent.splice(key as number, 1);
  else if (choice < 0.4 && Array.isArray(parent)) parent.push(structuredClone(parent[key as number]));
  else (parent as Record<string | number, Json>)[key] = replacements[Math.floor(random() * replacements.length)];
  return copy;
}

function faultsOf(simulator: RunningSimulator): FaultPlan {
  const server = (simulator as unknown as { server?: { faults?: FaultPlan } }).server;
  if (!server?.faults) throw new Error('simulator does not expose its fault plan');
  return server.faults;
}

describe.each(SUPPLIER_KINDS.map((kind) => [kind.kind, kind] as const))('fuzzing the %s response parser', (_name, kind: SupplierKind) => {
  let simulator: RunningSimulator;
  beforeAll(async () => {
    simulator = await kind.startSimulator({ size: 12 });
  });
  afterAll(async () => {
    await simulator?.close();
  });

  it(`never crashes and always gives a reason, over ${CASES_PER_SUPPLIER} mutated payloads`, async () => {
    const random = seededRandom(kind.kind.length * 7919);
    const faults = faultsOf(simulator);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    let failures = 0;
    try {
      for (let i = 0; i < CASES_PER_SUPPLIER; i++) {
        faults.clear();
        // Mutate one response of the whole fetch, chosen by its position among the requests.
        const target = Math.floor(random() * 6);
        let seen = 0;
        faults.add({ when: () => seen++ === target, action: { kind: 'rewrite', transform: (body) => mutate(body as Json, random) } });
        const adapter = kind.create(simulator.connection as never, { retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 }, timeoutMs: 5000 });
        try {
          for await (const page of adapter.fetchCatalog()) {
            for (const skipped of page.skipped) expect(skipped.reason.trim().length, 'a skipped item without a reason').toBeGreaterThan(0);
          }
        } catch (error) {
          failures++;
          expect(error).toBeInstanceOf(Error);
          expect((error as Error).message.trim().length, 'an error without a reason').toBeGreaterThan(3);
          expect((error as Error).message).not.toMatch(/^(undefined|null|\[object Object\])$/);
        }
      }
    } finally {
      faults.clear();
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
    // Some mutations must be fatal (a broken envelope), or the fuzzer is not reaching the parser.
    expect(failures).toBeGreaterThan(0);
  }, 120_000);
});
