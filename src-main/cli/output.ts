import type { SyncLockHolder } from '../../src-shared/contract';
import type { FetchProgress } from '../../src-shared/sync-types';

export interface Output {
  out(line: string): void;
  err(line: string): void;
  json(value: unknown): void;
}

export const consoleOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  json: (value) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
};

export function pad(text: string, width: number): string {
  const visible = [...text].reduce((w, ch) => w + (/[\u1100-\uFFFF]/.test(ch) ? 2 : 1), 0);
  return visible >= width ? text : text + ' '.repeat(width - visible);
}

/** One line per supplier, redrawn in place on a terminal; plain milestones when piped. */
export class ProgressBars {
  private readonly lines = new Map<string, string>();
  /** Suppliers held back by their request limit: when they resume, and the line they showed before. */
  private readonly waits = new Map<string, { resumesAt: number; before: string }>();
  private ticker: NodeJS.Timeout | null = null;
  private drawn = 0;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly now: () => number = Date.now,
  ) {}

  update(supplierId: string, progress: FetchProgress | { done: string }): void {
    const line =
      'done' in progress
        ? `${pad(supplierId, 16)} ${progress.done}`
        : `${pad(supplierId, 16)} ${bar(progress)} ${progress.items} items`;
    // Pages already under way when a wait began still land during it: the wait stays shown (only its end, announced
    // as null, or the supplier's end clears it), and the progress is what the line shows once it is over.
    const wait = this.waits.get(supplierId);
    if (wait && !('done' in progress)) wait.before = line;
    else {
      this.clearWait(supplierId);
      this.lines.set(supplierId, line);
    }
    if (!this.stream.isTTY) {
      if ('done' in progress || progress.pagesDone === progress.pagesTotal) this.stream.write(`${line}\n`);
      return;
    }
    this.draw();
  }

  /** `resumesAt` (epoch ms): the supplier's request limit holds requests until then; null: they go again. */
  waiting(supplierId: string, resumesAt: number | null): void {
    if (resumesAt === null) {
      const wait = this.waits.get(supplierId);
      this.clearWait(supplierId);
      if (wait && this.stream.isTTY) {
        this.lines.set(supplierId, wait.before);
        this.draw();
      }
      return;
    }
    const already = this.waits.get(supplierId);
    const before = already?.before ?? this.lines.get(supplierId) ?? `${pad(supplierId, 16)}`;
    this.waits.set(supplierId, { resumesAt, before });
    if (!this.stream.isTTY) {
      // A log reads one line per wait, not one more each time the wait is put back a little.
      if (!already) this.stream.write(`${waitingLine(supplierId, resumesAt, this.now())}\n`);
      return;
    }
    // Counts down once a second while anything waits; unref'd so a finished sync never waits for it.
    if (!this.ticker) {
      this.ticker = setInterval(() => this.draw(), 1000);
      this.ticker.unref();
    }
    this.draw();
  }

  /** Stops the countdown (call when the sync is over). */
  close(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    this.waits.clear();
  }

  private clearWait(supplierId: string): void {
    this.waits.delete(supplierId);
    if (this.waits.size === 0 && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = null;
    }
  }

  private draw(): void {
    const now = this.now();
    for (const [supplierId, wait] of this.waits)
      this.lines.set(supplierId, waitingLine(supplierId, wait.resumesAt, now));
    if (this.drawn) this.stream.write(`\x1b[${this.drawn}A`);
    for (const text of this.lines.values()) this.stream.write(`\x1b[2K${text}\n`);
    this.drawn = this.lines.size;
  }
}

export function waitingLine(supplierId: string, resumesAt: number, now: number): string {
  const seconds = Math.max(0, Math.ceil((resumesAt - now) / 1000));
  return `${pad(supplierId, 16)} waiting for the supplier's request limit — resumes in ${seconds} s`;
}

function bar(progress: FetchProgress): string {
  const width = 24;
  if (!progress.pagesTotal) return `[${' '.repeat(width)}] page ${progress.pagesDone}`;
  const filled = Math.round((progress.pagesDone / progress.pagesTotal) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${progress.pagesDone}/${progress.pagesTotal} pages`;
}

/** Who holds the database's sync lock, for a command refused because of it. */
export function syncingElsewhere(holder: SyncLockHolder): string {
  const who = { daemon: 'the background service', app: 'the app', cli: 'the command-line tool' }[holder.holder];
  return `process ${holder.pid} on ${holder.host} (${who}) is syncing this database`;
}
