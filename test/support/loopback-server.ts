// Test servers listen on 127.0.0.1 only, on a port the OS picks, so tests can run side by
// side and nothing is reachable from outside the machine.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Starts `server` on 127.0.0.1 at a free port. Returns its base URL (`http://127.0.0.1:PORT`)
 * and a `close` that also drops kept-alive connections, so it resolves promptly.
 */
export async function listenOnLoopback(server: Server): Promise<{ url: string; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
