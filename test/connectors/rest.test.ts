/**
 * A department joins from its REST/JSON interface: a social-security system's legacy API, served here on a
 * loopback port, declared in a mapping (`GET /persons/{idNumber}`, a batch endpoint for persons, no batch endpoint
 * for employers, a sub-resource for contributions) and served by the kit: one batch call for many residents,
 * at most `maxConcurrency` calls in flight where there is no batch endpoint, 404 as "not known", and upstream
 * failures and deadlines as errors naming the department.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectedDepartment, type ConnectedDepartmentDefinition } from '../../subgraphs/connected/index.ts';
import { loadOrCreateGrantKey, type GrantKey } from '../../sharing/grantKeys.ts';
import { postAsGateway, signGrant, startDepartmentIn, type RunningDepartment } from '../harness/departments.ts';
import { employerOf, known, legacyInterface, people } from './legacySocialSecurity.ts';

function mapping(baseUrl: string) {
  const reason = 'Social insurance status is personal information (Social Insurance Law art. 81): shared only under an approved agreement.';
  return {
    department: 'social-security-legacy',
    title: 'Social Security (legacy interface)',
    source: { rest: { baseUrl, timeoutMs: 300, maxConcurrency: 3 } },
    types: {
      Person: {
        description: 'A resident, as the legacy social security interface knows them.',
        key: ['idNumber'],
        get: '/persons/{idNumber}',
        batch: { method: 'POST', path: '/persons/batch', keysParameter: 'ids', itemsAt: 'items', maxKeys: 100 },
        fields: {
          idNumber: { description: 'Resident ID.', path: 'sfzh', type: 'ResidentId' },
          legacyInsuranceStatus: { description: 'Contribution status.', path: 'cbzt', share: { level: 'CONDITIONAL', reason, cycle: 'MONTHLY' } },
          legacyPensionMonths: { description: 'Months of pension contributions.', path: 'pension.months', type: 'Int', share: { level: 'CONDITIONAL', reason } },
          employerCode: { description: 'Code of the employer.', path: 'dwbh', share: { level: 'UNCONDITIONAL' } },
        },
        relations: {
          employer: { description: 'The employer.', type: 'LegacyEmployer', get: '/employers/{employerCode}', share: { level: 'UNCONDITIONAL' } },
          contributions: { description: 'Monthly contributions.', type: 'LegacyContribution', many: true, get: '/persons/{idNumber}/contributions', itemsAt: 'data', share: { level: 'CONDITIONAL', reason } },
        },
      },
      LegacyEmployer: {
        description: 'An employer of the legacy interface.',
        key: ['code'],
        get: '/employers/{code}',
        lookup: 'legacyEmployer',
        fields: {
          code: { description: 'Employer code.', share: { level: 'UNCONDITIONAL' } },
          name: { description: 'Employer name.', share: { level: 'UNCONDITIONAL' } },
        },
      },
      LegacyContribution: {
        description: 'One month of contributions.',
        entity: false,
        fields: {
          month: { description: 'Month (YYYY-MM).', share: { level: 'UNCONDITIONAL' } },
          amount: { description: 'Amount in yuan.', type: 'Float', share: { level: 'UNCONDITIONAL' } },
        },
      },
    },
  };
}

describe('a department connected from a REST interface', () => {
  const upstream = legacyInterface();
  const directory = mkdtempSync(join(tmpdir(), 'govgraph-rest-legacy-'));
  let definition: ConnectedDepartmentDefinition;
  let subgraph: RunningDepartment;
  let grantKey: GrantKey;
  let own: string;

  beforeAll(async () => {
    upstream.server.listen(0, '127.0.0.1');
    await once(upstream.server, 'listening');
    const file = join(directory, 'mapping.json');
    writeFileSync(file, JSON.stringify(mapping(`http://127.0.0.1:${(upstream.server.address() as AddressInfo).port}`)));
    definition = connectedDepartment(file);
    grantKey = await loadOrCreateGrantKey(directory);
    subgraph = await startDepartmentIn(directory, { department: definition, databaseFile: `connected:${file}`, gatewayKeys: grantKey.jwks });
    own = await signGrant(grantKey, 'social-security-legacy', { application: 'ssl-own', department: 'social-security-legacy' });
  });
  afterAll(async () => {
    await subgraph?.stop();
    upstream.server.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const entities = (ids: string[], selection: string, grant = own) =>
    postAsGateway(subgraph, { query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { ${selection} } } }`, variables: { r: ids.map((idNumber) => ({ __typename: 'Person', idNumber })) } }, grant);

  it('fetches many residents with one batch call, a resident it does not know getting null items', async () => {
    upstream.reset();
    const ids = people.slice(45, 55).map((p) => p.idNumber);
    const { body, report } = await entities(ids, 'idNumber legacyInsuranceStatus legacyPensionMonths');
    // Its report names every resident it returned an entity for (a graph entity exists whatever it knows).
    expect(report?.report.subjects).toEqual([...ids].sort());
    expect(body).toEqual({
      data: {
        _entities: people.slice(45, 55).map((p) =>
          p.index < 50
            ? { idNumber: p.idNumber, legacyInsuranceStatus: p.index % 3 === 0 ? 'SUSPENDED' : 'PAYING', legacyPensionMonths: 12 + p.index }
            : { idNumber: p.idNumber, legacyInsuranceStatus: null, legacyPensionMonths: null },
        ),
      },
    });
    expect(upstream.calls).toEqual(['POST /persons/batch']);
  });

  it('calls an endpoint without a batch form once per distinct URL, never more than maxConcurrency at once', async () => {
    upstream.reset();
    const { body, report } = await entities(known.slice(0, 40).map((p) => p.idNumber), 'employer { name } contributions { month amount }');
    expect(body.errors).toBeUndefined();
    expect(report?.report.served).toEqual(expect.arrayContaining(['Person.contributions', 'Person.employer']));
    expect(body.data._entities[0]).toEqual({ employer: { name: `单位${employerOf(known[0]!.index)}` }, contributions: [{ month: '2025-01', amount: 812.5 }, { month: '2025-02', amount: 812.5 }] });
    const employerCalls = upstream.calls.filter((c) => c.startsWith('GET /employers/'));
    expect({ batch: upstream.calls.filter((c) => c === 'POST /persons/batch').length, employers: employerCalls.length, contributions: upstream.calls.filter((c) => c.endsWith('/contributions')).length }).toEqual({ batch: 1, employers: 7, contributions: 40 });
    expect(upstream.peak).toBe(3);
  });

  it('withholds conditional items from another department and masks nothing it may see', async () => {
    const grant = await signGrant(grantKey, 'social-security-legacy', { application: 'tax-app', department: 'tax', items: ['Person.legacyPensionMonths'], purpose: 'p', agreements: ['AGR-X'] });
    const { body } = await entities([known[1]!.idNumber], 'legacyInsuranceStatus legacyPensionMonths employerCode', grant);
    expect(body.data).toEqual({ _entities: [{ legacyInsuranceStatus: null, legacyPensionMonths: 13, employerCode: employerOf(known[1]!.index) }] });
    expect(body.errors.map((e: any) => [e.path, e.extensions.code, e.extensions.item])).toEqual([[['_entities', 0, 'legacyInsuranceStatus'], 'UNAUTHORIZED_FIELD_OR_TYPE', 'Person.legacyInsuranceStatus']]);
  });

  it('turns an upstream failure into an error naming the department and the endpoint, not the key', async () => {
    upstream.failEmployers(true);
    try {
      const { body } = await postAsGateway(subgraph, { query: '{ legacyEmployer(code: "EMP-001") { name } }' }, own);
      expect(body).toEqual({
        data: { legacyEmployer: null },
        errors: [
          {
            message: "social-security-legacy's interface failed (GET /employers/{code}: HTTP 502); the fields it provides are null in this response. Try again later.",
            locations: [{ line: 1, column: 3 }],
            path: ['legacyEmployer'],
            extensions: { code: 'UPSTREAM_UNAVAILABLE', department: 'social-security-legacy', reason: 'status', endpoint: 'GET /employers/{code}', status: 502 },
          },
        ],
      });
    } finally {
      upstream.failEmployers(false);
    }
  });

  it('gives up on an interface that does not answer within its deadline', async () => {
    const slow = JSON.parse(JSON.stringify(definition.mapping));
    slow.types.LegacyEmployer.get = '/slow?code={code}';
    const file = join(directory, 'slow.json');
    writeFileSync(file, JSON.stringify(slow));
    const slowSubgraph = await startDepartmentIn(directory, { department: connectedDepartment(file), databaseFile: `connected:${file}`, gatewayKeys: grantKey.jwks });
    try {
      const { body } = await postAsGateway(slowSubgraph, { query: '{ legacyEmployer(code: "EMP-001") { name } }' }, own);
      expect(body.errors.map((e: any) => [e.message, e.extensions])).toEqual([
        [
          "social-security-legacy's interface failed (GET /slow?code={code}: no answer within 300 ms); the fields it provides are null in this response. Try again later.",
          { code: 'UPSTREAM_UNAVAILABLE', department: 'social-security-legacy', reason: 'timeout', endpoint: 'GET /slow?code={code}' },
        ],
      ]);
    } finally {
      await slowSubgraph.stop();
    }
  });
});
