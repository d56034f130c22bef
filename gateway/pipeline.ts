/**
 * The one place the gateway's Apollo plugins are assembled, in the order a request meets them. What runs before
 * Apollo parses anything (identify/, then admit/admission.ts) is the context builder's; from the parsed operation on,
 * it is these plugins, one step per folder: admit, decide, fetch, shape, record.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { SharingCatalogue } from '../sharing/index.ts';
import { useIdentifierValidation } from './admit/useIdentifierValidation.ts';
import { useOperationLimits } from './admit/useOperationLimits.ts';
import type { GatewayContext } from './context.ts';
import type { FormerAgreements } from './decide/formerAgreements.ts';
import { useAgreementQuotas } from './decide/useAgreementQuotas.ts';
import { usePurposeCheck } from './decide/usePurposeCheck.ts';
import { useSharingPolicy } from './decide/useSharingPolicy.ts';
import { useDepartmentReports } from './fetch/useDepartmentReports.ts';
import type { ResolvedGatewayOptions } from './options.ts';
import { useAudit } from './record/useAudit.ts';
import { useInputErrorStatus } from './shape/useInputErrorStatus.ts';

export interface PipelineOptions {
  config: ResolvedGatewayOptions;
  /** The catalogue of the supergraph now serving. */
  catalogue(): SharingCatalogue;
  formerAgreements: FormerAgreements | undefined;
  /** Whether a provider does not report what it served (a foreign subgraph); see record/auditEntry.ts. */
  unreported(provider: string | null): boolean;
}

export function gatewayPipeline({ config, catalogue, formerAgreements, unreported }: PipelineOptions): ApolloServerPlugin<GatewayContext>[] {
  return [
    // fetch: each operation of a batch starts with no department reports of its own.
    useDepartmentReports(),
    // admit: a malformed resident ID or credit code is a 400 before anything else.
    useIdentifierValidation(),
    // admit: the cost of the caller's own document, and the application's operations in flight (before the sharing policy rewrites it).
    useOperationLimits(),
    // decide: every selected field decided, the denied ones removed before planning; strict mode answers 403. Shapes the answer after.
    useSharingPolicy({ catalogue, defaultLevel: config.defaultLevel, maskingKey: config.maskingKey, formerAgreements }),
    // decide: an X-Purpose that names no agreement in force, said once per response.
    usePurposeCheck(),
    // shape: an answer without data whose every error is the caller's input is a 400 (before the record, which carries the status).
    useInputErrorStatus(),
    // decide: an agreement whose daily quota is spent refuses the operation; after the shaping, what was served is counted.
    ...(config.agreementUsage ? [useAgreementQuotas({ policy: config.applicationPolicy, usage: config.agreementUsage, logger: config.logger })] : []),
    // record: the request's audit record, written before the answer is sent (503 without data if it cannot be).
    ...(config.audit ? [useAudit({ sink: config.audit, logger: config.logger, unreported })] : []),
  ];
}
