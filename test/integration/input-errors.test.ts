/**
 * The caller's input refused is answered with one HTTP status, whoever refuses it: a malformed resident ID
 * (checked by the gateway) and enterprises(first: 5000) (checked by market-regulation) are both 400
 * BAD_USER_INPUT, without data. An answer that carries data (a partial one) keeps its 200.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from '../harness/departments.ts';
import { startFederation, type TestFederation } from '../harness/federation.ts';

let federation: TestFederation;
beforeAll(async () => {
  federation = await startFederation();
});
afterAll(async () => {
  await federation?.stop();
});

async function ask(query: string) {
  const { status, body } = await postGraphQL(federation.gateway.url, { query }, await federation.as({ department: 'tax' }));
  return { status, body };
}

describe('input a department refuses', () => {
  it('is a 400 like input the gateway refuses, while a refusal of another kind stays 200', async () => {
    const byDepartment = await ask('{ enterprises(first: 5000) { nodes { name } } }');
    expect(byDepartment).toEqual({
      status: 400,
      body: {
        data: null,
        errors: [{
          message: 'Argument "first" must be between 1 and 1000, got 5000.',
          path: ['enterprises'],
          extensions: { code: 'BAD_USER_INPUT', argumentName: 'first', serviceName: 'market-regulation' },
        }],
      },
    });
    const byGateway = await ask('{ person(idNumber: "12345") { name } }');
    expect({ status: byGateway.status, code: byGateway.body.errors[0].extensions.code }).toEqual({ status: 400, code: 'BAD_USER_INPUT' });
    // Data withheld by the sharing rules is no input error: the answer stays 200, with the data served.
    const withheld = await ask('{ enterprises(first: 1) { nodes { name legalRepresentative { maritalStatus } } } }');
    expect({ status: withheld.status, codes: withheld.body.errors.map((e: any) => e.extensions.code) }).toEqual({ status: 200, codes: ['UNAUTHORIZED_FIELD_OR_TYPE'] });
  });
});
