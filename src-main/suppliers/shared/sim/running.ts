import type { ConnectionBase, RunningSimulator } from '../../adapter';

interface SimulatorServer {
  baseUrl: string;
  setGeneration(generation: number): void;
  close(): Promise<void>;
}

/**
 * Wraps a simulator's server as the RunningSimulator the demo and the CLI use, keeping the server at hand for tests.
 * `connection` has no name: a name is the merchant's. The renderer calls a demo supplier "Demo <brand>" in the
 * reader's language, and the labels of its requests, shown in technical details, carry its id instead of English.
 */
export function runningSimulator<S extends SimulatorServer>(
  server: S,
  connection: ConnectionBase & Record<string, unknown> & { name?: never },
): RunningSimulator & { server: S } {
  return {
    server,
    baseUrl: server.baseUrl,
    connection,
    setGeneration: (generation) => server.setGeneration(generation),
    close: () => server.close(),
  };
}
