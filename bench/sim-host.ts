// The simulators for `npm run bench`, in a process of their own so that serving 100k offers never counts against
// the syncing process's time or memory. Speaks JSON lines: prints {"ready": [connections]} once listening, then
// answers commands read from stdin ({"cmd": "generation", "generation": N} | {"cmd": "stats"} | {"cmd": "close"}).
import { createInterface } from 'node:readline';
import type { RunningSimulator, SimulatorOptions } from '../src-main/suppliers/adapter';
import { supplierKind } from '../src-main/suppliers/registry';

export interface HostedSimulator {
  kind: string;
  options: SimulatorOptions & Record<string, unknown>;
}

export type HostCommand = { cmd: 'generation'; generation: number } | { cmd: 'stats' } | { cmd: 'close' };

const specs = JSON.parse(process.argv[2] ?? '[]') as HostedSimulator[];
const simulators: RunningSimulator[] = [];
for (const spec of specs) {
  const kind = supplierKind(spec.kind);
  if (!kind) throw new Error(`unknown supplier kind ${spec.kind}`);
  simulators.push(await kind.startSimulator(spec.options));
}
const reply = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
reply({ ready: simulators.map((s) => s.connection) });

for await (const line of createInterface({ input: process.stdin })) {
  const command = JSON.parse(line) as HostCommand;
  if (command.cmd === 'generation') {
    for (const simulator of simulators) simulator.setGeneration(command.generation);
    reply({ ok: true });
  } else if (command.cmd === 'stats') {
    const cpu = process.cpuUsage();
    reply({ stats: simulators.map((s) => simulatorStats(s)), cpuMs: (cpu.user + cpu.system) / 1000 });
  } else {
    await Promise.all(simulators.map((s) => s.close()));
    reply({ ok: true });
    break;
  }
}
process.exit(0);

/** Requests served and rate-limit blocks the simulator's limiter triggered, where it reports them. */
function simulatorStats(simulator: RunningSimulator): { requests: number; blocks: number } {
  const server = (simulator as unknown as { server?: { hits?: Map<string, number> } }).server;
  const stats = (simulator as unknown as { rateLimitStats?: () => { blocks: number } }).rateLimitStats?.();
  let requests = 0;
  for (const count of server?.hits?.values() ?? []) requests += count;
  return { requests, blocks: stats?.blocks ?? 0 };
}
