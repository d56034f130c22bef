/**
 * Builds the gateway context of one request from its headers: the verified caller (401 otherwise), the
 * purpose, the sharing mode, and the caller department's agreements read fresh from the store on every request
 * (so an approval, a revocation or an expiry applies to the very next request). A store that cannot be read
 * fails the request (503): the gateway never decides without knowing the agreements. With an admission, the
 * caller's rate limit is taken right after identification and its operations are admitted (batch, trusted
 * documents, limits: gateway/admit/) before Apollo parses them. The request's record is opened here (record/): every
 * refusal here is recorded through it before it is answered, and `onRejected` records those refused outside
 * (http/graphqlHandler.ts, Apollo's own) unless an operation of the request already runs, and so records itself.
 * A refusal before the caller is known (a bad token, a refused body) is first counted against its source address
 * (gateway/identify/): beyond that source's limit it is answered 429 and recorded in aggregate, not one by one.
 */
import type { IncomingMessage } from 'node:http';
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { OperationRequest, Rejection } from '../../http/index.ts';
import type { Caller } from '../../sharing/index.ts';
import type { GatewayContext } from '../context.ts';
import { CallerRejected, createCallerVerifier, type CallerVerifier } from './callerVerifier.ts';
import { createIdentityVerifier } from './identityVerifier.ts';
import { createResidentVerifier } from './residentVerifier.ts';
import { RESIDENT_AUDIENCE } from '../../sharing/residents.ts';
import type { Admission } from '../admit/admission.ts';
import type { RefusalGuard } from './refusalGuard.ts';
import type { ResolvedGatewayOptions } from '../options.ts';
import type { Recorder, RequestRecord } from '../record/recorder.ts';

const PURPOSE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

export type ContextBuilder = ((req: IncomingMessage, operations?: OperationRequest[]) => Promise<GatewayContext>) & {
  /** Records a request refused outside the context builder (malformed body, CSRF, …) unless already recorded. */
  onRejected(rejection: Rejection<GatewayContext>): Promise<string | void>;
};

/**
 * The gateway's caller verification: its bearer tokens, or only the anonymous caller when it has no identity; and,
 * with `residents`, residents' tokens (told apart by their audience, gateway/identify/identityVerifier.ts).
 * One per gateway, shared by `/graphql` and the explorer's endpoints (one key set fetched, one token cache).
 */
export function gatewayCallerVerifier(config: Pick<ResolvedGatewayOptions, 'identity' | 'anonymous'> & { residents?: ResolvedGatewayOptions['residents'] }): CallerVerifier {
  const residents = config.residents ? { verify: createResidentVerifier(config.residents), audience: config.residents.audience ?? RESIDENT_AUDIENCE } : null;
  return createIdentityVerifier(departmentCallerVerifier(config), residents);
}

function departmentCallerVerifier(config: Pick<ResolvedGatewayOptions, 'identity' | 'anonymous'>): CallerVerifier {
  return config.identity
    ? createCallerVerifier({ ...config.identity, anonymous: config.anonymous })
    : async (authorization) => {
        if (authorization) throw new CallerRejected('This gateway admits only anonymous requests: send no Authorization header.');
        return { ...config.anonymous!, roles: [], anonymous: true };
      };
}

/**
 * Every refusal goes to `recorder`; with `admission`, the caller's rate limit, batch, trusted documents and operation
 * limits are checked too; with `refusals`, refusals before identity are limited per source address.
 */
export function createContextBuilder(
  config: ResolvedGatewayOptions,
  recorder: Recorder,
  admission: Admission | null = null,
  verify: CallerVerifier = gatewayCallerVerifier(config),
  refusals: RefusalGuard | null = null,
): ContextBuilder {
  /** A request refused before it could run is still recorded (503 if even that fails); the answer names its record. */
  const refuse = async (record: RequestRecord, facts: { caller?: Caller; purpose?: string | null }, error: GraphQLError): Promise<never> => {
    const status = (error.extensions.http as { status?: number } | undefined)?.status ?? 400;
    await recorder.refused(record, { ...facts, status, reason: error.message });
    const http = (error.extensions.http ??= {}) as { headers?: HeaderMap };
    http.headers ??= new HeaderMap();
    http.headers.set('x-request-id', record.requestId);
    throw error;
  };
  const build = async (req: IncomingMessage, operations: OperationRequest[] = []): Promise<GatewayContext> => {
    const record = recorder.open();
    let caller: Caller;
    try {
      caller = await verify(req.headers.authorization);
    } catch (error) {
      if (!(error instanceof CallerRejected)) throw error;
      const flooded = refusals?.refusal(req, 401, 'UNAUTHENTICATED');
      if (flooded) throw flooded;
      return refuse(record, {}, refusal(error.reason, 'UNAUTHENTICATED', 401));
    }
    try {
      admission?.throttle(caller, operations.length);
    } catch (error) {
      return refuse(record, { caller }, error as GraphQLError);
    }
    const purpose = header(req, 'x-purpose');
    if (purpose !== null && !PURPOSE.test(purpose)) {
      return refuse(record, { caller }, refusal('X-Purpose must be an agreement id or a purpose code (letters, digits, . _ : -, at most 100).'));
    }
    const mode = header(req, 'x-sharing-mode');
    if (mode !== null && mode !== 'strict' && mode !== 'partial') {
      return refuse(record, { caller, purpose }, refusal('X-Sharing-Mode must be "strict" (reject the operation if any field is denied) or "partial" (the default).'));
    }
    let agreements: GatewayContext['agreements'] = [];
    // A resident holds no agreement: their operation reaches only their own records (gateway/decide/useResidentScope.ts).
    if (config.agreements && !caller.anonymous && !caller.resident) {
      try {
        agreements = await config.agreements.agreementsFor(caller.department, new Date());
      } catch (error) {
        config.logger.error(`[gateway] cannot read agreements: ${(error as Error).message}`);
        return refuse(record, { caller, purpose }, refusal('The agreement store cannot be read, so no sharing decision can be made; try again shortly.', 'SERVICE_UNAVAILABLE', 503));
      }
    }
    let settings: GatewayContext['settings'];
    try {
      settings = (await admission?.admit(caller, operations)) ?? undefined;
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      return refuse(record, { caller, purpose }, error);
    }
    return { requestId: record.requestId, startedAt: record.startedAt, record, reports: [], caller, purpose, agreements, strict: mode === 'strict', settings };
  };
  /** Resolves to the request id of the record written (sent back as `x-request-id`), or nothing when none was. */
  const onRejected = async ({ req, status, code, message, context }: Rejection<GatewayContext>): Promise<string | void> => {
    if (!recorder.recording || (context && context.record.state !== 'open')) return;
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
    const purpose = context?.purpose ?? wellFormedPurpose(header(req, 'x-purpose'));
    return recorder.refused(context?.record ?? recorder.open(), { caller, purpose, status, reason: `${code}: ${message}` });
  };
  return Object.assign(build, { onRejected });
}

function refusal(message: string, code = 'BAD_REQUEST', status = 400): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status } } });
}

function wellFormedPurpose(purpose: string | null): string | null {
  return purpose !== null && PURPOSE.test(purpose) ? purpose : null;
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text.trim() === '' ? null : text.trim();
}
