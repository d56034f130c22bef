/**
 * `npm run department:remove` takes back what department:new made — folder, test, registrations — and refuses
 * the built-in departments and, unless forced, one the served supergraph still routes to.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeDepartment } from '../../subgraphs/scaffold/removeDepartment.ts';
import { scaffoldDepartment } from '../../subgraphs/scaffold/scaffoldDepartment.ts';
import { checkout } from './harness.ts';

describe('department:remove', () => {
  it('removes an added department whole, its registrations included, and refuses the built-in ones', async () => {
    const elsewhere = checkout('govgraph-remove-');
    try {
      const codegen = readFileSync(new URL('../../codegen.yml', import.meta.url), 'utf8');
      writeFileSync(join(elsewhere, 'codegen.yml'), codegen);
      const created = await scaffoldDepartment({ id: 'sports', root: elsewhere });
      expect(readFileSync(join(elsewhere, 'codegen.yml'), 'utf8')).not.toBe(codegen);
      expect(() => removeDepartment({ id: 'tax', root: elsewhere })).toThrow('"tax" is a built-in department of the embedded default; only departments added with department:new can be removed.');
      expect(() => removeDepartment({ id: 'museums', root: elsewhere })).toThrow(`"museums" is not an added department of ${elsewhere} (added: sports).`);
      expect(removeDepartment({ id: 'sports', root: elsewhere })).toEqual({
        removed: [created.directory, join(elsewhere, 'test', 'departments', 'sports.test.ts')], codegenUpdated: true, stillServed: false,
      });
      expect({
        folder: existsSync(created.directory),
        test: existsSync(join(elsewhere, 'test', 'departments', 'sports.test.ts')),
        registry: JSON.parse(readFileSync(join(elsewhere, 'subgraphs', 'added-departments.json'), 'utf8')),
        codegen: readFileSync(join(elsewhere, 'codegen.yml'), 'utf8'),
      }).toEqual({ folder: false, test: false, registry: [], codegen });
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('refuses to remove a department the served supergraph still routes to, unless forced', async () => {
    const elsewhere = checkout('govgraph-remove-served-');
    try {
      await scaffoldDepartment({ id: 'sports', root: elsewhere });
      const supergraph = join(elsewhere, 'served.graphql');
      writeFileSync(supergraph, 'enum join__Graph {\n  SPORTS @join__graph(name: "sports", url: "http://127.0.0.1:4009/graphql")\n}\n');
      expect(() => removeDepartment({ id: 'sports', root: elsewhere, supergraphFile: supergraph })).toThrow(
        `${supergraph} still routes sports: gateways serving it would keep asking a department nobody starts. Pass --force to remove it anyway, then drop it from the served supergraph (npm run compose, or the next npm run publish, which lists its removal as breaking).`,
      );
      expect(existsSync(join(elsewhere, 'subgraphs', 'sports'))).toBe(true);
      expect(removeDepartment({ id: 'sports', root: elsewhere, supergraphFile: supergraph, force: true }).stillServed).toBe(true);
      expect(existsSync(join(elsewhere, 'subgraphs', 'sports'))).toBe(false);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
