/**
 * The one recorder: a request leaves `open` once, so whichever step refuses it (or its operations run) it is
 * recorded exactly once; a record that cannot be written answers 503 without data.
 */
import type { GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../platform/index.ts';
import type { GatewayContext } from '../../gateway/context.ts';
import { createRecorder } from '../../gateway/record/recorder.ts';
import { silentLogger } from '../harness/federation.ts';

const caller = { application: 'tax-demo', department: 'tax', roles: [], anonymous: false };

function trail(failing = false) {
  const entries: AuditEntry[] = [];
  return { entries, sink: { append: async (entry: AuditEntry) => (failing ? Promise.reject(new Error('disk full')) : void entries.push(entry)) } };
}

function answer(context: GatewayContext) {
  return {
    contextValue: context,
    request: { operationName: 'OneStop' },
    operationName: 'OneStop',
    response: { http: { status: 200, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: { person: { name: 'x' } } } } },
  } as unknown as GraphQLRequestContextWillSendResponse<GatewayContext>;
}

describe('the recorder', () => {
  it('records a refusal before any operation ran once, however many steps report it', async () => {
    const { entries, sink } = trail();
    const recorder = createRecorder({ sink, logger: silentLogger });
    const record = recorder.open();
    expect(await recorder.refused(record, { caller, purpose: null, status: 401, reason: 'No bearer token' })).toBe(record.requestId);
    expect(await recorder.refused(record, { caller, status: 400, reason: 'BAD_REQUEST: again' })).toBeUndefined();
    expect(entries.map(({ requestId, status, outcome, reason, application }) => ({ requestId, status, outcome, reason, application }))).toEqual([
      { requestId: record.requestId, status: 401, outcome: 'denied', reason: 'No bearer token', application: 'tax-demo' },
    ]);
    expect(record.state).toBe('refused');
  });

  it('leaves a running request to its operations: a refusal reported afterwards records nothing more', async () => {
    const { entries, sink } = trail();
    const recorder = createRecorder({ sink, logger: silentLogger });
    const record = recorder.open();
    recorder.running(record);
    await recorder.answered(answer({ requestId: record.requestId, startedAt: record.startedAt, record, reports: [], caller, purpose: null, agreements: [], strict: false }));
    expect(await recorder.refused(record, { caller, status: 400, reason: 'BAD_REQUEST: a batch piece' })).toBeUndefined();
    expect(entries.map(({ requestId, status, outcome, operationName }) => ({ requestId, status, outcome, operationName }))).toEqual([
      { requestId: record.requestId, status: 200, outcome: 'ok', operationName: 'OneStop' },
    ]);
  });

  it('answers 503 without data when the record of a refusal or an answer cannot be written', async () => {
    const { sink } = trail(true);
    const recorder = createRecorder({ sink, logger: silentLogger });
    await expect(recorder.refused(recorder.open(), { status: 401, reason: 'No bearer token' })).rejects.toMatchObject({
      extensions: { code: 'AUDIT_UNAVAILABLE', http: { status: 503 } },
    });
    const record = recorder.open();
    recorder.running(record);
    const sent = answer({ requestId: record.requestId, startedAt: record.startedAt, record, reports: [], caller, purpose: null, agreements: [], strict: false });
    await recorder.answered(sent);
    expect({ status: sent.response.http.status, body: sent.response.body, requestId: sent.response.http.headers.get('x-request-id') }).toEqual({
      status: 503,
      body: { kind: 'single', singleResult: { errors: [{ message: 'The audit trail cannot record this request, so it is not served; try again shortly.', extensions: { code: 'AUDIT_UNAVAILABLE' } }] } },
      requestId: record.requestId,
    });
  });
});
