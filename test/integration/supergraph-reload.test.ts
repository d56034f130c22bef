/**
 * Hot reload: a running gateway picks up a new supergraph (file or URL) without a restart and without failing
 * requests in flight; a supergraph that does not load leaves the old one serving and says why.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { copyFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { visit } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type GatewayLogger, type RunningGateway } from '../../gateway/index.ts';
import { composeSubgraphs } from '../../schema/composition.ts';
import { SUPERGRAPH_FILE } from '../../schema/departmentsSupergraph.ts';
import { departments } from '../../subgraphs/departments.ts';
import { postGraphQL, startDepartments, type TestDepartments } from '../harness/departments.ts';

const directory = mkdtempSync(join(tmpdir(), 'govgraph-reload-'));
let running: TestDepartments;
const logged: string[] = [];
const logger: GatewayLogger = { debug() {}, info: (m) => logged.push(m), warn: (m) => logged.push(m), error: (m) => logged.push(m) };

beforeAll(async () => {
  running = await startDepartments(departments.map((d) => d.definition));
});
afterAll(async () => {
  await running?.stop();
  rmSync(directory, { recursive: true, force: true });
});

/** The departments' supergraph without Enterprise.businessScope (a change the running subgraphs can serve). */
function supergraphWithoutBusinessScope(): string {
  const outcome = composeSubgraphs(
    departments.map(({ definition, defaultPort }) => ({
      name: definition.id,
      url: `http://127.0.0.1:${defaultPort}/graphql`,
      typeDefs: visit(definition.typeDefs, {
        FieldDefinition: (node, _key, _parent, _path, ancestors) => {
          const owner = ancestors.at(-1) as { name?: { value: string } } | undefined;
          return owner?.name?.value === 'Enterprise' && node.name.value === 'businessScope' ? null : undefined;
        },
      }),
    })),
  );
  if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
  return outcome.supergraphSdl;
}

const BUSINESS_SCOPE = '{ enterprises(first: 1) { nodes { businessScope } } }';
const NO_SUCH_FIELD = {
  errors: [
    {
      message: 'Cannot query field "businessScope" on type "Enterprise".',
      locations: [{ line: 1, column: 35 }],
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    },
  ],
};

/** Anonymous callers see the unconditional items these tests read; departments get grants signed by the gateway. */
function openAccess() {
  return {
    subgraphUrls: running.urls,
    anonymous: { application: 'reload-test', department: 'anonymous' },
    grantSigning: running.grantKey,
  };
}

function replaceFile(file: string, content: string): void {
  writeFileSync(`${file}.tmp`, content);
  renameSync(`${file}.tmp`, file);
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Sends requests back to back on `connections` connections until `stop()`; returns every status and error. */
function requestLoop(gateway: RunningGateway, connections: number) {
  let running = true;
  const outcomes: { status: number; errors: unknown }[] = [];
  const loops = Array.from({ length: connections }, async () => {
    while (running) {
      const { status, body } = await postGraphQL(gateway.url, { query: '{ enterprises(first: 5) { nodes { name taxCreditRating } } }' });
      outcomes.push({ status, errors: body.errors });
    }
  });
  return {
    outcomes,
    async stop() {
      running = false;
      await Promise.all(loops);
      return outcomes;
    },
  };
}

describe('a supergraph file', () => {
  it('is reloaded when it changes, with zero failed requests under a request loop', async () => {
    const file = join(directory, 'supergraph.graphql');
    copyFileSync(SUPERGRAPH_FILE, file);
    const gateway = await startGateway({ supergraph: file, port: 0, ...openAccess(), logger });
    try {
      expect((await postGraphQL(gateway.url, { query: BUSINESS_SCOPE })).status).toBe(200);
      const before = gateway.supergraphHash();
      const loop = requestLoop(gateway, 4);
      await waitFor(() => loop.outcomes.length > 20, 'requests before the switch');
      replaceFile(file, supergraphWithoutBusinessScope());
      await waitFor(() => gateway.supergraphHash() !== before, 'the new supergraph');
      const switchedAt = loop.outcomes.length;
      await waitFor(() => loop.outcomes.length > switchedAt + 20, 'requests after the switch');
      const outcomes = await loop.stop();
      expect(outcomes.filter((o) => o.status !== 200 || o.errors !== undefined)).toEqual([]);

      expect(await postGraphQL(gateway.url, { query: BUSINESS_SCOPE })).toEqual({ status: 400, body: NO_SUCH_FIELD });
    } finally {
      await gateway.stop();
    }
  });

  it('that fails to load leaves the old supergraph serving and logs why', async () => {
    const file = join(directory, 'broken.graphql');
    copyFileSync(SUPERGRAPH_FILE, file);
    const gateway = await startGateway({ supergraph: file, port: 0, ...openAccess(), logger });
    try {
      const before = gateway.supergraphHash();
      logged.length = 0;
      replaceFile(file, 'schema { query: Query } type Query { broken: ');
      await waitFor(() => logged.some((line) => line.includes('did not load')), 'the failure to be logged');
      expect(gateway.supergraphHash()).toBe(before);
      expect(logged.find((line) => line.includes('did not load'))).toMatch(
        new RegExp(`the new supergraph from ${file} did not load; still serving ${before.slice(0, 12)}: Syntax Error`),
      );
      const { status, body } = await postGraphQL(gateway.url, { query: '{ enterprises(first: 1) { nodes { creditCode } } }' });
      expect(status).toBe(200);
      expect(body.data.enterprises.nodes).toHaveLength(1);
    } finally {
      await gateway.stop();
    }
  });
});

describe('a supergraph URL', () => {
  let server: Server;
  let content = '';
  beforeAll(async () => {
    content = (await import('node:fs')).readFileSync(SUPERGRAPH_FILE, 'utf8');
    server = createServer((req, res) => {
      const etag = `"${content.length}"`;
      if (req.headers['if-none-match'] === etag) return res.writeHead(304).end();
      res.writeHead(200, { etag, 'content-type': 'text/plain' }).end(content);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('is polled and the new supergraph served without a restart', async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/supergraph`;
    const gateway = await startGateway({ supergraph: url, port: 0, pollIntervalMs: 100, ...openAccess(), logger });
    try {
      const served = await postGraphQL(gateway.url, { query: BUSINESS_SCOPE });
      expect(served.status).toBe(200);
      const before = gateway.supergraphHash();
      content = supergraphWithoutBusinessScope();
      await waitFor(() => gateway.supergraphHash() !== before, 'the polled supergraph');
      expect(await postGraphQL(gateway.url, { query: BUSINESS_SCOPE })).toEqual({ status: 400, body: NO_SUCH_FIELD });
    } finally {
      await gateway.stop();
    }
  });

  it('that cannot be fetched at start fails the start with a message naming it', async () => {
    await expect(startGateway({ supergraph: 'http://127.0.0.1:9/nothing', port: 0, logger, anonymous: { application: 'a', department: 'anonymous' } })).rejects.toThrow(
      /could not load its supergraph \(http:\/\/127\.0\.0\.1:9\/nothing\)/,
    );
  });
});
