/**
 * The one recorder: every request through `/graphql` is recorded in the audit trail exactly once and before it is
 * answered, whichever step refuses it. A request's record starts `open` (the context builder opens it) and leaves
 * that state once: `refused` when it is refused before any operation ran (by the context builder, the HTTP adapter
 * or Apollo itself), recorded then as that refusal; `running` when an operation starts, after which each operation
 * records its own answer (Apollo runs every operation of a batch with its own copy of the context, all sharing this
 * record). A record that cannot be written answers 503 without data (fail closed). Refusals counted in aggregate
 * (identify/refusalGuard.ts) are written here too: nothing else in the gateway appends to the trail.
 */
import type { GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { outcomeOf } from '../../platform/audit/outcome.ts';
import type { AuditEntry, AuditSink } from '../../platform/index.ts';
import type { Caller } from '../../sharing/index.ts';
import type { GatewayContext } from '../context.ts';
import type { GatewayLogger } from '../options.ts';
import { requestEntry } from './auditEntry.ts';

/** One request's record: `open` until it is recorded as refused, or one of its operations starts running. */
export interface RequestRecord {
  readonly requestId: string;
  /** When the request arrived (ms since the epoch). */
  readonly startedAt: number;
  state: 'open' | 'refused' | 'running';
}

/** What is known of a request refused before any operation of it ran. */
type Refusal = { caller?: Caller; purpose?: string | null; status: number; reason: string };

export type Recorder = ReturnType<typeof createRecorder>;

/**
 * `sink`: the trail, or none to record nothing (tests and foreign supergraphs only); `unreported`: whether a provider
 * does not report what it served (a foreign subgraph, auditEntry.ts).
 */
export function createRecorder({ sink, logger, unreported }: { sink: AuditSink | null; logger: GatewayLogger; unreported?: (provider: string | null) => boolean }) {
  const append = async (entry: AuditEntry): Promise<void> => {
    try {
      await sink!.append(entry);
    } catch (error) {
      logger.error(`[gateway] audit trail unavailable: ${(error as Error).message}`);
      throw auditUnavailable();
    }
  };
  return {
    /** Whether anything is recorded at all (a gateway without a trail records nothing). */
    recording: sink !== null,
    open: (): RequestRecord => ({ requestId: crypto.randomUUID(), startedAt: Date.now(), state: 'open' }),
    /** Records the request as refused if it is still open; resolves to its id when recorded now. Throws a 503 when it cannot be. */
    async refused(record: RequestRecord, { caller, purpose, status, reason }: Refusal): Promise<string | undefined> {
      if (record.state !== 'open') return undefined;
      record.state = 'refused';
      if (!sink) return undefined;
      const context = { requestId: record.requestId, startedAt: record.startedAt, caller, purpose };
      await append(requestEntry({ context, operationName: null, status, outcome: outcomeOf(status, [], null), reason, decisions: [] }));
      return record.requestId;
    },
    /** An operation of the request starts: from here on each operation records its own answer. */
    running(record: RequestRecord): void {
      if (record.state === 'open') record.state = 'running';
    },
    /** Records one operation's answer; the answer becomes a 503 without data if that cannot be done. */
    async answered(requestContext: GraphQLRequestContextWillSendResponse<GatewayContext>): Promise<void> {
      const { response, contextValue: context } = requestContext;
      const { body, http } = response;
      if (!sink) return;
      http.headers.set('x-request-id', context.requestId);
      if (body.kind !== 'single') return;
      const result = body.singleResult;
      const status = http.status ?? 200;
      const errors = (result.errors ?? []) as GraphQLFormattedError[];
      const entry = requestEntry({
        context,
        operationName: requestContext.operationName ?? requestContext.request.operationName ?? null,
        status,
        outcome: outcomeOf(status, errors, result.data),
        reason: status === 200 ? null : (errors[0]?.message ?? null),
        decisions: context.decisions?.reached ?? [],
        ...(unreported && { unreported }),
        delivered: deliveredIn(result.data, context.decisions?.keySelections),
      });
      await append(entry).catch((unavailable: GraphQLError) => {
        http.status = 503;
        body.singleResult = { errors: [{ message: unavailable.message, extensions: { code: 'AUDIT_UNAVAILABLE' } }] };
      });
    },
    /** Appends a record that is not one request's (refusals counted per source); rejects when the trail refuses it. */
    append: (entry: AuditEntry): Promise<unknown> => (sink ? sink.append(entry) : Promise.resolve()),
  };
}

export function auditUnavailable(): GraphQLError {
  return new GraphQLError('The audit trail cannot record this request, so it is not served; try again shortly.', {
    extensions: { code: 'AUDIT_UNAVAILABLE', http: { status: 503 } },
  });
}

/** An entity key counts as served where the answer holds it at one of the paths the operation selects it at. */
function deliveredIn(data: unknown, keySelections: ReadonlyMap<string, readonly (readonly string[])[]> | undefined): (item: string) => boolean {
  return (item) => {
    const paths = keySelections?.get(item);
    if (!paths) return true;
    return paths.some((path) => holds(data, path, 0));
  };
}

function holds(value: unknown, path: readonly string[], at: number): boolean {
  if (Array.isArray(value)) return value.some((element) => holds(element, path, at));
  if (value === null || value === undefined || typeof value !== 'object') return false;
  const next = (value as Record<string, unknown>)[path[at]!];
  return at === path.length - 1 ? next !== undefined && next !== null : holds(next, path, at + 1);
}
