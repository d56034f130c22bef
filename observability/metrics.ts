/**
 * Prometheus metrics: one registry per gateway or department (never prom-client's global one, so several in one
 * process stay separate), served at `/metrics` in the text exposition format. Labels are bounded: an operation
 * name is a caller's choice, so only well-formed names are kept, and only the first `maxOperationNames`; the
 * rest are counted as `other`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Registry } from 'prom-client';

export function createRegistry(options: { defaultLabels?: Record<string, string>; processMetrics?: boolean } = {}): Registry {
  const registry = new Registry();
  if (options.defaultLabels) registry.setDefaultLabels(options.defaultLabels);
  // CPU, memory, event-loop lag and GC of the process, prefixed so they do not clash with a host's other exporters.
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'govgraph_' });
  return registry;
}

export function metricsHandler(registry: Registry): (req: IncomingMessage, res: ServerResponse) => void {
  return (_req, res) => {
    registry.metrics().then(
      (text) => {
        res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
        res.end(text);
      },
      (error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`metrics could not be collected: ${error instanceof Error ? error.message : String(error)}\n`);
      },
    );
  };
}

const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;

/**
 * Maps values chosen outside govgraph (operation names, error codes of a foreign subgraph) to a bounded label set:
 * `empty` when absent, the value while fewer than `max` distinct ones were seen, `other` after (or when malformed).
 */
export function boundedLabel(max: number, empty = 'anonymous'): (value: string | null | undefined) => string {
  const seen = new Set<string>();
  return (value) => {
    if (!value) return empty;
    if (seen.has(value)) return value;
    if (!OPERATION_NAME.test(value) || seen.size >= max) return 'other';
    seen.add(value);
    return value;
  };
}

/** Request latency buckets in seconds: 5 ms to 10 s. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
