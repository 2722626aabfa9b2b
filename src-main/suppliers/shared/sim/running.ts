import type { ConnectionBase, RunningSimulator } from '../../adapter';

interface SimulatorServer {
  baseUrl: string;
  setGeneration(generation: number): void;
  close(): Promise<void>;
}

/** Wraps a simulator's server as the RunningSimulator the demo and the CLI use, keeping the server at hand for tests. */
export function runningSimulator<S extends SimulatorServer>(
  server: S,
  connection: ConnectionBase & Record<string, unknown>,
): RunningSimulator & { server: S } {
  return {
    server,
    baseUrl: server.baseUrl,
    connection,
    setGeneration: (generation) => server.setGeneration(generation),
    close: () => server.close(),
  };
}
