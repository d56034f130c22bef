/**
 * Every command in bin/ answers `--help` (and `-h`) with its usage on stdout and exit 0, before it opens a store,
 * writes a file or generates a key; an unknown option is a usage error (exit 2) naming it, never a stack trace.
 * The commands run as a user runs them, from an empty working directory, so any side effect shows up there.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repository = fileURLToPath(new URL('../../', import.meta.url));
/** tsx by its path: the commands run from an empty directory, where `--import tsx` would not resolve. */
const tsx = pathToFileURL(join(repository, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

/** Each command file and how its usage line starts. */
const COMMANDS: Record<string, string> = {
  'audit-export.ts': 'npm run audit:export --',
  'audit-reconcile.ts': 'npm run audit:reconcile --',
  'audit-verify.ts': 'npm run audit:verify --',
  'catalog.ts': 'npm run catalog --',
  'compose.ts': 'npm run compose',
  'department-connect.ts': 'npm run department:connect --',
  'department-new.ts': 'npm run department:new --',
  'department-remove.ts': 'npm run department:remove --',
  'documents.ts': 'npm run documents --',
  'documents-register.ts': 'npm run documents:register --',
  'gateway.ts': 'node --import tsx bin/gateway.ts',
  'publish.ts': 'npm run publish --',
  'schema-history.ts': 'npm run schema:history --',
  'seed.ts': 'npm run seed --',
  'start.ts': 'npm start --',
  'subgraph.ts': 'node --import tsx bin/subgraph.ts',
  'token.ts': 'npm run token --',
  'whoami.ts': 'npm run whoami --',
};
/** Modules of bin/ that the commands share; not commands themselves. */
const MODULES = ['children.ts', 'commandLine.ts', 'config.ts', 'hardeningConfig.ts', 'networkConfig.ts', 'residentsConfig.ts', 'sealingConfig.ts'];

/** Files a command with side effects would change in the repository. */
const WATCHED = ['schema/supergraph.graphql', 'schema/api.graphql', 'subgraphs/added-departments.json', 'codegen.yml'];
const fingerprint = () => Object.fromEntries(WATCHED.map((f) => [f, createHash('sha256').update(readFileSync(join(repository, f))).digest('hex')]));

const workingDirectory = mkdtempSync(join(tmpdir(), 'govgraph-help-'));
afterAll(() => rmSync(workingDirectory, { recursive: true, force: true }));
const { DATABASE_URL: _d, GOVGRAPH_PLATFORM_DB: _p, GOVGRAPH_SUPERGRAPH: _s, ...environment } = process.env;

function run(command: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', tsx, join(repository, 'bin', command), ...args],
      { cwd: workingDirectory, env: { ...environment, GOVGRAPH_DATA_DIR: join(workingDirectory, 'data') }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe('the commands in bin/', () => {
  it('are all listed here, commands and shared modules', () => {
    expect(readdirSync(join(repository, 'bin')).filter((f) => f.endsWith('.ts')).sort()).toEqual([...Object.keys(COMMANDS), ...MODULES].sort());
  });

  for (const [command, usage] of Object.entries(COMMANDS)) {
    it(`${command} answers --help and -h with its usage, exit 0, and no side effect`, async () => {
      const before = fingerprint();
      for (const flag of ['--help', '-h']) {
        const { code, stdout, stderr } = await run(command, [flag]);
        expect({ code, stderr, firstLine: stdout.split('\n')[0]!.slice(0, `usage: ${usage}`.length), options: stdout.includes('\nOptions:\n') }).toEqual({
          code: 0, stderr: '', firstLine: `usage: ${usage}`, options: true,
        });
      }
      expect({ created: readdirSync(workingDirectory), repository: fingerprint() }).toEqual({ created: [], repository: before });
    });

    it(`${command} refuses an unknown option with its usage, exit 2, and no stack trace`, async () => {
      const { code, stdout, stderr } = await run(command, ['--no-such-option']);
      expect({ code, stdout, stderr }).toEqual({
        code: 2, stdout: '', stderr: `Unknown option '--no-such-option'.\nusage: ${stderr.split('\n')[1]!.slice('usage: '.length)}\n(--help for every option)\n`,
      });
      expect(stderr.split('\n')[1]!.startsWith(`usage: ${usage}`)).toBe(true);
      expect(readdirSync(workingDirectory)).toEqual([]);
    });
  }
});
