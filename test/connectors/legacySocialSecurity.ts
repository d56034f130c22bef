/**
 * A social-security system's legacy REST interface, served on a loopback port for the connector tests: persons by
 * resident ID (`GET /persons/{sfzh}`, 404 for one it does not know), a batch endpoint (`POST /persons/batch`),
 * employers with no batch form, and contributions below a person. It records every call and the most calls it
 * ever had in flight, and can be told to fail its employer endpoint. `openApiDocument` describes it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import { TEST_POPULATION } from '../harness/departments.ts';

export const people = [...createPopulation(TEST_POPULATION).people()].slice(0, 60);
export const known = people.slice(0, 50); // the interface knows the first 50
export const employerOf = (index: number) => `EMP-${String(index % 7).padStart(3, '0')}`;

/** The legacy interface, recording every call and how many were in flight at once. */
export function legacyInterface() {
  const calls: string[] = [];
  let inFlight = 0;
  let peak = 0;
  let failEmployers = false;
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    calls.push(`${req.method} ${req.url}`);
    inFlight++;
    peak = Math.max(peak, inFlight);
    let body = '';
    for await (const chunk of req) body += chunk;
    await new Promise((r) => setTimeout(r, 5)); // long enough for concurrent calls to overlap
    inFlight--;
    const send = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    const url = new URL(req.url!, 'http://legacy');
    const person = (p: (typeof people)[number]) => ({ sfzh: p.idNumber, cbzt: p.index % 3 === 0 ? 'SUSPENDED' : 'PAYING', pension: { months: 12 + p.index }, dwbh: employerOf(p.index) });
    if (req.method === 'POST' && url.pathname === '/persons/batch') {
      const ids = (JSON.parse(body) as { ids: string[] }).ids;
      return send(200, { items: known.filter((p) => ids.includes(p.idNumber)).map(person) });
    }
    let match = /^\/persons\/([0-9X]{18})\/contributions$/.exec(url.pathname);
    if (match) return send(200, { data: [{ month: '2025-01', amount: 812.5 }, { month: '2025-02', amount: 812.5 }] });
    match = /^\/persons\/([0-9X]{18})$/.exec(url.pathname);
    if (match) {
      const p = known.find((k) => k.idNumber === match![1]);
      return p ? send(200, person(p)) : send(404, { error: 'not found' });
    }
    match = /^\/employers\/(EMP-\d{3})$/.exec(url.pathname);
    if (match) return failEmployers ? send(502, { error: 'bad gateway' }) : send(200, { code: match[1], name: `单位${match[1]}` });
    if (url.pathname === '/slow') return; // never answers
    return send(404, {});
  });
  return { server, calls, get peak() { return peak; }, reset() { calls.length = 0; peak = 0; }, failEmployers(on: boolean) { failEmployers = on; } };
}

/** The interface's OpenAPI 3 document, as its vendor would publish it. */
export function openApiDocument(baseUrl: string) {
  const string = (description: string) => ({ type: 'string', description });
  return {
    openapi: '3.0.3',
    info: { title: 'Legacy social security interface', version: '2.1' },
    servers: [{ url: baseUrl }],
    paths: {
      '/persons/{sfzh}': {
        get: { summary: 'An insured person', parameters: [{ name: 'sfzh', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { description: 'found', content: { 'application/json': { schema: { $ref: '#/components/schemas/InsuredPerson' } } } }, '404': { description: 'unknown' } } },
      },
      '/persons/batch': {
        post: {
          requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { ids: { type: 'array', items: { type: 'string' } } } } } } },
          responses: { '200': { description: 'found', content: { 'application/json': { schema: { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/InsuredPerson' } } } } } } } },
        },
      },
      '/persons/{sfzh}/contributions': {
        get: { summary: 'Monthly contributions of a person', responses: { '200': { description: 'list', content: { 'application/json': { schema: { type: 'object', properties: { data: { type: 'array', items: { $ref: '#/components/schemas/Contribution' } } } } } } } } },
      },
      '/employers/{code}': {
        get: { summary: 'An employer', responses: { '200': { description: 'found', content: { 'application/json': { schema: { $ref: '#/components/schemas/Employer' } } } } } },
      },
    },
    components: {
      schemas: {
        InsuredPerson: { type: 'object', description: 'A person insured by the scheme.', properties: { sfzh: string('Resident ID.'), cbzt: string('Contribution status.'), pension: { type: 'object', properties: { months: { type: 'integer', description: 'Months of pension contributions.' } } }, dwbh: string('Employer code.') } },
        Contribution: { type: 'object', description: 'One month of contributions.', properties: { month: string('Month (YYYY-MM).'), amount: { type: 'number', description: 'Amount in yuan.' } } },
        Employer: { type: 'object', description: 'An employer.', properties: { code: string('Employer code.'), name: string('Employer name.') } },
      },
    },
  };
}
