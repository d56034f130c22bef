/**
 * The one place the gateway's Apollo plugins are assembled, in the order a request meets them. Before Apollo parses
 * anything, the context builder identifies the caller and admits its operations (identify/, admit/admission.ts);
 * from the parsed operation on, these steps run, one folder after the other: admit, decide, (fetch: Apollo's gateway
 * plans and fetches), shape, record. Apollo runs a hook of all its plugins at once, so their order would rest on
 * which of them awaits first; here the steps are one plugin that runs each hook of each step after the previous
 * step's has finished, in the order listed: a refusal stops the steps after it, and the record is written last,
 * over the answer as it is sent.
 */
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import type { SharingCatalogue } from '../sharing/index.ts';
import { useIdentifierValidation } from './admit/useIdentifierValidation.ts';
import { useOperationLimits } from './admit/useOperationLimits.ts';
import { useResidentScope } from './admit/useResidentScope.ts';
import type { GatewayContext } from './context.ts';
import type { FormerAgreements } from './decide/formerAgreements.ts';
import { useAgreementQuotas } from './decide/useAgreementQuotas.ts';
import { usePurposeCheck } from './shape/usePurposeCheck.ts';
import { useSharingPolicy } from './decide/useSharingPolicy.ts';
import type { ResolvedGatewayOptions } from './options.ts';
import type { Recorder } from './record/recorder.ts';
import { useInputErrorStatus } from './shape/useInputErrorStatus.ts';
import { useResponseShaping } from './shape/useResponseShaping.ts';

export interface PipelineOptions {
  config: ResolvedGatewayOptions;
  recorder: Recorder;
  /** The catalogue of the supergraph now serving. */
  catalogue(): SharingCatalogue;
  formerAgreements: FormerAgreements | undefined;
  /** The explorer's query plan for a caller who asks (explorer/queryPlan.ts): added to the answer before the record. */
  queryPlans: ApolloServerPlugin<GatewayContext>;
}

export function gatewayPipeline({ config, recorder, catalogue, formerAgreements, queryPlans }: PipelineOptions): ApolloServerPlugin<GatewayContext> {
  return inSequence([
    // record: an operation starts (the request is no longer refused before running), with no department reports yet.
    {
      async requestDidStart({ contextValue }) {
        recorder.running(contextValue.record);
        contextValue.reports = [];
        return {
          async didResolveSource({ contextValue, queryHash }) {
            contextValue.documentHash = queryHash;
          },
        };
      },
    },
    // admit: a malformed resident ID or credit code is a 400 before anything else.
    useIdentifierValidation(),
    // admit: a resident reaches only their own records; any other root field refuses the operation whole (403).
    useResidentScope(),
    // admit: the cost of the caller's own document, and the application's operations in flight until the answer is sent.
    useOperationLimits(),
    // decide: every selected field decided, the denied ones removed before planning; in strict mode a denial answers 403.
    useSharingPolicy({ catalogue, defaultLevel: config.defaultLevel, formerAgreements }),
    // (fetch: @apollo/gateway plans the decided document and fetches it, fetch/subgraphClient.ts.)
    // shape: denied paths null with their errors, keys masked, introspection of what the caller may see.
    useResponseShaping({ catalogue, maskingKey: config.maskingKey }),
    // shape: an X-Purpose that names no agreement in force, said once per answer.
    usePurposeCheck(),
    // shape: an answer without data whose every error is the caller's input is a 400.
    useInputErrorStatus(),
    // decide, then count: an agreement whose daily quota is spent refuses the operation before anything is fetched;
    // once the answer is shaped, the subjects departments reported serving under each agreement are counted.
    ...(config.agreementUsage ? [useAgreementQuotas({ policy: config.applicationPolicy, usage: config.agreementUsage, logger: config.logger })] : []),
    queryPlans,
    // record: the operation's audit record, written before the answer is sent (503 without data if it cannot be).
    { async requestDidStart() { return { willSendResponse: (requestContext) => recorder.answered(requestContext) }; } },
  ]);
}

type Listener = GraphQLRequestListener<GatewayContext>;
type SequencedHook = 'didResolveSource' | 'didResolveOperation' | 'willSendResponse';

/**
 * One plugin running each hook of `plugins` one after the other, in order (Apollo runs them at once). Only the
 * listeners that have a hook are called for it, and a hook that is not there costs nothing.
 */
export function inSequence(plugins: ApolloServerPlugin<GatewayContext>[]): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart(requestContext) {
      const listeners: Listener[] = [];
      for (const plugin of plugins) {
        const listener = await plugin.requestDidStart?.(requestContext);
        if (listener) listeners.push(listener);
      }
      const sequenced: Listener = {};
      for (const hook of ['didResolveSource', 'didResolveOperation', 'willSendResponse'] as const satisfies readonly SequencedHook[]) {
        const having = listeners.filter((listener) => listener[hook]);
        if (having.length === 0) continue;
        sequenced[hook] = (async (hookContext: never) => {
          for (const listener of having) await (listener[hook] as (context: never) => Promise<void>)(hookContext);
        }) as never;
      }
      const responders = listeners.filter((listener) => listener.responseForOperation);
      if (responders.length > 0) {
        sequenced.responseForOperation = async (hookContext) => {
          for (const listener of responders) {
            const response = await listener.responseForOperation!(hookContext);
            if (response) return response;
          }
          return null;
        };
      }
      return sequenced;
    },
  };
}
