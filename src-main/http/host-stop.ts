import { portableSupplierError, supplierErrorFrom, type PortableSupplierError, type SupplierError } from './errors';
import { isStateNumber, type PaceState } from './pace';
import type { PaceLedger } from './shared-pace';

/** SEAGM's doc: bans "scale in duration for repeat offenders, from 30 minutes to 3 days". No stop is trusted longer. */
export const LONGEST_STOP_MS = 3 * 24 * 60 * 60_000;

/**
 * How far before its start a stop still holds: a clock set back a little (a correction) keeps it. One set back further
 * ends it, as one set forward does: the next request then meets the ban again, and everyone stops anew from there.
 */
export const STOP_CLOCK_SLACK_MS = 60_000;

interface StopRecord {
  from: number;
  until: number;
  error: PortableSupplierError;
}

/**
 * A refusal of every request to one upstream host for a while, whichever account sends it: SEAGM bans this computer's
 * IP address (418), not one key. Every account budget of the host in this process shares one, and the data folder's
 * ledger (shared-pace.ts) holds it as well, so the app, the background service and a CLI run all stop at the first ban
 * any of them meets instead of each sending until it meets the ban itself.
 *
 * A stop holds from its start to its end by the wall clock, nothing else: no process ever moves it, so no failure or
 * clock change can make one last longer than the bans it stands for (a ban met while another holds joins it, from the
 * first start to the last end, three days at most), and the first look that finds it over (or dated ahead: the clock
 * was set back) takes it out of the ledger. Each look reads the ledger's stop; the process that met a ban keeps its own
 * as well, and writes it again at any look that finds the ledger without it (the ledger failed when the ban was met,
 * it was made anew, or the clock came back into the ban's dates after another process took it out).
 */
export class HostStop {
  /** The stop this process met, while it holds. */
  private own: StopRecord | null = null;
  /** The ledger's stop as last read, while it holds: what a look goes by when the ledger fails to read once. */
  private read: StopRecord | null = null;

  constructor(
    /** The process's ledger at each look: it may be opened late, closed or replaced. */
    private readonly ledger: () => PaceLedger | null,
    /** The host's key in the ledger; it names no account. */
    private readonly key: string,
  ) {}

  /**
   * Every request to the host fails with `error` from `from` until `until` (epoch ms). The error is what every account
   * and process meets, so it names the host, never the account or the request that met the ban.
   */
  stop(error: SupplierError, from: number, until: number): void {
    const record = { from, until: Math.min(until, from + LONGEST_STOP_MS), error: portableSupplierError(error) };
    this.own = this.own && holds(this.own, from) ? joined(this.own, record) : record;
    this.inForce(from);
  }

  /** The error a request to the host meets at `now` when a stop (this process's or another's) holds, else null. */
  inForce(now: number): SupplierError | null {
    if (this.own && !holds(this.own, now)) this.own = null;
    const ledger = this.ledger();
    if (ledger) {
      try {
        const found = stopRecordFrom(ledger.read(this.key));
        this.read = found && holds(found, now) ? found : null;
        if (found && !this.read) this.takeOut(ledger, found);
        if (this.own && !covers(this.read, this.own)) this.share(ledger, this.own, now);
      } catch {
        // The ledger failed this once: the stop this process met, or the one it read last, still holds.
      }
    }
    if (this.read && !holds(this.read, now)) this.read = null;
    const longest = [this.own, this.read].reduce<StopRecord | null>(
      (a, b) => (b && (!a || b.until > a.until) ? b : a),
      null,
    );
    return longest ? supplierErrorFrom(longest.error) : null;
  }

  /**
   * Takes a stop out of the ledger once a look finds it over, or dated ahead by more than the slack (the clock was set
   * back): the clock running on into its dates later must not start a ban that is long over again.
   */
  private takeOut(ledger: PaceLedger, found: StopRecord): void {
    ledger.update(this.key, (state) => {
      const current = stopRecordFrom(state);
      return { state: current && sameStop(current, found) ? {} : (state ?? {}), result: undefined };
    });
  }

  /** Adds `own` to the ledger's stop, as it stands under the write lock (another process may have met a ban meanwhile). */
  private share(ledger: PaceLedger, own: StopRecord, now: number): void {
    ledger.update(this.key, (state) => {
      const stored = stopRecordFrom(state);
      return { state: stateOf(stored && holds(stored, now) ? joined(stored, own) : own), result: undefined };
    });
  }
}

const sameStop = (a: StopRecord, b: StopRecord | null) => b !== null && a.from === b.from && a.until === b.until;

/**
 * Two stops that both hold now, as one: from the earlier start to the later end, so that a clock set back into the
 * first never finds it gone because the second was all that was kept. Saying what the later one says.
 */
function joined(a: StopRecord, b: StopRecord): StopRecord {
  const later = b.until > a.until ? b : a;
  return lastPart({ ...later, from: Math.min(a.from, b.from) });
}

/** A stop as the ledger can keep it: its last LONGEST_STOP_MS at most (bans joined over days lose their start). */
function lastPart(record: StopRecord): StopRecord {
  return { ...record, from: Math.max(record.from, record.until - LONGEST_STOP_MS) };
}

/** Whether stop `outer` holds whenever `inner` does, as far as one stop can (its last LONGEST_STOP_MS). */
const covers = (outer: StopRecord | null, inner: StopRecord) =>
  outer !== null && outer.until >= inner.until && outer.from <= Math.max(inner.from, outer.until - LONGEST_STOP_MS);

function holds(record: StopRecord, now: number): boolean {
  return record.from - STOP_CLOCK_SLACK_MS <= now && now < record.until;
}

function stateOf(record: StopRecord): PaceState {
  const { message, code, httpStatus } = record.error;
  return { from: record.from, until: record.until, message, code, httpStatus };
}

/** A stored stop, or null for none or one this version cannot read (another version's, or damaged). */
function stopRecordFrom(state: PaceState | undefined): StopRecord | null {
  if (!state) return null;
  const { from, until, message, code, httpStatus } = state;
  if (!isStateNumber(from) || !isStateNumber(until) || until <= from || until - from > LONGEST_STOP_MS) return null;
  if (typeof message !== 'string' || typeof code !== 'string') return null;
  if (httpStatus !== null && !isStateNumber(httpStatus)) return null;
  return { from, until, error: { message, code, httpStatus, retryable: false, retryAfterMs: null } };
}
