/**
 * An X-Purpose that names neither an agreement in force nor the purpose of one (a typo, most often) is said once
 * per response, in `extensions.purpose`, with the purposes the caller's agreements do have — besides the denial of
 * each item it fails to grant, which alone reads as per-field noise. Only when a CONDITIONAL item was denied: where
 * nothing a purpose could grant was withheld, the purpose did not matter. An extension, not an error: the data
 * served is still whole, and clients that treat any error as a failure keep working.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { unknownPurpose } from '../../sharing/index.ts';
import type { GatewayContext } from '../context.ts';

export const usePurposeCheck = (): ApolloServerPlugin<GatewayContext> => ({
  requestDidStart: async () => ({
    async willSendResponse({ contextValue: context, response }) {
      if (response.body.kind !== 'single' || !context.caller || context.caller.anonymous) return;
      if (!context.decisions?.deniedPaths.some(({ decision }) => decision.level === 'CONDITIONAL')) return;
      const problem = unknownPurpose(context);
      if (!problem) return;
      const result = response.body.singleResult;
      result.extensions = { ...result.extensions, purpose: { code: 'UNKNOWN_PURPOSE', purpose: context.purpose, ...problem } };
    },
  }),
});
