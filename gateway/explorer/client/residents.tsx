/**
 * The residents' page (`/residents`): a person signs in as a resident (in the embedded default with a synthetic
 * resident ID, the gateway's development resident issuer; otherwise with a token of the residents' identity
 * provider), sees every access a department made to data about them (`myDataAccesses`: when, which department and
 * application, which items in plain words, the purpose and the agreements, newest first, a page at a time), asks
 * the department that keeps an item about them to correct it (`requestCorrection`) and follows each request until
 * it is answered (`myCorrections`). Everything goes through `/graphql` with the resident's token, so it is scoped to
 * that resident and audited like any request. The resident's session is kept apart from the departments' pages'.
 */
import './explorer.css';
import { StrictMode, useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { createRoot } from 'react-dom/client';
import type { ExplorerConfigView } from '../views.ts';
import { formatDeadline, formatInstant, useLocale, type Locale } from './i18n.ts';
import { RESIDENT_MESSAGES, type ResidentMessageKey } from './residentMessages.ts';
// The picker's Chinese item names: the catalogue's own names module, bundled (no request).
import { itemNameZh } from '../../../platform/catalogue/catalogueNames.ts';
import { explorerApi, graphql, type Session } from './session.ts';
import { LanguageSwitch } from './SignIn.tsx';

const PAGE = 20;
const KEY = 'govgraph.residents.session';

type T = (key: ResidentMessageKey, params?: Record<string, string | number>) => string;

interface NamedDepartment { id: string; name: string; nameZh: string | null }
interface ResidentItem { item: string; provider: NamedDepartment; description: string | null; nameZh: string | null; masked: boolean }
interface ResidentAccess {
  time: string;
  department: NamedDepartment;
  application: string | null;
  purpose: string | null;
  agreements: { id: string; provider: NamedDepartment; purpose: string | null; legalBasis: string | null }[];
  items: ResidentItem[];
}
interface Correction {
  id: string;
  item: ResidentItem;
  description: string;
  requestedAt: string;
  deadline: string;
  status: 'OPEN' | 'CORRECTED' | 'CONFIRMED_CORRECT';
  overdue: boolean;
  answer: { note: string; at: string } | null;
}
interface Page<N> { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: N[] }
interface CatalogueItem { item: string; resource: string; owner: string | null; description: string | null }

const DEPARTMENT = 'id name nameZh';
const ITEM = `item provider { ${DEPARTMENT} } description nameZh masked`;
const ACCESSES = `query MyDataAccesses($first: Int!, $after: String) {
  myDataAccesses(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { time department { ${DEPARTMENT} } application purpose agreements { id provider { ${DEPARTMENT} } purpose legalBasis } items { ${ITEM} } }
  }
}`;
const CORRECTION = `id item { ${ITEM} } description requestedAt deadline status overdue answer { note at }`;
const CORRECTIONS = `query MyCorrections($first: Int!) {
  myCorrections(first: $first) { totalCount pageInfo { hasNextPage endCursor } nodes { ${CORRECTION} } }
  catalogue(filter: {}) { items { item resource owner description } }
}`;
const REQUEST = `mutation RequestCorrection($input: CorrectionInput!) { requestCorrection(input: $input) { ${CORRECTION} } }`;

interface ResidentSession { token: string | null; resident: string | null }

function loadResidentSession(): ResidentSession {
  try {
    const stored = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Partial<ResidentSession> | null;
    return { token: stored?.token ?? null, resident: stored?.resident ?? null };
  } catch {
    return { token: null, resident: null };
  }
}

function asSession(resident: ResidentSession): Session {
  return { token: resident.token, purpose: null, label: null, identity: null };
}

const departmentName = (department: NamedDepartment, locale: Locale) => (locale === 'zh-CN' && department.nameZh ? department.nameZh : department.name);
/** The item in plain words: its Chinese name, or the first clause of the catalogue's description. */
const itemName = (item: Pick<ResidentItem, 'item' | 'nameZh' | 'description'>, locale: Locale) =>
  (locale === 'zh-CN' ? item.nameZh : item.description?.split(/;\s|(?<!\be\.g|\bi\.e)\.\s/)[0]?.replace(/\.$/, '')) ?? item.nameZh ?? item.item;

/** The items of one access by the department that gave them, in the order the graph listed them. */
function byProvider(items: ResidentItem[]): { provider: NamedDepartment; items: ResidentItem[] }[] {
  const groups = new Map<string, { provider: NamedDepartment; items: ResidentItem[] }>();
  for (const item of items) {
    const group = groups.get(item.provider.id) ?? { provider: item.provider, items: [] };
    group.items.push(item);
    groups.set(item.provider.id, group);
  }
  return [...groups.values()];
}

function ResidentsPage({ config }: { config: ExplorerConfigView }) {
  const [locale, setLocale] = useLocale();
  const messages = RESIDENT_MESSAGES[locale];
  const t: T = useCallback((key, params = {}) => messages[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`)), [messages]);
  const [session, setSession] = useState(loadResidentSession);
  useEffect(() => sessionStorage.setItem(KEY, JSON.stringify(session)), [session]);
  // Stable for the records' effects: they read again only when the resident signs in as someone else.
  const graphSession = useMemo(() => asSession(session), [session.token]); // eslint-disable-line react-hooks/exhaustive-deps
  const signOut = useCallback(() => setSession({ token: null, resident: null }), []);
  return (
    <div className="gg-document">
      <header className="gg-bar">
        <strong className="gg-brand" lang="en">govgraph</strong>
        <span>{t('title')}</span>
        <span className="gg-spacer" />
        {session.token && <span className="gg-who" data-testid="signed-in">{t('signedInAs', { who: session.resident ?? '' })}</span>}
        {session.token && <button type="button" onClick={signOut}>{t('signOut')}</button>}
        <LanguageSwitch locale={locale} onChange={setLocale} />
      </header>
      <main className="gg-dashboard gg-residents">
        <h1>{t('title')}</h1>
        <p className="gg-intro">{t('intro')}</p>
        {session.token
          ? <Records key={session.token} session={graphSession} locale={locale} t={t} onRefused={signOut} />
          : <ResidentSignIn config={config} t={t} onSignedIn={setSession} />}
      </main>
    </div>
  );
}

function ResidentSignIn({ config, t, onSignedIn }: { config: ExplorerConfigView; t: T; onSignedIn(session: ResidentSession): void }) {
  const [value, setValue] = useState(config.exampleResident ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const entered = value.trim().replace(/^Bearer\s+/i, '');
    if (!entered) return;
    try {
      if (config.residentSignIn === 'development') {
        const issued = await explorerApi.residentToken(entered);
        onSignedIn({ token: issued.token, resident: issued.resident });
        return;
      }
      // A pasted token is checked before it is used: the gateway must accept it, as a resident's.
      const view = await explorerApi.agreements(entered);
      if (view.caller.department !== 'resident') return setProblem(t('refused', { reason: t('notResident') }));
      onSignedIn({ token: entered, resident: view.caller.resident ?? null });
    } catch (error) {
      setProblem(t('refused', { reason: (error as Error).message }));
    }
  };
  return (
    <section className="gg-panel" data-testid="resident-sign-in">
      <h2>{t('signInTitle')}</h2>
      {config.residentSignIn === 'off' ? <p>{t('signInOff')}</p> : (
        <form className="gg-filters" onSubmit={(event) => void submit(event)}>
          <p>{config.residentSignIn === 'development' ? t('signInDevelopment') : t('signInToken')}</p>
          <input
            className="gg-search"
            aria-label={config.residentSignIn === 'development' ? t('residentId') : t('token')}
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
          <button type="submit">{t('signIn')}</button>
        </form>
      )}
      {problem && <p className="gg-problem" role="alert">{problem}</p>}
    </section>
  );
}

function Records({ session, locale, t, onRefused }: { session: Session; locale: Locale; t: T; onRefused(): void }) {
  const [accesses, setAccesses] = useState<Page<ResidentAccess> | null>(null);
  const [corrections, setCorrections] = useState<Page<Correction> | null>(null);
  const [items, setItems] = useState<CatalogueItem[]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  const readAccesses = useCallback(async (after: string | null) => {
    const answer = await graphql<{ myDataAccesses: Page<ResidentAccess> }>(session, ACCESSES, { first: PAGE, after });
    if (!answer.data) {
      if (answer.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED') return onRefused();
      return setProblem(answer.errors?.[0]?.message ?? 'No answer.');
    }
    const page = answer.data.myDataAccesses;
    setAccesses((shown) => (after && shown ? { ...page, nodes: [...shown.nodes, ...page.nodes] } : page));
  }, [session, onRefused]);
  const readCorrections = useCallback(async () => {
    const answer = await graphql<{ myCorrections: Page<Correction>; catalogue: { items: CatalogueItem[] } }>(session, CORRECTIONS, { first: 100 });
    if (!answer.data) return setProblem(answer.errors?.[0]?.message ?? 'No answer.');
    setCorrections(answer.data.myCorrections);
    setItems(answer.data.catalogue.items.filter((item) => item.resource === 'Person' && item.owner !== null && item.owner !== 'platform'));
  }, [session]);
  useEffect(() => {
    void readAccesses(null);
    void readCorrections();
  }, [readAccesses, readCorrections]);

  return (
    <>
      {problem && <p className="gg-problem" role="alert">{problem}</p>}
      <section className="gg-panel" data-testid="accesses">
        <h2>{t('accessesTitle')} {accesses && <span className="gg-count">{accesses.totalCount}</span>}</h2>
        {accesses && (accesses.nodes.length === 0 ? <p className="gg-muted">{t('noAccesses')}</p> : (
          <>
            <p className="gg-muted">{t('accessesCount', { count: accesses.totalCount })}</p>
            <table className="gg-work">
              <thead><tr><th>{t('when')}</th><th>{t('who')}</th><th>{t('what')}</th><th>{t('why')}</th></tr></thead>
              <tbody>
                {accesses.nodes.map((access, index) => (
                  <tr key={`${access.time}-${index}`} data-access={access.department.id}>
                    <td>{formatInstant(access.time, locale)}</td>
                    <td>
                      <div>{departmentName(access.department, locale)}</div>
                      {access.application && <div className="gg-muted"><code>{access.application}</code></div>}
                    </td>
                    <td>
                      {byProvider(access.items).map(({ provider, items }) => (
                        <div key={provider.id} className="gg-obtained" data-provider={provider.id}>
                          <strong>{departmentName(provider, locale)}</strong>{locale === 'zh-CN' ? '：' : ': '}
                          {items.map((item, index) => (
                            <span key={item.item} data-item={item.item} title={item.item}>
                              {index > 0 && (locale === 'zh-CN' ? '、' : '; ')}
                              {itemName(item, locale)}
                              {item.masked && <> <span className="gg-flag gg-flag-soon">{t('masked')}</span></>}
                            </span>
                          ))}
                        </div>
                      ))}
                    </td>
                    <td>
                      <div>{access.purpose ? <code>{access.purpose}</code> : <span className="gg-muted">{t('noPurpose')}</span>}</div>
                      {access.agreements.length === 0 ? <div className="gg-muted">{t('noAgreement')}</div> : access.agreements.map((agreement) => (
                        <div key={agreement.id} data-agreement={agreement.id}>
                          <code>{agreement.id}</code> · {departmentName(agreement.provider, locale)}
                          {agreement.legalBasis && <div className="gg-muted">{t('legalBasis', { basis: agreement.legalBasis })}</div>}
                        </div>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {accesses.pageInfo.hasNextPage && <p><button type="button" onClick={() => void readAccesses(accesses.pageInfo.endCursor)}>{t('more')}</button></p>}
          </>
        ))}
      </section>
      <section className="gg-panel" data-testid="corrections">
        <h2>{t('correctionsTitle')} {corrections && <span className="gg-count">{corrections.totalCount}</span>}</h2>
        {corrections && (corrections.nodes.length === 0 ? <p className="gg-muted">{t('noCorrections')}</p> : (
          <table className="gg-work">
            <tbody>
              {corrections.nodes.map((correction) => (
                <tr key={correction.id} data-correction={correction.id} data-status={correction.status} className={correction.overdue ? 'gg-overdue' : undefined}>
                  <td><code>{correction.id}</code></td>
                  <td>
                    <div>{itemName(correction.item, locale)} <span className="gg-muted">· {t('asks', { department: departmentName(correction.item.provider, locale) })}</span></div>
                    <div className="gg-reason">{correction.description}</div>
                    <div className="gg-muted">{t('requested', { at: formatInstant(correction.requestedAt, locale) })}</div>
                  </td>
                  <td>
                    <div><strong>{t(`status_${correction.status}`)}</strong> {correction.overdue && <span className="gg-flag">{t('overdue')}</span>}</div>
                    {correction.answer
                      ? <div data-testid="answer">{t('answered', { at: formatInstant(correction.answer.at, locale), note: correction.answer.note })}</div>
                      : <div className="gg-muted">{t('due', { deadline: formatDeadline(correction.deadline, locale) })}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
        <AskForCorrection session={session} items={items} locale={locale} t={t} onSent={() => void readCorrections()} />
      </section>
    </>
  );
}

function AskForCorrection({ session, items, locale, t, onSent }: { session: Session; items: CatalogueItem[]; locale: Locale; t: T; onSent(): void }) {
  const [item, setItem] = useState('');
  const [description, setDescription] = useState('');
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const names = useMemo(() => new Map(items.map((entry) => [entry.item, entry])), [items]);
  const send = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await graphql<{ requestCorrection: Correction }>(session, REQUEST, { input: { item, description } });
    const sent = answer.data?.requestCorrection;
    if (!sent) {
      const error = answer.errors?.[0];
      const problems = (error?.extensions?.problems as string[] | undefined) ?? [];
      return setOutcome({ ok: false, text: [error?.message ?? 'No answer.', ...problems].join(' ') });
    }
    setOutcome({ ok: true, text: t('sent', { id: sent.id, department: departmentName(sent.item.provider, locale), deadline: formatDeadline(sent.deadline, locale) }) });
    setDescription('');
    onSent();
  };
  return (
    <form className="gg-correction" data-testid="ask-correction" onSubmit={(event) => void send(event)}>
      <h3>{t('askTitle')}</h3>
      <p className="gg-muted">{t('askIntro')}</p>
      <label>
        {t('item')}{' '}
        <select aria-label={t('item')} value={item} onChange={(e) => setItem(e.target.value)} required>
          <option value="">{t('pickItem')}</option>
          {items.map((entry) => (
            <option key={entry.item} value={entry.item}>{itemLabel(entry, locale)}</option>
          ))}
        </select>
      </label>
      {item && names.get(item)?.description && <p className="gg-muted">{names.get(item)!.description}</p>}
      <label className="gg-block">
        {t('description')}
        <textarea aria-label={t('description')} value={description} maxLength={2000} rows={3} onChange={(e) => setDescription(e.target.value)} required />
      </label>
      <button type="submit">{t('send')}</button>
      {outcome && <p className={outcome.ok ? 'gg-sent' : 'gg-problem'} role={outcome.ok ? 'status' : 'alert'}>{outcome.text}</p>}
    </form>
  );
}

/** `婚姻状况（Person.maritalStatus）`, or the item with the English description's first words. */
function itemLabel(entry: CatalogueItem, locale: Locale): string {
  const zh = itemNameZh(entry.item);
  if (locale === 'zh-CN' && zh) return `${zh}（${entry.item}）`;
  return `${entry.item}${entry.description ? ` — ${entry.description.split(/[.;:]/)[0]}` : ''}`;
}

void explorerApi.config().then((config) => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ResidentsPage config={config} />
    </StrictMode>,
  );
});
