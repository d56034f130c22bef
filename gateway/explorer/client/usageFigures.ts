/**
 * The usage figures behind the dashboard's chart: how often each consumer department obtained each of the
 * provider's items, per day in China Standard Time, from the provider's view of the audit trail
 * (`accessesToMyData`). A request counts once per item it was served (masked or raw); items denied to it are
 * counted apart, as denials. Workflow actions recorded in the same trail (applications, decisions) are not
 * accesses and are left out, as are requests that ended in an error.
 */
import { chinaDate } from './i18n.ts';

/** One access as `accessesToMyData` returns it (the fields the figures need). */
export interface AccessRecord {
  time: string;
  kind: string;
  outcome: 'OK' | 'PARTIAL' | 'DENIED' | 'ERROR';
  consumer: { department: string | null; application: string | null };
  providers: { provider: string; served: string[]; masked: string[]; denied: string[] }[];
}

export interface UsageFigures {
  /** Every day of the period, oldest first (`2026-12-01`), whether anything happened on it or not. */
  days: string[];
  consumers: string[];
  items: string[];
  /** Requests that obtained at least one item, per day and consumer. */
  requests: Map<string, Map<string, number>>;
  /** Items obtained, per consumer then item. */
  served: Map<string, Map<string, number>>;
  /** Items denied, per consumer then item. */
  denied: Map<string, Map<string, number>>;
  /** Requests counted, in all. */
  total: number;
}

/** The figures for `provider` over the `days` days ending on the China date of `until`. */
export function usageFigures(records: readonly AccessRecord[], provider: string, until: Date, days: number): UsageFigures {
  const lastDay = chinaDate(until.toISOString());
  const dayList = Array.from({ length: days }, (_, i) => shiftDate(lastDay, i - days + 1));
  const figures: UsageFigures = { days: dayList, consumers: [], items: [], requests: new Map(), served: new Map(), denied: new Map(), total: 0 };
  const count = (table: Map<string, Map<string, number>>, row: string, column: string) => {
    const cells = table.get(row) ?? new Map<string, number>();
    table.set(row, cells.set(column, (cells.get(column) ?? 0) + 1));
  };
  const consumers = new Set<string>();
  const items = new Set<string>();
  for (const record of records) {
    if (record.kind !== 'request' || record.outcome === 'ERROR') continue;
    const day = chinaDate(record.time);
    if (!dayList.includes(day)) continue;
    const consumer = record.consumer.department ?? 'unknown';
    const entry = record.providers.find((p) => p.provider === provider);
    if (!entry) continue;
    const obtained = [...new Set([...entry.served, ...entry.masked])];
    for (const item of obtained) count(figures.served, consumer, item);
    for (const item of entry.denied) count(figures.denied, consumer, item);
    for (const item of [...obtained, ...entry.denied]) items.add(item);
    if (obtained.length === 0 && entry.denied.length === 0) continue;
    consumers.add(consumer);
    if (obtained.length > 0) {
      count(figures.requests, day, consumer);
      figures.total++;
    }
  }
  figures.consumers = [...consumers].sort();
  figures.items = [...items].sort();
  return figures;
}

/** `2026-12-01` moved by `days` calendar days. */
function shiftDate(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}
