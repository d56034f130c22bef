/**
 * `npm run audit:export -- --from ISO --to ISO [--out file] [--data-dir data]`: writes the audit records of a time
 * range, with their chain data and the seals covering them, as JSON Lines (to stdout without --out), for an
 * auditor to verify offline with `npm run audit:verify -- --file <file>`. The store is PostgreSQL when DATABASE_URL
 * is set, else GOVGRAPH_PLATFORM_DB (default <data-dir>/platform.sqlite). Reading stops quietly when stdout is
 * closed early (`| head`); on a terminal, stderr shows how many records are written so far.
 */
import { createWriteStream, existsSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseCommandLine, runCommand, usageError, failWith } from './commandLine.ts';

const spec = {
  usage: 'npm run audit:export -- --from 2026-03-01T00:00:00Z --to 2026-04-01T00:00:00Z [--out audit.jsonl] [--data-dir data]',
  summary: 'Exports the audit records of a time range, with their chain data and the seals covering them, as JSON Lines.',
  options: { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, 'data-dir': { type: 'string' } },
  help: {
    from: 'first instant (ISO 8601, inclusive)',
    to: 'last instant (ISO 8601, exclusive)',
    out: 'file to write (replaced whole at the end; default stdout)',
    'data-dir': 'where platform.sqlite is (default GOVGRAPH_DATA_DIR, else ./data)',
  },
  notes: [
    'The store: PostgreSQL when DATABASE_URL is set, else GOVGRAPH_PLATFORM_DB, else <data-dir>/platform.sqlite.',
    'Verify an export offline with npm run audit:verify -- --file <file>. Exit 0 exported, 2 when it could not be.',
  ],
} as const;
const { values: flags } = parseCommandLine(spec);
if (!flags.from || !flags.to) usageError(spec, `Give the range: --from and --to${!flags.from && flags.to ? ' (--from is missing)' : !flags.to && flags.from ? ' (--to is missing)' : ''}.`);
const dataDir = resolve(flags['data-dir'] ?? process.env.GOVGRAPH_DATA_DIR ?? 'data');
const databaseUrl = process.env.DATABASE_URL || undefined;
const file = resolve(process.env.GOVGRAPH_PLATFORM_DB ?? join(dataDir, 'platform.sqlite'));
if (!databaseUrl && !existsSync(file)) failWith(`No platform store at ${file}; pass --data-dir, or set DATABASE_URL for a PostgreSQL store.`, 2);

await runCommand(async () => {
  const { openPlatformStore } = await import('../platform/index.ts');
  const store = await openPlatformStore(databaseUrl ? { databaseUrl } : { file });
  const counts = { records: 0, seals: 0 };
  const progress = process.stderr.isTTY && flags.out !== undefined;
  async function* counted(lines: AsyncIterable<string>): AsyncIterable<string> {
    for await (const line of lines) {
      if (line.startsWith('{"seal":')) counts.seals += 1;
      else counts.records += 1;
      if (progress && counts.records % 5_000 === 0) process.stderr.write(`\r${counts.records.toLocaleString('en')} records…`);
      yield line;
    }
  }
  // Written beside the target and renamed at the end, so a failed export never leaves a plausible-looking partial file.
  const out = flags.out ? resolve(flags.out) : null;
  const partial = out ? `${out}.${process.pid}.partial` : null;
  try {
    await pipeline(Readable.from(counted(store.audit.export({ from: flags.from!, to: flags.to! }))), partial ? createWriteStream(partial) : process.stdout);
    if (out && partial) renameSync(partial, out);
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    console.error(`${progress ? '\r' : ''}Exported ${plural(counts.records, 'record')} and ${plural(counts.seals, 'seal')}${out ? ` to ${out}` : ''}.`);
  } catch (error) {
    if (partial) rmSync(partial, { force: true });
    // Whoever reads stdout stopped (`| head`): what they wanted is written; that is not a failure.
    if (!out && (error as NodeJS.ErrnoException).code === 'EPIPE') return;
    console.error(`Export failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  } finally {
    await store.close();
  }
});
