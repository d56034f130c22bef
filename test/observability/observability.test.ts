import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import { TEST_POPULATION, postGraphQL } from '../harness/departments.ts';
import { startTracedFederation, type TracedFederation } from './tracedFederation.ts';

const ONE_STOP = `query OneStop($id: ResidentId!) {
  person(idNumber: $id) {
    idNumber name gender birthDate
    household { address regionCode }
    maritalStatus
    socialInsurance { pensionMonths status }
    enterprises { creditCode name status taxCreditRating }
    realEstates { certificateNo address area }
  }
}`;

const population = createPopulation(TEST_POPULATION);
const enterprise = firstOf(population.enterprises());
const applicant = population.person(enterprise.legalRepresentativeIndex);
let federation: TracedFederation;

beforeAll(async () => {
  federation = await startTracedFederation();
});
afterAll(async () => {
  await federation?.stop();
});

function firstOf<T>(items: Iterable<T>): T {
  for (const item of items) return item;
  throw new Error('the test population is empty');
}

const serviceOf = (span: ReadableSpan) => String(span.resource.attributes['service.name']);
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

async function oneStop(headers: Record<string, string>) {
  return postGraphQL(federation.gateway.url, { query: ONE_STOP, variables: { id: applicant.idNumber }, operationName: 'OneStop' }, headers);
}

/** Spans of the trace whose gateway server span holds `requestId`. */
function traceOf(requestId: string): { root: ReadableSpan; spans: ReadableSpan[] } {
  const finished = federation.spans.getFinishedSpans();
  const roots = finished.filter((s) => s.attributes['govgraph.request_id'] === requestId);
  expect(roots).toHaveLength(1);
  const root = roots[0]!;
  return { root, spans: finished.filter((s) => s.spanContext().traceId === root.spanContext().traceId) };
}

async function metrics(url: string): Promise<string> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  return response.text();
}

/** The value of one sample, 0 when the series does not exist yet. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const match = /^[^{ ]+(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const present = Object.fromEntries([...(match[1] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => present[k] === v)) return Number(match[2]);
  }
  return 0;
}

describe('traces', () => {
  it('makes one trace per request: a gateway span, a span per subgraph fetch, and each department continuing it', async () => {
    const { status, body } = await oneStop(await federation.as('tax', 'property-tax-assessment'));
    expect(status).toBe(200);
    expect(body.data.person.name).toBe(applicant.name);
    const requestId = await lastRequestId();
    const { root, spans } = traceOf(requestId);

    expect(serviceOf(root)).toBe('govgraph-gateway');
    expect(root.name).toBe('query OneStop');
    expect(parentOf(root)).toBeUndefined();
    expect(root.attributes).toMatchObject({
      'govgraph.caller.department': 'tax',
      'govgraph.caller.application': 'tax-app',
      'govgraph.purpose': 'property-tax-assessment',
      'graphql.operation.name': 'OneStop',
      'graphql.operation.type': 'query',
      'govgraph.outcome': 'partial',
      'http.response.status_code': 200,
      'govgraph.denied_items': ['Person.maritalStatus'],
    });

    // civil-affairs is not asked: maritalStatus is denied before planning.
    const fetches = spans.filter((s) => parentOf(s) === root.spanContext().spanId && s.name.startsWith('fetch '));
    expect(new Set(fetches.map((s) => s.attributes['govgraph.subgraph']))).toEqual(
      new Set(['public-security', 'human-resources', 'market-regulation', 'tax', 'natural-resources']),
    );
    for (const fetch of fetches) {
      expect(fetch.attributes['govgraph.outcome']).toBe('ok');
      const served = spans.filter((s) => parentOf(s) === fetch.spanContext().spanId);
      expect(served).toHaveLength(1);
      const department = served[0]!;
      expect(serviceOf(department)).toBe(`govgraph-${fetch.attributes['govgraph.subgraph']}`);
      expect(department.attributes).toMatchObject({
        'govgraph.department': fetch.attributes['govgraph.subgraph'],
        'govgraph.caller.department': 'tax',
        'govgraph.caller.application': 'tax-app',
        'govgraph.purpose': 'property-tax-assessment',
        'govgraph.outcome': 'ok',
      });
      // Resolver spans of the department sit under its server span.
      const resolved = spans.filter((s) => parentOf(s) === department.spanContext().spanId);
      expect(resolved.length).toBeGreaterThan(0);
      for (const span of resolved) expect(span.name).toMatch(/^resolve Query\.(person|_entities)$/);
    }
  });

  it('puts no personal data in any span: no resident ID, name, credit code or variable', async () => {
    const { body } = await oneStop(await federation.as('human-resources', 'social-insurance-enrolment'));
    expect(body.data.person.idNumber).toBe(applicant.idNumber); // served raw to this caller, so it did travel
    const everything = JSON.stringify(
      federation.spans.getFinishedSpans().map((s) => ({ name: s.name, attributes: s.attributes, events: s.events, status: s.status })),
    );
    for (const secret of [applicant.idNumber, applicant.idNumber.slice(0, 6) + '********', applicant.name, enterprise.creditCode]) {
      expect(everything).not.toContain(secret);
    }
  });

  it("continues the caller's traceparent", async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const { body } = await oneStop({ ...(await federation.as('tax')), traceparent: `00-${traceId}-00f067aa0ba902b7-01` });
    expect(body.data.person).not.toBeNull();
    const { root, spans } = traceOf(await lastRequestId());
    expect(root.spanContext().traceId).toBe(traceId);
    expect(parentOf(root)).toBe('00f067aa0ba902b7');
    expect(spans.filter((s) => serviceOf(s) !== 'govgraph-gateway').length).toBeGreaterThan(0);
  });
});

describe('sampling', () => {
  it("records nothing, at the gateway or any department, for a request whose caller's trace is not sampled", async () => {
    const traceId = '5bf92f3577b34da6a3ce929d0e0e4737';
    const { status } = await oneStop({ ...(await federation.as('tax')), traceparent: `00-${traceId}-00f067aa0ba902b7-00` });
    expect(status).toBe(200);
    // Sampled or not, the gateway's span continues the caller's trace id: none with it means none was recorded.
    expect(federation.spans.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId)).toEqual([]);
  });
});

/** The request id of the latest record in the audit trail (every request has one). */
async function lastRequestId(): Promise<string> {
  const page = await federation.platform.audit.query({}, { first: 1 });
  return page.records[0]!.requestId;
}

describe('metrics', () => {
  it('counts requests, latency, denials per item, subgraph fetches and the audit trail, moving with each request', async () => {
    const gatewayMetrics = federation.gateway.origin + '/metrics';
    const taxMetrics = federation.subgraphs.get('tax')!.url.replace('/graphql', '/metrics');
    const before = await metrics(gatewayMetrics);
    const taxBefore = await metrics(taxMetrics);
    const headers = await federation.as('tax', 'property-tax-assessment');
    await oneStop(headers);
    await oneStop(headers);
    const unauthenticated = await oneStop({});
    expect(unauthenticated.status).toBe(401);
    const after = await metrics(gatewayMetrics);
    const taxAfter = await metrics(taxMetrics);

    const moved = (name: string, labels: Record<string, string> = {}) => sample(after, name, labels) - sample(before, name, labels);
    expect(moved('govgraph_gateway_requests_total', { operation: 'OneStop', outcome: 'partial' })).toBe(2);
    expect(moved('govgraph_gateway_requests_total', { operation: 'anonymous', outcome: 'denied' })).toBe(1);
    expect(moved('govgraph_gateway_request_duration_seconds_count', { operation: 'OneStop', outcome: 'partial' })).toBe(2);
    expect(moved('govgraph_gateway_denials_total', { item: 'Person.maritalStatus', provider: 'civil-affairs', level: 'CONDITIONAL' })).toBe(2);
    expect(moved('govgraph_gateway_subgraph_requests_total', { subgraph: 'tax', outcome: 'ok' })).toBe(2);
    expect(moved('govgraph_gateway_subgraph_duration_seconds_count', { subgraph: 'natural-resources' })).toBe(2);
    // Three records (the 401 too), each durable before its response.
    expect(moved('govgraph_audit_append_duration_seconds_count', { result: 'durable' })).toBe(3);
    expect(moved('govgraph_audit_records_total')).toBe(3);
    expect(moved('govgraph_audit_batches_total')).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'govgraph_audit_batch_size', { kind: 'max' })).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'govgraph_process_resident_memory_bytes')).toBeGreaterThan(0);

    const taxMoved = sample(taxAfter, 'govgraph_subgraph_requests_total', { department: 'tax', outcome: 'ok' }) -
      sample(taxBefore, 'govgraph_subgraph_requests_total', { department: 'tax', outcome: 'ok' });
    expect(taxMoved).toBe(2);
  });
});

describe('readiness', () => {
  const ready = async () => {
    const response = await fetch(federation.gateway.origin + '/ready');
    return { status: response.status, body: (await response.json()) as any };
  };

  it('is ready when the store is usable and every department answers', async () => {
    const { status, body } = await ready();
    expect(status).toBe(200);
    expect(body.status).toBe('ready');
    expect(body.checks.agreements).toEqual({ status: 'ok', detail: 'readable' });
    expect(body.checks.audit.status).toBe('ok');
    expect(Object.keys(body.checks).filter((name) => name.startsWith('subgraph:')).sort()).toEqual(
      [...federation.subgraphs.keys()].map((id) => `subgraph:${id}`).sort(),
    );
    const department = await fetch(federation.subgraphs.get('tax')!.url.replace('/graphql', '/ready'));
    expect(department.status).toBe(200);
  });

  it('answers 503 naming the department that is down, while /health stays 200; its fetches count as errors', async () => {
    await federation.stopSubgraph('tax');
    const { status, body } = await ready();
    expect(status).toBe(503);
    expect(body.status).toBe('not-ready');
    expect(body.checks['subgraph:tax']).toEqual({ status: 'failed', reason: 'unreachable (connection refused)' });
    expect(body.reason).toBe('subgraph:tax: unreachable (connection refused)');
    expect((await fetch(federation.gateway.origin + '/health')).status).toBe(200);

    const answer = await oneStop(await federation.as('tax', 'property-tax-assessment'));
    expect(answer.body.errors.map((e: any) => e.extensions.code)).toContain('SUBGRAPH_UNAVAILABLE');
    const text = await metrics(federation.gateway.origin + '/metrics');
    expect(sample(text, 'govgraph_gateway_subgraph_errors_total', { subgraph: 'tax', code: 'SUBGRAPH_UNAVAILABLE' })).toBe(1);
    expect(sample(text, 'govgraph_gateway_subgraph_requests_total', { subgraph: 'tax', outcome: 'failed' })).toBe(1);
    const { root, spans } = traceOf(await lastRequestId());
    const failed = spans.find((s) => s.attributes['govgraph.subgraph'] === 'tax')!;
    expect(failed.status).toEqual({ code: 2, message: 'SUBGRAPH_UNAVAILABLE' });
    expect(failed.attributes['govgraph.outcome']).toBe('failed');
    expect(root.attributes['govgraph.outcome']).toBe('partial');
  });

  it("shows the circuit of a department that keeps failing as open, the others' as closed", async () => {
    const headers = await federation.as('tax', 'property-tax-assessment');
    const circuit = (text: string, subgraph: string) =>
      ['closed', 'open', 'half-open'].filter((state) => sample(text, 'govgraph_gateway_subgraph_circuit_state', { subgraph, state }) === 1);
    for (let attempt = 0; attempt < 6; attempt++) await oneStop(headers);
    const text = await metrics(federation.gateway.origin + '/metrics');
    expect(circuit(text, 'tax')).toEqual(['open']);
    expect(circuit(text, 'public-security')).toEqual(['closed']);
    expect(sample(text, 'govgraph_gateway_subgraph_pending_requests', { subgraph: 'tax' })).toBe(0);
  });

  it('answers 503 when the platform store is closed: agreements unreadable, audit trail unusable', async () => {
    await federation.platform.close();
    const { status, body } = await ready();
    expect(status).toBe(503);
    expect(body.checks.agreements.status).toBe('failed');
    expect(body.checks.agreements.reason).toMatch(/not open/);
    expect(body.checks.audit.status).toBe('failed');
  });
});
