/**
 * Starts a `node:http` server on a host and port (0 picks a free port) and returns its real URL and a
 * `close` that stops accepting, drops idle keep-alive sockets, lets requests in flight finish for a grace
 * period (a client's keep-alive pool would otherwise hold the server open), then closes what is left.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestHandler } from './graphqlHandler.ts';

export interface Listening {
  server: Server;
  /** Origin the server answers on, e.g. `http://127.0.0.1:4001`. */
  origin: string;
  port: number;
  /** Stops the server; requests in flight get `graceMs` (default 2,000) to finish. */
  close(graceMs?: number): Promise<void>;
}

export async function listen(handler: RequestHandler, options: { host?: string; port?: number } = {}): Promise<Listening> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer(handler);
  server.keepAliveTimeout = 65_000;
  // A client that trickles its headers or body (slowloris) is cut off: 10 s for the headers, 30 s for the whole
  // request (receiving it, not answering it).
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    server,
    origin,
    port,
    close: (graceMs = 2_000) =>
      new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
