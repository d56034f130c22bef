/**
 * The department dashboard: what a department's staff works through each day, read from the platform subgraph
 * through the gateway's /graphql as the signed-in caller (so every read and every decision is authorized and
 * audited like any request): applications awaiting its decision with their deadlines (China Standard Time) and
 * overdue flags, with approve and reject; objections to answer; agreements in force and those expiring soon, as
 * provider and as consumer; who accessed its data over the last 30 days, with a chart per consumer and day and a
 * table per consumer and item; and its schema history. Deciding, answering and revoking need the department's
 * `dept-admin` role; other roles see the same page without those buttons' effect (the platform refuses them).
 */
import './explorer.css';
import { StrictMode, useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { createRoot } from 'react-dom/client';
import type { AgreementsView, CatalogueView, ExplorerConfigView } from '../views.ts';
import { formatDeadline, formatInstant, translator, useLocale, type Locale, type Translate } from './i18n.ts';
import { departmentLabel } from './labels.ts';
import { SCHEMA_HISTORY_QUERY, VersionList, type SchemaVersionView } from './SchemaHistory.tsx';
import { explorerApi, graphql, loadSession, saveSession, type Session } from './session.ts';
import { SignIn } from './SignIn.tsx';
import { UsageChart, UsageTable } from './UsageChart.tsx';
import { usageFigures, type AccessRecord } from './usageFigures.ts';

/** Days of accesses the chart covers, and how many records it reads at most. */
const USAGE_DAYS = 30;
const USAGE_RECORDS = 2000;
/** An agreement ending within this many days is flagged as expiring. */
const EXPIRING_DAYS = 30;
const PAGE = 50;

interface ApplicationView {
  id: string;
  consumer: string;
  provider: string;
  items: string[];
  purpose: string;
  legalBasis: string;
  scenario: string | null;
  validFrom: string;
  validUntil: string;
  status: string;
  inForce: boolean;
  appliedAt: string | null;
  applicant: { department: string; application: string } | null;
  deadline: string | null;
  overdue: boolean;
}

interface ObjectionView {
  id: string;
  consumer: string;
  item: string;
  subjectKey: string;
  description: string;
  reportedAt: string;
  deadline: string;
  overdue: boolean;
  reporter: { application: string };
}

interface Connection<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: T[];
}

const APPLICATION_FIELDS = 'id consumer provider items purpose legalBasis scenario validFrom validUntil status inForce appliedAt applicant { department application } deadline overdue';
const WORK_QUERY = `query DepartmentWork($me: String!, $first: Int!) {
  toDecide: applications(filter: { provider: $me, status: PENDING }, first: $first) { totalCount pageInfo { hasNextPage endCursor } nodes { ${APPLICATION_FIELDS} } }
  ours: applications(filter: { consumer: $me, status: PENDING }, first: $first) { totalCount pageInfo { hasNextPage endCursor } nodes { ${APPLICATION_FIELDS} } }
  toAnswer: objections(filter: { provider: $me, status: OPEN }, first: $first) { totalCount pageInfo { hasNextPage endCursor } nodes { id consumer item subjectKey description reportedAt deadline overdue reporter { application } } }
  inForce: agreements(filter: { status: APPROVED }, first: 500) { totalCount pageInfo { hasNextPage endCursor } nodes { ${APPLICATION_FIELDS} } }
}`;
const ACCESS_QUERY = `query DepartmentAccesses($from: String!, $first: Int!, $after: String) {
  accessesToMyData(filter: { from: $from }, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { time requestId kind outcome purpose consumer { department application } providers { provider served masked denied } }
  }
}`;

interface Work {
  toDecide: Connection<ApplicationView>;
  ours: Connection<ApplicationView>;
  toAnswer: Connection<ObjectionView>;
  inForce: Connection<ApplicationView>;
}

type Access = AccessRecord & { requestId: string; purpose: string | null };

function DashboardPage({ config }: { config: ExplorerConfigView }) {
  const [locale] = useLocale();
  const t = useMemo(() => translator(locale), [locale]);
  const [session, setSession] = useState(loadSession);
  useEffect(() => saveSession(session), [session]);
  const [caller, setCaller] = useState<AgreementsView | null>(null);
  const [catalogue, setCatalogue] = useState<CatalogueView | null>(null);
  useEffect(() => {
    setCatalogue(null);
    if (caller) explorerApi.catalogue(session.token).then(setCatalogue, () => setCatalogue(null));
  }, [caller, session.token]);
  const me = caller?.caller.department ?? null;
  const department = catalogue?.departments.find((d) => d.id === me);
  return (
    <div className="gg-document">
      <SignIn session={session} onChange={setSession} developmentIdentities={config.developmentIdentities} signInRequired={config.signInRequired} page="dashboard" onCaller={setCaller} />
      <main className="gg-dashboard">
        <h1>
          {t('dashboardTitle')}
          {me && <> · {department ? departmentLabel(department, locale) : me}</>}
        </h1>
        {!caller && !session.token && <p>{t('dashboardSignIn')}</p>}
        {caller && me && <Dashboard key={`${session.token}`} me={me} roles={caller.caller.roles} session={session} locale={locale} t={t} />}
      </main>
    </div>
  );
}

function Dashboard({ me, roles, session, locale, t }: { me: string; roles: string[]; session: Session; locale: Locale; t: Translate }) {
  const [work, setWork] = useState<Work | null>(null);
  const [accesses, setAccesses] = useState<{ records: Access[]; truncated: boolean } | null>(null);
  const [history, setHistory] = useState<{ totalCount: number; nodes: SchemaVersionView[] } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [asOf, setAsOf] = useState(() => new Date());
  const admin = roles.includes('dept-admin');

  const load = useCallback(async () => {
    const now = new Date();
    setAsOf(now);
    const answer = await graphql<Work>(session, WORK_QUERY, { me, first: PAGE });
    if (!answer.data) return setProblem(answer.errors?.[0]?.message ?? t('noAnswer'));
    setProblem(null);
    setWork(answer.data);
  }, [session, me, t]);

  useEffect(() => {
    void load();
    void readAccesses(session, new Date(Date.now() - USAGE_DAYS * 86_400_000)).then(setAccesses, (error: Error) => setProblem(error.message));
    void graphql<{ schemaVersions: { totalCount: number; nodes: SchemaVersionView[] } }>(session, SCHEMA_HISTORY_QUERY, { department: me, first: 5 }).then(
      (answer) => setHistory(answer.data?.schemaVersions ?? null),
    );
  }, [load, session, me]);

  const figures = useMemo(() => (accesses ? usageFigures(accesses.records, me, asOf, USAGE_DAYS) : null), [accesses, me, asOf]);
  const soon = new Date(asOf.getTime() + EXPIRING_DAYS * 86_400_000).toISOString();
  const inForce = work?.inForce.nodes.filter((a) => a.inForce) ?? [];
  const expiring = inForce.filter((a) => a.validUntil <= soon);
  return (
    <>
      <p className="gg-muted">{t('asOf', { at: formatInstant(asOf.toISOString(), locale) })} · {t('rolesAre', { roles: roles.join(', ') || '—' })}</p>
      {problem && <p className="gg-problem" role="alert">{problem}</p>}
      {work && (
        <div className="gg-tiles" data-testid="tiles">
          <Tile label={t('tileToDecide')} value={work.toDecide.totalCount} alert={work.toDecide.nodes.filter((a) => a.overdue).length} alertLabel={t('overdueCount')} target="#to-decide" />
          <Tile label={t('tileToAnswer')} value={work.toAnswer.totalCount} alert={work.toAnswer.nodes.filter((o) => o.overdue).length} alertLabel={t('overdueCount')} target="#to-answer" />
          <Tile label={t('tileInForce')} value={inForce.length} alert={expiring.length} alertLabel={t('expiringCount', { days: EXPIRING_DAYS })} target="#agreements" />
          <Tile label={t('tileAccesses', { days: USAGE_DAYS })} value={figures?.total ?? 0} target="#accesses" />
        </div>
      )}
      {work && (
        <>
          <section id="to-decide" className="gg-panel" data-testid="to-decide">
            <h2>{t('toDecideTitle')} <span className="gg-count">{work.toDecide.totalCount}</span></h2>
            {work.toDecide.nodes.length === 0 ? <p className="gg-muted">{t('nothingToDecide')}</p> : (
              <table className="gg-work">
                <thead><tr><th>{t('colApplication')}</th><th>{t('colAsked')}</th><th>{t('colDeadline')}</th><th>{t('colDecision')}</th></tr></thead>
                <tbody>
                  {work.toDecide.nodes.map((application) => (
                    <tr key={application.id} data-application={application.id} className={application.overdue ? 'gg-overdue' : undefined}>
                      <td>
                        <b>{application.id}</b> · {t('fromDepartment', { department: application.consumer })}
                        <div className="gg-muted">
                          {application.appliedAt && application.applicant
                            ? t('appliedAt', { at: formatInstant(application.appliedAt, locale), by: application.applicant.application })
                            : t('recordedOutside')}
                        </div>
                      </td>
                      <td>
                        <div>{application.items.map((item) => <code key={item}>{item} </code>)}</div>
                        <div>{t('forPurpose')} <code>{application.purpose}</code> · {t('untilDate', { at: formatInstant(application.validUntil, locale) })}</div>
                        <div className="gg-reason">{application.legalBasis}{application.scenario ? ` — ${application.scenario}` : ''}</div>
                      </td>
                      <td>
                        {application.deadline ? formatDeadline(application.deadline, locale) : '—'}
                        {application.overdue && <div><span className="gg-flag">{t('overdue')}</span></div>}
                      </td>
                      <td><DecisionForm application={application} admin={admin} me={me} session={session} onDone={load} t={t} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {work.toDecide.totalCount > work.toDecide.nodes.length && <p className="gg-muted">{t('showingOf', { shown: work.toDecide.nodes.length, total: work.toDecide.totalCount })}</p>}
          </section>

          <section id="to-answer" className="gg-panel" data-testid="to-answer">
            <h2>{t('toAnswerTitle')} <span className="gg-count">{work.toAnswer.totalCount}</span></h2>
            {work.toAnswer.nodes.length === 0 ? <p className="gg-muted">{t('nothingToAnswer')}</p> : (
              <table className="gg-work">
                <thead><tr><th>{t('colObjection')}</th><th>{t('colReported')}</th><th>{t('colDeadline')}</th><th>{t('colAnswer')}</th></tr></thead>
                <tbody>
                  {work.toAnswer.nodes.map((objection) => (
                    <tr key={objection.id} data-objection={objection.id} className={objection.overdue ? 'gg-overdue' : undefined}>
                      <td>
                        <b>{objection.id}</b> · {t('fromDepartment', { department: objection.consumer })}
                        <div><code>{objection.item}</code> · <code>{objection.subjectKey}</code></div>
                      </td>
                      <td>
                        {objection.description}
                        <div className="gg-muted">{t('reportedAt', { at: formatInstant(objection.reportedAt, locale), by: objection.reporter.application })}</div>
                      </td>
                      <td>
                        {formatDeadline(objection.deadline, locale)}
                        {objection.overdue && <div><span className="gg-flag">{t('overdue')}</span></div>}
                      </td>
                      <td><AnswerForm objection={objection} admin={admin} me={me} session={session} onDone={load} t={t} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          <section id="agreements" className="gg-panel" data-testid="agreements">
            <h2>{t('agreementsTitle')} <span className="gg-count">{inForce.length}</span></h2>
            {inForce.length === 0 ? <p className="gg-muted">{t('noAgreements')}</p> : (
              <table className="gg-work">
                <thead><tr><th>{t('colAgreement')}</th><th>{t('colItems')}</th><th>{t('colPeriod')}</th></tr></thead>
                <tbody>
                  {inForce.map((agreement) => (
                    <tr key={agreement.id} data-agreement={agreement.id} className={agreement.validUntil <= soon ? 'gg-expiring' : undefined}>
                      <td>
                        <b>{agreement.id}</b> · {agreement.provider === me ? t('weProvideTo', { department: agreement.consumer }) : t('weReceiveFrom', { department: agreement.provider })}
                        <div>{t('forPurpose')} <code>{agreement.purpose}</code></div>
                      </td>
                      <td>{agreement.items.map((item) => <code key={item}>{item} </code>)}</td>
                      <td>
                        {t('untilDate', { at: formatInstant(agreement.validUntil, locale) })}
                        {agreement.validUntil <= soon && <div><span className="gg-flag gg-flag-soon">{t('expiringSoon')}</span></div>}
                        {agreement.provider === me && <RevokeForm agreement={agreement} admin={admin} session={session} onDone={load} t={t} />}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {work.ours.totalCount > 0 && (
              <>
                <h3>{t('oursPendingTitle')} <span className="gg-count">{work.ours.totalCount}</span></h3>
                <ul className="gg-ours">
                  {work.ours.nodes.map((application) => (
                    <li key={application.id} data-ours={application.id}>
                      <b>{application.id}</b> · {t('askedOf', { department: application.provider })} · {application.items.join(', ')} ·{' '}
                      {application.deadline ? t('answerDue', { at: formatDeadline(application.deadline, locale) }) : ''}
                      {application.overdue && <> <span className="gg-flag">{t('overdue')}</span></>}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        </>
      )}

      <section id="accesses" className="gg-panel" data-testid="accesses">
        <h2>{t('accessesTitle', { days: USAGE_DAYS })}</h2>
        {!figures && <p className="gg-muted">{t('loading')}</p>}
        {figures && (
          <>
            <p className="gg-muted">{t('accessesIntro')}{accesses?.truncated ? ` ${t('accessesTruncated', { count: USAGE_RECORDS })}` : ''}</p>
            <UsageChart figures={figures} locale={locale} t={t} />
            <UsageTable figures={figures} t={t} />
            <RecentAccesses records={accesses!.records} me={me} locale={locale} t={t} />
          </>
        )}
      </section>

      <section id="schema-history" className="gg-panel" data-testid="schema-history">
        <h2>{t('schemaHistory')}</h2>
        {history && history.nodes.length === 0 && <p className="gg-muted">{t('neverPublished')}</p>}
        {history && history.nodes.length > 0 && <VersionList history={history} locale={locale} t={t} />}
      </section>
    </>
  );
}

function Tile({ label, value, alert = 0, alertLabel, target }: { label: string; value: number; alert?: number; alertLabel?: string; target: string }) {
  return (
    <a className={`gg-tile${alert > 0 ? ' gg-tile-alert' : ''}`} href={target}>
      <span className="gg-tile-value">{value}</span>
      <span className="gg-tile-label">{label}</span>
      {alert > 0 && <span className="gg-tile-flag">{alert} {alertLabel}</span>}
    </a>
  );
}

interface ActionProps {
  admin: boolean;
  session: Session;
  onDone(): Promise<void>;
  t: Translate;
}

/** Runs a workflow mutation; resolves with the refusal message, or null when it went through. */
async function act(session: Session, mutation: string, input: Record<string, unknown>): Promise<string | null> {
  const answer = await graphql<Record<string, unknown>>(session, mutation, { input });
  return answer.errors?.length ? answer.errors.map((e) => e.message).join(' ') : null;
}

function DecisionForm({ application, admin, me, session, onDone, t }: ActionProps & { application: ApplicationView; me: string }) {
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const decide = async (decision: 'APPROVE' | 'REJECT') => {
    const refused = await act(session, 'mutation Decide($input: ApplicationDecisionInput!) { decideApplication(input: $input) { id status } }', {
      id: application.id, decision, ...(decision === 'REJECT' && { reason }),
    });
    setProblem(refused);
    if (!refused) await onDone();
  };
  const submitRejection = (event: FormEvent) => {
    event.preventDefault();
    void decide('REJECT');
  };
  const title = admin ? undefined : t('needsAdmin', { department: me });
  return (
    <div className="gg-actions">
      {!rejecting && (
        <>
          <button type="button" className="gg-approve" disabled={!admin} title={title} onClick={() => void decide('APPROVE')}>{t('approve')}</button>
          <button type="button" className="gg-reject" disabled={!admin} title={title} onClick={() => setRejecting(true)}>{t('reject')}</button>
        </>
      )}
      {rejecting && (
        <form onSubmit={submitRejection}>
          <textarea aria-label={t('rejectionReason', { id: application.id })} required placeholder={t('reasonPlaceholder')} value={reason} onChange={(e) => setReason(e.target.value)} />
          <button type="submit" className="gg-reject">{t('rejectWithReason')}</button>
          <button type="button" onClick={() => setRejecting(false)}>{t('cancel')}</button>
        </form>
      )}
      {problem && <p className="gg-problem" role="alert">{problem}</p>}
    </div>
  );
}

function AnswerForm({ objection, admin, me, session, onDone, t }: ActionProps & { objection: ObjectionView; me: string }) {
  const [outcome, setOutcome] = useState<'CORRECTED' | 'CONFIRMED_CORRECT'>('CONFIRMED_CORRECT');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const refused = await act(session, 'mutation Answer($input: ObjectionAnswerInput!) { answerObjection(input: $input) { id status } }', { id: objection.id, outcome, note });
    setProblem(refused);
    if (!refused) await onDone();
  };
  return (
    <form className="gg-actions" onSubmit={(e) => void submit(e)} title={admin ? undefined : t('needsAdmin', { department: me })}>
      <select aria-label={t('answerOutcome', { id: objection.id })} value={outcome} disabled={!admin} onChange={(e) => setOutcome(e.target.value as typeof outcome)}>
        <option value="CONFIRMED_CORRECT">{t('outcomeConfirmed')}</option>
        <option value="CORRECTED">{t('outcomeCorrected')}</option>
      </select>
      <textarea aria-label={t('answerNote', { id: objection.id })} required disabled={!admin} placeholder={t('notePlaceholder')} value={note} onChange={(e) => setNote(e.target.value)} />
      <button type="submit" disabled={!admin}>{t('answer')}</button>
      {problem && <p className="gg-problem" role="alert">{problem}</p>}
    </form>
  );
}

function RevokeForm({ agreement, admin, session, onDone, t }: ActionProps & { agreement: ApplicationView }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  if (!admin) return null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const refused = await act(session, 'mutation Revoke($input: RevocationInput!) { revokeAgreement(input: $input) { id status } }', { id: agreement.id, reason });
    setProblem(refused);
    if (!refused) await onDone();
  };
  if (!open) return <div><button type="button" className="gg-link-button" onClick={() => setOpen(true)}>{t('revoke')}</button></div>;
  return (
    <form className="gg-actions" onSubmit={(e) => void submit(e)}>
      <textarea aria-label={t('revocationReason', { id: agreement.id })} required placeholder={t('reasonPlaceholder')} value={reason} onChange={(e) => setReason(e.target.value)} />
      <button type="submit" className="gg-reject">{t('revoke')}</button>
      <button type="button" onClick={() => setOpen(false)}>{t('cancel')}</button>
      {problem && <p className="gg-problem" role="alert">{problem}</p>}
    </form>
  );
}

function RecentAccesses({ records, me, locale, t }: { records: Access[]; me: string; locale: Locale; t: Translate }) {
  const recent = records.filter((r) => r.kind === 'request').slice(0, 10);
  if (recent.length === 0) return null;
  return (
    <>
      <h3>{t('recentAccesses')}</h3>
      <table className="gg-work gg-recent" data-testid="recent-accesses">
        <thead><tr><th>{t('colTime')}</th><th>{t('colConsumer')}</th><th>{t('colPurpose')}</th><th>{t('colItems')}</th><th>x-request-id</th></tr></thead>
        <tbody>
          {recent.map((record) => {
            const entry = record.providers.find((p) => p.provider === me);
            return (
              <tr key={record.requestId}>
                <td>{formatInstant(record.time, locale)}</td>
                <td>{record.consumer.department} · {record.consumer.application}</td>
                <td>{record.purpose ?? '—'}</td>
                <td>
                  {[...(entry?.served ?? []), ...(entry?.masked ?? [])].join(', ')}
                  {(entry?.denied.length ?? 0) > 0 && <div className="gg-denied">⊘ {entry!.denied.join(', ')}</div>}
                </td>
                <td><code>{record.requestId}</code></td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

/** The provider's accesses since `from`, newest first, a page of 500 at a time, at most USAGE_RECORDS. */
async function readAccesses(session: Session, from: Date): Promise<{ records: Access[]; truncated: boolean }> {
  const records: Access[] = [];
  let after: string | null = null;
  for (;;) {
    type Page = { accessesToMyData: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Access[] } };
    const answer: { data?: Page | null; errors?: { message: string }[] } = await graphql<Page>(session, ACCESS_QUERY, { from: from.toISOString(), first: 500, after });
    if (!answer.data) throw new Error(answer.errors?.[0]?.message ?? 'The accesses could not be read.');
    records.push(...answer.data.accessesToMyData.nodes);
    const { hasNextPage, endCursor } = answer.data.accessesToMyData.pageInfo;
    if (!hasNextPage) return { records, truncated: false };
    if (records.length >= USAGE_RECORDS) return { records, truncated: true };
    after = endCursor;
  }
}

const root = createRoot(document.getElementById('root')!);
explorerApi.config().then(
  (config) => root.render(<StrictMode><DashboardPage config={config} /></StrictMode>),
  (error: Error) => root.render(<p className="gg-problem" role="alert">The dashboard cannot start: {error.message}</p>),
);
