import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestEntry } from '../../gateway/record/auditEntry.ts';
import { openWorkerAuditSink, type WorkerAuditSink } from '../../platform/audit/worker/workerAuditSink.ts';
import { checkReadiness, createGatewayTelemetry, createTracing, gatewayReadinessChecks, type GatewayTelemetry } from '../../observability/index.ts';
import { openPlatformStore } from '../../platform/index.ts';

// The SQLite deployment records through a worker thread (bin/gateway.ts): its figures arrive by message.
let dataDir: string;
let worker: WorkerAuditSink;
let telemetry: GatewayTelemetry;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'govgraph-audit-metrics-'));
  const file = join(dataDir, 'platform.sqlite');
  await (await openPlatformStore({ file })).close(); // create and migrate the store
  worker = await openWorkerAuditSink({ file });
  telemetry = createGatewayTelemetry({ tracing: createTracing({ serviceName: 'govgraph-gateway' }) });
});
afterAll(async () => {
  await worker?.close().catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
});

const entry = (n: number) =>
  requestEntry({
    context: { requestId: `request-${n}`, startedAt: Date.now(), caller: { application: 'tax-app', department: 'tax', roles: [], anonymous: false } },
    operationName: null,
    status: 401,
    outcome: 'denied',
    reason: 'test',
    decisions: [],
  });

const readiness = () =>
  checkReadiness(
    gatewayReadinessChecks({ agreements: null, audit: worker, recentAuditFailure: () => telemetry.recentAuditFailure(10_000), subgraphs: () => new Map() }),
  );

const value = (text: string, line: string) => Number(text.split('\n').find((l) => l.startsWith(`${line} `))?.split(' ')[1] ?? NaN);

describe('audit metrics and readiness over the worker sink', () => {
  it('counts records, batches and append latency, and is ready while the worker answers', async () => {
    const sink = telemetry.observeAudit(worker);
    await Promise.all([1, 2, 3].map((n) => sink.append(entry(n))));
    const text = await telemetry.registry.metrics();
    expect(value(text, 'govgraph_audit_records_total')).toBe(3);
    expect(value(text, 'govgraph_audit_batches_total')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'govgraph_audit_append_duration_seconds_count{result="durable"}')).toBe(3);
    expect(value(text, 'govgraph_audit_append_failures_total')).toBe(0);
    expect(await readiness()).toEqual({ ready: true, checks: { audit: { status: 'ok', detail: 'head readable, no failed append since the last success' } } });
  });

  it('is not ready once the worker has stopped, and counts the append it refused', async () => {
    const sink = telemetry.observeAudit(worker);
    await worker.close();
    await expect(sink.append(entry(4))).rejects.toThrow(/closed/);
    const { ready, checks } = await readiness();
    expect(ready).toBe(false);
    expect(checks.audit).toEqual({
      status: 'failed',
      reason: 'the last record could not be written (The audit trail is closed; nothing more can be recorded.)',
    });
    const text = await telemetry.registry.metrics();
    expect(value(text, 'govgraph_audit_append_failures_total')).toBe(1);
    expect(value(text, 'govgraph_audit_records_total')).toBe(3); // the last figures the worker gave
  });
});
