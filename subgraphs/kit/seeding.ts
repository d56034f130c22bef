/**
 * Makes sure a department's database exists and holds the given population. A database is generated into a
 * temporary file and renamed into place only when complete, so an interrupted seed never leaves a half-filled
 * database that a later start would trust. A database seeded from another population is regenerated.
 * A department that brings its own resources (the platform) has nothing to generate: its file is its owner's.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { createPopulation } from '../synthetic/index.ts';
import type { PopulationOptions } from '../synthetic/types.ts';
import { bringsOwnResources, type DepartmentDefinition } from './department.ts';

export interface SeedResult {
  department: string;
  /** True when the database was (re)generated, false when the existing one was reused (or the department brings its own). */
  generated: boolean;
  /** Rows generated into the department's tables; null when nothing was generated. */
  records: number | null;
  milliseconds: number;
}

const META_TABLE = 'govgraph_meta';

export function ensureDepartmentData(
  department: DepartmentDefinition,
  file: string,
  population: PopulationOptions,
  options: { force?: boolean } = {},
): SeedResult {
  const started = performance.now();
  if (bringsOwnResources(department)) return { department: department.id, generated: false, records: null, milliseconds: 0 };
  if (!options.force && samePopulation(readSeedMeta(file), population)) {
    return { department: department.id, generated: false, records: null, milliseconds: performance.now() - started };
  }
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.seeding-${process.pid}`;
  rmSync(temporary, { force: true });
  const db = new Database(temporary);
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.exec(`CREATE TABLE ${META_TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
    db.transaction(() => {
      department.seed(db, createPopulation(population));
      db.prepare(`INSERT INTO ${META_TABLE} (key, value) VALUES (?, ?), (?, ?)`).run(
        'department', department.id, 'population', JSON.stringify(population),
      );
    })();
    db.exec('ANALYZE');
    db.pragma('journal_mode = DELETE');
    db.close();
    renameSync(temporary, file);
  } catch (error) {
    if (db.open) db.close();
    rmSync(temporary, { force: true });
    throw error;
  }
  return { department: department.id, generated: true, records: countRecords(file), milliseconds: performance.now() - started };
}

/** Rows in every table of a department's database but the seed's own metadata. */
function countRecords(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != '${META_TABLE}'`).pluck().all() as string[];
    return tables.reduce((sum, table) => sum + (db.prepare(`SELECT COUNT(*) FROM "${table.replaceAll('"', '""')}"`).pluck().get() as number), 0);
  } finally {
    db.close();
  }
}

/** The population a database was seeded from, or null when it is missing or incomplete. */
export function readSeedMeta(file: string): PopulationOptions | null {
  if (!existsSync(file)) return null;
  const db = new Database(file, { readonly: true });
  try {
    const row = db.prepare(`SELECT value FROM ${META_TABLE} WHERE key = 'population'`).get() as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as PopulationOptions) : null;
  } catch {
    return null;
  } finally {
    db.close();
  }
}

function samePopulation(a: PopulationOptions | null, b: PopulationOptions): boolean {
  return a !== null && a.seed === b.seed && a.people === b.people && a.enterprises === b.enterprises;
}
