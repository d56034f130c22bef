/**
 * The gateway's protections at the network edge, from the environment (README, Configuration): how many refusals
 * before identity each source address gets (`GOVGRAPH_REFUSALS_PER_SECOND`, `GOVGRAPH_REFUSAL_BURST`) and which
 * proxies' `X-Forwarded-For` names the source (`GOVGRAPH_TRUSTED_PROXIES`). A bad value stops the start, naming the
 * variable.
 */
import type { RefusalOptions } from '../gateway/refusals/index.ts';

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
  const proxies = (env.GOVGRAPH_TRUSTED_PROXIES ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
  return {
    ...(perSecond !== undefined && { refusalsPerSecond: perSecond }),
    ...(burst !== undefined && { burst }),
    ...(proxies.length > 0 && { trustedProxies: proxies }),
  };
}
