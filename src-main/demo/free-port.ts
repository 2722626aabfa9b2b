import { createServer } from 'node:net';

/**
 * A loopback port free right now, reserved by number only: the demo's push receiver listens there only while an
 * order is open. Tests use it as a port nothing listens on.
 */
export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
