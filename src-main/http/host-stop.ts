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
 * that fails) the stop holds in this process, and is written to the ledger at the next look that reaches it.
 */
export class HostStop {
  private record: StopRecord | null = null;
  private unstored = false;

  constructor(
    /** The process's ledger at each look: it may be opened late, closed or replaced. */
    private readonly ledger: () => PaceLedger | null,
    /** The host's key in the ledger; it names no account. */
    private readonly key: string,
  ) {}

  /** Every request to the host fails with `error` from `from` until `until` (epoch ms). */
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
        const stored = stopRecordFrom(ledger.read(this.key));
        // The ledger's stop is the one every process goes by: ours is in it (stop() keeps the later of the two), unless
        // it is still to be stored.
        if (stored && !this.unstored) this.record = stored.from > now ? (this.rebase(ledger, now) ?? stored) : stored;
      } catch {
        // The ledger failed this once: this process's own stop still holds.
      }
    }
    if (!this.record) return null;
    this.record = bounded(this.record, now);
    return now < this.record.until ? supplierErrorFrom(this.record.error) : null;
  }

  /**
   * A stored stop dated after `now` (the clock went back since it was written) is rewritten to last its own length from
   * now: left as it was, every look would date it from its own now again, and it would never end.
   */
  private rebase(ledger: PaceLedger, now: number): StopRecord | null {
    return ledger.update(this.key, (state) => {
      const stored = stopRecordFrom(state);
      const kept = stored && bounded(stored, now);
      return { state: kept ? stateOf(kept) : (state ?? {}), result: kept };
    });
  }

  private store(now: number): void {
    const ledger = this.ledger();
    const record = this.record;
    if (!ledger || !record) return;
    try {
      ledger.update(this.key, (state) => {
        const stored = stopRecordFrom(state);
        const kept = stored && stored.until >= record.until ? bounded(stored, now) : record;
        return { state: stateOf(kept), result: undefined };
      });
      this.unstored = false;
    } catch {
      // Told at the next look that reaches the ledger.
    }
  }
}

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
  if (!isStateNumber(from) || !isStateNumber(until) || until < from || until - from > LONGEST_STOP_MS) return null;
  if (typeof message !== 'string' || typeof code !== 'string') return null;
  if (httpStatus !== null && !isStateNumber(httpStatus)) return null;
  return { from, until, error: { message, code, httpStatus, retryable: false, retryAfterMs: null } };
}
