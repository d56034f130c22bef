/** Fills market regulation's register from the shared population: every enterprise, with its legal representative. */
import type Database from 'better-sqlite3';
import type { Population } from '../synthetic/types.ts';

export function seed(db: Database.Database, population: Population): void {
  db.exec(`
    CREATE TABLE enterprise (
      rank INTEGER PRIMARY KEY,
      credit_code TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      type TEXT NOT NULL,
      status TEXT NOT NULL,
      registered_capital REAL NOT NULL,
      established_date TEXT NOT NULL,
      business_scope TEXT NOT NULL,
      region_code TEXT NOT NULL,
      address TEXT NOT NULL,
      legal_representative TEXT NOT NULL
    );
    CREATE INDEX enterprise_legal_representative ON enterprise (legal_representative);
  `);
  const insert = db.prepare(`INSERT INTO enterprise VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  for (const e of population.enterprises()) {
    insert.run(
      e.index, e.creditCode, e.name, e.type, e.status, e.registeredCapital, e.establishedDate,
      e.businessScope, e.regionCode, e.address, population.person(e.legalRepresentativeIndex).idNumber,
    );
  }
}
