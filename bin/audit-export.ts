/**
 * `npm run audit:export -- --from ISO --to ISO [--out file] [--data-dir data]`: writes the audit records of a time
 * range, with their chain data and the seals covering them, as JSON Lines (to stdout without --out), for an
 * auditor to verify offline with `npm run audit:verify -- --file <file>`. The store is PostgreSQL when DATABASE_URL
 * is set, else GOVGRAPH_PLATFORM_DB (default <data-dir>/platform.sqlite).
 */
import { createWriteStream, existsSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { openPlatformStore } from '../platform/index.ts';

const { values: flags } = parseArgs({
  options: { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, 'data-dir': { type: 'string' } },
});
if (!flags.from || !flags.to) {
  console.error('Usage: npm run audit:export -- --from 2026-03-01T00:00:00Z --to 2026-04-01T00:00:00Z [--out audit.jsonl] [--data-dir data]');
  process.exit(2);
}
const dataDir = resolve(flags['data-dir'] ?? process.env.GOVGRAPH_DATA_DIR ?? 'data');
const databaseUrl = process.env.DATABASE_URL || undefined;
const file = resolve(process.env.GOVGRAPH_PLATFORM_DB ?? join(dataDir, 'platform.sqlite'));
if (!databaseUrl && !existsSync(file)) {
  console.error(`No platform store at ${file}; pass --data-dir, or set DATABASE_URL for a PostgreSQL store.`);
  process.exit(2);
}

const store = await openPlatformStore(databaseUrl ? { databaseUrl } : { file });
const counts = { records: 0, seals: 0 };
async function* counted(lines: AsyncIterable<string>): AsyncIterable<string> {
  for await (const line of lines) {
    if (line.startsWith('{"seal":')) counts.seals += 1;
    else counts.records += 1;
    yield line;
  }
}
// Written beside the target and renamed at the end, so a failed export never leaves a plausible-looking partial file.
const out = flags.out ? resolve(flags.out) : null;
const partial = out ? `${out}.${process.pid}.partial` : null;
try {
  await pipeline(Readable.from(counted(store.audit.export({ from: flags.from, to: flags.to }))), partial ? createWriteStream(partial) : process.stdout);
  if (out && partial) renameSync(partial, out);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  console.error(`Exported ${plural(counts.records, 'record')} and ${plural(counts.seals, 'seal')}${out ? ` to ${out}` : ''}.`);
} catch (error) {
  if (partial) rmSync(partial, { force: true });
  console.error(`Export failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
} finally {
  await store.close();
}
