/**
 * Each operation starts with no department reports: Apollo gives every operation of a batch its own shallow copy
 * of the request's context, so the list is made per operation here, never shared between them.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context.ts';

export function useDepartmentReports(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      contextValue.reports = [];
    },
  };
}
