import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { dataFolderPaces, openPaceLedger, PACE_LEDGER_FILE } from '../../src-main/db/pace-ledger';
import { AdaptivePace } from '../../src-main/http/adaptive-pace';
import { fixedWindowPolicy, localAccountBudget, shareAccountPaces } from '../../src-main/http/budget-policy';
import { FixedWindowPace } from '../../src-main/http/fixed-window-pace';
import type { Pace } from '../../src-main/http/pace';
import { SharedPace, type PaceLedger } from '../../src-main/http/shared-pace';
import { flakyLedger, LedgerFolders, pacesStored } from '../helpers/pace-ledger';

/**
 * Several processes pacing one supplier account through one ledger file: each "process" here has a pace of its own
 * and a connection of its own to the file, as the app, the background service and the CLI have.
 */
const folders = new LedgerFolders();
afterAll(() => folders.removeAll());
const dataFolder = () => folders.dataFolder();

const RULE = { windowMs: 60_000, maxRequests: 5, blockMs: 30_000, marginMs: 1000 };
const ACCOUNT = 'dujiao-next\nshop.example\n0f1e';

/** Admits at `now`, settling at once as an answer arriving at that instant; the instant to ask again when refused. */
function ask(pace: Pace, now: number): true | number {
  const admission = pace.admit(now);
  if (!admission.go) return admission.retryAt;
  admission.settled(now);
  return true;
}

describe('one pace for every process using a supplier account', () => {
  it("two processes share a Dujiao-Next window: the second is refused once the first spent the window's allowance", () => {
    const open = dataFolder();
    const app = new SharedPace(new FixedWindowPace(RULE), open(), ACCOUNT);
    const daemon = new SharedPace(new FixedWindowPace(RULE), open(), ACCOUNT);
    for (let i = 0; i < 3; i++) expect(ask(app, 1000 + i)).toBe(true);
    expect(ask(daemon, 2000)).toBe(true);
    expect(ask(daemon, 2001)).toBe(true);
    // Five in the window between them: the sixth waits for the window the app's first answer started, plus the margin.
    expect(ask(daemon, 2002)).toBe(1000 + RULE.windowMs + RULE.marginMs);
    expect(ask(app, 2003)).toBe(1000 + RULE.windowMs + RULE.marginMs);
    // Alone, each would have let its own five through.
    const alone = new FixedWindowPace(RULE);
    expect(ask(alone, 2002)).toBe(true);
  });

  it('a block one process ran into holds the others until it is over', () => {
    const open = dataFolder();
    const app = new SharedPace(new FixedWindowPace(RULE), open(), ACCOUNT);
    const cli = new SharedPace(new FixedWindowPace(RULE), open(), ACCOUNT);
    expect(ask(app, 0)).toBe(true);
    app.throttled(10, null);
    expect(ask(cli, 20)).toBe(10 + RULE.blockMs + RULE.marginMs);
    // Once the block is over, the server starts over and so does everyone.
    expect(ask(cli, 10 + RULE.blockMs + RULE.marginMs)).toBe(true);
  });

  it('other accounts, and other data folders, are paced apart', () => {
    const open = dataFolder();
    const one = new SharedPace(new FixedWindowPace({ ...RULE, maxRequests: 1 }), open(), ACCOUNT);
    const other = new SharedPace(new FixedWindowPace({ ...RULE, maxRequests: 1 }), open(), `${ACCOUNT}-other`);
    const elsewhere = new SharedPace(new FixedWindowPace({ ...RULE, maxRequests: 1 }), dataFolder()(), ACCOUNT);
    expect(ask(one, 0)).toBe(true);
    expect(ask(other, 0)).toBe(true);
    expect(ask(elsewhere, 0)).toBe(true);
    expect(ask(one, 1)).not.toBe(true);
  });

  it('a window whose first answer never came back (its process died) still ends', () => {
    const open = dataFolder();
    const died = new SharedPace(new FixedWindowPace({ ...RULE, maxRequests: 1 }), open(), ACCOUNT);
    // Admitted, never settled: the process was killed with the request in flight.
    expect(died.admit(0).go).toBe(true);
    const next = new SharedPace(new FixedWindowPace({ ...RULE, maxRequests: 1 }), open(), ACCOUNT);
    const retryAt = ask(next, 1000);
    expect(retryAt).not.toBe(true);
    let now = 1000;
    while (now < 10 * 60_000) {
      const answer = ask(next, now);
      if (answer === true) break;
      now = answer;
    }
    // After the longest an answer could take (150 s: past the transport's 120 s deadline) and the window it would have
    // started, with the margin: not before, since a first request may really be in flight that long, and not never.
    expect(now).toBe(150_000 + RULE.windowMs + RULE.marginMs);
  });

  it('adaptive paces: the requests of all processes together stay within the pace in any minute', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 120 }),
        // Which process asks next, and how long after its last request.
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2000 })), {
          minLength: 1,
          maxLength: 200,
          size: 'max',
        }),
        (perMinute, turns) => {
          const open = dataFolder();
          const paces = [0, 1, 2].map(
            () =>
              new SharedPace(new AdaptivePace({ requestsPerMinute: perMinute, defaultHoldMs: 1000 }), open(), ACCOUNT),
          );
          const sent: number[] = [];
          let now = 0;
          for (const [who, gap] of turns) {
            for (;;) {
              const answer = ask(paces[who], now);
              if (answer === true) break;
              now = answer;
            }
            sent.push(now);
            now += gap;
          }
          for (let first = 0, last = 0; last < sent.length; last++) {
            while (sent[last] - sent[first] >= 60_000) first++;
            expect(last - first + 1).toBeLessThanOrEqual(perMinute);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a slowed pace is everyone’s: a throttle one process met halves the pace of the others', () => {
    const open = dataFolder();
    const rule = { requestsPerMinute: 60, defaultHoldMs: 1000 };
    const app = new SharedPace(new AdaptivePace(rule), open(), ACCOUNT);
    const daemon = new SharedPace(new AdaptivePace(rule), open(), ACCOUNT);
    expect(ask(app, 0)).toBe(true);
    app.throttled(0, 5000);
    expect(ask(daemon, 100)).toBe(5000);
    expect(ask(daemon, 5000)).toBe(true);
    expect(daemon.perMinute()).toBe(30);
  });

  it('a ledger that cannot be used, or holds what it cannot read, leaves each process pacing alone', () => {
    const broken: PaceLedger = {
      update: () => {
        throw new Error('SQLITE_FULL');
      },
      read: () => {
        throw new Error('SQLITE_FULL');
      },
    };
    const pace = new SharedPace(new FixedWindowPace({ ...RULE, maxRequests: 2 }), () => broken, ACCOUNT);
    expect(ask(pace, 0)).toBe(true);
    expect(ask(pace, 1)).toBe(true);
    expect(ask(pace, 2)).toBe(RULE.windowMs + RULE.marginMs);

    // A state written by another version: this one starts from its own.
    const open = dataFolder();
    const ledger = open();
    ledger()!.update(ACCOUNT, () => ({ state: { windowOpenedAt: 'soon', count: -1 } as never, result: null }));
    const reader = new SharedPace(new FixedWindowPace({ ...RULE, maxRequests: 1 }), ledger, ACCOUNT);
    expect(ask(reader, 0)).toBe(true);
    expect(ask(reader, 1)).toBe(RULE.windowMs + RULE.marginMs);
  });

  it('what a step learnt while the ledger failed reaches it at the next step, and a step is counted once', () => {
    const open = dataFolder();
    const real = open()()!;
    let failing: 'never' | 'before' | 'after' = 'never';
    const flaky: PaceLedger = {
      update: (account, change) => {
        if (failing === 'before') throw new Error('SQLITE_BUSY');
        if (failing === 'never') return real.update(account, change);
        // The step ran, then storing it failed (the transaction rolled back).
        real.update(account, (state) => ({ state: state ?? {}, result: change(state).result }));
        throw new Error('SQLITE_IOERR');
      },
      read: (account) => real.read(account),
    };
    const app = new SharedPace(new FixedWindowPace({ ...RULE, maxRequests: 3 }), () => flaky, ACCOUNT);
    const daemon = new SharedPace(new FixedWindowPace({ ...RULE, maxRequests: 3 }), open(), ACCOUNT);
    const first = app.admit(0);
    expect(first.go).toBe(true);
    // The first answer comes back while the ledger is busy: the window's end is the app's alone for now.
    failing = 'before';
    if (first.go) first.settled(500);
    failing = 'never';
    expect(ask(app, 600)).toBe(true);
    // Stored with that admission: the daemon knows when the window ends, not "soon" every margin for 150 s.
    expect(ask(daemon, 700)).toBe(true);
    expect(ask(daemon, 800)).toBe(500 + RULE.windowMs + RULE.marginMs);
    // A step whose result could not be stored still ran once: the app counts it once, not again on a retry.
    const alone = new SharedPace(new FixedWindowPace({ ...RULE, maxRequests: 2 }), () => flaky, `${ACCOUNT}-alone`);
    failing = 'after';
    expect(ask(alone, 0)).toBe(true);
    expect(ask(alone, 1)).toBe(true);
    expect(ask(alone, 2)).toBe(RULE.windowMs + RULE.marginMs);
  });

  it('a window another process opened a moment after this one read its clock keeps its count', () => {
    const open = dataFolder();
    const early = new SharedPace(new FixedWindowPace(RULE), open(), ACCOUNT);
    const late = new SharedPace(new FixedWindowPace(RULE), open(), ACCOUNT);
    // `late` read its clock at 1001, took the ledger first and spent the window; `early` read 1000 just before.
    for (let i = 0; i < RULE.maxRequests; i++) expect(ask(late, 1001)).toBe(true);
    expect(ask(early, 1000)).toBe(1001 + RULE.windowMs + RULE.marginMs);
  });

  it('told late, an old throttle leaves a window opened since as it is, and successes are not told late at all', () => {
    const open = dataFolder();
    const real = open()()!;
    const { ledger: flaky, failing } = flakyLedger(real);
    const app = new SharedPace(new FixedWindowPace(RULE), () => flaky, ACCOUNT);
    const daemon = new SharedPace(new FixedWindowPace(RULE), open(), ACCOUNT);
    expect(ask(app, 0)).toBe(true);
    failing.now = true;
    app.throttled(10, null);
    failing.now = false;
    // Long after that block, the daemon spends a window; then the app's next step tells the ledger of its throttle.
    for (let i = 0; i < RULE.maxRequests; i++) expect(ask(daemon, 70_000)).toBe(true);
    expect(ask(app, 70_001)).toBe(70_000 + RULE.windowMs + RULE.marginMs);

    const rule = { requestsPerMinute: 64, defaultHoldMs: 1000 };
    const fast = new SharedPace(new AdaptivePace(rule), () => flaky, `${ACCOUNT}-adaptive`);
    const slowed = new SharedPace(new AdaptivePace(rule), open(), `${ACCOUNT}-adaptive`);
    expect(ask(slowed, 0)).toBe(true);
    slowed.throttled(0, 100);
    expect(slowed.perMinute()).toBe(32);
    failing.now = true;
    for (let i = 0; i < 40; i++) fast.succeeded(200);
    failing.now = false;
    expect(ask(fast, 60_000)).toBe(true);
    expect(fast.perMinute()).toBe(32);
  });

  it("no request goes uncounted: the server's window never sees more than the allowance, whatever steps the ledger fails", () => {
    fc.assert(
      fc.property(
        // Two processes with a ledger that never fails, or one whose ledger fails at random steps.
        fc.boolean(),
        fc.array(fc.tuple(fc.boolean(), fc.boolean(), fc.integer({ min: 0, max: 3000 })), {
          minLength: 1,
          maxLength: 150,
          size: 'max',
        }),
        (two, turns) => {
          const real = dataFolder()()()!;
          const { ledger: flaky, failing } = flakyLedger(real);
          const rule = { ...RULE, maxRequests: 5 };
          const paces = [0, 1].map(() => new SharedPace(new FixedWindowPace(rule), () => flaky, ACCOUNT));
          // The server's count: a window from the first request it sees; each request arrives as it is sent.
          let windowStart = -Infinity;
          let count = 0;
          let now = 0;
          for (const [second, fails, gap] of turns) {
            const pace = paces[two && second ? 1 : 0];
            failing.now = !two && fails;
            for (;;) {
              const answer = ask(pace, now);
              if (answer === true) break;
              now = answer;
            }
            if (now >= windowStart + rule.windowMs) {
              windowStart = now;
              count = 0;
            }
            count++;
            expect(count).toBeLessThanOrEqual(rule.maxRequests);
            now += gap;
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('what the ledger hears late counts as it happened: sent before a block, forgotten; sent with no ledger, counted', () => {
    const open = dataFolder();
    const real = open()()!;
    const { ledger: flaky, failing } = flakyLedger(real);
    const app = new SharedPace(new FixedWindowPace(RULE), () => flaky, ACCOUNT);
    const daemon = new SharedPace(new FixedWindowPace(RULE), open(), ACCOUNT);
    expect(ask(app, 0)).toBe(true);
    failing.now = true;
    expect(ask(app, 10_000)).toBe(true);
    failing.now = false;
    // The daemon meets a block: when it ends, the server has forgotten every request before it, the app's too.
    daemon.throttled(20_000, null);
    for (let i = 0; i < RULE.maxRequests; i++) expect(ask(app, 60_000)).toBe(true);
    expect(ask(app, 60_000)).toBe(60_000 + RULE.windowMs + RULE.marginMs);

    // Sent during another's block, and told late: it opens the window the ledger now has, and its answer dates its end.
    const answering = new SharedPace(new FixedWindowPace(RULE), () => flaky, `${ACCOUNT}-answered`);
    const blocked = new SharedPace(new FixedWindowPace(RULE), open(), `${ACCOUNT}-answered`);
    expect(ask(answering, 0)).toBe(true);
    blocked.throttled(500, null);
    failing.now = true;
    expect(ask(answering, 1000)).toBe(true);
    failing.now = false;
    for (let i = 1; i < RULE.maxRequests; i++) expect(ask(answering, 40_000)).toBe(true);
    expect(ask(answering, 40_000)).toBe(1000 + RULE.windowMs + RULE.marginMs);

    // A process whose ledger was not there yet (opened late): its requests count once it is.
    let ledgerNow: (() => PaceLedger | null) | null = null;
    const late = new SharedPace(new FixedWindowPace(RULE), () => ledgerNow?.() ?? null, `${ACCOUNT}-late`);
    for (let i = 0; i < RULE.maxRequests; i++) expect(ask(late, 0)).toBe(true);
    ledgerNow = open();
    expect(ask(late, 40_000)).toBe(RULE.windowMs + RULE.marginMs);
    const other = new SharedPace(new FixedWindowPace(RULE), open(), `${ACCOUNT}-late`);
    expect(ask(other, 40_000)).toBe(RULE.windowMs + RULE.marginMs);
  });

  it('a request told late counts in the window it went in: not in one opened long after, and earlier in one it began', () => {
    const open = dataFolder();
    // The CLI sends a window's worth with no ledger yet; ten minutes later the app opens a window in the ledger.
    let cliLedger: (() => PaceLedger | null) | null = null;
    const cli = new SharedPace(new FixedWindowPace(RULE), () => cliLedger?.() ?? null, ACCOUNT);
    for (let i = 0; i < RULE.maxRequests; i++) expect(ask(cli, 0)).toBe(true);
    const app = new SharedPace(new FixedWindowPace(RULE), open(), ACCOUNT);
    expect(ask(app, 600_000)).toBe(true);
    cliLedger = open();
    // The CLI's old requests went in a server window long over: the app's window has room for four more, not none.
    for (let i = 1; i < RULE.maxRequests; i++) expect(ask(cli, 600_200)).toBe(true);
    expect(ask(cli, 600_200)).toBe(600_000 + RULE.windowMs + RULE.marginMs);

    // Sent at 10 s while its ledger was busy, told after another process opened the ledger's window at 15 s: the
    // server's window began at 10 s, so no request may go after 10 s + a window - the margin.
    const real = open()()!;
    const { ledger: flaky, failing } = flakyLedger(real);
    const early = new SharedPace(new FixedWindowPace(RULE), () => flaky, `${ACCOUNT}-early`);
    const later = new SharedPace(new FixedWindowPace(RULE), open(), `${ACCOUNT}-early`);
    failing.now = true;
    expect(ask(early, 10_000)).toBe(true);
    failing.now = false;
    expect(ask(later, 15_000)).toBe(true);
    expect(ask(early, 16_000)).toBe(true);
    expect(ask(later, 68_500)).toBe(true);
    expect(ask(later, 69_500)).toBe(15_000 + RULE.windowMs + RULE.marginMs);
  });

  it("a ledger that lost the account's row goes on from what it last held, and the clock is read again in its lock", () => {
    const open = dataFolder();
    const ledger = open();
    const pace = new SharedPace(new FixedWindowPace(RULE), ledger, ACCOUNT);
    for (let i = 0; i < 3; i++) expect(ask(pace, 0)).toBe(true);
    ledger()!.update(ACCOUNT, () => ({ state: {}, result: null }));
    expect(ask(pace, 1)).toBe(true);
    expect(ask(pace, 2)).toBe(true);
    expect(ask(pace, 3)).toBe(RULE.windowMs + RULE.marginMs);

    // The caller read 0; by the time the ledger was this process's, the clock said 5000: the window opens then.
    const later = new SharedPace(new FixedWindowPace(RULE), open(), `${ACCOUNT}-later`, () => 5000);
    for (let i = 0; i < RULE.maxRequests; i++) expect(ask(later, 0)).toBe(true);
    expect(ask(later, 0)).toBe(5000 + RULE.windowMs + RULE.marginMs);
  });

  it('a state kept from before bounds itself by now: a clock that went back, or a hold asked for a day, holds about a block at most', () => {
    const open = dataFolder();
    const ledger = open();
    const DAY = 86_400_000;
    ledger()!.update(ACCOUNT, () => ({
      state: { windowOpenedAt: 5 * DAY, windowEndsAt: 5 * DAY + 61_000, count: 5, blockedUntil: 6 * DAY },
      result: null,
    }));
    const fixed = new SharedPace(new FixedWindowPace(RULE), open(), ACCOUNT);
    // Bounded by a block from a window ahead of now (another process's clock may read that much later than this one's).
    const bound = 1000 + RULE.windowMs + RULE.blockMs + RULE.marginMs;
    expect(ask(fixed, 1000)).toBe(bound);
    expect(ask(fixed, bound)).toBe(true);

    const rule = { requestsPerMinute: 60, defaultHoldMs: 1000 };
    const adaptive = new SharedPace(new AdaptivePace(rule), open(), `${ACCOUNT}-adaptive`);
    expect(ask(adaptive, 0)).toBe(true);
    // A Retry-After of a day holds every process ten minutes at most, then a request asks again.
    adaptive.throttled(0, DAY);
    const later = new SharedPace(new AdaptivePace(rule), open(), `${ACCOUNT}-adaptive`);
    expect(ask(later, 1000)).toBe(10 * 60_000);
  });

  it('budgets follow the ledger of the moment: one made before a ledger closed shares through the next one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'supplygrid-pace-ledger-'));
    folders.dirs.push(dir);
    const dbFile = join(dir, 'supplygrid.db');
    const identity = { kind: 'dujiao-next', baseUrl: 'https://shop.example', account: `key-${Date.now()}` };
    // One process running two commands in turn (the CLI in-process, as tests run it): the budget outlives the first.
    const first = dataFolderPaces(dbFile);
    shareAccountPaces(first.ledger);
    const budget = localAccountBudget(identity, fixedWindowPolicy(5));
    try {
      await budget.run(async () => undefined);
      first.close();
      shareAccountPaces(null);
      const second = dataFolderPaces(dbFile);
      shareAccountPaces(second.ledger);
      await budget.run(async () => undefined);
      second.close();
    } finally {
      shareAccountPaces(null);
    }
    expect(pacesStored(dir)).toEqual([expect.objectContaining({ count: 2 })]);
  });

  it('a damaged ledger is made anew; one that cannot be made says why, and the process paces alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'supplygrid-pace-ledger-'));
    folders.dirs.push(dir);
    writeFileSync(join(dir, PACE_LEDGER_FILE), 'not a database, written over by something else');
    const paces = dataFolderPaces(join(dir, 'supplygrid.db'));
    const pace = new SharedPace(new FixedWindowPace(RULE), paces.ledger, ACCOUNT);
    expect(ask(pace, 0)).toBe(true);
    paces.close();
    expect(pacesStored(dir)).toEqual([expect.objectContaining({ count: 1 })]);

    // A file stands where the folder should be.
    writeFileSync(join(dir, 'not-a-folder'), '');
    const reasons: string[] = [];
    const nowhere = dataFolderPaces(join(dir, 'not-a-folder', 'supplygrid.db'), {
      onUnavailable: (reason) => reasons.push(reason),
    });
    expect(nowhere.ledger()).toBeNull();
    expect(nowhere.ledger()).toBeNull();
    expect(reasons).toEqual([expect.stringContaining(join('not-a-folder', PACE_LEDGER_FILE))]);
  });

  it('a ledger another process made anew (it found the file damaged) is followed within a second', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'supplygrid-pace-ledger-'));
    folders.dirs.push(dir);
    const dbFile = join(dir, 'supplygrid.db');
    const app = dataFolderPaces(dbFile);
    const appPace = new SharedPace(new FixedWindowPace(RULE), app.ledger, ACCOUNT);
    expect(ask(appPace, 0)).toBe(true);
    for (const part of ['', '-wal', '-shm']) rmSync(join(dir, `${PACE_LEDGER_FILE}${part}`), { force: true });
    const cli = dataFolderPaces(dbFile);
    const cliPace = new SharedPace(new FixedWindowPace(RULE), cli.ledger, ACCOUNT);
    for (let i = 0; i < RULE.maxRequests; i++) expect(ask(cliPace, 1000)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    // The app's handle was on the removed file: it now reads the window the CLI spent in the new one.
    expect(ask(appPace, 2000)).toBe(1000 + RULE.windowMs + RULE.marginMs);
    app.close();
    cli.close();
  });

  it('the ledger sits beside the database, readable by its owner only, and none is made for a database in memory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'supplygrid-pace-ledger-'));
    folders.dirs.push(dir);
    const ledger = openPaceLedger(join(dir, 'supplygrid.db'))!;
    folders.ledgers.push(ledger);
    if (process.platform !== 'win32') expect(statSync(join(dir, PACE_LEDGER_FILE)).mode & 0o777).toBe(0o600);
    expect(openPaceLedger(':memory:')).toBeNull();
  });
});
