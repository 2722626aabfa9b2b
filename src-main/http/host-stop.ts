import { portableSupplierError, supplierErrorFrom, type PortableSupplierError, type SupplierError } from './errors';
import { isStateNumber, type PaceState } from './pace';
import type { PaceLedger } from './shared-pace';

/** SEAGM's doc: bans "scale in duration for repeat offenders, from 30 minutes to 3 days". No stop is trusted longer. */
export const LONGEST_STOP_MS = 3 * 24 * 60 * 60_000;

interface StopRecord {
  from: number;
  until: number;
  error: PortableSupplierError;
}

/**
 * A refusal of every request to one upstream host for a while, whichever account sends it: SEAGM bans this computer's
 * IP address (418), not one key. Every account budget of the host in this process shares one, and it is kept in the
 * data folder's ledger (shared-pace.ts) as well, so the app, the background service and a CLI run all stop at the first
 * ban any of them meets instead of each sending until it meets the ban itself. Without a ledger (none opened, or one
 * that fails) the stop holds in this process, and is written to the ledger at the next look that reaches it. A stop
 * found over is taken out of the ledger: a clock set back later must not find it again and start it anew.
 */
export class HostStop {
  /** The stop this process goes by, if any. */
  private record: StopRecord | null = null;
  /** The ledger's stop `record` was taken from, as stored: while the ledger holds it, `record` stands as it is. */
  private followed: StopRecord | null = null;
  private unstored = false;

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
    if (!this.record || record.until > this.record.until) this.record = record;
    this.unstored = true;
    this.store(from);
  }

  /** The error a request to the host meets at `now` when a stop (this process's or another's) is in force, else null. */
  inForce(now: number): SupplierError | null {
    const ledger = this.ledger();
    if (ledger) {
      if (this.unstored) this.store(now);
      try {
        if (!this.unstored) this.follow(ledger, now);
      } catch {
        // The ledger failed this once: the stop this process knows still holds.
      }
    }
    if (!this.record) return null;
    this.record = bounded(this.record, now);
    if (now < this.record.until) return supplierErrorFrom(this.record.error);
    if (ledger) this.takeOut(ledger, this.followed);
    this.record = null;
    return null;
  }

  /**
   * Goes by the ledger's stop: a new one when it lasts longer than this process's own, none once the one it followed
   * was taken out. Only a stop of this process's own that the ledger has not stored yet is kept against it.
   */
  private follow(ledger: PaceLedger, now: number): void {
    const stored = stopRecordFrom(ledger.read(this.key));
    if (!stored) {
      // The stop this process followed was taken out (another process found it over, or the file was made anew).
      if (this.followed) this.record = this.followed = null;
      return;
    }
    if (sameStop(stored, this.followed)) return;
    this.followed = stored;
    const taken = bounded(stored, now);
    if (this.record && bounded(this.record, now).until > taken.until) {
      // Ours ends later (the ledger's was dated anew by a look after the clock went back): the others learn of ours.
      this.unstored = true;
      this.store(now);
      return;
    }
    this.record = taken;
    // Dated after now (the clock went back since it was written): stored as it lasts from now, so that no process
    // dates it from its own now at every look; if that write fails, this process goes by its own copy meanwhile.
    if (taken !== stored) this.followed = this.rewrite(ledger, stored, taken) ? taken : stored;
  }

  private store(now: number): void {
    const ledger = this.ledger();
    const record = this.record;
    if (!ledger || !record) return;
    try {
      this.followed = ledger.update(this.key, (state) => {
        const stored = stopRecordFrom(state);
        const kept = stored && bounded(stored, now).until >= record.until ? bounded(stored, now) : record;
        return { state: stateOf(kept), result: kept };
      });
      this.unstored = false;
    } catch {
      // Told at the next look that reaches the ledger.
    }
  }

  /** Replaces the ledger's stop `stored` by `record`, unless another process changed it meanwhile. */
  private rewrite(ledger: PaceLedger, stored: StopRecord, record: StopRecord): boolean {
    try {
      return ledger.update(this.key, (state) => {
        const current = stopRecordFrom(state);
        const same = current !== null && sameStop(current, stored);
        return { state: same ? stateOf(record) : (state ?? {}), result: same };
      });
    } catch {
      return false;
    }
  }

  /** Takes an ended stop out of the ledger, unless another process put a later one there meanwhile. */
  private takeOut(ledger: PaceLedger, ended: StopRecord | null): void {
    if (ended) this.rewrite(ledger, ended, { ...ended, until: ended.from });
  }
}

const sameStop = (a: StopRecord, b: StopRecord | null) => b !== null && a.from === b.from && a.until === b.until;

/**
 * A stop as this computer's clock can trust it: one dated later than `now` (a clock that went back, here or in the
 * process that wrote it) lasts its own length from now, never until a date that may be days away.
 */
function bounded(record: StopRecord, now: number): StopRecord {
  if (record.from <= now) return record;
  return { ...record, from: now, until: now + (record.until - record.from) };
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
