/**
 * Who may read `/metrics`. Metrics name operations, departments, denied items and error counts: nothing a caller of
 * the graph should read. So `/metrics` is served, per process (gateway or department), in one of three ways:
 *
 * - `port` set: on a listener of its own (`host`, default loopback; a monitoring network), and the main listener
 *   answers `/metrics` 404;
 * - `token` set: wherever it is served, only to `Authorization: Bearer <token>` (compared in constant time);
 * - neither (the default): on the main listener, to loopback callers only (403 to any other, naming the settings).
 *   Behind a proxy on the same host every caller is loopback: there, set `port` or `token` (or block the path in
 *   the proxy, as docs/deploy/ does).
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import type { Registry } from 'prom-client';
import { listen, route, sendError, type Listening, type RequestHandler } from '../http/index.ts';
import { metricsHandler } from './metrics.ts';

export interface MetricsOptions {
  /** A listener of its own for `/metrics` (0 picks a free port). Default none: `/metrics` on the main listener. */
  port?: number | null;
  /** Interface of that listener. Default `127.0.0.1`. */
  host?: string;
  /** A bearer token `/metrics` requires (at least 16 characters). Default none. */
  token?: string | null;
}

export interface MetricsEndpoint {
  /** The main listener's `/metrics`: served, guarded, or 404 when a listener of its own serves it. */
  route: RequestHandler;
  /** Starts the listener of its own, when `port` is set; resolves to its `/metrics` URL, else null. */
  start(): Promise<string | null>;
  stop(): Promise<void>;
}

export function checkMetricsOptions(options: MetricsOptions, owner: string): void {
  if (typeof options !== 'object' || options === null) throw new TypeError(`${owner} \`metrics\` must be an object.`);
  const { port, token, host } = options;
  if (port != null && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new TypeError(`${owner} \`metrics.port\` must be an integer from 0 to 65535, got ${String(port)}.`);
  if (token != null && (typeof token !== 'string' || token.length < 16)) throw new TypeError(`${owner} \`metrics.token\` must be a string of at least 16 characters.`);
  if (host !== undefined && (typeof host !== 'string' || host === '')) throw new TypeError(`${owner} \`metrics.host\` must be an interface name or address.`);
}

export function metricsEndpoint(registry: Registry, options: MetricsOptions = {}): MetricsEndpoint {
  checkMetricsOptions(options, 'Option');
  const serve = metricsHandler(registry);
  const token = options.token ?? null;
  const guarded: RequestHandler = (req, res) => {
    if (token !== null) {
      if (!bearerMatches(req, token)) return refuse(res, 401, 'UNAUTHENTICATED', 'Metrics need `Authorization: Bearer <metrics token>` (GOVGRAPH_METRICS_TOKEN).');
    } else if (options.port == null && !loopback(req)) {
      return refuse(res, 403, 'FORBIDDEN', 'Metrics are served to loopback callers only: scrape them on GOVGRAPH_METRICS_PORT, or with the bearer token GOVGRAPH_METRICS_TOKEN.');
    }
    serve(req, res);
  };
  let own: Listening | null = null;
  return {
    route: options.port == null ? guarded : (_req, res) => sendError(res, 404, 'NOT_FOUND', 'No route /metrics on this listener; metrics are served on their own port.'),
    async start() {
      if (options.port == null) return null;
      own = await listen(route({ '/metrics': guarded }), { host: options.host ?? '127.0.0.1', port: options.port });
      return `${own.origin}/metrics`;
    },
    async stop() {
      await own?.close();
    },
  };
}

function refuse(res: ServerResponse, status: number, code: string, message: string): void {
  if (status === 401) res.setHeader('www-authenticate', 'Bearer realm="metrics"');
  sendError(res, status, code, message);
}

function bearerMatches(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? '';
  const given = header.startsWith('Bearer ') ? header.slice(7) : '';
  // Hashes of equal length, so the comparison takes the same time whatever was sent.
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(token)) && given === token;
}

function loopback(req: IncomingMessage): boolean {
  const peer = (req.socket.remoteAddress ?? '').replace(/^::ffff:/i, '');
  return peer === '::1' || (isIP(peer) === 4 && peer.startsWith('127.'));
}
