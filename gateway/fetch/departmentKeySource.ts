/**
 * The public keys of each department the gateway reaches: configured (a JWKS, or the URL it is published at) or
 * discovered at the department's own `/.well-known/jwks.json` (the origin of its routing URL). Read on first use
 * and kept for ten minutes; a department that refuses a binding (it rotated its key) is re-read, at most every
 * 30 s. A key set that cannot be read fails the fetch that needs it: no binding, no request (fail closed).
 */
import { request, type Dispatcher } from 'undici';
import type { JWK } from 'jose';
import { departmentPublicKeys, type DepartmentPublicKeys } from '../../sharing/departmentKeys.ts';

export interface DepartmentKeySource {
  keysOf(department: string, routingUrl: string): Promise<DepartmentPublicKeys>;
  /** The department refused a binding: its keys may have changed. */
  refresh(department: string): void;
  /** Reads them ahead (when the supergraph names the department), so a first request does not wait for them. */
  prefetch(department: string, routingUrl: string): void;
}

export interface DepartmentKeySourceOptions {
  /** Keys per department (a JWKS or its URL); the others are discovered. Default none. */
  configured?: Record<string, { keys: JWK[] } | URL>;
  dispatcher: Dispatcher;
  /** Default 600,000 ms. */
  maxAgeMs?: number;
}

const REFRESH_COOLDOWN_MS = 30_000;
const CONNECTION_FAILURES = new Set(['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE']);

/** A department's key set is there but unusable (not a connection failure). */
export class KeysUnavailable extends Error {
  override readonly name = 'KeysUnavailable';
}
const FETCH_TIMEOUT_MS = 5_000;

export function createDepartmentKeySource(options: DepartmentKeySourceOptions): DepartmentKeySource {
  const maxAgeMs = options.maxAgeMs ?? 600_000;
  const cache = new Map<string, { keys: Promise<DepartmentPublicKeys>; readAt: number }>();
  const load = async (department: string, routingUrl: string): Promise<DepartmentPublicKeys> => {
    const configured = options.configured?.[department];
    if (configured && !(configured instanceof URL)) return departmentPublicKeys(department, configured);
    const url = configured ?? new URL('/.well-known/jwks.json', routingUrl);
    let jwks: unknown;
    try {
      const response = await request(url, { dispatcher: options.dispatcher, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      if (response.statusCode !== 200) {
        await response.body.dump();
        throw new Error(`HTTP ${response.statusCode}`);
      }
      jwks = await response.body.json();
    } catch (error) {
      // An unreachable department is just that (the fetch fails as any connection failure would); otherwise say
      // what is wrong with its keys. Said to callers (subgraphFailure.ts): the cause, never the URL.
      const code = (error as { code?: string }).code;
      if (code !== undefined && CONNECTION_FAILURES.has(code)) throw error;
      const cause = code ?? ((error as Error).message.startsWith('HTTP ') ? (error as Error).message : 'unreadable');
      throw new KeysUnavailable(`its public keys could not be read (${cause}), so no request to it can be bound`);
    }
    return departmentPublicKeys(department, jwks as { keys?: unknown });
  };
  return {
    keysOf(department, routingUrl) {
      const now = Date.now();
      const cached = cache.get(department);
      if (cached && now - cached.readAt < maxAgeMs) return cached.keys;
      const keys = load(department, routingUrl);
      cache.set(department, { keys, readAt: now });
      // A department that could not be reached is asked again by the next request (its breaker bounds how often);
      // a key set that could not be used, after the cool-down. Neither is kept for ten minutes.
      keys.catch((error: unknown) => {
        if (cache.get(department)?.keys !== keys) return;
        if (error instanceof KeysUnavailable) cache.set(department, { keys, readAt: now - maxAgeMs + REFRESH_COOLDOWN_MS });
        else cache.delete(department);
      });
      return keys;
    },
    prefetch(department, routingUrl) {
      this.keysOf(department, routingUrl).catch(() => {});
    },
    refresh(department) {
      const cached = cache.get(department);
      if (cached && Date.now() - cached.readAt >= REFRESH_COOLDOWN_MS) cache.delete(department);
    },
  };
}
