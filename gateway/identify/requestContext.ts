/**
 * Builds the gateway context of one request from its headers: the verified caller (401 otherwise), the
 * purpose, the sharing mode, and the caller department's agreements read fresh from the store on every request
 * (so an approval, a revocation or an expiry applies to the very next request). A store that cannot be read
 * fails the request (503): the gateway never decides without knowing the agreements. With an admission, the
 * caller's rate limit is taken right after identification and its operations are admitted (batch, trusted
 * documents, limits: gateway/admit/) before Apollo parses them. Every refusal here is recorded in the audit
 * trail before it is answered; `onRejected` records those refused outside (http/graphqlHandler.ts, Apollo's own).
 * A refusal before the caller is known (a bad token, a refused body) is first counted against its source address
 * (gateway/identify/): beyond that source's limit it is answered 429 and recorded in aggregate, not one by one.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { OperationRequest, Rejection } from '../../http/index.ts';
import type { Caller } from '../../sharing/index.ts';
import { outcomeOf } from '../../platform/audit/outcome.ts';
import { requestEntry } from '../record/auditEntry.ts';
import type { GatewayContext } from '../context.ts';
import { CallerRejected, createCallerVerifier, type CallerVerifier } from './callerVerifier.ts';
import type { Admission } from '../admit/admission.ts';
import type { RefusalGuard } from './refusalGuard.ts';
import type { ResolvedGatewayOptions } from '../options.ts';

const PURPOSE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

export type ContextBuilder = ((req: IncomingMessage, operations?: OperationRequest[]) => Promise<GatewayContext>) & {
  /** Records a request refused outside the context builder (malformed body, CSRF, …) unless already recorded. */
  onRejected(rejection: Rejection<GatewayContext>): Promise<string | void>;
};

/**
 * The gateway's caller verification: its bearer tokens, or only the anonymous caller when it has no identity.
 * One per gateway, shared by `/graphql` and the explorer's endpoints (one key set fetched, one token cache).
 */
export function gatewayCallerVerifier(config: Pick<ResolvedGatewayOptions, 'identity' | 'anonymous'>): CallerVerifier {
  return config.identity
    ? createCallerVerifier({ ...config.identity, anonymous: config.anonymous })
    : async (authorization) => {
        if (authorization) throw new CallerRejected('This gateway admits only anonymous requests: send no Authorization header.');
        return { ...config.anonymous!, roles: [], anonymous: true };
      };
}

/**
 * With `admission`, the caller's rate limit, batch, trusted documents and operation limits are checked too; with
 * `refusals`, refusals before identity are limited per source address.
 */
export function createContextBuilder(
  config: ResolvedGatewayOptions,
  admission: Admission | null = null,
  verify: CallerVerifier = gatewayCallerVerifier(config),
  refusals: RefusalGuard | null = null,
): ContextBuilder {
  /** A request refused before it could run is still recorded; if even that fails, the answer is 503. */
  const refuse = async (partial: Partial<GatewayContext> & Pick<GatewayContext, 'requestId' | 'startedAt'>, error: GraphQLError) => {
    if (config.audit) {
      const status = (error.extensions.http as { status?: number } | undefined)?.status ?? 400;
      try {
        await config.audit.append(
          requestEntry({ context: partial, operationName: null, status, outcome: outcomeOf(status, [], null), reason: error.message, decisions: [] }),
        );
      } catch (auditError) {
        config.logger.error(`[gateway] audit trail unavailable: ${(auditError as Error).message}`);
        throw auditUnavailable();
      }
    }
    // The answer names its audit record, as served requests do.
    const http = (error.extensions.http ??= {}) as { headers?: Map<string, string> };
    http.headers ??= new HeaderMap();
    http.headers.set('x-request-id', partial.requestId);
    throw error;
  };
  const build = async (req: IncomingMessage, operations: OperationRequest[] = []): Promise<GatewayContext> => {
    const started = { requestId: randomUUID(), startedAt: Date.now(), reports: [] };
    let caller: Caller;
    try {
      caller = await verify(req.headers.authorization);
    } catch (error) {
      if (!(error instanceof CallerRejected)) throw error;
      const flooded = refusals?.refusal(req, 401, 'UNAUTHENTICATED');
      if (flooded) throw flooded;
      return refuse(started, new GraphQLError(error.reason, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } }));
    }
    try {
      admission?.throttle(caller, operations.length);
    } catch (error) {
      return refuse({ ...started, caller }, error as GraphQLError);
    }
    const purpose = header(req, 'x-purpose');
    if (purpose !== null && !PURPOSE.test(purpose)) {
      return refuse({ ...started, caller }, new GraphQLError('X-Purpose must be an agreement id or a purpose code (letters, digits, . _ : -, at most 100).', {
        extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
      }));
    }
    const mode = header(req, 'x-sharing-mode');
    if (mode !== null && mode !== 'strict' && mode !== 'partial') {
      return refuse({ ...started, caller, purpose }, new GraphQLError('X-Sharing-Mode must be "strict" (reject the operation if any field is denied) or "partial" (the default).', {
        extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
      }));
    }
    let agreements: GatewayContext['agreements'] = [];
    if (config.agreements && !caller.anonymous) {
      try {
        agreements = await config.agreements.agreementsFor(caller.department, new Date());
      } catch (error) {
        config.logger.error(`[gateway] cannot read agreements: ${(error as Error).message}`);
        return refuse({ ...started, caller, purpose }, new GraphQLError('The agreement store cannot be read, so no sharing decision can be made; try again shortly.', {
          extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } },
        }));
      }
    }
    let settings: GatewayContext['settings'];
    try {
      settings = (await admission?.admit(caller, operations)) ?? undefined;
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      return refuse({ ...started, caller, purpose }, error);
    }
    return { ...started, caller, purpose, agreements, strict: mode === 'strict', settings, pipeline: { started: false } };
  };
  /** Resolves to the request id of the record written (sent back as `x-request-id`), or nothing when none was. */
  const onRejected = async ({ req, status, code, message, context }: Rejection<GatewayContext>): Promise<string | void> => {
    if (!config.audit || context?.pipeline?.started) return;
    // Refused before its context was built, so before its caller was known: limited per source address.
    const flooded = context ? null : refusals?.refusal(req, status, code);
    if (flooded) throw flooded;
    let caller = context?.caller;
    if (!caller) {
      try {
        caller = await verify(req.headers.authorization);
      } catch {
        caller = undefined; // recorded without a caller
      }
    }
    const facts = { requestId: context?.requestId ?? randomUUID(), startedAt: context?.startedAt ?? Date.now(), caller, purpose: context?.purpose ?? wellFormedPurpose(header(req, 'x-purpose')) };
    try {
      await config.audit.append(
        requestEntry({ context: facts, operationName: null, status, outcome: outcomeOf(status, [], null), reason: `${code}: ${message}`, decisions: [] }),
      );
    } catch (auditError) {
      config.logger.error(`[gateway] audit trail unavailable: ${(auditError as Error).message}`);
      throw auditUnavailable();
    }
    return facts.requestId;
  };
  return Object.assign(build, { onRejected });
}

function wellFormedPurpose(purpose: string | null): string | null {
  return purpose !== null && PURPOSE.test(purpose) ? purpose : null;
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text.trim() === '' ? null : text.trim();
}

export function auditUnavailable(): GraphQLError {
  return new GraphQLError('The audit trail cannot record this request, so it is not served; try again shortly.', {
    extensions: { code: 'AUDIT_UNAVAILABLE', http: { status: 503 } },
  });
}
