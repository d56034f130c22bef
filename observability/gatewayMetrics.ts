/**
 * The gateway's metrics, in the gateway's own registry. Names and labels are what dashboards and alerts rely on
 * (README, Observability): change them only with the documentation.
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { LATENCY_BUCKETS } from './metrics.ts';

export type AuditFigures = { batches: number; records: number; lastBatchSize: number; maxBatchSize: number };

export type SubgraphClientStatus = Record<string, { pending: number; breaker: string }>;

export function defineGatewayMetrics(registry: Registry) {
  const registers = [registry];
  return {
    requests: new Counter({
      name: 'govgraph_gateway_requests_total',
      help: 'GraphQL requests answered, by operation name and outcome (ok, partial, denied: a sharing, identity or quota refusal, rejected: a malformed or invalid request, error).',
      labelNames: ['operation', 'outcome'],
      registers,
    }),
    duration: new Histogram({
      name: 'govgraph_gateway_request_duration_seconds',
      help: 'Time from receiving a GraphQL request to sending its response (its audit record included).',
      labelNames: ['operation', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    denials: new Counter({
      name: 'govgraph_gateway_denials_total',
      help: 'Requests in which an item was withheld from the caller, by item, provider and sharing level.',
      labelNames: ['item', 'provider', 'level'],
      registers,
    }),
    subgraphRequests: new Counter({
      name: 'govgraph_gateway_subgraph_requests_total',
      help: 'Fetches from department subgraphs, by subgraph and outcome (ok, errors: answered with GraphQL errors, failed: no usable answer).',
      labelNames: ['subgraph', 'outcome'],
      registers,
    }),
    subgraphErrors: new Counter({
      name: 'govgraph_gateway_subgraph_errors_total',
      help: 'Errors from department subgraphs, by subgraph and error code (SUBGRAPH_UNAVAILABLE when unreachable).',
      labelNames: ['subgraph', 'code'],
      registers,
    }),
    subgraphDuration: new Histogram({
      name: 'govgraph_gateway_subgraph_duration_seconds',
      help: 'Time of one fetch from a department subgraph.',
      labelNames: ['subgraph'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    auditAppend: new Histogram({
      name: 'govgraph_audit_append_duration_seconds',
      help: 'Time from handing a record to the audit trail until its batch is durable (or failed).',
      labelNames: ['result'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    }),
    auditFailures: new Counter({
      name: 'govgraph_audit_append_failures_total',
      help: 'Records the audit trail could not write (each such request was answered 503 without data).',
      registers,
    }),
    auditStats(read: () => AuditFigures | Promise<AuditFigures>) {
      // A sink that cannot answer (a stopped worker) keeps its last figures; the scrape itself must not fail.
      let last: AuditFigures = { batches: 0, records: 0, lastBatchSize: 0, maxBatchSize: 0 };
      const stats = async (): Promise<AuditFigures> => {
        try {
          last = await read();
        } catch {
          // readiness and govgraph_audit_append_failures_total report the failure
        }
        return last;
      };
      new Counter({
        name: 'govgraph_audit_batches_total',
        help: 'Group-commit transactions of the audit trail (records_total / batches_total is the mean batch size).',
        registers,
        async collect() {
          const { batches } = await stats();
          this.reset();
          this.inc(batches);
        },
      });
      new Counter({
        name: 'govgraph_audit_records_total',
        help: 'Records the audit trail wrote.',
        registers,
        async collect() {
          const { records } = await stats();
          this.reset();
          this.inc(records);
        },
      });
      new Gauge({
        name: 'govgraph_audit_batch_size',
        help: 'Records in the last group-commit transaction (kind="last") and in the largest so far (kind="max").',
        labelNames: ['kind'],
        registers,
        async collect() {
          const { lastBatchSize, maxBatchSize } = await stats();
          this.set({ kind: 'last' }, lastBatchSize);
          this.set({ kind: 'max' }, maxBatchSize);
        },
      });
    },
    /** Each subgraph's circuit state and waiting fetches, read from the subgraph client at each scrape. */
    subgraphClient(status: () => SubgraphClientStatus) {
      new Gauge({
        name: 'govgraph_gateway_subgraph_circuit_state',
        help: "Each subgraph's circuit breaker: 1 for its current state (closed, open, half-open), 0 for the others.",
        labelNames: ['subgraph', 'state'],
        registers,
        collect() {
          this.reset();
          for (const [subgraph, { breaker }] of Object.entries(status())) {
            for (const state of ['closed', 'open', 'half-open']) this.set({ subgraph, state }, breaker === state ? 1 : 0);
          }
        },
      });
      new Gauge({
        name: 'govgraph_gateway_subgraph_pending_requests',
        help: 'Fetches to each subgraph in flight or waiting for a connection.',
        labelNames: ['subgraph'],
        registers,
        collect() {
          this.reset();
          for (const [subgraph, { pending }] of Object.entries(status())) this.set({ subgraph }, pending);
        },
      });
    },
  };
}
