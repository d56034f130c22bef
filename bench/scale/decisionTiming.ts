/**
 * The per-request decision of the scale benchmark, in process: exactly what the sharing plugin does before
 * planning (every selected field decided, denied ones removed, key fields added, the hidden items of the caller's
 * department looked up) for the fixed query, timed over many iterations; the median of batches is reported.
 */
import { buildASTSchema, getOperationAST, parse } from 'graphql';
import { decideOperation } from '../../gateway/decide/operationDecisions.ts';
import { hiddenItems } from '../../gateway/decide/visibility.ts';
import { decide, readSharingCatalogue, type Agreement, type Caller } from '../../sharing/index.ts';
import { departmentId, fixedQuery, personField, personType, type Layout } from './syntheticDepartments.ts';

export interface DecisionTiming {
  /** Median microseconds per decision of the fixed query. */
  medianUs: number;
  p90Us: number;
  /** How many fields were denied in the fixed query (the same at every size). */
  denied: number;
  batches: number;
  iterationsPerBatch: number;
}

export function timeDecisions(supergraphSdl: string, apiSchemaSdl: string, layout: Layout = 'shared', batches = 30, iterationsPerBatch = 200): DecisionTiming {
  const catalogue = readSharingCatalogue(parse(supergraphSdl));
  const schema = buildASTSchema(parse(apiSchemaSdl), { assumeValidSDL: true });
  const document = parse(fixedQuery(layout));
  const operation = getOperationAST(document)!;
  const caller: Caller = { application: 'scale-bench', department: departmentId(1), roles: ['app'], anonymous: false };
  // One agreement granting a conditional item of department 2 for the purpose; the others stay denied.
  const agreements: Agreement[] = [0, 2, 4].map((provider) => ({
    id: `AGR-SCALE-${provider}`,
    consumer: caller.department,
    provider: departmentId(provider),
    items: [0, 3].map((item) => `${personType(provider, layout)}.${personField(provider, item)}`),
    purpose: 'scale-benchmark',
    legalBasis: 'synthetic',
    validFrom: '2020-01-01T00:00:00Z',
    validUntil: '2100-01-01T00:00:00Z',
    status: 'APPROVED',
  }));
  const request = { caller, purpose: 'scale-benchmark', agreements };
  const once = () => {
    hiddenItems(catalogue, caller.department);
    return decideOperation({
      schema,
      document,
      operation,
      variables: { id: '110101199003074514' },
      decideField: (type, field) => decide(`${type}.${field}`, catalogue.policy(type, field), request, { defaultLevel: 'NONE' }),
    });
  };
  const denied = once().deniedPaths.length;
  for (let i = 0; i < iterationsPerBatch * 3; i++) once();
  const samples: number[] = [];
  for (let b = 0; b < batches; b++) {
    const started = performance.now();
    for (let i = 0; i < iterationsPerBatch; i++) once();
    samples.push(((performance.now() - started) * 1000) / iterationsPerBatch);
  }
  samples.sort((a, b) => a - b);
  return {
    medianUs: samples[Math.floor(samples.length / 2)]!,
    p90Us: samples[Math.floor(samples.length * 0.9)]!,
    denied,
    batches,
    iterationsPerBatch,
  };
}
