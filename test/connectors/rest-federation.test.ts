/**
 * A department joins from its REST interface through `npm run department:connect -- <id> --openapi`: the mapping is
 * proposed from the interface's OpenAPI document, the department decides its levels, and the interface is
 * queried through the gateway with the seven departments — a conditional item withheld from tax, the department
 * itself served, and a failing upstream answered with the other departments' data and an error naming it.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRestDepartment } from '../../subgraphs/connected/connectDepartment.ts';
import { connectedDepartment } from '../../subgraphs/connected/index.ts';
import { PROPOSED_REASON } from '../../subgraphs/connected/sql/proposeMapping.ts';
import { postGraphQL } from '../harness/departments.ts';
import { deniedError, locationOf, noAgreement } from '../harness/sharing.ts';
import { startConnectedFederation, type ConnectedFederation } from './connectedFederation.ts';
import { employerOf, known, legacyInterface, openApiDocument } from './legacySocialSecurity.ts';

const upstream = legacyInterface();
const root = mkdtempSync(join(tmpdir(), 'govgraph-openapi-'));
let proposal: any;
let federation: ConnectedFederation;

beforeAll(async () => {
  upstream.server.listen(0, '127.0.0.1');
  await once(upstream.server, 'listening');
  const baseUrl = `http://127.0.0.1:${(upstream.server.address() as AddressInfo).port}`;
  mkdirSync(join(root, 'subgraphs'));
  writeFileSync(join(root, 'openapi.json'), JSON.stringify(openApiDocument(baseUrl)));
  const result = await connectRestDepartment({ id: 'social-security-legacy', openapi: join(root, 'openapi.json'), title: 'Social Security (legacy interface)', root });
  proposal = JSON.parse(readFileSync(result.mappingFile, 'utf8'));
  // The department's decisions: the employer is public, the person's status and contributions stay conditional.
  const decided = structuredClone(proposal);
  const reason = 'Social insurance records are personal information (Social Insurance Law art. 81): shared only under an approved agreement.';
  decided.types.Person.fields.cbzt.share = { level: 'CONDITIONAL', reason, cycle: 'MONTHLY' };
  decided.types.Person.fields.pensionMonths.share = { level: 'CONDITIONAL', reason };
  decided.types.Person.fields.dwbh.share = { level: 'UNCONDITIONAL' };
  decided.types.Person.relations.contributions.share = { level: 'CONDITIONAL', reason };
  decided.types.Person.relations = { ...decided.types.Person.relations, employer: { description: 'The employer.', type: 'Employer', get: '/employers/{dwbh}', share: { level: 'UNCONDITIONAL' } } };
  for (const type of ['Employer', 'Contribution']) for (const field of Object.values(decided.types[type].fields) as any[]) if (field.share) field.share = { level: 'UNCONDITIONAL' };
  writeFileSync(result.mappingFile, JSON.stringify(decided, null, 2));
  federation = await startConnectedFederation([connectedDepartment(result.mappingFile)]);
}, 120_000);

afterAll(async () => {
  await federation?.stop();
  upstream.server.close();
  rmSync(root, { recursive: true, force: true });
});

describe('a department connected from a REST interface by its OpenAPI document', () => {
  it('proposes Person looked up by resident ID, its batch endpoint, the nested property as a path, and the list below it as a relation', () => {
    expect(proposal).toEqual({
      department: 'social-security-legacy',
      title: 'Social Security (legacy interface)',
      source: { rest: { baseUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) } },
      types: {
        Person: {
          description: 'A person insured by the scheme.',
          key: ['idNumber'],
          get: '/persons/{idNumber}',
          fields: {
            idNumber: { description: 'Resident ID.', path: 'sfzh', type: 'ResidentId' },
            cbzt: { description: 'Contribution status.', type: 'String', share: { level: 'CONDITIONAL', reason: PROPOSED_REASON } },
            pensionMonths: { description: 'Months of pension contributions.', path: 'pension.months', type: 'Int', share: { level: 'CONDITIONAL', reason: PROPOSED_REASON } },
            dwbh: { description: 'Employer code.', type: 'String', share: { level: 'CONDITIONAL', reason: PROPOSED_REASON } },
          },
          batch: { method: 'POST', path: '/persons/batch', keysParameter: 'ids', itemsAt: 'items' },
          relations: {
            contributions: { description: 'Monthly contributions of a person', type: 'Contribution', many: true, get: '/persons/{idNumber}/contributions', itemsAt: 'data', share: { level: 'CONDITIONAL', reason: PROPOSED_REASON } },
          },
        },
        Employer: {
          description: 'An employer.',
          key: ['code'],
          get: '/employers/{code}',
          lookup: 'employer',
          fields: {
            code: { description: "The Employer's code.", share: { level: 'UNCONDITIONAL' } },
            name: { description: 'Employer name.', type: 'String', share: { level: 'CONDITIONAL', reason: PROPOSED_REASON, sensitive: true } },
          },
        },
        Contribution: {
          description: 'One month of contributions.',
          entity: false,
          key: [],
          fields: {
            month: { description: 'Month (YYYY-MM).', type: 'String', share: { level: 'CONDITIONAL', reason: PROPOSED_REASON } },
            amount: { description: 'Amount in yuan.', type: 'Float', share: { level: 'CONDITIONAL', reason: PROPOSED_REASON } },
          },
        },
      },
    });
  });

  const QUERY = `query Insured($id: ResidentId!) { person(idNumber: $id) { name dwbh cbzt employer { name } } }`;

  it('answers through the gateway: public-security\'s name and the interface\'s unconditional items, the conditional one withheld from tax', async () => {
    const person = known[4]!;
    const { body } = await postGraphQL(federation.gateway.url, { query: QUERY, variables: { id: person.idNumber } }, await federation.as({ department: 'tax' }));
    expect(body).toEqual({
      data: { person: { name: person.name, dwbh: employerOf(person.index), cbzt: null, employer: { name: `单位${employerOf(person.index)}` } } },
      errors: [deniedError(noAgreement('Person.cbzt', 'tax', 'social-security-legacy'), ['person', 'cbzt'], locationOf(QUERY, 'cbzt'))],
    });
  });

  it('answers the department itself in full, and names it when its interface fails, keeping the other departments\' data', async () => {
    const person = known[4]!;
    const headers = await federation.as({ department: 'social-security-legacy' });
    const ok = await postGraphQL(federation.gateway.url, { query: QUERY, variables: { id: person.idNumber } }, headers);
    expect(ok.body).toEqual({ data: { person: { name: person.name, dwbh: employerOf(person.index), cbzt: person.index % 3 === 0 ? 'SUSPENDED' : 'PAYING', employer: { name: `单位${employerOf(person.index)}` } } } });
    upstream.failEmployers(true);
    try {
      const failed = await postGraphQL(federation.gateway.url, { query: QUERY, variables: { id: person.idNumber } }, headers);
      expect(failed.body.data).toEqual({ person: { name: person.name, dwbh: employerOf(person.index), cbzt: person.index % 3 === 0 ? 'SUSPENDED' : 'PAYING', employer: null } });
      expect(failed.body.errors.map((e: any) => ({ message: e.message, path: e.path, code: e.extensions.code, department: e.extensions.department, reason: e.extensions.reason }))).toEqual([
        {
          message: "social-security-legacy's interface failed (GET /employers/{dwbh}: HTTP 502); the fields it provides are null in this response. Try again later.",
          path: ['person', 'employer'],
          code: 'UPSTREAM_UNAVAILABLE',
          department: 'social-security-legacy',
          reason: 'status',
        },
      ]);
    } finally {
      upstream.failEmployers(false);
    }
  });
});
