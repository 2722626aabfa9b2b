import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PacedBudget } from '../../src-main/http/budget';
import { adaptivePolicy, localAccountBudget, shareAccountPaces } from '../../src-main/http/budget-policy';
import { SupplierError } from '../../src-main/http/errors';
import { FixedWindowPace } from '../../src-main/http/fixed-window-pace';
import { HostStop, LONGEST_STOP_MS, STOP_CLOCK_SLACK_MS } from '../../src-main/http/host-stop';
import type { PaceLedger } from '../../src-main/http/shared-pace';
import { ipBannedError, IP_BAN_MIN_MS } from '../../src-main/suppliers/seagm/envelope';
import { fakeClock } from '../helpers/fake-clock';
import { flakyLedger, LedgerFolders } from '../helpers/pace-ledger';

const folders = new LedgerFolders();
afterAll(() => folders.removeAll());
afterEach(() => shareAccountPaces(null));

const HOST = 'seagm\napi.example';
const BAN = ipBannedError('api.example');
const T = Date.UTC(2026, 11, 7, 9);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const L = IP_BAN_MIN_MS;

/** Three processes on one data folder, each with its own connection to the ledger, which fails when told to. */
function threeProcesses() {
  const open = folders.dataFolder();
  let writes = 0;
  return {
    writes: () => writes,
    processes: [0, 1, 2].map(() => {
      const { ledger, failing } = flakyLedger(open()());
      const counted: PaceLedger = {
        update: (account, change) => {
          writes++;
          return ledger.update(account, change);
        },
        read: (account) => ledger.read(account),
      };
      const state = { failing, gone: false };
      return { state, stop: new HostStop(() => (state.gone ? null : counted), HOST) };
    }),
  };
}

/** One step of one process: it meets a ban, or looks; the clock moves first (forward, or back when negative). */
const step = (clockMoves: fc.Arbitrary<number>) =>
  fc.record({
    who: fc.integer({ min: 0, max: 2 }),
    clock: clockMoves,
    bans: fc.boolean(),
    // Mostly SEAGM's shortest ban; now and then one of up to the longest a stop may last.
    length: fc.oneof({ arbitrary: fc.constant(L), weight: 3 }, fc.integer({ min: L, max: LONGEST_STOP_MS })),
    ledger: fc.constantFrom('works', 'fails', 'reads only', 'none'),
  });

/** A ledger whose next update lets another process step in first, between this process's read and its write lock. */
function interleaved(real: PaceLedger) {
  const next: { step: (() => void) | null } = { step: null };
  const ledger: PaceLedger = {
    read: (account) => real.read(account),
    update: (account, change) => {
      const step = next.step;
      next.step = null;
      step?.();
      return real.update(account, change);
    },
  };
  return { ledger, next };
}

function expectBan(error: SupplierError | null): void {
  expect(error).toBeInstanceOf(SupplierError);
  expect(error).toMatchObject({ message: BAN.message, code: 'ip_banned', httpStatus: 418, retryable: false });
}

describe("a host's stop (SEAGM's IP ban)", () => {
  it('one process meets the ban: every process on the data folder stops until it ends', () => {
    const open = folders.dataFolder();
    const app = new HostStop(open(), HOST);
    const daemon = new HostStop(open(), HOST);
    expect(daemon.inForce(T)).toBeNull();
    app.stop(BAN, T, T + L);
    expectBan(app.inForce(T + 1));
    expectBan(daemon.inForce(T + 1));
    expectBan(new HostStop(open(), HOST).inForce(T + L - 1));
    expect(daemon.inForce(T + L)).toBeNull();
    expect(app.inForce(T + L)).toBeNull();
    // Another host, and another data folder, go on.
    expect(new HostStop(open(), 'seagm\nother.example').inForce(T + 1)).toBeNull();
    expect(new HostStop(folders.dataFolder()(), HOST).inForce(T + 1)).toBeNull();
  });

  it('the latest end holds for every process: a later ban extends the stop, a shorter one never shortens it', () => {
    const open = folders.dataFolder();
    const app = new HostStop(open(), HOST);
    app.stop(BAN, T, T + 2 * L);
    // Another process meets the ban again a minute on, with the shortest length: the longer one still holds for all.
    const daemon = new HostStop(open(), HOST);
    daemon.stop(BAN, T + MIN, T + MIN + L);
    for (const process of [app, daemon, new HostStop(open(), HOST)]) expectBan(process.inForce(T + MIN + L));
    // Met again later still: everyone stops until that one's end.
    daemon.stop(BAN, T + L, T + 3 * L);
    for (const process of [app, daemon, new HostStop(open(), HOST)]) expectBan(process.inForce(T + 3 * L - 1));
    for (const process of [app, daemon, new HostStop(open(), HOST)]) expect(process.inForce(T + 3 * L)).toBeNull();
  });

  it('a ban met while the ledger failed holds here and reaches the others once it works; later bans reach this one', () => {
    const open = folders.dataFolder();
    const { ledger: flaky, failing } = flakyLedger(open()());
    const app = new HostStop(() => flaky, HOST);
    const daemon = new HostStop(open(), HOST);
    failing.now = true;
    app.stop(BAN, T, T + L);
    expectBan(app.inForce(T + 1));
    expect(daemon.inForce(T + 1)).toBeNull();
    failing.now = false;
    expectBan(app.inForce(T + 2));
    expectBan(daemon.inForce(T + 3));

    // A full disk (reads work, writes fail) for the whole of a ban: it holds here and ends; a later ban another
    // process meets still stops this one.
    failing.now = failing.writesOnly = true;
    app.stop(BAN, T + HOUR, T + HOUR + L);
    expectBan(app.inForce(T + HOUR + 1));
    expect(app.inForce(T + HOUR + L)).toBeNull();
    failing.now = failing.writesOnly = false;
    daemon.stop(BAN, T + 5 * HOUR, T + 5 * HOUR + L);
    expectBan(app.inForce(T + 5 * HOUR + 1));

    // No ledger at all yet while the ban is met: written as soon as there is one.
    let current: PaceLedger | null = null;
    const cli = new HostStop(() => current, HOST);
    cli.stop(BAN, T + DAY, T + DAY + L);
    expectBan(cli.inForce(T + DAY + 1));
    expect(daemon.inForce(T + DAY + 1)).toBeNull();
    current = open()();
    expectBan(cli.inForce(T + DAY + 2));
    expectBan(daemon.inForce(T + DAY + 3));
  });

  it('the process that met a ban keeps it when the ledger is made anew, and writes it there again', () => {
    let current: PaceLedger = folders.dataFolder()()();
    const app = new HostStop(() => current, HOST);
    app.stop(BAN, T, T + L);
    // Another process found the file damaged and made it anew: the stop is gone from it, not from the app.
    const open = folders.dataFolder();
    current = open()();
    expectBan(app.inForce(T + 1));
    expectBan(new HostStop(open(), HOST).inForce(T + 2));
  });

  it('goes by the wall clock alone: set back a little it still holds; set back further, or forward, it ends for all', () => {
    const open = folders.dataFolder();
    const app = new HostStop(open(), HOST);
    app.stop(BAN, T, T + L);
    // A correction of under a minute: the stop holds, and still ends when it would have.
    expectBan(new HostStop(open(), HOST).inForce(T - STOP_CLOCK_SLACK_MS));
    // Set back a day (it was a day ahead): no process finds a stop, whatever it read or met before, and none ever moves
    // the stop, so it can never come back later, nor last longer than the ban.
    const daemon = new HostStop(open(), HOST);
    expectBan(daemon.inForce(T + 1));
    for (const process of [app, daemon, new HostStop(open(), HOST)]) expect(process.inForce(T - DAY)).toBeNull();
    for (const process of [app, daemon]) expect(process.inForce(T - DAY + L + 5 * MIN)).toBeNull();
    // The next ban met then stops everyone anew, from the clock as it is.
    daemon.stop(BAN, T - DAY + L, T - DAY + 2 * L);
    for (const process of [app, daemon, new HostStop(open(), HOST)]) expectBan(process.inForce(T - DAY + L + 1));
    // Set forward past its end: over (the next request meets the ban again if it still stands).
    for (const process of [app, daemon]) expect(process.inForce(T - DAY + 2 * L)).toBeNull();
  });

  it('with the ledger working and the clock running on, every process is stopped exactly while some ban met holds', () => {
    fc.assert(
      fc.property(
        fc.array(step(fc.integer({ min: 0, max: L / 2 })), { minLength: 1, maxLength: 60, size: 'max' }),
        (steps) => {
          const { processes } = threeProcesses();
          const met: number[] = [];
          let now = T;
          for (const { who, clock, bans } of steps) {
            now += clock;
            if (bans) {
              processes[who].stop.stop(BAN, now, now + L);
              met.push(now);
            }
            const held = met.some((at) => at <= now && now < at + L);
            for (const { stop } of processes) expect(stop.inForce(now) !== null).toBe(held);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('whatever fails and however the clock moves: the process meeting a ban stops at once (every process, when the ledger works), no process is stopped outside the dates of a ban met, and looking again writes nothing', () => {
    fc.assert(
      fc.property(
        fc.array(step(fc.integer({ min: -2 * L, max: L / 2 })), { minLength: 1, maxLength: 60, size: 'max' }),
        (steps) => {
          const { processes, writes } = threeProcesses();
          const met: Array<{ from: number; until: number }> = [];
          // Dates of a ban met, with the slack a clock set back a little is allowed.
          const banHolds = (t: number) => met.some((ban) => ban.from - STOP_CLOCK_SLACK_MS <= t && t < ban.until);
          const look = (stop: HostStop, t: number) => {
            const stopped = stop.inForce(t) !== null;
            if (stopped) expect(banHolds(t)).toBe(true);
            return stopped;
          };
          let now = T;
          for (const { who, clock, bans, length, ledger } of steps) {
            now += clock;
            const { state, stop } = processes[who];
            state.gone = ledger === 'none';
            state.failing.now = ledger === 'fails' || ledger === 'reads only';
            state.failing.writesOnly = ledger === 'reads only';
            if (!bans) {
              look(stop, now);
              continue;
            }
            stop.stop(BAN, now, now + length);
            met.push({ from: now, until: now + length });
            const working = processes.filter((process) => !process.state.gone && !process.state.failing.now);
            for (const process of working.length === 3 ? processes : [processes[who]])
              expect(look(process.stop, now)).toBe(true);
          }
          // Nothing fails any more and the clock runs on: each look as above, until every ban met is over.
          for (const { state } of processes) state.gone = state.failing.now = false;
          for (const { stop } of processes) look(stop, now);
          const before = writes();
          for (const { stop } of processes) look(stop, now);
          expect(writes()).toBe(before);
          const lastEnd = Math.max(...met.map((ban) => ban.until), now);
          const tailStep = Math.max(2 * MIN, Math.ceil((lastEnd - now) / 200));
          for (let t = now; t <= lastEnd + STOP_CLOCK_SLACK_MS; t += tailStep)
            for (const { stop } of processes) look(stop, t);
          for (const { stop } of processes) expect(look(stop, lastEnd + STOP_CLOCK_SLACK_MS)).toBe(false);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a ban another process meets between a look and its write is never lost: not taken out, not overwritten', () => {
    const open = folders.dataFolder();
    new HostStop(open(), HOST).stop(BAN, T, T + L);
    const { ledger, next } = interleaved(open()());
    const looker = new HostStop(() => ledger, HOST);
    // The looker finds the stop over; before it takes it out, another process meets a new ban.
    next.step = () => new HostStop(open(), HOST).stop(BAN, T + L, T + 2 * L);
    expect(looker.inForce(T + L)).toBeNull();
    expectBan(new HostStop(open(), HOST).inForce(T + L + 1));
    // A process meeting a short ban finds the ledger without it; before it writes, another meets a longer one.
    const fresh = folders.dataFolder();
    const racing = interleaved(fresh()());
    racing.next.step = () => new HostStop(fresh(), HOST).stop(BAN, T, T + 3 * L);
    new HostStop(() => racing.ledger, HOST).stop(BAN, T, T + L);
    expectBan(new HostStop(fresh(), HOST).inForce(T + 2 * L));
  });

  it('two bans that overlap hold as one, from the first start: a clock set back into the first still finds it', () => {
    const open = folders.dataFolder();
    new HostStop(open(), HOST).stop(BAN, T, T + L);
    new HostStop(open(), HOST).stop(BAN, T + 10 * MIN, T + 10 * MIN + L);
    // Set back five minutes at T + 12 min: the second ban is dated ahead, the first still holds.
    expectBan(new HostStop(open(), HOST).inForce(T + 7 * MIN));
    expect(new HostStop(open(), HOST).inForce(T + 10 * MIN + L)).toBeNull();
  });

  it('a look whose read fails goes by the stop it read last', () => {
    const open = folders.dataFolder();
    const { ledger, failing } = flakyLedger(open()());
    const daemon = new HostStop(() => ledger, HOST);
    new HostStop(open(), HOST).stop(BAN, T, T + L);
    expectBan(daemon.inForce(T + 1));
    failing.now = true;
    expectBan(daemon.inForce(T + 2));
    expect(daemon.inForce(T + L)).toBeNull();
  });

  it('a stored stop this version cannot read, or one longer than any ban, stops nothing', () => {
    const open = folders.dataFolder();
    const ledger = open()();
    const stored = { from: T, until: T + L, message: BAN.message, code: 'ip_banned', httpStatus: 418 };
    for (const state of [
      { ...stored, from: 'now' },
      { ...stored, code: 418 },
      { ...stored, httpStatus: 'teapot' },
      { ...stored, until: T + LONGEST_STOP_MS + 1 },
      { ...stored, until: T },
    ]) {
      ledger.update(HOST, () => ({ state: state as never, result: null }));
      expect(new HostStop(open(), HOST).inForce(T + 1)).toBeNull();
    }
    ledger.update(HOST, () => ({ state: stored, result: null }));
    expectBan(new HostStop(open(), HOST).inForce(T + 1));
  });

  it("every account of the host stops at once, each budget without sending; other hosts' and kinds' accounts go on", async () => {
    shareAccountPaces(folders.dataFolder()());
    const policy = adaptivePolicy(undefined, { perMinute: 6000, holdMs: 1000, maxParallel: 2 });
    const budgetOf = (kind: string, baseUrl: string, account: string) =>
      localAccountBudget({ kind, baseUrl, account }, policy);
    const banned = budgetOf('seagm', 'https://ban-test.example/v1', 'uid-1:key-1');
    const sameHost = budgetOf('seagm', 'https://ban-test.example/v1', 'uid-2:key-2');
    banned.stop(BAN, L);
    let sent = 0;
    const send = async () => {
      sent++;
      return 'answer';
    };
    for (const budget of [banned, sameHost])
      await expect(budget.run(send)).rejects.toMatchObject({ code: 'ip_banned', httpStatus: 418 });
    expect(sent).toBe(0);
    await expect(budgetOf('seagm', 'https://other-ban-test.example/v1', 'uid-1:key-1').run(send)).resolves.toBe(
      'answer',
    );
    await expect(budgetOf('dujiao-next', 'https://ban-test.example/v1', 'uid-1:key-1').run(send)).resolves.toBe(
      'answer',
    );
    expect(sent).toBe(2);
  });

  it('a request the stop refuses costs the pace nothing: once the stop is over the next one goes at once', async () => {
    const clock = fakeClock(T);
    const budget = new PacedBudget(
      new FixedWindowPace({ windowMs: 60_000, maxRequests: 1, blockMs: 30_000, marginMs: 1000 }),
      { clock },
    );
    budget.stop(BAN, 1000);
    for (let i = 0; i < 3; i++)
      await expect(budget.run(async () => 'sent')).rejects.toMatchObject({ code: 'ip_banned' });
    await clock.sleep(1000);
    await expect(budget.run(async () => 'sent')).resolves.toBe('sent');
    expect(clock.sleeps).toEqual([1000]);
  });
});
