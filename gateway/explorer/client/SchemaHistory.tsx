/**
 * A department's schema history, from the graph's `schemaVersions` (newest first): each published version with
 * when (China Standard Time), who, why and its changes, breaking ones flagged. Read when first opened.
 */
import { useEffect, useState } from 'react';
import { formatInstant, type Locale, type Translate } from './i18n.ts';
import { graphql, type Session } from './session.ts';

export interface SchemaVersionView {
  version: number;
  publishedAt: string;
  actor: string;
  reason: string | null;
  rollbackOf: number | null;
  changes: { kind: string; coordinate: string; breaking: boolean; description: string }[];
}

export const SCHEMA_HISTORY_QUERY = `query SchemaHistory($department: String!, $first: Int!) {
  schemaVersions(department: $department, first: $first) {
    totalCount nodes { version publishedAt actor reason rollbackOf changes { kind coordinate breaking description } }
  }
}`;

interface Props {
  department: string;
  session: Session;
  open: boolean;
  locale: Locale;
  t: Translate;
  /** How many versions to show. Default 10. */
  first?: number;
}

export function SchemaHistory({ department, session, open: initiallyOpen, locale, t, first = 10 }: Props) {
  const [open, setOpen] = useState(initiallyOpen);
  const [history, setHistory] = useState<{ totalCount: number; nodes: SchemaVersionView[] } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (!open || history) return;
    graphql<{ schemaVersions: { totalCount: number; nodes: SchemaVersionView[] } }>(session, SCHEMA_HISTORY_QUERY, { department, first }).then(
      (answer) => (answer.data ? setHistory(answer.data.schemaVersions) : setProblem(answer.errors?.[0]?.message ?? 'no answer')),
      (error: Error) => setProblem(error.message),
    );
  }, [open, history, department, session, first]);
  return (
    <details className="gg-history" open={initiallyOpen} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t('schemaHistory')}</summary>
      {problem && <p className="gg-problem" role="alert">{problem}</p>}
      {history && history.nodes.length === 0 && <p>{t('neverPublished')}</p>}
      {history && history.nodes.length > 0 && <VersionList history={history} locale={locale} t={t} />}
    </details>
  );
}

export function VersionList({ history, locale, t }: { history: { totalCount: number; nodes: SchemaVersionView[] }; locale: Locale; t: Translate }) {
  return (
    <>
      <ol className="gg-versions" data-testid="schema-versions">
        {history.nodes.map((v) => (
          <li key={v.version}>
            <b>v{v.version}</b> · {formatInstant(v.publishedAt, locale)} · {v.actor}
            {v.rollbackOf !== null && <> · {t('rollbackOf', { version: v.rollbackOf })}</>}
            {v.reason && <div className="gg-reason">{v.reason}</div>}
            {v.changes.length === 0 ? (
              <div className="gg-muted">{t('noChanges')}</div>
            ) : (
              <ul>
                {v.changes.map((c) => (
                  <li key={`${c.kind}:${c.coordinate}`} className={c.breaking ? 'gg-breaking' : undefined}>
                    {c.breaking ? `${t('breaking')}: ` : ''}{c.description}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      {history.totalCount > history.nodes.length && <p className="gg-muted">{t('olderVersions', { count: history.totalCount - history.nodes.length })}</p>}
    </>
  );
}
