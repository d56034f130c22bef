/**
 * Admission: what the gateway checks about a request once it knows the caller and before Apollo parses,
 * validates or plans anything. In order: the application's rate limit (429 with Retry-After), the batch size,
 * then per operation the persisted document (resolving a `persistedQuery` hash to its registered text), the
 * operation limits, and in trusted mode whether the document is registered. A document sent in full matches its
 * registration by its normalised form (gateway/trusted/normalisedDocument.ts), as codegen hashes it, so a client's
 * own printing of a registered operation runs; the limits come first, so nothing over them is parsed to normalise
 * it. Each refusal is a GraphQLError carrying its HTTP status, which the context builder records in the audit
 * trail and answers.
 */
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { OperationRequest } from '../../http/index.ts';
import type { Caller } from '../../sharing/index.ts';
import { limitHolder, type ApplicationPolicy, type ApplicationSettings } from './applicationPolicy.ts';
import { createDocumentLimits } from './documentLimits.ts';
import { limitExceeded } from './operationLimits.ts';
import { createRateLimiter, type RateLimiter } from './rateLimiter.ts';
import { createNormalisedHashes, operationNameOf, sha256 } from '../trusted/normalisedDocument.ts';
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
  const normalisedHash = createNormalisedHashes();
  /**
   * Registered documents found, per application and hash, for 10 s: long enough to spare the store a lookup per
   * request, short enough that a document removed with `npm run documents -- remove` stops running soon after.
   */
  const found = new LRUCache<string, string>({ max: 10_000, ttl: 10_000 });
  const registered = async (application: string, hash: string): Promise<string | null> => {
    const key = `${application}\u0000${hash}`;
    const cached = found.get(key);
    if (cached !== undefined) return cached;
    const document = store ? await store.find(application, hash) : null;
    if (document !== null) found.set(key, document);
    return document;
  };

  /** Resolves a hash sent alone to its registered text; returns the hash a document sent with one claims. */
  const resolvePersisted = async (caller: Caller, operation: OperationRequest): Promise<string | null> => {
    const persisted = persistedQueryOf(operation);
    if (!persisted) return null;
    delete (operation.extensions as { persistedQuery?: unknown }).persistedQuery;
    if (typeof operation.query === 'string') return persisted;
    const document = await registered(caller.application, persisted);
    if (document === null) {
      throw badRequest(
        'PERSISTED_QUERY_NOT_IN_LIST',
        `No document with hash ${persisted} is registered for application ${caller.application}. Register your client's persisted-documents manifest (npm run documents:register) or send the full query.`,
      );
    }
    operation.query = document;
    return null;
  };

  /** After the limits: a claimed hash must be the document's (as sent or normalised); in trusted mode it must be registered. */
  const checkDocument = async (caller: Caller, settings: ApplicationSettings, query: string, claimed: string | null): Promise<void> => {
    if (claimed !== null && sha256(query) !== claimed && normalisedHash(query) !== claimed) {
      throw badRequest('PERSISTED_QUERY_HASH_MISMATCH', 'extensions.persistedQuery.sha256Hash is not the sha256 of the query sent with it.');
    }
    if (!settings.trustedDocuments) return;
    const exact = sha256(query);
    if ((await registered(caller.application, claimed ?? exact)) !== null) return;
    const normalised = normalisedHash(query);
    if (normalised !== null && normalised !== exact && (await registered(caller.application, normalised)) !== null) return;
    throw await notRegistered(caller.application, query, normalised ?? exact);
  };

  /** Says what is registered, and what differs, rather than advising a registration already made. */
  const notRegistered = async (application: string, query: string, hash: string): Promise<GraphQLError> => {
    const documents = store ? await store.documents(application) : [];
    if (documents.length === 0) {
      return badRequest(
        'QUERY_NOT_IN_SAFELIST',
        `Application ${application} may run only its registered documents, and none is registered for it. Register the client's persisted-documents manifest (npm run codegen writes it): npm run documents:register -- --app ${application}.`,
        { documentHash: hash, registeredDocuments: 0 },
      );
    }
    const name = operationNameOf(query);
    const sameName = name === null ? undefined : documents.find((d) => operationNameOf(d.document) === name);
    const count = documents.length === 1 ? 'its 1 registered document' : `its ${documents.length} registered documents`;
    return badRequest(
      'QUERY_NOT_IN_SAFELIST',
      `Application ${application} may run only ${count}, and this one (${name ? `${name}, ` : ''}sha256 ${hash}) is not one of them${sameName ? `: the registered ${name} (sha256 ${sameName.hash}) selects other fields` : ''}. If the client's operations changed, run npm run codegen and register the new manifest: npm run documents:register -- --app ${application}; npm run documents -- list --app ${application} shows what is registered.`,
      { documentHash: hash, registeredDocuments: documents.length },
    );
  };

  return {
    throttle(caller, operations) {
      const { rateLimit } = options.policy.settingsFor(caller.application);
      if (!rateLimit) return;
      const holder = limitHolder(caller);
      const decision = rateLimiter.take(holder.key, rateLimit, Math.max(1, operations));
      if (decision.allowed) return;
      throw new GraphQLError(
        `${holder.who} exceeded its rate limit of ${rateLimit.requestsPerSecond} requests per second (burst ${rateLimit.burst}); retry after ${decision.retryAfterSeconds} s.`,
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
        const claimed = await resolvePersisted(caller, operation);
        if (typeof operation.query !== 'string') continue; // Apollo answers a request without a query
        const operationName = typeof operation.operationName === 'string' && operation.operationName !== '' ? operation.operationName : null;
        const exceeded = limits.check(operation.query, operationName, settings.limits);
        if (exceeded) throw exceeded;
        await checkDocument(caller, settings, operation.query, claimed);
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
    throw badRequest('PERSISTED_QUERY_INVALID', 'extensions.persistedQuery must be { "version": 1, "sha256Hash": "<hash>" }, the hash as 64 lowercase hex digits or as sha256:<64 lowercase hex digits> (as codegen writes it).');
  }
  return hash;
}

function badRequest(code: string, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra, http: { status: 400 } } });
}
