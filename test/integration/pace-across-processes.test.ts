import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startDujiaoSimulator } from '../../src-main/suppliers/dujiao-next/sim';
import { startSeagmSimulator } from '../../src-main/suppliers/seagm/sim';
import type { AdapterEnv } from '../../src-main/suppliers/adapter';
import { FAST_RETRY } from '../helpers/temp-db';

const RUNNER = fileURLToPath(new URL('../../bin/run-ts.mjs', import.meta.url));
const CLIENT = fileURLToPath(new URL('../helpers/pace-client.ts', import.meta.url));

/** The real rule (60 per 60 s, then a 30 s block) scaled down: 20 requests per 2 s window, a 300 ms block. */
const RULE = { windowMs: 2000, max: 20, blockMs: 300 };
const ENV: AdapterEnv = {
  retry: FAST_RETRY,
  // The simulator counts in this test's process, whose event loop lags on a loaded machine: the margin covers it.
  budgetTuning: { windowMs: RULE.windowMs, blockMs: RULE.blockMs, marginMs: 600 },
};
/** 50 products a page: each process needs about 16 requests, within one window's allowance; the two, more. */
const PRODUCTS = 700;

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Listed {
  offers: number;
  requests: number;
  throttled: number;
  error: string | null;
}

/** Processes listing the same account at once, each with the ledger beside `dbFile` (or none). */
async function listTogether(count: number, dbFile: string | null, connection: object): Promise<Listed[]> {
  const children = Array.from({ length: count }, () =>
    spawn(process.execPath, [RUNNER, CLIENT, JSON.stringify({ dbFile, connection, env: ENV })], {
      stdio: ['pipe', 'pipe', 'pipe'],
    }),
  );
  for (const child of children) cleanups.push(() => child.kill('SIGKILL'));
  const outputs = children.map((child) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const ready = new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        if (stdout.includes('ready\n')) {
          clearInterval(poll);
          resolve();
        }
      }, 20);
      child.once('exit', (code) => {
        clearInterval(poll);
        reject(new Error(`a client exited before it was ready (${code}): ${stderr}`));
      });
    });
    const done = new Promise<Listed>((resolve, reject) =>
      child.once('close', (code) =>
        code === 0
          ? resolve(JSON.parse(stdout.split('\n').filter(Boolean).at(-1)!) as Listed)
          : reject(new Error(`a client failed (${code}): ${stderr}`)),
      ),
    );
    return { child, ready, done };
  });
  // Loading takes each process its own time: they list only once all of them can start at the same instant.
  await Promise.all(outputs.map((output) => output.ready));
  for (const { child } of outputs) child.stdin.write('go\n');
  return Promise.all(outputs.map((output) => output.done));
}

describe('one request budget for every process using a supplier account', () => {
  it('two processes listing one Dujiao-Next account at once, through the data folder’s ledger, are never blocked', async () => {
    const sim = await startDujiaoSimulator({ size: PRODUCTS, rateLimit: RULE });
    cleanups.push(() => sim.close());
    const dir = mkdtempSync(join(tmpdir(), 'supplygrid-pace-processes-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const connection = { ...sim.connection, requestsPerMinute: RULE.max };

    const listed = await listTogether(2, join(dir, 'supplygrid.db'), connection);
    for (const one of listed) {
      expect(one.offers).toBeGreaterThan(0);
      // Alone, each would have sent all of its requests in one window and never been blocked.
      expect(one.requests).toBeLessThanOrEqual(RULE.max);
      expect(one.throttled).toBe(0);
    }
    // Together more than a window's allowance, and the server never blocked the key.
    expect(listed[0].requests + listed[1].requests).toBeGreaterThan(RULE.max);
    expect(sim.rateLimitStats()).toEqual({ blocks: 0, refused: 0 });
  }, 60_000);

  it('a SEAGM ban (418) one process meets stops the others before they send', async () => {
    const sim = await startSeagmSimulator({ size: 20 });
    cleanups.push(() => sim.close());
    sim.server.state.rate.bannedUntil = Date.now() + 10 * 60_000;
    const sent = () => [...sim.server.hits.values()].reduce((sum, count) => sum + count, 0);
    const dir = mkdtempSync(join(tmpdir(), 'supplygrid-ban-processes-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const dbFile = join(dir, 'supplygrid.db');

    const [first] = await listTogether(1, dbFile, sim.connection);
    expect(first.error).toBe('ip_banned');
    const metTheBan = sent();
    expect(metTheBan).toBeGreaterThan(0);
    // The next process on the data folder: refused at once, by the ledger, with the same reason.
    const [next] = await listTogether(1, dbFile, sim.connection);
    expect(next.error).toBe('ip_banned');
    expect(sent()).toBe(metTheBan);
    // A process pacing alone meets the ban itself.
    const [alone] = await listTogether(1, null, sim.connection);
    expect(alone.error).toBe('ip_banned');
    expect(sent()).toBeGreaterThan(metTheBan);
  }, 60_000);
});
