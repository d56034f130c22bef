/**
 * Input the caller must fix is answered 400 whoever refuses it. The gateway refuses a malformed resident ID or an
 * operation over its limits with 400 before anything runs; a department refuses a value it cannot serve
 * (`enterprises(first: 5000)`) while answering, which GraphQL reports as an execution error with HTTP 200. An answer
 * without data whose every error is `BAD_USER_INPUT` is that same class of error, so it gets the same status. An
 * answer with data keeps its 200: clients that treat a 4xx as a failure would drop what was served.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context.ts';

export const useInputErrorStatus = (): ApolloServerPlugin<GatewayContext> => ({
  requestDidStart: async () => ({
    async willSendResponse({ response }) {
      if (response.body.kind !== 'single' || (response.http.status ?? 200) !== 200) return;
      const { data, errors } = response.body.singleResult;
      if (data != null || !errors?.length || !errors.every((e) => e.extensions?.code === 'BAD_USER_INPUT')) return;
      response.http.status = 400;
    },
  }),
});
