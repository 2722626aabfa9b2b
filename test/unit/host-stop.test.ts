import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PacedBudget } from '../../src-main/http/budget';
import { adaptivePolicy, localAccountBudget, shareAccountPaces } from '../../src-main/http/budget-policy';
import { SupplierError } from '../../src-main/http/errors';
import { FixedWindowPace } from '../../src-main/http/fixed-window-pace';
import { HostStop, LONGEST_STOP_MS } from '../../src-main/http/host-stop';
import { ipBannedError, IP_BAN_MIN_MS } from '../../src-main/suppliers/seagm/envelope';
import { fakeClock } from '../helpers/fake-clock';
import { flakyLedger, LedgerFolders } from '../helpers/pace-ledger';

const folders = new LedgerFolders();
afterAll(() => folders.removeAll());
afterEach(() => shareAccountPaces(null));

const HOST = 'seagm\napi.example';
const BAN = ipBannedError('api.example');
const T = Date.UTC(2026, 11, 7, 9);
const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

function expectBan(error: SupplierError | null): void {
  expect(error).toBeInstanceOf(SupplierError);
  expect(error).toMatchObject({ message: BAN.message, code: 'ip_banned', httpStatus: 418, retryable: false });
}

describe("a host's stop (SEAGM's IP ban)", () => {
  it('one process meets the ban: every process on the data folder stops until it could have ended', () => {
    const open = folders.dataFolder();
    const app = new HostStop(open(), HOST);
    const daemon = new HostStop(open(), HOST);
    expect(daemon.inForce(T)).toBeNull();
    app.stop(BAN, T, T + IP_BAN_MIN_MS);
    expectBan(app.inForce(T + 1));
    expectBan(daemon.inForce(T + 1));
    expectBan(daemon.inForce(T + IP_BAN_MIN_MS - 1));
    expect(daemon.inForce(T + IP_BAN_MIN_MS)).toBeNull();
    expect(app.inForce(T + IP_BAN_MIN_MS)).toBeNull();
    // Another host, and another data folder, go on.
    expect(new HostStop(open(), 'seagm\nother.example').inForce(T + 1)).toBeNull();
    expect(new HostStop(folders.dataFolder()(), HOST).inForce(T + 1)).toBeNull();
  });

  it('a later ban extends the stop for every process; an earlier, shorter one never shortens it', () => {
    const open = folders.dataFolder();
    const app = new HostStop(open(), HOST);
    const daemon = new HostStop(open(), HOST);
    app.stop(BAN, T, T + IP_BAN_MIN_MS);
    // Met again 20 minutes on, by another process: everyone now stops until that one's end.
    daemon.stop(BAN, T + 20 * 60_000, T + 20 * 60_000 + IP_BAN_MIN_MS);
    expectBan(app.inForce(T + IP_BAN_MIN_MS + 1));
    expectBan(new HostStop(open(), HOST).inForce(T + IP_BAN_MIN_MS + 1));
    // A process telling of a shorter stop after that leaves the longer one.
    new HostStop(open(), HOST).stop(BAN, T + 21 * 60_000, T + 22 * 60_000);
    expectBan(new HostStop(open(), HOST).inForce(T + IP_BAN_MIN_MS + 1));
    expect(daemon.inForce(T + 20 * 60_000 + IP_BAN_MIN_MS)).toBeNull();
  });

  it('a stop the ledger could not store holds here, and reaches the others once the ledger works again', () => {
    const open = folders.dataFolder();
    const { ledger: flaky, failing } = flakyLedger(open()());
    failing.now = true;
    const app = new HostStop(() => flaky, HOST);
    const daemon = new HostStop(open(), HOST);
    app.stop(BAN, T, T + IP_BAN_MIN_MS);
    expectBan(app.inForce(T + 1));
    expect(daemon.inForce(T + 1)).toBeNull();
    failing.now = false;
    expectBan(app.inForce(T + 2));
    expectBan(daemon.inForce(T + 3));
    // Without any ledger at all, the process stops alone.
    const alone = new HostStop(() => null, HOST);
    alone.stop(BAN, T, T + IP_BAN_MIN_MS);
    expectBan(alone.inForce(T + 1));
  });

  it('a clock that went back never stretches a stop beyond its own length', () => {
    const open = folders.dataFolder();
    const app = new HostStop(open(), HOST);
    const daemon = new HostStop(open(), HOST);
    app.stop(BAN, T, T + IP_BAN_MIN_MS);
    const dayEarlier = T - 24 * 60 * 60_000;
    // Read a day before it was written: it lasts its length from now, and then it is over, here and for the others.
    expectBan(daemon.inForce(dayEarlier));
    expectBan(daemon.inForce(dayEarlier + IP_BAN_MIN_MS - 1));
    expect(daemon.inForce(dayEarlier + IP_BAN_MIN_MS)).toBeNull();
    expect(app.inForce(dayEarlier + IP_BAN_MIN_MS)).toBeNull();
    expect(new HostStop(open(), HOST).inForce(dayEarlier + IP_BAN_MIN_MS)).toBeNull();
    // A process alone, whose clock went back after its stop: the same bound.
    const alone = new HostStop(() => null, HOST);
    alone.stop(BAN, T, T + IP_BAN_MIN_MS);
    expectBan(alone.inForce(dayEarlier));
    expect(alone.inForce(dayEarlier + IP_BAN_MIN_MS)).toBeNull();

    // A ledger that reads but cannot write (a full disk): the process goes by its own copy, dated from its first look.
    const { ledger: full, failing } = flakyLedger(open()());
    failing.now = failing.writesOnly = true;
    new HostStop(open(), HOST).stop(BAN, T, T + IP_BAN_MIN_MS);
    const reader = new HostStop(() => full, HOST);
    expectBan(reader.inForce(T - 60_000));
    expectBan(reader.inForce(T - 60_000 + IP_BAN_MIN_MS - 1));
    expect(reader.inForce(T - 60_000 + IP_BAN_MIN_MS)).toBeNull();
  });

  it('a stop found over is over for good: a clock set back later does not start it anew', () => {
    const open = folders.dataFolder();
    const app = new HostStop(open(), HOST);
    app.stop(BAN, T, T + IP_BAN_MIN_MS);
    expect(app.inForce(T + 5 * HOUR)).toBeNull();
    // The clock is set back a day (it was a day ahead): no ban is in force, here or in any process.
    expect(app.inForce(T + 5 * HOUR - DAY)).toBeNull();
    expect(new HostStop(open(), HOST).inForce(T + 5 * HOUR - DAY)).toBeNull();
    const alone = new HostStop(() => null, HOST);
    alone.stop(BAN, T, T + IP_BAN_MIN_MS);
    expect(alone.inForce(T + 5 * HOUR)).toBeNull();
    expect(alone.inForce(T - DAY)).toBeNull();
  });

  it('a stored stop this version cannot read, or one longer than any ban, stops nothing', () => {
    const open = folders.dataFolder();
    const ledger = open()();
    const stored = { from: T, until: T + IP_BAN_MIN_MS, message: BAN.message, code: 'ip_banned', httpStatus: 418 };
    for (const state of [
      { ...stored, from: 'now' },
      { ...stored, code: 418 },
      { ...stored, httpStatus: 'teapot' },
      { ...stored, until: T + LONGEST_STOP_MS + 1 },
      { ...stored, until: T - 1 },
    ]) {
      ledger.update(HOST, () => ({ state: state as never, result: null }));
      expect(new HostStop(open(), HOST).inForce(T + 1)).toBeNull();
    }
    ledger.update(HOST, () => ({ state: stored, result: null }));
    expectBan(new HostStop(open(), HOST).inForce(T + 1));
  });

  it("every account of the host stops at once, each budget without sending; another host's accounts go on", async () => {
    shareAccountPaces(folders.dataFolder()());
    const policy = adaptivePolicy(undefined, { perMinute: 6000, holdMs: 1000, maxParallel: 2 });
    const budgetOf = (baseUrl: string, account: string) =>
      localAccountBudget({ kind: 'seagm', baseUrl, account }, policy);
    const banned = budgetOf('https://ban-test.example/v1', 'uid-1:key-1');
    const sameHost = budgetOf('https://ban-test.example/v1', 'uid-2:key-2');
    const otherHost = budgetOf('https://other-ban-test.example/v1', 'uid-1:key-1');
    banned.stop(BAN, IP_BAN_MIN_MS);
    let sent = 0;
    const send = async () => {
      sent++;
      return 'answer';
    };
    for (const budget of [banned, sameHost])
      await expect(budget.run(send)).rejects.toMatchObject({ code: 'ip_banned', httpStatus: 418 });
    expect(sent).toBe(0);
    await expect(otherHost.run(send)).resolves.toBe('answer');
    const otherKind = localAccountBudget(
      { kind: 'dujiao-next', baseUrl: 'https://ban-test.example/v1', account: 'uid-1:key-1' },
      policy,
    );
    await expect(otherKind.run(send)).resolves.toBe('answer');
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
