/**
 * A department's stand-in for fault tests: a loopback HTTP server in front of a real department that forwards
 * (`pass`), never answers (`hang`), cuts the connection (`reset`, or `reset-once` then forwards), or answers 200
 * with something that is not a GraphQL response (`garbage`, `not-graphql`). It counts the requests it received
 * and the most it held at once. The department's key set (`/.well-known/jwks.json`, read by the gateway once when
 * the supergraph loads) always passes and is not counted: these faults are those of its GraphQL answers.
 */
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { listen, type Listening } from '../../http/index.ts';

export type FaultMode = 'pass' | 'hang' | 'reset' | 'reset-once' | 'garbage' | 'not-graphql';

export interface FaultProxy {
  url: string;
  mode: FaultMode;
  /** Requests received so far. */
  received: number;
  /** Requests open right now, and the most open at once. */
  open: number;
  mostOpen: number;
  close(): Promise<void>;
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const targetUrl = new URL(target);
  let listening: Listening | undefined;
  const proxy: FaultProxy = {
    url: '',
    mode: 'pass',
    received: 0,
    open: 0,
    mostOpen: 0,
    close: () => listening!.close(100),
  };
  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const upstream = httpRequest(
      { host: targetUrl.hostname, port: targetUrl.port, path: req.url?.startsWith('/.well-known/') ? req.url : targetUrl.pathname, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  };
  listening = await listen((req, res) => {
    if (req.url?.startsWith('/.well-known/')) return forward(req, res);
    proxy.received++;
    proxy.open++;
    proxy.mostOpen = Math.max(proxy.mostOpen, proxy.open);
    res.on('close', () => proxy.open--);
    const mode = proxy.mode;
    if (mode === 'reset-once') proxy.mode = 'pass';
    if (mode === 'pass') return forward(req, res);
    req.resume();
    if (mode === 'hang') return;
    if (mode === 'reset' || mode === 'reset-once') return void req.socket.destroy();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(mode === 'garbage' ? '<html><body>502 Bad Gateway from /opt/department/server.js</body></html>' : '{"result": "ok"}');
    });
  });
  proxy.url = `${listening.origin}/graphql`;
  return proxy;
}
