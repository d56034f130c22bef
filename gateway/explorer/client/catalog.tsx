/**
 * The catalogue page: every department's resources and items — government data first, the sharing platform's
 * own API apart and hidden unless asked for — with Chinese names, levels, sensitivity, update cycle, description
 * and legal reason, and each department's title, subgraph version and schema history. A table of contents, a
 * search that finds Chinese terms, department and level filters, a CSV export of what is shown, and a print
 * stylesheet (the page scrolls as one document, so it prints whole). For the signed-in department, which items
 * it may use and which agreements it holds; for the others an Apply link that opens a pre-filled application in
 * GraphiQL; and the open disputes about each item that concern the department, with their stage and deadline.
 */
import './explorer.css';
import { StrictMode, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { CatalogueItemView, CatalogueView, ExplorerConfigView, ShareLevelName } from '../views.ts';
import { applicationLink } from './applicationLink.ts';
import { catalogueCsv, selectCatalogue, type CatalogueFilters, type SelectedDepartment } from './catalogueRows.ts';
import { disputesByItem, loadOpenDisputes, type OpenDispute } from './catalogueDisputes.ts';
import { formatDeadline, formatInstant, translator, useLocale, type Locale, type Translate } from './i18n.ts';
import { departmentLabel } from './labels.ts';
import { SchemaHistory } from './SchemaHistory.tsx';
import { explorerApi, graphql, loadSession, saveSession, type Session } from './session.ts';
import { SignIn } from './SignIn.tsx';

const LEVELS: ShareLevelName[] = ['UNCONDITIONAL', 'CONDITIONAL', 'NONE'];

function CataloguePage({ config }: { config: ExplorerConfigView }) {
  const [locale] = useLocale();
  const t = useMemo(() => translator(locale), [locale]);
  const [session, setSession] = useState(loadSession);
  const [catalogue, setCatalogue] = useState<CatalogueView | null>(null);
  const [versions, setVersions] = useState<ReadonlyMap<string, string>>(new Map());
  const [disputes, setDisputes] = useState<ReadonlyMap<string, OpenDispute[]>>(new Map());
  const [problem, setProblem] = useState<string | null>(null);
  const [filters, setFilters] = useState<CatalogueFilters>(() => filtersFromLocation());
  useEffect(() => saveSession(session), [session]);
  useEffect(() => {
    const search = new URLSearchParams();
    if (filters.department) search.set('department', filters.department);
    if (filters.level) search.set('level', filters.level);
    if (filters.search) search.set('search', filters.search);
    if (filters.platformApi) search.set('platform', '1');
    history.replaceState(null, '', `${location.pathname}${search.size ? `?${search}` : ''}${location.hash}`);
  }, [filters]);
  useEffect(() => {
    setCatalogue(null);
    setDisputes(new Map());
    if (!session.token && config.signInRequired) return;
    explorerApi.catalogue(session.token).then(
      (view) => {
        setCatalogue(view);
        setProblem(null);
      },
      (error: Error) => setProblem(error.message),
    );
    // The versions each department published (v<n>), from the platform's catalogue in the graph.
    graphql<{ catalogue: { departments: { id: string; version: string }[] } }>(session, '{ catalogue { departments { id version } } }').then(
      (answer) => setVersions(new Map((answer.data?.catalogue.departments ?? []).map((d) => [d.id, d.version]))),
      () => setVersions(new Map()),
    );
    // The open disputes that concern the caller's department, shown with the items they are about.
    loadOpenDisputes(session).then((open) => setDisputes(disputesByItem(open)), () => setDisputes(new Map()));
  }, [session.token, config.signInRequired]);

  const selected = useMemo(() => (catalogue ? selectCatalogue(catalogue, filters) : []), [catalogue, filters]);
  const platform = catalogue?.departments.find((d) => d.platform);
  const set = (change: Partial<CatalogueFilters>) => setFilters({ ...filters, ...change });
  const download = () => {
    const blob = new Blob([catalogueCsv(selected, versions)], { type: 'text/csv;charset=utf-8' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `catalogue${filters.department ? `-${filters.department}` : ''}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  };
  return (
    <div className="gg-document">
      <SignIn session={session} onChange={setSession} developmentIdentities={config.developmentIdentities} signInRequired={config.signInRequired} page="catalog" />
      <main className="gg-catalogue">
        <h1>{t('catalogueTitle')}</h1>
        {!session.token && config.signInRequired && <p>{t('catalogueSignIn')}</p>}
        {problem && <p className="gg-problem" role="alert">{problem}</p>}
        {catalogue && (
          <>
            <p className="gg-print-only">{t('printedFor', { department: catalogue.caller.department, at: formatInstant(new Date().toISOString(), locale) })}</p>
            <p className="gg-intro">
              {t('catalogueIntro', { department: catalogue.caller.department })}{' '}
              <span className="gg-level UNCONDITIONAL">UNCONDITIONAL</span> {t('levelUnconditional')}{' '}
              <span className="gg-level CONDITIONAL">CONDITIONAL</span> {t('levelConditional')}{' '}
              <span className="gg-level NONE">NONE</span> {t('levelNone')}
            </p>
            <div className="gg-filters gg-screen-only" role="search">
              <input
                className="gg-search"
                type="search"
                aria-label={t('searchCatalogue')}
                placeholder={t('searchPlaceholder')}
                value={filters.search}
                onChange={(e) => set({ search: e.target.value })}
              />
              <select aria-label={t('filterDepartment')} value={filters.department ?? ''} onChange={(e) => set({ department: e.target.value || null })}>
                <option value="">{t('allDepartments')}</option>
                {catalogue.departments.filter((d) => filters.platformApi || !d.platform).map((d) => (
                  <option key={d.id} value={d.id}>{departmentLabel(d, locale)}</option>
                ))}
              </select>
              <select aria-label={t('filterLevel')} value={filters.level ?? ''} onChange={(e) => set({ level: (e.target.value || null) as ShareLevelName | null })}>
                <option value="">{t('allLevels')}</option>
                {LEVELS.map((level) => <option key={level} value={level}>{level}</option>)}
              </select>
              <label className="gg-check">
                <input type="checkbox" checked={filters.platformApi} onChange={(e) => set({ platformApi: e.target.checked, department: null })} />
                {t('showPlatformApi', { count: platform ? platform.resources.reduce((n, r) => n + r.items.length, 0) : 0 })}
              </label>
              <button type="button" onClick={download}>{t('downloadCsv')}</button>
              <button type="button" onClick={() => window.print()}>{t('print')}</button>
            </div>
            <Contents departments={selected} locale={locale} t={t} />
            {selected.length === 0 && <p data-testid="no-match">{t('noMatch')}</p>}
            {selected.map((department) => (
              <DepartmentSection
                key={department.id}
                department={department}
                caller={catalogue.caller.department}
                version={versions.get(department.id) ?? department.version}
                single={filters.department !== null}
                disputes={disputes}
                session={session}
                locale={locale}
                t={t}
              />
            ))}
          </>
        )}
      </main>
    </div>
  );
}

function filtersFromLocation(): CatalogueFilters {
  const search = new URLSearchParams(location.search);
  const level = search.get('level');
  return {
    search: search.get('search') ?? '',
    department: search.get('department'),
    level: LEVELS.includes(level as ShareLevelName) ? (level as ShareLevelName) : null,
    platformApi: search.get('platform') === '1',
  };
}

function Contents({ departments, locale, t }: { departments: SelectedDepartment[]; locale: Locale; t: Translate }) {
  if (departments.length < 2) return null;
  return (
    <nav className="gg-contents" aria-label={t('contents')}>
      <h2>{t('contents')}</h2>
      <ol>
        {departments.map((d) => (
          <li key={d.id}>
            <a href={`#department-${d.id}`}>{departmentLabel(d, locale)}</a>{' '}
            <span className="gg-muted">{t('itemCount', { count: d.resources.reduce((n, r) => n + r.items.length, 0) })}</span>
          </li>
        ))}
      </ol>
    </nav>
  );
}

interface SectionProps {
  department: SelectedDepartment;
  caller: string;
  version: string;
  /** Only this department is shown (the department view): its schema history is open. */
  single: boolean;
  /** Open disputes the caller may see, by item. */
  disputes: ReadonlyMap<string, OpenDispute[]>;
  session: Session;
  locale: Locale;
  t: Translate;
}

function DepartmentSection({ department, caller, version, single, disputes, session, locale, t }: SectionProps) {
  const shown = department.resources.reduce((n, r) => n + r.items.length, 0);
  return (
    <section className="gg-department" id={`department-${department.id}`} data-department={department.id}>
      <h2>
        {department.title}
        {department.titleZh && <span lang="zh-CN" className="gg-zh"> {department.titleZh}</span>}
        <code className="gg-department-id">{department.id}</code>
        {department.id === caller && <span className="gg-yours">{t('yourDepartment')}</span>}
      </h2>
      <p className="gg-department-facts">
        {t('departmentFacts', { version, shown, total: department.total })}
        {department.platform && <> · {t('platformApiNote')}</>}
        {' · '}
        <a href={`/catalog?department=${encodeURIComponent(department.id)}`} className="gg-screen-only">{t('departmentView')}</a>
      </p>
      <SchemaHistory department={department.id} session={session} open={single} locale={locale} t={t} />
      {department.resources.map((resource) => (
        <table key={resource.type} className="gg-resource">
          <caption>
            <code>{resource.type}</code>
            {resource.nameZh && <span lang="zh-CN" className="gg-zh"> {resource.nameZh}</span>}
            {resource.description && <span className="gg-resource-description"> — {resource.description}</span>}
          </caption>
          <thead>
            <tr>
              <th className="gg-col-item">{t('colItem')}</th>
              <th className="gg-col-level">{t('colLevel')}</th>
              <th className="gg-col-cycle">{t('colCycle')}</th>
              <th>{t('colDescription')}</th>
              <th className="gg-col-access">{t('colFor', { department: caller })}</th>
            </tr>
          </thead>
          <tbody>
            {resource.items.map((item) => (
              <tr key={item.item} data-item={item.item}>
                <td>
                  <code>{item.field}</code>{item.key ? ` (${t('key')})` : ''}
                  {item.nameZh && <div lang="zh-CN" className="gg-zh">{item.nameZh}</div>}
                </td>
                <td>
                  <span className={`gg-level ${item.level}`}>{item.level}</span>
                  {item.sensitive && <div className="gg-sensitive">{t('sensitive')}</div>}
                </td>
                <td>{item.cycle ? t(`cycle${item.cycle}` as Parameters<Translate>[0]) : '—'}</td>
                <td>
                  {item.description}
                  {item.reason && <div className="gg-reason">{t('reasonPrefix')} {item.reason}</div>}
                </td>
                <td>
                  <Access department={department.id} item={item} locale={locale} t={t} />
                  <Disputes open={disputes.get(item.item) ?? []} locale={locale} t={t} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </section>
  );
}

function Access({ department, item, locale, t }: { department: string; item: CatalogueItemView; locale: Locale; t: Translate }) {
  switch (item.access) {
    case 'own':
      return <>{t('accessOwn')}</>;
    case 'open':
      return <>{t('accessOpen')}</>;
    case 'masked':
      return <>{t('accessMasked')}</>;
    case 'never':
      return <>{t('accessNever')}</>;
    case 'through':
      return <span className="gg-through">{t('accessThrough', { items: item.through.join(', ') })}</span>;
    case 'agreement':
      return (
        <span className="gg-held">
          {t('accessHeld', { agreements: item.agreements.map((a) => `${a.id} (${a.purpose}, ${t('until', { at: formatInstant(a.validUntil, locale) })})`).join(', ') })}
        </span>
      );
    case 'apply':
      return <a className="gg-apply" href={applicationLink(department, [item.item])}>{t('applyTo', { department })}</a>;
  }
}

/** The open disputes about an item, each with its stage and the stage's deadline (flagged when overdue). */
function Disputes({ open, locale, t }: { open: OpenDispute[]; locale: Locale; t: Translate }) {
  if (open.length === 0) return null;
  return (
    <ul className="gg-disputes" data-testid="disputes">
      {open.map((dispute) => (
        <li key={dispute.id} data-dispute={dispute.id} className={dispute.overdue ? 'gg-overdue' : undefined}>
          {t('disputeOpen', {
            id: dispute.id, consumer: dispute.consumer, provider: dispute.provider,
            stage: t(`disputeStage${dispute.stage}`), deadline: formatDeadline(dispute.deadline, locale),
          })}
          {dispute.overdue && <> <span className="gg-flag">{t('overdue')}</span></>}
        </li>
      ))}
    </ul>
  );
}

const root = createRoot(document.getElementById('root')!);
explorerApi.config().then(
  (config) => root.render(<StrictMode><CataloguePage config={config} /></StrictMode>),
  (error: Error) => root.render(<p className="gg-problem" role="alert">The catalogue cannot start: {error.message}</p>),
);
