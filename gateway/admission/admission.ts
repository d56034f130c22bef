/**
 * Admission: what the gateway checks about a request once it knows the caller and before Apollo parses,
 * validates or plans anything. In order: the application's rate limit (429 with Retry-After), the batch size,
 * then per operation the trusted document (resolving a `persistedQuery` hash to its registered text, refusing an
 * unregistered document in trusted mode) and the operation limits. Each refusal is a GraphQLError carrying its
 * HTTP status, which the context builder records in the audit trail and answers.
 */
import { createHash } from 'node:crypto';
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { OperationRequest } from '../../http/index.ts';
import type { Caller } from '../../sharing/index.ts';
import type { ApplicationPolicy, ApplicationSettings } from '../applications/applicationPolicy.ts';
import { createDocumentLimits } from '../limits/documentLimits.ts';
import { limitExceeded } from '../limits/operationLimits.ts';
import { createRateLimiter, type RateLimiter } from '../quotas/rateLimiter.ts';
import type { TrustedDocumentStore } from '../trusted/trustedDocumentStore.ts';

export interface Admission {
  /** The caller's rate limit, one token per operation; throws a 429 when its bucket cannot pay. */
  throttle(caller: Caller, operations: number): void;
  /** Checks (and resolves persisted documents of) the operations; returns the application's settings. */
  admit(caller: Caller, operations: OperationRequest[]): Promise<ApplicationSettings>;
}

export interface AdmissionOptions {
  policy: ApplicationPolicy;
  /** Registered documents; null: no persisted documents, and trusted mode refuses everything. */
  trustedDocuments: TrustedDocumentStore | null;
  rateLimiter?: RateLimiter;
}

export function createAdmission(options: AdmissionOptions): Admission {
  const limits = createDocumentLimits();
  const rateLimiter = options.rateLimiter ?? createRateLimiter();
  const store = options.trustedDocuments;
  /** Registered documents found, per application and hash (registrations are never withdrawn). */
  const found = new Map<string, string>();
  const registered = async (application: string, hash: string): Promise<string | null> => {
    const key = `${application}\u0000${hash}`;
    const cached = found.get(key);
    if (cached !== undefined) return cached;
    const document = store ? await store.find(application, hash) : null;
    if (document !== null) {
      if (found.size >= 10_000) found.delete(found.keys().next().value!);
      found.set(key, document);
    }
    return document;
  };

  const resolveDocument = async (caller: Caller, settings: ApplicationSettings, operation: OperationRequest): Promise<void> => {
    const persisted = persistedQueryOf(operation);
    if (persisted) {
      if (typeof operation.query === 'string') {
        if (sha256(operation.query) !== persisted) {
          throw badRequest('PERSISTED_QUERY_HASH_MISMATCH', 'extensions.persistedQuery.sha256Hash is not the sha256 of the query sent with it.');
        }
      } else {
        const document = await registered(caller.application, persisted);
        if (document === null) {
          throw badRequest(
            'PERSISTED_QUERY_NOT_IN_LIST',
            `No document with hash ${persisted} is registered for application ${caller.application}. Register your client's persisted-documents manifest (npm run documents:register) or send the full query.`,
          );
        }
        operation.query = document;
      }
      delete (operation.extensions as { persistedQuery?: unknown }).persistedQuery;
    }
    if (!settings.trustedDocuments || typeof operation.query !== 'string') return;
    const hash = persisted ?? sha256(operation.query);
    if ((await registered(caller.application, hash)) === null) {
      throw badRequest(
        'QUERY_NOT_IN_SAFELIST',
        `Application ${caller.application} may run only its registered documents, and this one (sha256 ${hash}) is not registered. Generate the manifest with npm run codegen and register it with npm run documents:register.`,
        { documentHash: hash },
      );
    }
  };

  return {
    throttle(caller, operations) {
      const { rateLimit } = options.policy.settingsFor(caller.application);
      if (!rateLimit) return;
      const decision = rateLimiter.take(caller.application, rateLimit, Math.max(1, operations));
      if (decision.allowed) return;
      throw new GraphQLError(
        `Application ${caller.application} exceeded its rate limit of ${rateLimit.requestsPerSecond} requests per second (burst ${rateLimit.burst}); retry after ${decision.retryAfterSeconds} s.`,
        {
          extensions: {
            code: 'RATE_LIMITED',
            limit: 'rateLimit',
            allowed: rateLimit.requestsPerSecond,
            retryAfter: decision.retryAfterSeconds,
            http: { status: 429, headers: new HeaderMap([['retry-after', String(decision.retryAfterSeconds)]]) },
          },
        },
      );
    },
    async admit(caller, operations) {
      const settings = options.policy.settingsFor(caller.application);
      if (operations.length > settings.limits.maxBatchOperations) {
        const allowed = settings.limits.maxBatchOperations;
        throw allowed === 1
          ? new GraphQLError('Batched requests (a JSON array of operations) are not accepted: send one operation per request.', {
              extensions: { code: 'OPERATION_BATCH_LIMIT', limit: 'maxBatchOperations', allowed, actual: operations.length, http: { status: 400 } },
            })
          : limitExceeded('maxBatchOperations', allowed, operations.length, `batch holds ${operations.length} operations`);
      }
      for (const operation of operations) {
        if (typeof operation !== 'object' || operation === null) continue; // Apollo answers a malformed body
        await resolveDocument(caller, settings, operation);
        if (typeof operation.query !== 'string') continue;
        const operationName = typeof operation.operationName === 'string' && operation.operationName !== '' ? operation.operationName : null;
        const exceeded = limits.check(operation.query, operationName, settings.limits);
        if (exceeded) throw exceeded;
      }
      return settings;
    },
  };
}

function persistedQueryOf(operation: OperationRequest): string | null {
  const extensions = operation.extensions;
  if (typeof extensions !== 'object' || extensions === null) return null;
  const persisted = (extensions as { persistedQuery?: unknown }).persistedQuery;
  if (persisted === undefined) return null;
  const { version, sha256Hash } = (persisted ?? {}) as { version?: unknown; sha256Hash?: unknown };
  // The bare hex of Apollo's APQ, or the `sha256:`-prefixed form codegen's client preset writes.
  const hash = typeof sha256Hash === 'string' && sha256Hash.startsWith('sha256:') ? sha256Hash.slice(7) : sha256Hash;
  if (version !== 1 || typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) {
    throw badRequest('PERSISTED_QUERY_INVALID', 'extensions.persistedQuery must be { "version": 1, "sha256Hash": "<64 lowercase hex digits>" }.');
  }
  return hash;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function badRequest(code: string, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra, http: { status: 400 } } });
}
