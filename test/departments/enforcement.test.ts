/**
 * Each department enforces its own sharing scope, trusting only short-lived grants the gateway signs for it: a
 * direct call without a valid grant for that department gets HTTP 401 (`_entities` and `_service` too); with one,
 * every field goes through the department's own @share catalogue (CONDITIONAL only when granted, NONE never,
 * sensitive values masked unless granted raw, keys always raw, anything uncatalogued denied).
 *
 * A fixture department (`city-archives`) has one item of every kind; the real departments show the same rules on
 * their published catalogue.
 */
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSharingCatalogue } from '../../sharing/catalogue.ts';
import { GRANT_TOKEN_TYPE, createGrantVerifier } from '../../sharing/grantToken.ts';
import { maskValue } from '../../sharing/masking.ts';
import { GATEWAY_GRANT_ISSUER } from '../../sharing/types.ts';
import { civilAffairs } from '../../subgraphs/civil-affairs/index.ts';
import { health } from '../../subgraphs/health/index.ts';
import { startSubgraph, type DepartmentDefinition } from '../../subgraphs/kit/index.ts';
import { marketRegulation } from '../../subgraphs/market-regulation/index.ts';
import { publicSecurity } from '../../subgraphs/public-security/index.ts';
import { createPopulation, type Couple } from '../../subgraphs/synthetic/index.ts';
import { listen, sendJson } from '../../http/index.ts';
import { consumerKeyOf, masked as maskedFor } from '../harness/sharing.ts';
import { postGraphQL, startDepartmentIn, startDepartments, TEST_POPULATION, type GrantCaller, type TestDepartments } from '../harness/departments.ts';

const ARCHIVES = 'city-archives';
const CRIMINAL_RECORD_REASON = 'Criminal records are kept by the archives alone (fixture).';

const fixtureTypeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  directive @share(level: ShareLevel!, sensitive: Boolean = false, reason: String, provider: String) on FIELD_DEFINITION
  enum ShareLevel { UNCONDITIONAL CONDITIONAL NONE }

  type Query {
    resident(idNumber: String!): Resident @share(level: UNCONDITIONAL)
    residentCount: Int
  }
  type Resident @key(fields: "idNumber") {
    idNumber: String! @share(level: UNCONDITIONAL, sensitive: true)
    gender: String! @share(level: UNCONDITIONAL)
    name: String! @share(level: UNCONDITIONAL, sensitive: true)
    aliases: [String!]! @share(level: UNCONDITIONAL, sensitive: true)
    phone: String @share(level: CONDITIONAL, sensitive: true, reason: "Contact details are personal information.")
    address: String @share(level: CONDITIONAL, reason: "Addresses are personal information.")
    savings: Int @share(level: UNCONDITIONAL, sensitive: true)
    criminalRecord: String @share(level: NONE, reason: "${CRIMINAL_RECORD_REASON}")
    nickname: String
  }
  type Company @key(fields: "code") {
    code: String! @share(level: UNCONDITIONAL)
    address: String @share(level: CONDITIONAL, reason: "Premises are registered for the archives' own use.")
  }
`);

const ZHANG = {
  idNumber: '110101199003074514',
  gender: 'MALE',
  name: '张三',
  aliases: ['小张', '张老三'],
  phone: '+8613812345678',
  address: '北京市东城区景山前街4号',
  savings: 52_000,
  criminalRecord: 'none on file',
  nickname: '三儿',
};
const OUYANG = { ...ZHANG, idNumber: '440305198512120021', gender: 'FEMALE', name: '欧阳明华', aliases: [], address: '深圳市南山区科技园' };
const COMPANY = { code: '91110000MA01ABCD1X', address: '北京市朝阳区建国路1号' };
const residents = new Map([ZHANG, OUYANG].map((r) => [r.idNumber, r]));

const cityArchives: DepartmentDefinition = {
  id: ARCHIVES,
  title: 'City Archives (test fixture)',
  typeDefs: fixtureTypeDefs,
  resolvers: {
    Query: {
      resident: (_: unknown, { idNumber }: { idNumber: string }) => residents.get(idNumber) ?? null,
      residentCount: () => residents.size,
    },
    Resident: { __resolveReference: ({ idNumber }: { idNumber: string }) => residents.get(idNumber) ?? null },
    Company: { __resolveReference: ({ code }: { code: string }) => (code === COMPANY.code ? COMPANY : null) },
  },
  createLoaders: () => ({}),
  seed: (db) => db.exec('CREATE TABLE fixture (id INTEGER PRIMARY KEY)'),
};

const population = createPopulation(TEST_POPULATION);
const people = [...population.people()];
const married = people.map((p) => population.coupleOf(p.index)).find((c): c is Couple => c !== null && c.divorcedOn === null)!;
const husband = population.person(married.husbandIndex);

type SigningKey = { privateKey: CryptoKey; kid: string };

/** A caller from civil-affairs, for the marriage-registration purpose. */
const CIVIL_AFFAIRS: GrantCaller = { application: 'marriage-app', department: 'civil-affairs', purpose: 'marriage-registration' };

let departments: TestDepartments;

beforeAll(async () => {
  departments = await startDepartments([cityArchives, publicSecurity, civilAffairs, marketRegulation, health]);
});
afterAll(() => departments?.stop());

/** Posts to a department with a grant for `caller`. */
async function asCaller(department: string, caller: GrantCaller, query: string, variables?: Record<string, unknown>) {
  const grant = await departments.grantTokenFor(department, caller);
  const { status, body } = await departments.post(department, { query, ...(variables ? { variables } : {}) }, grant);
  return { status, body };
}

/** The location of `needle` in a one-line query, as graphql-js reports it. */
function at(query: string, needle: string) {
  const index = query.indexOf(needle);
  if (index < 0 || query.includes('\n')) throw new Error(`${needle} not found in a one-line query`);
  return [{ line: 1, column: index + 1 }];
}

function denied(query: string, needle: string, path: (string | number)[], extensions: Record<string, unknown>, message: string) {
  return { message, locations: at(query, needle), path, extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', ...extensions } };
}

/** A token signed like a grant for public-security, with `claims` and `header` overriding the gateway's. */
async function gatewayToken(claims: Record<string, unknown>, header: Record<string, unknown> = {}, key: SigningKey = departments.grantKey) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    sub: 'marriage-app',
    dept: 'civil-affairs',
    aud: 'public-security',
    iss: GATEWAY_GRANT_ISSUER,
    purpose: null,
    agreements: [],
    items: [],
    raw: [],
    iat: now,
    exp: now + 60,
    ...claims,
  })
    .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: GRANT_TOKEN_TYPE, ...header })
    .sign(key.privateKey);
}

/** A key the gateway never published, under the gateway's key id. */
async function anotherKey() {
  const { privateKey } = await generateKeyPair('ES256');
  return { privateKey, kid: departments.grantKey.kid };
}


describe('a department without a valid grant for it', () => {
  const ENTITIES = {
    query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { idNumber name } } }',
    variables: { r: [{ __typename: 'Person', idNumber: husband.idNumber }] },
  };
  const SERVICE = { query: '{ _service { sdl } }' };
  const PERSON = { query: 'query($id: ResidentId!) { person(idNumber: $id) { idNumber name } }', variables: { id: husband.idNumber } };
  const operations = { _entities: ENTITIES, _service: SERVICE, 'Query.person': PERSON };

  const expiredAt = Math.floor(Date.now() / 1000) - 60;
  const cases: [string, () => Promise<Record<string, string>>, string][] = [
    ['no token', async () => ({}), 'No grant token: public-security answers only requests the gateway signs for it; send "Authorization: Bearer <grant token>".'],
    ['a header that is not Bearer', async () => ({ authorization: 'Basic bWU6cGFzcw==' }), 'The Authorization header must be "Bearer <grant token>".'],
    [
      'a token that is not a JWS',
      async () => ({ authorization: 'Bearer not-a-token' }),
      'The grant token is malformed (Invalid Compact JWS): expected a compact JWS, header.payload.signature.',
    ],
    [
      'a token forged with another key under the gateway key id',
      async () => ({ authorization: `Bearer ${await gatewayToken({}, {}, await anotherKey())}` }),
      "The grant token's signature does not verify against the gateway's keys: it was not signed by the gateway.",
    ],
    [
      'a token signed with a key the gateway never published',
      async () => ({ authorization: `Bearer ${await gatewayToken({}, { kid: 'forged-1' }, await anotherKey())}` }),
      `The grant token was signed with key "forged-1", which is not among the gateway's published keys: it was not signed by the gateway.`,
    ],
    [
      'an expired grant',
      async () => ({ authorization: `Bearer ${await gatewayToken({ iat: expiredAt - 60, exp: expiredAt })}` }),
      `The grant token expired at ${new Date(expiredAt * 1000).toISOString()}: grants live for seconds, so the gateway signs a fresh one for every request.`,
    ],
    [
      'a grant for another department',
      async () => ({ authorization: `Bearer ${await departments.grantTokenFor('tax', CIVIL_AFFAIRS)}` }),
      'This token is for tax, not public-security: the gateway signs a separate grant for each department.',
    ],
    [
      'a token from another issuer',
      async () => ({ authorization: `Bearer ${await gatewayToken({ iss: 'govgraph-development' })}` }),
      'This token was issued by "govgraph-development", not by the gateway ("govgraph-gateway"): departments accept only grants the gateway signs.',
    ],
    [
      "a caller's own token (not a grant)",
      async () => ({ authorization: `Bearer ${await gatewayToken({}, { typ: 'JWT' })}` }),
      `This is not a grant token (header typ must be "${GRANT_TOKEN_TYPE}"): a caller's own token goes to the gateway, which then signs a grant for the department.`,
    ],
    [
      'a grant without its lists',
      async () => ({ authorization: `Bearer ${await gatewayToken({ items: undefined, raw: 'Person.name' })}` }),
      "The grant token lacks claims: items (a list of strings), raw (a list of strings). Only the gateway's grants are accepted.",
    ],
  ];

  for (const [operation, body] of Object.entries(operations)) {
    it.each(cases)(`refuses ${operation} with 401 for %s`, async (_case, headers, reason) => {
      const response = await postGraphQL(departments.byId('public-security').url, body, await headers());
      expect(response).toEqual({ status: 401, body: { errors: [{ message: reason, extensions: { code: 'UNAUTHENTICATED' } }] } });
    });
  }

  it('keeps /health open', async () => {
    const response = await fetch(new URL('/health', departments.byId('public-security').url));
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 200,
      body: { status: 'ok', department: 'public-security' },
    });
  });

  it('answers 503 (retry, not re-authenticate) while the gateway key set cannot be fetched', async () => {
    const gone = await listen((_req, res) => res.end());
    await gone.close();
    const url = new URL('/jwks.json', gone.origin);
    const archives = await startDepartmentIn(departments.dataDir, { department: cityArchives, databaseFile: join(departments.dataDir, `${ARCHIVES}.sqlite`), gatewayKeys: url });
    try {
      const grant = await departments.grantTokenFor(ARCHIVES, CIVIL_AFFAIRS);
      expect(await postGraphQL(archives.url, { query: '{ _service { sdl } }' }, { authorization: `Bearer ${grant}` })).toEqual({
        status: 503,
        body: {
          errors: [
            {
              message: `Cannot verify the grant token: the gateway's keys at ${url.href} are unavailable (fetch failed).`,
              extensions: { code: 'SERVICE_UNAVAILABLE' },
            },
          ],
        },
      });
    } finally {
      await archives.stop();
    }
  });

  it('refuses to start without the gateway keys, naming the option', async () => {
    await expect(
      startSubgraph({ department: cityArchives, databaseFile: 'unused.sqlite' } as unknown as Parameters<typeof startSubgraph>[0]),
    ).rejects.toThrow(
      "startSubgraph(city-archives): option `gatewayKeys` is required: the gateway's public grant keys as a JWKS ({ keys: [...] }) or its URL.",
    );
  });
});

describe('a department with a valid grant', () => {
  const RESIDENT = 'query($id: String!) { resident(idNumber: $id) { idNumber gender name aliases } }';

  it('serves UNCONDITIONAL items, masks sensitive ones and keeps the key raw', async () => {
    const response = await asCaller(ARCHIVES, CIVIL_AFFAIRS, RESIDENT, { id: ZHANG.idNumber });
    expect(response).toEqual({
      status: 200,
      body: { data: { resident: { idNumber: ZHANG.idNumber, gender: 'MALE', name: '张*', aliases: ['小*', '张**'] } } },
    });
  });

  it('shows sensitive items raw when the grant lists them in raw', async () => {
    const response = await asCaller(ARCHIVES, { ...CIVIL_AFFAIRS, raw: ['Resident.name', 'Resident.aliases'] }, RESIDENT, { id: ZHANG.idNumber });
    expect(response.body).toEqual({ data: { resident: { idNumber: ZHANG.idNumber, gender: 'MALE', name: '张三', aliases: ['小张', '张老三'] } } });
  });

  it('nulls a CONDITIONAL item the grant does not list, with the item, level, provider and remedy', async () => {
    const query = 'query($id: String!) { resident(idNumber: $id) { name address } }';
    const response = await asCaller(ARCHIVES, CIVIL_AFFAIRS, query, { id: ZHANG.idNumber });
    expect(response).toEqual({
      status: 200,
      body: {
        data: { resident: { name: '张*', address: null } },
        errors: [
          denied(
            query,
            'address',
            ['resident', 'address'],
            { item: 'Resident.address', level: 'CONDITIONAL', provider: ARCHIVES, remedy: `apply to ${ARCHIVES} for Resident.address` },
            `Resident.address is CONDITIONAL: ${ARCHIVES} shares it only under an approved agreement, and the grant for civil-affairs (purpose marriage-registration) does not list it.`,
          ),
        ],
      },
    });
  });

  it('serves a CONDITIONAL item the grant lists, masked when sensitive unless also raw', async () => {
    const query = 'query($id: String!) { resident(idNumber: $id) { address phone } }';
    const granted = { ...CIVIL_AFFAIRS, items: ['Resident.address', 'Resident.phone'], agreements: ['agr-1'] };
    const masked = await asCaller(ARCHIVES, granted, query, { id: ZHANG.idNumber });
    const raw = await asCaller(ARCHIVES, { ...granted, raw: ['Resident.phone'] }, query, { id: ZHANG.idNumber });
    expect([masked.body, raw.body]).toEqual([
      // The caller's pseudonym of the number, under the masking key its grant carries.
      { data: { resident: { address: ZHANG.address, phone: maskedFor(ZHANG.phone, 'civil-affairs') } } },
      { data: { resident: { address: ZHANG.address, phone: ZHANG.phone } } },
    ]);
  });

  it('denies a NONE item even when a grant lists it in items and raw', async () => {
    const query = 'query($id: String!) { resident(idNumber: $id) { criminalRecord } }';
    const forgedIn = { ...CIVIL_AFFAIRS, items: ['Resident.criminalRecord'], raw: ['Resident.criminalRecord'] };
    const response = await asCaller(ARCHIVES, forgedIn, query, { id: ZHANG.idNumber });
    expect(response.body).toEqual({
      data: { resident: { criminalRecord: null } },
      errors: [
        denied(
          query,
          'criminalRecord',
          ['resident', 'criminalRecord'],
          { item: 'Resident.criminalRecord', level: 'NONE', provider: ARCHIVES, remedy: `none: ${ARCHIVES} does not share Resident.criminalRecord with other departments` },
          `Resident.criminalRecord is not shared (NONE): it never leaves ${ARCHIVES}. ${CRIMINAL_RECORD_REASON}`,
        ),
      ],
    });
  });

  it('denies a sensitive item that has no masked form unless granted raw', async () => {
    const query = 'query($id: String!) { resident(idNumber: $id) { savings } }';
    const withoutRaw = await asCaller(ARCHIVES, CIVIL_AFFAIRS, query, { id: ZHANG.idNumber });
    const withRaw = await asCaller(ARCHIVES, { ...CIVIL_AFFAIRS, raw: ['Resident.savings'] }, query, { id: ZHANG.idNumber });
    expect([withoutRaw.body, withRaw.body]).toEqual([
      {
        data: { resident: { savings: null } },
        errors: [
          denied(
            query,
            'savings',
            ['resident', 'savings'],
            { item: 'Resident.savings', level: 'UNCONDITIONAL', provider: ARCHIVES, remedy: `apply to ${ARCHIVES} for Resident.savings (raw)` },
            'Resident.savings is sensitive and has no masked form, so it is shared only raw, under an agreement that grants it raw.',
          ),
        ],
      },
      { data: { resident: { savings: 52_000 } } },
    ]);
  });

  it('denies a field without @share to everyone, the department itself included (fail closed)', async () => {
    const query = 'query($id: String!) { resident(idNumber: $id) { nickname } residentCount }';
    const self = { application: 'archives-desk', department: ARCHIVES };
    const [asOther, asSelf] = await Promise.all([
      asCaller(ARCHIVES, CIVIL_AFFAIRS, query, { id: ZHANG.idNumber }),
      asCaller(ARCHIVES, self, query, { id: ZHANG.idNumber }),
    ]);
    const uncatalogued = (item: string, needle: string, path: string[]) =>
      denied(
        query,
        needle,
        path,
        { item, level: 'NONE', provider: ARCHIVES, remedy: `ask ${ARCHIVES} to publish ${item} in its catalogue` },
        `${item} is not in the sharing catalogue of ${ARCHIVES} (it carries no @share), so ${ARCHIVES} serves it to no one, not even itself.`,
      );
    const expected = {
      data: { resident: { nickname: null }, residentCount: null },
      // Errors come in the order fields complete: the root count before the resident's field.
      errors: [uncatalogued('Query.residentCount', 'residentCount', ['residentCount']), uncatalogued('Resident.nickname', 'nickname', ['resident', 'nickname'])],
    };
    expect(asOther.body).toEqual(expected);
    expect(asSelf.body).toEqual(expected);
  });

  it('shows the department itself every catalogued item raw, NONE included', async () => {
    const query = 'query($id: String!) { resident(idNumber: $id) { idNumber name aliases phone address savings criminalRecord } }';
    const response = await asCaller(ARCHIVES, { application: 'archives-desk', department: ARCHIVES }, query, { id: ZHANG.idNumber });
    const { gender: _gender, nickname: _nickname, ...catalogued } = ZHANG;
    expect(response.body).toEqual({ data: { resident: catalogued } });
  });

  it('decides per item, not per position: two entity types with a same-named item in one _entities call', async () => {
    const query =
      'query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Resident { idNumber address } ... on Company { code address } } }';
    const representations = [
      { __typename: 'Resident', idNumber: ZHANG.idNumber },
      { __typename: 'Company', code: COMPANY.code },
      { __typename: 'Resident', idNumber: OUYANG.idNumber },
    ];
    const response = await asCaller(ARCHIVES, { ...CIVIL_AFFAIRS, items: ['Resident.address'] }, query, { r: representations });
    const companyAddress = query.indexOf('address', query.indexOf('Company'));
    expect(response.body).toEqual({
      data: {
        _entities: [
          { __typename: 'Resident', idNumber: ZHANG.idNumber, address: ZHANG.address },
          { __typename: 'Company', code: COMPANY.code, address: null },
          { __typename: 'Resident', idNumber: OUYANG.idNumber, address: OUYANG.address },
        ],
      },
      errors: [
        {
          ...denied(
            query,
            'address',
            ['_entities', 1, 'address'],
            { item: 'Company.address', level: 'CONDITIONAL', provider: ARCHIVES, remedy: `apply to ${ARCHIVES} for Company.address` },
            `Company.address is CONDITIONAL: ${ARCHIVES} shares it only under an approved agreement, and the grant for civil-affairs (purpose marriage-registration) does not list it.`,
          ),
          locations: [{ line: 1, column: companyAddress + 1 }],
        },
      ],
    });
  });

  it('decides per request: a grant listing an item does not open it for the next request', async () => {
    const query = 'query($id: String!) { resident(idNumber: $id) { address } }';
    const first = await asCaller(ARCHIVES, { ...CIVIL_AFFAIRS, items: ['Resident.address'] }, query, { id: ZHANG.idNumber });
    const second = await asCaller(ARCHIVES, CIVIL_AFFAIRS, query, { id: ZHANG.idNumber });
    expect([first.body.data, second.body.data, second.body.errors?.[0]?.extensions?.item]).toEqual([
      { resident: { address: ZHANG.address } },
      { resident: { address: null } },
      'Resident.address',
    ]);
  });

  it('answers _service to any valid grant, so the gateway can read the SDL', async () => {
    const response = await asCaller(ARCHIVES, CIVIL_AFFAIRS, '{ _service { sdl } }');
    expect(response.status).toBe(200);
    expect(response.body.data._service.sdl).toContain('type Resident');
  });
});

describe('the real departments enforce their published catalogue', () => {
  it('public-security serves a person to another department, the key raw and the household withheld', async () => {
    const query = 'query($id: ResidentId!) { person(idNumber: $id) { idNumber name birthDate household { address } } }';
    const response = await asCaller('public-security', CIVIL_AFFAIRS, query, { id: husband.idNumber });
    const reason = readSharingCatalogue(publicSecurity.typeDefs).policy('Person', 'household')!.reason;
    expect(reason).toBeTruthy();
    expect(response.body).toEqual({
      data: { person: { idNumber: husband.idNumber, name: husband.name, birthDate: husband.birthDate, household: null } },
      errors: [
        denied(
          query,
          'household',
          ['person', 'household'],
          { item: 'Person.household', level: 'CONDITIONAL', provider: 'public-security', remedy: 'apply to public-security for Person.household' },
          'Person.household is CONDITIONAL: public-security shares it only under an approved agreement, and the grant for civil-affairs (purpose marriage-registration) does not list it.',
        ),
      ],
    });
  });

  it('civil-affairs withholds Person.maritalStatus (CONDITIONAL) without an agreement and serves it with one', async () => {
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { idNumber maritalStatus } } }';
    const variables = { r: [{ __typename: 'Person', idNumber: husband.idNumber }] };
    const taxCaller: GrantCaller = { application: 'tax-app', department: 'tax', purpose: 'tax-deduction' };
    const without = await asCaller('civil-affairs', taxCaller, query, variables);
    const withAgreement = await asCaller('civil-affairs', { ...taxCaller, items: ['Person.maritalStatus'], agreements: ['agr-7'] }, query, variables);
    expect([without.body, withAgreement.body]).toEqual([
      {
        data: { _entities: [{ idNumber: husband.idNumber, maritalStatus: null }] },
        errors: [
          denied(
            query,
            'maritalStatus',
            ['_entities', 0, 'maritalStatus'],
            { item: 'Person.maritalStatus', level: 'CONDITIONAL', provider: 'civil-affairs', remedy: 'apply to civil-affairs for Person.maritalStatus' },
            'Person.maritalStatus is CONDITIONAL: civil-affairs shares it only under an approved agreement, and the grant for tax (purpose tax-deduction) does not list it.',
          ),
        ],
      },
      { data: { _entities: [{ idNumber: husband.idNumber, maritalStatus: 'MARRIED' }] } },
    ]);
  });

  it('health never shares Person.diagnoses (NONE), even to a grant that lists it', async () => {
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { idNumber diagnoses { code } } } }';
    const listed = { ...CIVIL_AFFAIRS, items: ['Person.diagnoses'], raw: ['Person.diagnoses'] };
    const response = await asCaller('health', listed, query, { r: [{ __typename: 'Person', idNumber: husband.idNumber }] });
    const reason = readSharingCatalogue(health.typeDefs).policy('Person', 'diagnoses')!.reason;
    expect(response.body).toEqual({
      data: { _entities: [{ idNumber: husband.idNumber, diagnoses: null }] },
      errors: [
        denied(
          query,
          'diagnoses',
          ['_entities', 0, 'diagnoses'],
          { item: 'Person.diagnoses', level: 'NONE', provider: 'health', remedy: 'none: health does not share Person.diagnoses with other departments' },
          `Person.diagnoses is not shared (NONE): it never leaves health. ${reason}`,
        ),
      ],
    });
  });

  it('market-regulation serves UNCONDITIONAL enterprise items to any department', async () => {
    const query = '{ enterprises(first: 2) { nodes { creditCode name legalRepresentative { idNumber } } pageInfo { hasNextPage } } }';
    const response = await asCaller('market-regulation', { application: 'land-app', department: 'natural-resources' }, query);
    const enterprise = (i: number) => {
      const e = population.enterprise(i);
      return { creditCode: e.creditCode, name: e.name, legalRepresentative: { idNumber: population.person(e.legalRepresentativeIndex).idNumber } };
    };
    expect(response.body).toEqual({ data: { enterprises: { nodes: [enterprise(0), enterprise(1)], pageInfo: { hasNextPage: true } } } });
  });
});

describe('masking', () => {
  const key = Buffer.alloc(32, 7);
  const mask = (value: unknown) => maskValue(value, key);

  it('shows 12 characters or more as a keyed pseudonym of their shape, the first of shorter strings, nothing of one', () => {
    const pseudonym = (value: string) => {
      const digest = createHmac('sha256', key).update(value).digest();
      const digits = Array.from(digest.subarray(0, 10), (byte) => String(byte % 10)).join('');
      return `${digits.slice(0, 6)}${'*'.repeat(value.length - 10)}${digits.slice(6)}`;
    };
    expect(['110101199003074514', '+8613812345678', '张三', '欧阳明华', '王', '', null, ['小张', null]].map((v) => mask(v))).toEqual([
      pseudonym('110101199003074514'),
      pseudonym('+8613812345678'),
      '张*',
      '欧***',
      '*',
      '',
      null,
      ['小*', null],
    ]);
    expect(mask('110101199003074514')).toMatch(/^\d{6}\*{8}\d{4}$/);
  });

  it('gives another department’s key another pseudonym, the same key the same one; without a key hides the value whole', () => {
    const id = '110101199003074514';
    expect([mask(id) === mask(id), mask(id) === maskValue(id, Buffer.alloc(32, 8))]).toEqual([true, false]);
    expect(maskValue(id, null)).toBe('*'.repeat(18));
  });

  it('refuses to mask anything but strings', () => {
    expect(() => mask(52_000)).toThrow('Only strings can be masked; got number.');
  });
});

describe('the grant verifier', () => {
  it('refuses options it cannot work with, naming them', () => {
    expect(() => createGrantVerifier({ jwks: { keys: departments.grantKey.jwks.keys }, audience: '' })).toThrow(
      'createGrantVerifier: option `audience` is required (the department id).',
    );
    expect(() => createGrantVerifier({ jwks: {} as never, audience: 'tax' })).toThrow(
      'createGrantVerifier: option `jwks` must be a JWKS ({ keys: [...] }) or the URL it is published at.',
    );
  });

  it('fetches a published key set once, and not again for tokens under key ids it does not hold', async () => {
    let fetches = 0;
    const published = await listen((_req, res) => {
      fetches++;
      sendJson(res, 200, departments.grantKey.jwks);
    });
    try {
      const url = new URL('/jwks.json', published.origin);
      const verify = createGrantVerifier({ jwks: url, audience: 'public-security' });
      const valid = await verify(await departments.grantTokenFor('public-security', CIVIL_AFFAIRS));
      const forged = await Promise.all(
        ['forged-1', 'forged-2', 'forged-3'].map(async (kid) => verify(await gatewayToken({}, { kid }, await anotherKey())).catch((e) => e.reason)),
      );
      expect({ fetches, dept: valid.dept, forged }).toEqual({
        fetches: 1,
        dept: 'civil-affairs',
        forged: ['forged-1', 'forged-2', 'forged-3'].map(
          (kid) => `The grant token was signed with key "${kid}", which is not among the gateway's published keys at ${url.href}: it was not signed by the gateway.`,
        ),
      });
    } finally {
      await published.close();
    }
  });

  it('says so when the published key set cannot be fetched', async () => {
    const gone = await listen((_req, res) => res.end());
    await gone.close();
    const url = new URL('/jwks.json', gone.origin);
    const verify = createGrantVerifier({ jwks: url, audience: 'public-security' });
    const rejection = await verify(await departments.grantTokenFor('public-security', CIVIL_AFFAIRS)).catch((e) => e);
    expect({ kind: rejection.kind, reason: rejection.reason }).toEqual({
      kind: 'keys-unavailable',
      reason: `Cannot verify the grant token: the gateway's keys at ${url.href} are unavailable (fetch failed).`,
    });
  });

  it('returns the claims the gateway signed', async () => {
    const verify = createGrantVerifier({ jwks: departments.grantKey.jwks, audience: 'tax' });
    const token = await departments.grantTokenFor('tax', { ...CIVIL_AFFAIRS, items: ['Enterprise.taxArrears'], agreements: ['agr-2'] });
    const claims = await verify(token);
    expect(claims).toEqual({
      sub: 'marriage-app',
      dept: 'civil-affairs',
      roles: [],
      aud: 'tax',
      iss: GATEWAY_GRANT_ISSUER,
      purpose: 'marriage-registration',
      agreements: ['agr-2'],
      items: ['Enterprise.taxArrears'],
      raw: [],
      cnf: { jwk: departments.binder.confirmationKey },
      mk: consumerKeyOf('civil-affairs').toString('base64url'),
      iat: expect.any(Number),
      exp: claims.iat + 60,
    });
  });
});
