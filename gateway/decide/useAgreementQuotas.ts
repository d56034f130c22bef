/**
 * Per-agreement daily quotas of records: once the sharing policy has decided which agreements an operation uses,
 * an agreement whose quota for the day is used up refuses the operation (429 `QUOTA_EXCEEDED`, `Retry-After`
 * the seconds until the quota's next day) before anything is fetched; after the response is shaped, the records
 * served under each agreement with a quota (the distinct subjects its provider reported returning, whatever the
 * caller named its fields) are added to the day's count in the platform store, shared by every replica. Its place in
 * pipeline.ts: after the sharing policy (it reads the decisions) and after the shaping and the input status.
 */
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { ApplicationPolicy } from '../admit/applicationPolicy.ts';
import type { GatewayContext } from '../context.ts';
import type { GatewayLogger } from '../options.ts';
import { quotaDay, type AgreementUsage } from '../quotas/agreementUsage.ts';

export interface AgreementQuotaOptions {
  policy: ApplicationPolicy;
  usage: AgreementUsage;
  /** Offset of the quota's day from UTC, in minutes. Default 480 (China Standard Time). */
  dayOffsetMinutes?: number;
  now?: () => Date;
  logger: GatewayLogger;
}

export function useAgreementQuotas(options: AgreementQuotaOptions): ApolloServerPlugin<GatewayContext> {
  const offset = options.dayOffsetMinutes ?? 480;
  const now = options.now ?? (() => new Date());
  /** Agreement id -> provider, of the agreements with a quota this operation is served under. */
  const quotaAgreements = (context: GatewayContext): Map<string, string> => {
    const used = new Map<string, string>();
    for (const decision of context.decisions?.reached ?? []) {
      if (decision.effect !== 'allow' || !decision.agreementId || !decision.provider) continue;
      if (options.policy.dailyRecordsFor(decision.agreementId) !== null) used.set(decision.agreementId, decision.provider);
    }
    return used;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue: context }) {
          const agreements = quotaAgreements(context);
          if (agreements.size === 0) return;
          const { day, secondsLeft } = quotaDay(now(), offset);
          for (const agreementId of agreements.keys()) {
            const allowed = options.policy.dailyRecordsFor(agreementId)!;
            const used = await options.usage.used(agreementId, day);
            if (used < allowed) continue;
            throw new GraphQLError(
              `Agreement ${agreementId} allows ${allowed} records a day and ${used} were served on ${day}; its quota renews in ${secondsLeft} s. Ask the provider to raise the quota if the purpose needs more.`,
              {
                extensions: {
                  code: 'QUOTA_EXCEEDED',
                  agreementId,
                  limit: 'dailyRecords',
                  allowed,
                  used,
                  retryAfter: secondsLeft,
                  http: { status: 429, headers: new HeaderMap([['retry-after', String(secondsLeft)]]) },
                },
              },
            );
          }
        },
        async willSendResponse({ contextValue: context, response }) {
          // The departments' reports are all in once the response is being sent: count their subjects.
          if ((response.http.status ?? 200) >= 400) return;
          const agreements = quotaAgreements(context);
          if (agreements.size === 0) return;
          const records = new Map<string, number>();
          for (const [agreementId, provider] of agreements) records.set(agreementId, reportedSubjects(context, provider));
          try {
            await options.usage.add(quotaDay(now(), offset).day, records);
          } catch (error) {
            options.logger.error(`[gateway] cannot count quota usage: ${(error as Error).message}`);
          }
        },
      };
    },
  };
}

/** Distinct subjects a provider reported returning in this operation, over all its subgraph requests. */
function reportedSubjects(context: GatewayContext, provider: string): number {
  const subjects = new Set<string>();
  for (const { report } of context.reports) if (report.department === provider) for (const subject of report.subjects) subjects.add(subject);
  return subjects.size;
}
