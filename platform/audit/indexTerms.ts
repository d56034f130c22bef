/**
 * What a record is found by: its consumer, its time and kind (columns of the record row), and the providers,
 * items and subjects inside it (rows of child tables, so a filter on them searches an index instead of parsing
 * every record). Derived from the entry alone, so the verifier can recompute them and notice an index row that
 * was altered to hide a record from the view of the department or resident it concerns.
 */
import type { AuditEntry } from './types.ts';

export type ItemDisposition = 'served' | 'masked' | 'denied';

export interface IndexTerms {
  time: string;
  consumer: string | null;
  kind: string;
  /** Sorted, unique. */
  providers: string[];
  /** Unique; compared with the stored rows as a set. */
  items: { item: string; provider: string; disposition: ItemDisposition }[];
  /** Unique; compared with the stored rows as a set. */
  subjects: { subject: string; provider: string }[];
}

export function indexTerms(entry: AuditEntry): IndexTerms {
  const providers = Object.keys(entry.providers).sort();
  const items: IndexTerms['items'] = [];
  const subjects: IndexTerms['subjects'] = [];
  const seen = new Set<string>();
  const firstTime = (...key: string[]) => !seen.has(key.join('\u0000')) && Boolean(seen.add(key.join('\u0000')));
  for (const provider of providers) {
    const access = entry.providers[provider]!;
    for (const disposition of ['served', 'masked', 'denied'] as const) {
      for (const item of access[disposition]) if (firstTime('item', item, provider, disposition)) items.push({ item, provider, disposition });
    }
    for (const subject of access.subjects) if (firstTime('subject', subject, provider)) subjects.push({ subject, provider });
  }
  return { time: entry.time, consumer: entry.department, kind: entry.kind, providers, items, subjects };
}
