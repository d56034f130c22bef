/**
 * Apollo's query plan, shown to the caller who asks for it (GraphiQL's Query plan pane): a request with
 * `x-govgraph-query-plan: 1` from a signed-in caller gets `extensions.queryPlan` with the plan the gateway
 * executed for it. The plan is that of the document as the sharing policy decided it for this caller, so a field
 * withheld from the caller (a NONE item of another department, a conditional item without the agreement for the
 * purpose) is not in it: the plan shows how the caller's own answer was fetched, nothing more. An anonymous
 * caller never gets one, and Apollo's own unaudited `Apollo-Query-Plan-Experimental` header is turned off
 * (`exposeApolloQueryPlanHeader: false` for the gateway's constructor).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Experimental_DidResolveQueryPlanCallback } from '@apollo/gateway';
import { prettyFormatQueryPlan, type PlanNode, type QueryPlan } from '@apollo/query-planner';
import type { GatewayContext } from '../context.ts';
import type { QueryPlanView } from './views.ts';

export const QUERY_PLAN_HEADER = 'x-govgraph-query-plan';

export interface QueryPlanExposure {
  /** For `new ApolloGateway({ experimental_didResolveQueryPlan })`: keeps each request's plan beside its context. */
  didResolveQueryPlan: Experimental_DidResolveQueryPlanCallback;
  /** Adds the kept plan to the answer of a request that asked for it. */
  plugin: ApolloServerPlugin<GatewayContext>;
}

export function queryPlanExposure(): QueryPlanExposure {
  // Per request, dropped with the request's context: no state outlives a request.
  const plans = new WeakMap<object, QueryPlan>();
  return {
    didResolveQueryPlan: ({ queryPlan, requestContext }) => {
      if (requestContext.context) plans.set(requestContext.context, queryPlan);
    },
    plugin: {
      async requestDidStart({ request, contextValue }) {
        const wanted = request.http?.headers.get(QUERY_PLAN_HEADER) === '1' && !contextValue.caller.anonymous;
        if (!wanted) return;
        return {
          async willSendResponse({ response }) {
            const plan = plans.get(contextValue);
            if (!plan || response.body.kind !== 'single') return;
            const view: QueryPlanView = { text: plan.node ? prettyFormatQueryPlan(plan) : 'QueryPlan {}', departments: departmentsOf(plan.node) };
            response.body.singleResult.extensions = { ...response.body.singleResult.extensions, queryPlan: view };
          },
        };
      },
    },
  };
}

/** The subgraphs a plan fetches from, in order of first fetch. */
function departmentsOf(node: QueryPlan['node']): string[] {
  const seen: string[] = [];
  const walk = (current: PlanNode | QueryPlan['node'] | undefined): void => {
    if (!current) return;
    switch (current.kind) {
      case 'Fetch':
        if (!seen.includes(current.serviceName)) seen.push(current.serviceName);
        return;
      case 'Sequence':
      case 'Parallel':
        current.nodes.forEach(walk);
        return;
      case 'Flatten':
        return walk(current.node);
      case 'Defer':
        walk(current.primary.node);
        current.deferred.forEach((deferred) => walk(deferred.node));
        return;
      case 'Condition':
        walk(current.ifClause);
        walk(current.elseClause);
        return;
      case 'Subscription':
        walk(current.primary);
        walk(current.rest);
        return;
    }
  };
  walk(node);
  return seen;
}
