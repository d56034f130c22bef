/**
 * The department's side of "both sides log": once a bound request has executed, its report (what this
 * department served, masked, withheld, about whom) is sealed with the department's key, appended to the
 * department's own hash-chained access log, and only then returned to the gateway in `extensions.govgraph`. A
 * department that cannot record does not serve: 503 `AUDIT_UNAVAILABLE`, no data.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { AuditSink } from '../../../platform/audit/trail.ts';
import { outcomeOf } from '../../../platform/audit/outcome.ts';
import type { VerifiedBinding } from '../../../sharing/binding.ts';
import type { DepartmentKeys } from '../../../sharing/departmentKeys.ts';
import { sealReport } from '../../../sharing/servedReport.ts';
import type { GrantClaims } from '../../../sharing/types.ts';
import { accessEntry } from './accessEntry.ts';
import type { ServedCollector } from './servedCollector.ts';

/** What a department's request context carries for its report. */
export interface ReportingContext {
  grant: GrantClaims;
  binding: VerifiedBinding;
  served: ServedCollector;
  /** The gateway's request id the binding names. */
  requestId: string;
  startedAt: number;
}

export interface ServedReportOptions {
  department: string;
  keys: DepartmentKeys;
  accessLog: AuditSink;
  logger?: { error(message: string): void };
}

export function useServedReport(options: ServedReportOptions): ApolloServerPlugin<ReportingContext> {
  const logger = options.logger ?? { error: (message: string) => console.error(message) };
  return {
    async requestDidStart() {
      return {
        async willSendResponse(requestContext) {
          const { contextValue: context, response } = requestContext;
          if (response.body.kind !== 'single' || !context.binding) return;
          const result = response.body.singleResult;
          const lists = context.served.lists();
          const sealed = sealReport(
            { department: options.department, requestId: context.requestId, grant: context.binding.id, operation: context.binding.operation, ...lists },
            options.keys.signing,
            context.binding.secret,
          );
          const status = response.http.status ?? 200;
          const errors = (result.errors ?? []) as readonly GraphQLFormattedError[];
          try {
            await options.accessLog.append(
              accessEntry({
                department: options.department,
                grant: context.grant,
                requestId: context.requestId,
                operationName: requestContext.operationName ?? null,
                operation: context.binding.operation,
                startedAt: context.startedAt,
                status,
                outcome: outcomeOf(status, errors, result.data),
                reason: status === 200 ? null : (errors[0]?.message ?? null),
                lists,
                sealed,
              }),
            );
          } catch (error) {
            logger.error(`[${options.department}] access log unavailable: ${(error as Error).message}`);
            response.http.status = 503;
            response.body.singleResult = {
              errors: [{ message: `${options.department} cannot record this request in its access log, so it serves nothing; try again shortly.`, extensions: { code: 'AUDIT_UNAVAILABLE' } }],
            };
            return;
          }
          result.extensions = { ...result.extensions, govgraph: sealed };
        },
      };
    },
  };
}
