/**
 * A tiny round-robin HTTP load balancer on loopback, standing in for nginx in front of gateway replicas. Like
 * nginx's default `proxy_next_upstream error`, a request whose upstream refuses the connection goes to the next
 * upstream (nothing reached the refused one); a request whose upstream dies after receiving it is answered 502
 * (it may have run there, so it is not replayed). Each response says which upstream served it in `x-upstream`.
 * As nginx does by default, it opens a connection per request to the upstream.
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackBalancer {
  url: string;
  /** Requests sent to each upstream (by index), whatever their fate. */
  sent: number[];
  close(): Promise<void>;
}

export async function startBalancer(upstreams: readonly string[]): Promise<LoopbackBalancer> {
  const targets = upstreams.map((upstream) => new URL(upstream));
  const sent = targets.map(() => 0);
  let next = 0;

  /** Round robin; a retry goes to the upstream after the one that refused, never back to one already tried. */
  const forward = (req: IncomingMessage, body: Buffer, res: ServerResponse, tried: number[]) => {
    const index = tried.length === 0 ? (next++) % targets.length : (tried.at(-1)! + 1) % targets.length;
    const target = targets[index]!;
    sent[index]! += 1;
    const upstream = request(
      // A connection per request, as nginx proxies by default (no upstream keepalive): a dead replica then refuses.
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host, connection: 'close' }, agent: false },
      (answer) => {
        // Hop-by-hop headers belong to the upstream connection (closed after each request), not the client's.
        const { connection: _connection, 'keep-alive': _keepAlive, ...headers } = answer.headers;
        res.writeHead(answer.statusCode ?? 502, { ...headers, 'x-upstream': String(index) });
        answer.pipe(res);
        answer.on('error', () => res.destroy());
      },
    );
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED' && tried.length + 1 < targets.length) return forward(req, body, res, [...tried, index]);
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'application/json', 'x-upstream': String(index) });
        res.end(JSON.stringify({ errors: [{ message: `upstream ${index} failed: ${error.code ?? error.message}` }] }));
      } else {
        res.destroy();
      }
    });
    upstream.end(body);
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => forward(req, Buffer.concat(chunks), res, []));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    sent,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
