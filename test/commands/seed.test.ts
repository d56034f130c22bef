/**
 * `npm run seed` as a user runs it: it counts the departments it seeds (the platform has nothing to seed), and
 * each line says what that department generated, in records, from which population.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { departments } from '../../subgraphs/departments.ts';
import { bringsOwnResources } from '../../subgraphs/kit/index.ts';

const repository = fileURLToPath(new URL('../../', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'govgraph-seed-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Rows of every table but the seed's own metadata. */
function records(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'govgraph_meta'").pluck().all() as string[];
    return tables.reduce((sum, table) => sum + (db.prepare(`SELECT COUNT(*) FROM "${table}"`).pluck().get() as number), 0);
  } finally {
    db.close();
  }
}

describe('npm run seed', () => {
  it('announces the departments it seeds and says what each generated', async () => {
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(process.execPath, ['--import', 'tsx', 'bin/seed.ts', '--data-dir', dataDir, '--people', '300', '--enterprises', '60', '--seed', '7'], { cwd: repository },
        (error, out, err) => resolve({ code: error ? Number(error.code) : 0, stdout: out, stderr: err })));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const seeded = departments.filter((d) => !bringsOwnResources(d.definition)).map((d) => d.definition.id);
    const lines = stdout.trim().split('\n').map((line) => line.replace(/in \d+\.\d s/, 'in <time>'));
    expect(lines[0]).toBe(`Seeding ${seeded.length} departments (${seeded.join(', ')}): 300 people, 60 enterprises, seed 7`);
    expect(lines.slice(1, -1).sort()).toEqual(
      seeded.map((id) => `[${id}] generated ${records(join(dataDir, 'departments', `${id}.sqlite`)).toLocaleString('en')} records from 300 people and 60 enterprises in <time>`).sort(),
    );
    expect(lines.at(-1)).toBe(`Seeded ${seeded.length} departments in <time> into ${dataDir}.`);
  }, 180_000);
});
