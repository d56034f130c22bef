/**
 * The gateway and the platform subgraph are separate processes appending to one audit trail (platform.sqlite):
 * the gateway a record per request, the platform subgraph a record per workflow action. Here the platform
 * subgraph runs as its own process (bin/subgraph.ts, as `npm start` runs it) while the gateway serves data
 * requests and workflow mutations at the same time; the trail must still be one chain that verifies, sealed.
 */
import { execFile, fork, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyTrail } from '../../platform/index.ts';
import { createPopulation } from '../../subgraphs/synthetic/index.ts';
import { TEST_POPULATION, postGraphQL } from '../harness/departments.ts';
import { startWorkflowFederation, type WorkflowFederation } from './workflowFederation.ts';

let federation: WorkflowFederation;
let platformProcess: ChildProcess | undefined;

beforeAll(async () => {
  federation = await startWorkflowFederation({}, {
    platformUrl: ({ dataDir, platformFile }) =>
      new Promise((resolve, reject) => {
        const child = fork(fileURLToPath(new URL('../../bin/subgraph.ts', import.meta.url)), ['--department', 'platform', '--port', '0', '--data-dir', dataDir], {
          execArgv: ['--import', 'tsx'],
          env: { ...process.env, GOVGRAPH_PLATFORM_DB: platformFile },
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        });
        platformProcess = child;
        child.on('message', (message: { kind?: string; url?: string }) => message?.kind === 'ready' && resolve(message.url!));
        child.once('exit', (code) => reject(new Error(`the platform subgraph exited before it was ready (code ${code})`)));
      }),
  });
}, 60_000);
afterAll(async () => {
  await federation?.stop();
  if (platformProcess && platformProcess.exitCode === null) {
    const exited = new Promise((resolve) => platformProcess!.once('exit', resolve));
    platformProcess.kill('SIGTERM');
    await exited;
  }
});

it('keeps one verifiable chain while both processes append at once', async () => {
  const population = createPopulation(TEST_POPULATION);
  const admin = await federation.as({ department: 'market-regulation', application: 'mr-admin', roles: ['dept-admin'] });
  const tax = await federation.as({ department: 'tax', purpose: 'property-tax-assessment' });
  const apply = (i: number) => postGraphQL(federation.gateway.url, {
    query: 'mutation($input: SharingApplicationInput!) { applyForSharing(input: $input) { application { id } } }',
    variables: { input: {
      provider: 'civil-affairs', items: ['Person.maritalStatus'], purpose: `chain-check-${i}`, legalBasis: 'a law', scenario: 'a scenario',
      validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    } },
  }, admin);
  const read = (i: number) => postGraphQL(federation.gateway.url, {
    query: 'query($id: ResidentId!) { person(idNumber: $id) { name household { address } } }', variables: { id: population.person(i).idNumber },
  }, tax);
  const COUNT = 15;
  const answers = await Promise.all(Array.from({ length: COUNT }, (_, i) => [apply(i), read(i)]).flat());
  expect(answers.map((a) => a.status)).toEqual(Array(2 * COUNT).fill(200));
  expect(answers.filter((_, i) => i % 2 === 0).every((a) => /^AGR-/.test(a.body.data.applyForSharing.application.id))).toBe(true);

  await federation.platform.audit.seal(federation.departments.grantKey);
  const db = new Database(federation.platformFile, { readonly: true });
  try {
    const verified = await verifyTrail(db, { jwks: federation.departments.grantKey.jwks });
    // A request record per request (the mutations too), and the platform's record of each application.
    expect(verified).toEqual({ ok: true, records: 3 * COUNT, seals: 1, last: { sequence: 3 * COUNT, hash: expect.any(String) } });
    const kinds = db.prepare('SELECT kind, count(*) AS n FROM audit_records GROUP BY kind ORDER BY kind').all();
    expect(kinds).toEqual([{ kind: 'agreement.apply', n: COUNT }, { kind: 'request', n: 2 * COUNT }]);
  } finally {
    db.close();
  }
  // The operator's command says the same.
  const { DATABASE_URL: _postgres, ...env } = process.env;
  const verified = await promisify(execFile)(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../../bin/audit-verify.ts', import.meta.url)), '--data-dir', federation.departments.dataDir], {
    env: { ...env, GOVGRAPH_PLATFORM_DB: federation.platformFile },
  });
  expect(verified.stdout).toMatch(new RegExp(`: intact\\. ${3 * COUNT} records \\(up to record ${3 * COUNT}, head [0-9a-f]{12}…\\), 1 seal verified\\. No anchor file at .*: seals not compared with anchored copies \\(--anchors\\)\\.\\n$`));
});
