import { SUPPLIER_KINDS } from '../../suppliers/registry';
import type { RunningSimulator } from '../../suppliers/adapter';
import type { Output } from '../output';

export interface SimArgs {
  kind?: string;
  port?: number;
  generation?: number;
  size?: number;
}

/** Runs the simulators in the foreground and prints a config file that points `supplygrid sync` at them. */
export async function simCommand(args: SimArgs, output: Output): Promise<number> {
  const kinds = args.kind ? SUPPLIER_KINDS.filter((k) => k.kind === args.kind) : SUPPLIER_KINDS;
  if (kinds.length === 0) {
    output.err(`unknown supplier kind "${args.kind}" (one of ${SUPPLIER_KINDS.map((k) => k.kind).join(', ')})`);
    return 2;
  }
  const running: RunningSimulator[] = [];
  for (const [index, kind] of kinds.entries()) {
    running.push(
      await kind.startSimulator({
        port: args.port ? args.port + index : 0,
        generation: args.generation ?? 0,
        size: args.size,
      }),
    );
  }
  output.err(
    `Simulators running (${running.map((s, i) => `${kinds[i].kind} at ${s.baseUrl}`).join(', ')}). Ctrl+C stops them.`,
  );
  output.err('Save this as suppliers.json and run: npx supplygrid sync --config suppliers.json');
  output.json({ currency: 'USD', suppliers: running.map((s) => s.connection) });
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await Promise.all(running.map((s) => s.close()));
  return 0;
}
