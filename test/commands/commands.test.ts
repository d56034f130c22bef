/**
 * The smaller promises of the commands, as a user runs them: a token is refused for a role nothing grants and
 * decoded by whoami; schema:history refuses a department it does not know; the catalogue takes a level in any
 * case, counts in words and writes CSV that spreadsheet programs read as UTF-8; an export read by `| head` ends quietly.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { developmentResidentKeyFiles } from '../../gateway/identify/developmentKeys.ts';
import { openPlatformStore } from '../../platform/index.ts';
import { makeResidentId } from '../../sharing/identifiers/index.ts';
import { requestEntry } from '../publish/harness.ts';

const repository = fileURLToPath(new URL('../../', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'govgraph-commands-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const { DATABASE_URL: _d, GOVGRAPH_PLATFORM_DB: _p, GOVGRAPH_SUPERGRAPH: _s, ...environment } = process.env;

function run(command: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', join('bin', command), ...args], { cwd: repository, env: { ...environment, GOVGRAPH_DATA_DIR: dataDir } },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }));
  });
}

describe('npm run token and npm run whoami', () => {
  it('refuses a role nothing grants, naming the roles there are', async () => {
    const { code, stdout, stderr } = await run('token.ts', ['--dept', 'tax', '--app', 'a', '--role', 'app', '--role', 'superuser']);
    expect({ code, stdout, first: stderr.split('\n')[0] }).toEqual({ code: 2, stdout: '', first: 'Unknown role "superuser"; roles: analyst, app, dept-admin.' });
  });

  it('mints a token for the common superior of disputes, which provides no item, and refuses an unknown department', async () => {
    const superior = await run('token.ts', ['--dept', 'people-government', '--app', 'general-office', '--role', 'dept-admin']);
    expect({ code: superior.code, stderr: superior.stderr, token: superior.stdout.trim().split('.').length }).toEqual({ code: 0, stderr: '', token: 3 });
    const unknown = await run('token.ts', ['--dept', 'nosuchdept', '--app', 'a']);
    expect({ code: unknown.code, first: unknown.stderr.split('\n')[0] }).toEqual({
      code: 2, first: 'Unknown department "nosuchdept"; known: public-security, civil-affairs, human-resources, market-regulation, tax, natural-resources, health, platform, people-government.',
    });
  });

  it('decodes a token: who it speaks for, its roles, when it expires, and that the development key signed it', async () => {
    const token = (await run('token.ts', ['--dept', 'civil-affairs', '--app', 'ca-portal', '--role', 'analyst', '--role', 'dept-admin', '--ttl', '15m'])).stdout.trim();
    const { code, stdout, stderr } = await run('whoami.ts', [token]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<time>').replace(/dev-[\w-]+/, '<kid>').split('\n')).toEqual([
      'application  ca-portal',
      'department   civil-affairs',
      'roles        analyst, dept-admin',
      'issuer       govgraph-development',
      'audience     govgraph',
      'issued       <time>',
      expect.stringMatching(/^expires      <time> \(in (15|14) min\)$/),
      'key          <kid> (ES256)',
      `signature    verified with the development key (${join(dataDir, 'keys', 'jwks.json')})`,
      '',
    ]);
    expect(await run('whoami.ts', ['not.a.token'])).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/^This is not a JWT \(/) });
  });

  it('decodes a resident\'s token as one: the resident, masked, checked against the development resident key', async () => {
    const resident = makeResidentId('110105', '1949-12-31', 2);
    const token = (await run('token.ts', ['--resident', resident, '--ttl', '15m'])).stdout.trim();
    const { code, stdout, stderr } = await run('whoami.ts', [token]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).not.toContain(resident);
    expect(stdout.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<time>').replace(/key          \S+/, 'key          <kid>').split('\n')).toEqual([
      `resident     110105********${resident.slice(14)} (a resident's own sign-in: their own accesses and corrections only)`,
      'application  resident-portal',
      'issuer       govgraph-resident-development',
      'audience     govgraph-resident',
      'issued       <time>',
      expect.stringMatching(/^expires      <time> \(in (15|14) min\)$/),
      'key          <kid> (ES256)',
      `signature    verified with the development resident key (${developmentResidentKeyFiles(dataDir).jwks})`,
      '',
    ]);
  });
});

describe('npm run schema:history', () => {
  it('refuses a department that is neither registered nor in the history, and says when one never published', async () => {
    const unknown = await run('schema-history.ts', ['nosuchdept', '--data-dir', dataDir]);
    expect({ code: unknown.code, stdout: unknown.stdout, first: unknown.stderr.split('\n')[0] }).toEqual({
      code: 2, stdout: '', first: 'Unknown department "nosuchdept"; known: public-security, civil-affairs, human-resources, market-regulation, tax, natural-resources, health, platform.',
    });
    const never = await run('schema-history.ts', ['health', '--data-dir', dataDir]);
    expect(never).toEqual({ code: 0, stdout: 'health has published no version yet (npm run publish -- health records its first).\n', stderr: '' });
  });
});

describe('npm run catalog', () => {
  it('takes a level in any case, and counts items and resources in words', async () => {
    const out = join(dataDir, 'conditional.json');
    const lower = await run('catalog.ts', ['--format', 'json', '--level', 'conditional', '--department', 'tax', '--out', out]);
    expect(lower).toEqual({ code: 0, stdout: '', stderr: `Wrote 1 item of 1 resource to ${out}.\n` });
    const upper = await run('catalog.ts', ['--format', 'json', '--level', 'CONDITIONAL', '--department', 'tax']);
    expect(readFileSync(out, 'utf8')).toBe(upper.stdout);
  });

  it('starts CSV with a UTF-8 byte-order mark, so Excel and WPS read the Chinese text as UTF-8', async () => {
    const { code, stdout } = await run('catalog.ts', ['--format', 'csv', '--department', 'tax']);
    expect({ code, start: stdout.slice(0, 5) }).toEqual({ code: 0, start: '\uFEFFitem' });
  });
});

describe('npm run audit:export', () => {
  beforeAll(async () => {
    const store = await openPlatformStore({ file: join(dataDir, 'platform.sqlite') });
    try {
      const at = Date.parse('2026-11-01T00:00:00Z');
      await Promise.all(Array.from({ length: 2_000 }, (_, i) => store.audit.append(requestEntry({
        time: new Date(at + i * 1000).toISOString(), department: 'tax', application: 'tax-app', operationName: `Op${i}`, provider: 'civil-affairs', served: ['Person.maritalStatus'],
      }))));
    } finally {
      await store.close();
    }
  });

  it('stops quietly when whoever reads it stops reading (| head)', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bin/audit-export.ts', '--from', '2026-11-01T00:00:00Z', '--to', '2026-12-01T00:00:00Z'], {
      cwd: repository, env: { ...environment, GOVGRAPH_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Like `head -1`: read the first line, then close the pipe.
    await new Promise<void>((resolve) => child.stdout!.once('data', () => {
      child.stdout!.destroy();
      resolve();
    }));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  }, 60_000);
});
