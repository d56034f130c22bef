/**
 * `npm run department:new` as a command: it scaffolds and checks composition but writes no supergraph, so a
 * running gateway never switches to a department nothing serves; it says how to start and publish it.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nextDefaultPort } from '../../subgraphs/addedDepartments.ts';
import { departments } from '../../subgraphs/departments.ts';
import { checkout } from './harness.ts';

describe('npm run department:new', () => {
  it('as a command, scaffolds without touching the supergraph a gateway serves, and says to publish it', async () => {
    const elsewhere = checkout('govgraph-scaffold-cli-');
    try {
      mkdirSync(join(elsewhere, 'schema'));
      const served = readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8');
      writeFileSync(join(elsewhere, 'schema', 'supergraph.graphql'), served);
      const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
        execFile(process.execPath, ['--import', 'tsx', 'bin/department-new.ts', 'sports', '--root', elsewhere, '--port', String(nextDefaultPort(departments) + 50)],
          { cwd: fileURLToPath(new URL('../../', import.meta.url)) },
          (error, out, err) => resolve({ code: error ? Number(error.code) : 0, stdout: out, stderr: err })),
      );
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      expect(readFileSync(join(elsewhere, 'schema', 'supergraph.graphql'), 'utf8')).toBe(served);
      expect(existsSync(join(elsewhere, 'schema', 'api.graphql'))).toBe(false);
      expect(stdout.split('\n').slice(-4)).toEqual([
        'It composes with the other departments; the supergraph gateways serve is unchanged until you publish it:',
        `  1. start it: npm start (or node --import tsx bin/subgraph.ts --department sports --port ${nextDefaultPort(departments) + 50})`,
        '  2. publish it: npm run publish -- sports (checks it, records version 1 and switches the gateways)',
        '',
      ]);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  }, 120_000);
});
