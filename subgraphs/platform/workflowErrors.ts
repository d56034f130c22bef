/**
 * The workflow's refusals as GraphQL errors a client can act on: the workflow's message (what was refused and
 * every problem, each saying what to do), `extensions.code` from the code Apollo clients know (BAD_USER_INPUT,
 * FORBIDDEN, NOT_FOUND, CONFLICT, SERVICE_UNAVAILABLE), and `extensions.problems` listing the problems one by one.
 * Anything else is not the caller's fault and is passed on for the server to mask.
 */
import { GraphQLError } from 'graphql';
import { AgreementError, WorkflowError, type WorkflowErrorCode } from '../../platform/index.ts';

const CODES: Record<WorkflowErrorCode, string> = {
  INVALID: 'BAD_USER_INPUT',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  UNAVAILABLE: 'SERVICE_UNAVAILABLE',
};

export function workflowGraphQLError(error: unknown): unknown {
  if (error instanceof WorkflowError) {
    return new GraphQLError(error.message, { extensions: { code: CODES[error.code], problems: [...error.problems] } });
  }
  if (error instanceof AgreementError) {
    const code = error.code === 'INVALID_AGREEMENT' ? 'BAD_USER_INPUT' : error.code === 'AGREEMENT_NOT_FOUND' ? 'NOT_FOUND' : 'CONFLICT';
    return new GraphQLError(error.message, { extensions: { code, problems: [...error.problems] } });
  }
  return error;
}

/** Runs a workflow call, turning its refusals into GraphQL errors. */
export async function answering<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw workflowGraphQLError(error);
  }
}
