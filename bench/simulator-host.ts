// The simulators in a process of their own (bench/sim-host.ts), driven over JSON lines: the bench and its probes
// measure our side of a sync without the simulators' work on the same thread.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ConnectionBase } from '../src-main/suppliers/adapter';
import type { HostCommand, HostedSimulator } from './sim-host';

export interface SimulatorHost {
  connections: ConnectionBase[];
  send(command: HostCommand): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

const runTs = fileURLToPath(new URL('../bin/run-ts.mjs', import.meta.url));

export async function startSimulatorHost(specs: HostedSimulator[]): Promise<SimulatorHost> {
  const child = spawn(
    process.execPath,
    [runTs, fileURLToPath(new URL('./sim-host.ts', import.meta.url)), JSON.stringify(specs)],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const line = await lines.next();
    if (line.done) throw new Error('the simulator process ended unexpectedly');
    return JSON.parse(line.value) as Record<string, unknown>;
  };
  const ready = await next();
  return {
    connections: ready.ready as ConnectionBase[],
    send: async (command) => {
      child.stdin.write(`${JSON.stringify(command)}\n`);
      return next();
    },
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin.write(`${JSON.stringify({ cmd: 'close' })}\n`);
      await exited;
    },
  };
}
