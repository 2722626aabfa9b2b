import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { getRun, listLiveOffers, listRuns } from '../../src-main/db/catalog-repo';
import { openDatabase } from '../../src-main/db/open';
import { ProgressBars } from '../../src-main/cli/output';
import { startDujiaoSimulator } from '../../src-main/suppliers/dujiao-next/sim';
import { CLI_BIN, runCli } from '../helpers/run-cli';
import { accountsPaced } from '../helpers/pace-ledger';
import { PACE_LEDGER_FILE } from '../../src-main/db/pace-ledger';
import { tempDb } from '../helpers/temp-db';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A Dujiao-Next shop, and a database and config for the CLI to sync it. */
async function shop(prefix: string, options: Parameters<typeof startDujiaoSimulator>[0] = {}) {
  const store = tempDb(prefix);
  store.db.close();
  cleanups.push(store.cleanup);
  const sim = await startDujiaoSimulator(options);
  cleanups.push(() => sim.close());
  const config = join(store.dir, 'suppliers.json');
  writeFileSync(config, JSON.stringify({ suppliers: [sim.connection] }));
  return { store, sim, config };
}

/** A small Dujiao-Next shop that blocks the key for `blockMs` past two requests a minute. */
const blockingShop = (prefix: string, blockMs: number) =>
  shop(prefix, { size: 20, rateLimit: { windowMs: 60_000, max: 2, blockMs } });

describe('supplygrid sync: full vs incremental, and what it cost', () => {
  it('--full asks for a complete listing; the summary and --json say which listing ran and its requests', async () => {
    const { store, config } = await shop('supplygrid-cli-full-');

    const first = await runCli(['sync', '--config', config, '--db', store.file]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/demo-dujiao\s+ok\s+\d+ offers .*\(full, [1-9]\d* requests?/);

    const forced = await runCli(['sync', '--full', '--json', '--config', config, '--db', store.file]);
    expect(forced.code, forced.stderr).toBe(0);
    const [summary] = JSON.parse(forced.stdout) as Array<{
      runId: number;
      mode: string;
      requests: number;
      waitMs: number;
    }>;
    expect(summary).toMatchObject({ mode: 'full', requests: expect.any(Number), waitMs: expect.any(Number) });
    const db = openDatabase(store.file);
    try {
      expect(getRun(db, summary.runId)).toMatchObject({ mode: 'full', requests: summary.requests });
    } finally {
      db.close();
    }
  }, 60_000);

  it('a pace ledger it cannot open: the CLI says it paces alone, and syncs', async () => {
    const { store, config } = await shop('supplygrid-cli-alone-');
    // Something else stands where the ledger goes.
    mkdirSync(join(store.dir, PACE_LEDGER_FILE));
    const synced = await runCli(['sync', '--config', config, '--db', store.file]);
    expect(synced.code, synced.stderr).toBe(0);
    expect(synced.stderr).toContain('note: this run paces its supplier accounts alone');
    expect(synced.stdout).toMatch(/demo-dujiao\s+ok\s+\d+ offers/);
  }, 60_000);

  it('a block the server sets is waited out: the CLI says so, the sync completes and its run counts the wait', async () => {
    // The real rule's shape with two requests per window: the sync's third request makes the server block the key
    // (a limit the client cannot know is that low until then), and the refusal, HTTP 429, says for how long in its
    // body ("请 2 秒后再试"). The client waits that out (plus its margins), not the rule's full 30 s.
    const { store, sim, config } = await blockingShop('supplygrid-cli-block-', 2000);

    const synced = await runCli(['sync', '--config', config, '--db', store.file]);
    expect(synced.code, synced.stderr).toBe(0);
    // Not a terminal: one line per wait on the progress stream (stderr), as a log would keep it; stdout is the summary.
    const wait = /demo-dujiao\s+waiting for the supplier's request limit — resumes in (\d+) s/.exec(synced.stderr);
    expect(wait, synced.stderr).not.toBeNull();
    expect(Number(wait![1])).toBeGreaterThan(0);
    expect(Number(wait![1])).toBeLessThan(10);
    expect(synced.stdout).toMatch(/demo-dujiao\s+ok\s+\d+ offers .*waited [1-9]\d* s for the request limit/);
    // One block, waited out in full: a client that came back early would have been refused again.
    expect(sim.rateLimitStats()).toEqual({ blocks: 1, refused: 1 });
    // The account's pace is kept where the app and the background service on this data folder find it.
    expect(accountsPaced(store.dir)).toBe(1);
    const db = openDatabase(store.file);
    try {
      const run = getRun(db, 1)!;
      expect(run).toMatchObject({ status: 'ok', throttled: 1 });
      expect(run.waitMs).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  }, 60_000);

  it('Ctrl+C during a wait cancels: the run is recorded as canceled and the previous catalog stays', async () => {
    const { store, sim, config } = await blockingShop('supplygrid-cli-cancel-', 1000);
    const first = await runCli(['sync', '--config', config, '--db', store.file]);
    expect(first.code, first.stderr).toBe(0);
    const catalogOf = () => {
      const db = openDatabase(store.file);
      try {
        return { offers: listLiveOffers(db), runs: listRuns(db, 10) };
      } finally {
        db.close();
      }
    };
    const before = catalogOf();
    expect(before.offers.length).toBeGreaterThan(0);

    // The next block lasts two minutes: the sync waits, and the merchant presses Ctrl+C meanwhile.
    sim.server.state.rateLimiter.rule.blockMs = 120_000;
    sim.setGeneration(1);
    const child = spawn(process.execPath, [CLI_BIN, 'sync', '--full', '--config', config, '--db', store.file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const waiting = new Promise<void>((resolve) =>
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
        if (stderr.includes("waiting for the supplier's request limit")) resolve();
      }),
    );
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    await waiting;
    child.kill('SIGINT');
    expect(await closed, stderr).toBe(130);
    expect(stderr).toContain('Canceling the sync: every supplier keeps its previous catalog.');
    expect(stdout).toMatch(/demo-dujiao\s+CANCELED .*previous catalog/i);
    const after = catalogOf();
    expect(after.offers).toEqual(before.offers);
    expect(after.runs[0]).toMatchObject({ status: 'canceled', mode: 'full' });
  }, 60_000);

  it('the progress line counts down while a supplier waits for its request limit', () => {
    let now = 1_000_000;
    let written = '';
    const stream = { isTTY: true, write: (text: string) => ((written += text), true) } as unknown as NodeJS.WriteStream;
    const text = () => {
      const all = written;
      written = '';
      return all;
    };
    const bars = new ProgressBars(stream, () => now);
    bars.update('dj', { pagesDone: 1, pagesTotal: 4, items: 100 });
    bars.waiting('dj', now + 23_000);
    expect(text()).toContain("dj               waiting for the supplier's request limit — resumes in 23 s");
    // Pages under way when the wait began land during it: the wait stays on the line.
    bars.update('dj', { pagesDone: 2, pagesTotal: 4, items: 200 });
    expect(text()).toContain('resumes in 23 s');
    now += 5_000;
    bars.waiting('dj', now + 18_000);
    expect(text()).toContain('resumes in 18 s');
    bars.waiting('dj', null);
    expect(text()).toContain('2/4 pages 200 items');
    bars.close();
  });

  it('piped, a wait is one line however often it is put back, and the finished listing one more', () => {
    const lines: string[] = [];
    const stream = { isTTY: false, write: (text: string) => (lines.push(text), true) } as unknown as NodeJS.WriteStream;
    const bars = new ProgressBars(stream, () => 1_000_000);
    bars.update('dj', { pagesDone: 1, pagesTotal: 2, items: 50 });
    bars.waiting('dj', 1_030_000);
    bars.update('dj', { pagesDone: 1, pagesTotal: 2, items: 50 });
    bars.waiting('dj', 1_031_000);
    bars.waiting('dj', 1_032_000);
    bars.waiting('dj', null);
    bars.update('dj', { pagesDone: 2, pagesTotal: 2, items: 100 });
    expect(lines.filter((line) => line.includes('waiting for'))).toEqual([
      "dj               waiting for the supplier's request limit — resumes in 30 s\n",
    ]);
    expect(lines.at(-1)).toContain('2/2 pages 100 items');
    bars.close();
  });
});
