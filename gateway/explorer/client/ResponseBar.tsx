/**
 * Below GraphiQL's result: what the gateway answered to the active tab's last operation — HTTP status, time, the
 * `x-request-id` that names its audit record, the purpose actually sent (and that a Headers-tab X-Purpose overrode
 * the selector) — with the response headers, the request as a cURL command, a link that opens the operation in a
 * tab of its own, and the query plan pane.
 */
import { useEffect, useRef, useState } from 'react';
import { useGraphiQL, useGraphiQLActions, type GraphiQLPlugin } from '@graphiql/react';
import type { Translate } from './i18n.ts';
import { curlCommand, shareLink, type LoggedResponse, type ResponseLog } from './responseLog.ts';

type Panel = 'headers' | 'curl' | 'link' | null;

/** The active tab's last answer, kept current as answers come and tabs change. */
export function useActiveAnswer(log: ResponseLog): LoggedResponse | null {
  const tabId = useGraphiQL((state) => state.tabs[state.activeTabIndex]?.id ?? null);
  const [, setSeen] = useState(0);
  useEffect(() => log.subscribe((entry) => setSeen(entry.sequence)), [log]);
  return log.forTab(tabId);
}

/** Keeps the log told which tab is active, so each answer is filed under the tab that asked. */
export function TrackActiveTab({ log }: { log: ResponseLog }) {
  const tabId = useGraphiQL((state) => state.tabs[state.activeTabIndex]?.id ?? null);
  const current = useRef(tabId);
  current.current = tabId;
  useEffect(() => log.trackActiveTab(() => current.current), [log]);
  return null;
}

export function ResponseBar({ log, t, planPlugin }: { log: ResponseLog; t: Translate; planPlugin: GraphiQLPlugin }) {
  const answer = useActiveAnswer(log);
  const [panel, setPanel] = useState<Panel>(null);
  const { setVisiblePlugin } = useGraphiQLActions();
  const tab = useGraphiQL((state) => state.tabs[state.activeTabIndex]);
  useEffect(() => setPanel(null), [answer?.sequence]);
  if (!answer) return null;
  const toggle = (next: Panel) => setPanel(panel === next ? null : next);
  const ok = answer.status >= 200 && answer.status < 300;
  return (
    <div className="gg-response" data-testid="response-bar">
      <div className="gg-response-line">
        <span className={`gg-status ${ok ? 'ok' : 'failed'}`} data-testid="response-status">HTTP {answer.status}</span>
        <span data-testid="response-time">{t('responseTime', { ms: Math.round(answer.durationMs) })}</span>
        {answer.requestId && <span className="gg-request-id" title={t('requestIdTitle')}>x-request-id <code data-testid="request-id">{answer.requestId}</code></span>}
        <span className="gg-purpose-used" data-testid="purpose-used">
          {answer.purpose.sent ? t('purposeSent', { purpose: answer.purpose.sent }) : t('noPurposeSent')}
          {answer.purpose.overridden && <b className="gg-warning" role="status">{' '}{t('purposeOverridden', { overridden: answer.purpose.overridden })}</b>}
        </span>
        <span className="gg-spacer" />
        <button type="button" aria-pressed={panel === 'headers'} onClick={() => toggle('headers')}>{t('responseHeaders')}</button>
        <button type="button" aria-pressed={panel === 'curl'} onClick={() => toggle('curl')}>{t('copyCurl')}</button>
        <button type="button" aria-pressed={panel === 'link'} onClick={() => toggle('link')}>{t('shareLink')}</button>
        <button type="button" onClick={() => setVisiblePlugin(planPlugin)}>{t('queryPlan')}</button>
      </div>
      {panel === 'headers' && (
        <table className="gg-headers" aria-label={t('responseHeaders')}>
          <tbody>
            {answer.headers.map(([name, value]) => (
              <tr key={name}><th>{name}</th><td><code>{value}</code></td></tr>
            ))}
          </tbody>
        </table>
      )}
      {panel === 'curl' && <Copyable text={curlCommand(answer.request, location.origin)} note={t('curlNote')} label={t('copyCurl')} t={t} />}
      {panel === 'link' && tab?.query && <Copyable text={shareLink(location.origin, tab.query, tab.variables ?? null)} note={t('shareNote')} label={t('shareLink')} t={t} />}
    </div>
  );
}

function Copyable({ text, note, label, t }: { text: string; note: string; label: string; t: Translate }) {
  const [copied, setCopied] = useState(false);
  const copy = () => navigator.clipboard?.writeText(text).then(() => setCopied(true), () => setCopied(false));
  return (
    <div className="gg-copyable">
      <pre aria-label={label}>{text}</pre>
      <p>{note} <button type="button" onClick={() => void copy()}>{copied ? t('copied') : t('copy')}</button></p>
    </div>
  );
}
