/**
 * Builds the gateway context of one request from its headers: the verified caller (401 otherwise), the
 * purpose, the sharing mode, and the caller department's agreements read fresh from the store on every request
 * (so an approval, a revocation or an expiry applies to the very next request). A store that cannot be read
 * fails the request (503): the gateway never decides without knowing the agreements.
 */
import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import type { Caller } from '../sharing/index.ts';
import type { GatewayContext } from './context.ts';
import { CallerRejected, createCallerVerifier, type CallerVerifier } from './identity/callerVerifier.ts';
import type { ResolvedGatewayOptions } from './options.ts';

const PURPOSE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

export function createContextBuilder(config: ResolvedGatewayOptions): (req: IncomingMessage) => Promise<GatewayContext> {
  const verify: CallerVerifier = config.identity
    ? createCallerVerifier({ ...config.identity, anonymous: config.anonymous })
    : async (authorization) => {
        if (authorization) throw new CallerRejected('This gateway admits only anonymous requests: send no Authorization header.');
        return { ...config.anonymous!, roles: [], anonymous: true };
      };
  return async (req) => {
    let caller: Caller;
    try {
      caller = await verify(req.headers.authorization);
    } catch (error) {
      if (!(error instanceof CallerRejected)) throw error;
      throw new GraphQLError(error.reason, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
    }
    const purpose = header(req, 'x-purpose');
    if (purpose !== null && !PURPOSE.test(purpose)) {
      throw new GraphQLError('X-Purpose must be an agreement id or a purpose code (letters, digits, . _ : -, at most 100).', {
        extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
      });
    }
    const mode = header(req, 'x-sharing-mode');
    if (mode !== null && mode !== 'strict' && mode !== 'partial') {
      throw new GraphQLError('X-Sharing-Mode must be "strict" (reject the operation if any field is denied) or "partial" (the default).', {
        extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
      });
    }
    let agreements: GatewayContext['agreements'] = [];
    if (config.agreements && !caller.anonymous) {
      try {
        agreements = await config.agreements.agreementsFor(caller.department, new Date());
      } catch (error) {
        config.logger.error(`[gateway] cannot read agreements: ${(error as Error).message}`);
        throw new GraphQLError('The agreement store cannot be read, so no sharing decision can be made; try again shortly.', {
          extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } },
        });
      }
    }
    return { caller, purpose, agreements, strict: mode === 'strict' };
  };
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text.trim() === '' ? null : text.trim();
}
