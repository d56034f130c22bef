/**
 * The protections at the network edge, from the environment (README, Configuration): how many refusals before
 * identity each source address gets at the gateway (`GOVGRAPH_REFUSALS_PER_SECOND`, `GOVGRAPH_REFUSAL_BURST`) and all
 * sources together (`GOVGRAPH_REFUSALS_TOTAL_PER_SECOND`, `GOVGRAPH_REFUSAL_TOTAL_BURST`), which
 * proxies' `X-Forwarded-For` names the source (`GOVGRAPH_TRUSTED_PROXIES`), and where the gateway and each department
 * serve `/metrics`. A bad value stops the start, naming the variable.
 */
import type { RefusalOptions } from '../gateway/identify/index.ts';
import type { MetricsOptions } from '../observability/index.ts';

export function refusalsFromEnv(env: NodeJS.ProcessEnv): RefusalOptions {
  const number = (name: string) => {
    const value = env[name];
    if (value === undefined || value.trim() === '') return undefined;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${name} must be a positive number, got "${value}".`);
    return parsed;
  };
  const perSecond = number('GOVGRAPH_REFUSALS_PER_SECOND');
  const burst = number('GOVGRAPH_REFUSAL_BURST');
  if (burst !== undefined && !Number.isInteger(burst)) throw new Error(`GOVGRAPH_REFUSAL_BURST must be a positive integer, got "${env.GOVGRAPH_REFUSAL_BURST}".`);
  const totalPerSecond = number('GOVGRAPH_REFUSALS_TOTAL_PER_SECOND');
  const totalBurst = number('GOVGRAPH_REFUSAL_TOTAL_BURST');
  if (totalBurst !== undefined && !Number.isInteger(totalBurst)) throw new Error(`GOVGRAPH_REFUSAL_TOTAL_BURST must be a positive integer, got "${env.GOVGRAPH_REFUSAL_TOTAL_BURST}".`);
  const proxies = (env.GOVGRAPH_TRUSTED_PROXIES ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
  return {
    ...(perSecond !== undefined && { refusalsPerSecond: perSecond }),
    ...(burst !== undefined && { burst }),
    ...(totalPerSecond !== undefined && { totalPerSecond }),
    ...(totalBurst !== undefined && { totalBurst }),
    ...(proxies.length > 0 && { trustedProxies: proxies }),
  };
}

/**
 * Where `/metrics` is served, for the gateway (`department` null) or a department: `GOVGRAPH_METRICS_PORT` (the
 * gateway) or `GOVGRAPH_METRICS_PORT_<DEPARTMENT>` (e.g. `GOVGRAPH_METRICS_PORT_TAX`, so the processes `npm start`
 * runs side by side do not share a port) for a listener of its own on `GOVGRAPH_METRICS_HOST` (default 127.0.0.1),
 * and `GOVGRAPH_METRICS_TOKEN` for a bearer token. None set: the main listener, to loopback callers only.
 */
export function metricsFromEnv(env: NodeJS.ProcessEnv, department: string | null): MetricsOptions {
  const portVariable = department === null ? 'GOVGRAPH_METRICS_PORT' : `GOVGRAPH_METRICS_PORT_${department.toUpperCase().replaceAll('-', '_')}`;
  const portText = env[portVariable]?.trim();
  const port = portText ? Number(portText) : null;
  if (port !== null && !(Number.isInteger(port) && port >= 0 && port <= 65535)) throw new Error(`${portVariable} must be a port number (0 to 65535), got "${portText}".`);
  const token = env.GOVGRAPH_METRICS_TOKEN?.trim() || null;
  if (token !== null && token.length < 16) throw new Error('GOVGRAPH_METRICS_TOKEN must be at least 16 characters (a random secret the scraper sends as a bearer token).');
  return { port, token, ...(env.GOVGRAPH_METRICS_HOST ? { host: env.GOVGRAPH_METRICS_HOST } : {}) };
}
