import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { DaemonLogEntry } from '../../src-main/daemon/log';

const BIN = fileURLToPath(new URL('../../bin/supplygrid.mjs', import.meta.url));

/** The real `supplygrid daemon` in a child process, its JSON log lines collected as they arrive. */
export interface DaemonProcess {
  child: ChildProcess;
  entries: DaemonLogEntry[];
  stderr: () => string;
  /** Resolves with the first entry (from `from` on) that matches, or rejects when the process exits first. */
  waitFor(match: (entry: DaemonLogEntry) => boolean, from?: number): Promise<DaemonLogEntry>;
  exited: Promise<number | null>;
}

export function startDaemon(args: string[], env: Record<string, string> = {}): DaemonProcess {
  const child = spawn(process.execPath, [BIN, 'daemon', '--json', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const entries: DaemonLogEntry[] = [];
  const waiters = new Set<() => void>();
  let buffered = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) if (line.trim()) entries.push(JSON.parse(line) as DaemonLogEntry);
    for (const wake of waiters) wake();
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      for (const wake of waiters) wake();
      resolve(code);
    }),
  );
  return {
    child,
    entries,
    exited,
    stderr: () => stderr,
    waitFor(match, from = 0) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = entries.slice(from).find(match);
          if (found) {
            waiters.delete(check);
            resolve(found);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            waiters.delete(check);
            reject(
              new Error(
                `daemon exited before the awaited log line; stderr: ${stderr}\nlog: ${entries.map((e) => e.event).join(', ')}`,
              ),
            );
          }
        };
        waiters.add(check);
        check();
      });
    },
  };
}
