/**
 * The commands as a department runs them: `npm run publish` prints why it refuses (exit 1, nothing written) or
 * what it recorded (exit 0), and `npm run schema:history` lists the versions with their changes.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeDepartments } from '../../schema/departmentsSupergraph.ts';
import { departmentSdl, edit } from './harness.ts';

const repository = fileURLToPath(new URL('../../', import.meta.url));
const directory = mkdtempSync(join(tmpdir(), 'govgraph-publish-cli-'));
const supergraphFile = join(directory, 'supergraph.graphql');
let initial: string;

beforeAll(() => {
  const composed = composeDepartments();
  if (!composed.ok) throw new Error(composed.errors.join('\n'));
  initial = composed.supergraphSdl;
  writeFileSync(supergraphFile, initial);
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** The test's own data directory decides where the platform store is, whatever the caller's environment says. */
const { GOVGRAPH_PLATFORM_DB: _platformDb, GOVGRAPH_SUPERGRAPH: _supergraph, DATABASE_URL: _databaseUrl, ...environment } = process.env;

function run(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', join(repository, 'bin', script), ...args], { cwd: repository, env: environment }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

const common = ['--supergraph', supergraphFile, '--data-dir', directory, '--actor', 'hr-admin', '--offline'];

describe('npm run publish', () => {
  it('exits 1 naming each breaking change, and writes nothing', async () => {
    const schema = join(directory, 'breaking.graphql');
    writeFileSync(schema, edit(departmentSdl('human-resources'), /\n\s*"[^"\n]*"\n\s*pensionMonths: [^\n]*\n/, '\n'));
    const { code, stdout, stderr } = await run('publish.ts', ['human-resources', '--schema', schema, ...common]);
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    expect(stderr.trim().split('\n')).toEqual([
      'human-resources: Refused: breaking changes; nothing was recorded or written.',
      '  - 1 breaking change(s) against the supergraph served now; publish them only with --allow-breaking --reason "<why>" once the consumers below are ready.',
      'Changes (1, 1 breaking):',
      '  ! FIELD_REMOVED SocialInsurance.pensionMonths: SocialInsurance.pensionMonths was removed',
    ]);
    expect(readFileSync(supergraphFile, 'utf8')).toBe(initial);
  });

  it('exits 2 on bad usage', async () => {
    const { code, stderr } = await run('publish.ts', ['human-resources', '--rollback', 'latest', ...common]);
    expect({ code, stderr: stderr.trim().split('\n')[0] }).toEqual({ code: 2, stderr: '--rollback expects a version number (1, 2, …), got "latest".' });
  });

  it('refuses without the gateway key to ask the department whether it serves the version, unless --offline', async () => {
    const { code, stdout, stderr } = await run('publish.ts', ['human-resources', ...common.filter((a) => a !== '--offline')]);
    expect({ code, stdout, stderr }).toEqual({
      code: 1, stdout: '',
      stderr: `No gateway grant key at ${join(directory, 'keys', 'gateway-grant-key.json')}, so human-resources cannot be asked whether it serves this version: pass --data-dir (the gateway's), or --offline to publish without the check.\n`,
    });
  });

  it('publishes the code schema by default, and schema:history lists it', async () => {
    const published = await run('publish.ts', ['human-resources', ...common]);
    expect(published.code).toBe(0);
    expect(published.stdout).toMatch(/^human-resources: published version 1 \(schema [0-9a-f]{12}, supergraph [0-9a-f]{12}\) by hr-admin\.\n/);
    const history = await run('schema-history.ts', ['human-resources', '--data-dir', directory]);
    expect(history.code).toBe(0);
    expect(history.stdout.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/, '<time>').replace(/schema [0-9a-f]{12}/, 'schema <hash>')).toBe(
      'human-resources v1  <time>  by hr-admin  schema <hash>  http://127.0.0.1:4003/graphql\n  no changes to the served supergraph\n',
    );
  });
});
