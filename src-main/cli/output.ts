import type { FetchProgress } from '../suppliers/adapter';

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
  private drawn = 0;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  update(supplierId: string, progress: FetchProgress | { done: string }): void {
    const line = 'done' in progress ? `${pad(supplierId, 16)} ${progress.done}` : `${pad(supplierId, 16)} ${bar(progress)} ${progress.items} items`;
    this.lines.set(supplierId, line);
    if (!this.stream.isTTY) {
      if ('done' in progress || progress.pagesDone === progress.pagesTotal) this.stream.write(`${line}\n`);
      return;
    }
    if (this.drawn) this.stream.write(`\x1b[${this.drawn}A`);
    for (const text of this.lines.values()) this.stream.write(`\x1b[2K${text}\n`);
    this.drawn = this.lines.size;
  }
}

function bar(progress: FetchProgress): string {
  const width = 24;
  if (!progress.pagesTotal) return `[${' '.repeat(width)}] page ${progress.pagesDone}`;
  const filled = Math.round((progress.pagesDone / progress.pagesTotal) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${progress.pagesDone}/${progress.pagesTotal} pages`;
}
