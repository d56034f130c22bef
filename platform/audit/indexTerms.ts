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
  // Providers are unique keys, so a term is a repeat only within its own provider (and disposition): one small
  // set per list instead of a joined string key per term (this runs for every record, 100+ subjects each).
  for (const provider of providers) {
    const access = entry.providers[provider]!;
    for (const disposition of ['served', 'masked', 'denied'] as const) {
      for (const item of unique(access[disposition])) items.push({ item, provider, disposition });
    }
    for (const subject of unique(access.subjects)) subjects.push({ subject, provider });
  }
  return { time: entry.time, consumer: entry.department, kind: entry.kind, providers, items, subjects };
}

/** The list's values in their first-seen order, each once; the list itself when it has no repeat (the usual case). */
function unique(list: readonly string[]): readonly string[] {
  const seen = new Set(list);
  return seen.size === list.length ? list : [...seen];
}
