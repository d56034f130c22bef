/**
 * What makes a port a poor choice before anything listens on it: the Fetch standard's blocked ports, which every
 * browser refuses (`net::ERR_UNSAFE_PORT`) and so does Node's own `fetch` ("bad port"), and whether something
 * already listens on it. Used by `npm start` and the gateway to warn at start, and by `department:new` to refuse.
 */
import { createServer } from 'node:net';

/** https://fetch.spec.whatwg.org/#port-blocking */
export const FETCH_BLOCKED_PORTS: ReadonlySet<number> = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110,
  111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532,
  540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061,
  6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

/** A warning for a port browsers and `fetch` refuse, or null when they accept it. */
export function blockedPortWarning(port: number, what: string): string | null {
  if (!FETCH_BLOCKED_PORTS.has(port)) return null;
  return `${what} listens on port ${port}, which browsers refuse (net::ERR_UNSAFE_PORT) and so does Node's fetch ("bad port"): it is on the Fetch standard's list of blocked ports. Choose another port.`;
}

/** Why nothing could listen on `port` of `host` now (something already does, or it is not allowed), or null when it is free. */
export function portUnavailable(port: number, host: string): Promise<string | null> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      resolve(error.code === 'EADDRINUSE' ? `something already listens on ${host}:${port}` : `it cannot be listened on at ${host} (${error.code ?? error.message})`);
    });
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(null)));
  });
}
