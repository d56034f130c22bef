/**
 * A GraphiQL sidebar pane with the query plan of the active tab's last operation: which departments the gateway
 * fetched from, in which order, with which sub-operations — the plan of the operation as decided for the
 * signed-in caller, so fields withheld from it are not in it (see gateway/explorer/queryPlan.ts).
 */
import type { GraphiQLPlugin } from '@graphiql/react';
import type { Translate } from './i18n.ts';
import type { ResponseLog } from './responseLog.ts';
import { useActiveAnswer } from './ResponseBar.tsx';

export function queryPlanPlugin(log: ResponseLog, t: Translate): GraphiQLPlugin {
  return {
    title: t('queryPlan'),
    icon: PlanIcon,
    content: () => <QueryPlanPane log={log} t={t} />,
  };
}

function QueryPlanPane({ log, t }: { log: ResponseLog; t: Translate }) {
  const answer = useActiveAnswer(log);
  return (
    <div className="gg-plan">
      <div className="graphiql-doc-explorer-title">{t('queryPlan')}</div>
      {!answer && <p>{t('planRunFirst')}</p>}
      {answer && !answer.plan && <p>{t('planNone')}</p>}
      {answer?.plan && (
        <>
          <p>{t('planFetches', { operation: answer.operationName ?? t('anonymousOperation'), departments: answer.plan.departments.join(' → ') || '—' })}</p>
          <pre data-testid="query-plan">{answer.plan.text}</pre>
          <p className="gg-muted">{t('planNote')}</p>
        </>
      )}
    </div>
  );
}

function PlanIcon() {
  return (
    <svg viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <rect x="3" y="3" width="7" height="5" rx="1" />
      <rect x="14" y="10" width="7" height="5" rx="1" />
      <rect x="14" y="17" width="7" height="4" rx="1" />
      <path d="M6.5 8v4.5H14M6.5 12.5V19H14" />
    </svg>
  );
}
