/**
 * The bar atop every page, on one row: the pages, who the analyst is (a development identity picked from the
 * list, in the embedded default only, whose first choice then signs out; or a pasted token, behind a "Token" button), on GraphiQL the purpose
 * requests are made for (the caller department's agreements in force, by purpose or one agreement by its id), the
 * language, and sign-out. A token counts as signed in only once the gateway accepted it: a refused one is dropped
 * with the gateway's reason, never shown as a sign-in. Changes are reported through `onChange`; the pages send the
 * token as a bearer header and the purpose as `X-Purpose`.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { AgreementsView, DevelopmentIdentitiesView } from '../views.ts';
import { LOCALES, translator, useLocale, type Locale } from './i18n.ts';
import { explorerApi, SIGNED_OUT, type Session } from './session.ts';

export type PageName = 'graphiql' | 'catalog' | 'dashboard';

export interface SignInProps {
  session: Session;
  onChange(session: Session): void;
  developmentIdentities: boolean;
  /** False where the gateway admits an anonymous caller: without a token, the bar shows that caller. */
  signInRequired: boolean;
  page: PageName;
  /** The caller the gateway verified (null until it has, or when signed out), for the page. */
  onCaller?(caller: AgreementsView | null): void;
}

const PAGES: { name: PageName; href: string; label: 'pageGraphiql' | 'pageCatalogue' | 'pageDashboard' }[] = [
  { name: 'graphiql', href: '/graphiql', label: 'pageGraphiql' },
  { name: 'catalog', href: '/catalog', label: 'pageCatalogue' },
  { name: 'dashboard', href: '/dashboard', label: 'pageDashboard' },
];

export function SignIn({ session, onChange, developmentIdentities, signInRequired, page, onCaller }: SignInProps) {
  const [locale, setLocale] = useLocale();
  const t = translator(locale);
  const [identities, setIdentities] = useState<DevelopmentIdentitiesView['identities']>([]);
  const [verified, setVerified] = useState<AgreementsView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [pasting, setPasting] = useState(false);
  const [pasted, setPasted] = useState('');

  useEffect(() => {
    if (!developmentIdentities) return;
    explorerApi.identities().then((view) => setIdentities(view.identities), (error: Error) => setProblem(error.message));
  }, [developmentIdentities]);

  useEffect(() => {
    setVerified(null);
    onCaller?.(null);
    if (!session.token && signInRequired) return;
    let current = true;
    explorerApi.agreements(session.token).then(
      (view) => {
        if (!current) return;
        setVerified(view);
        onCaller?.(view);
      },
      (error: Error) => {
        if (!current) return;
        // A refused token is not a sign-in: drop it, and say why.
        setProblem(t('tokenRefused', { reason: error.message }));
        if (session.token) onChange(SIGNED_OUT);
      },
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session.token, signInRequired]);

  const signInAs = async (value: string) => {
    if (!value) return onChange(SIGNED_OUT);
    const [department, role] = value.split('|') as [string, string];
    try {
      const issued = await explorerApi.developmentToken(department, role);
      setProblem(null);
      onChange({ token: issued.token, purpose: null, label: `${department} · ${role}`, identity: value });
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  const usePasted = (event: FormEvent) => {
    event.preventDefault();
    const token = pasted.trim().replace(/^Bearer\s+/i, '');
    if (!token) return;
    // Checked before it is used: a refused token never becomes the session (nor is it sent to /graphql).
    explorerApi.agreements(token).then(
      () => {
        setProblem(null);
        onChange({ token, purpose: null, label: 'pasted token', identity: null });
        setPasted('');
        setPasting(false);
      },
      (error: Error) => setProblem(t('tokenRefused', { reason: error.message })),
    );
  };

  const caller = verified?.caller;
  const purposes = groupByPurpose(verified?.agreements ?? []);
  const who = caller ? `${caller.application} (${caller.department}${caller.roles.length ? ` · ${caller.roles.join(', ')}` : ''})` : null;
  return (
    <header className="gg-bar">
      <strong className="gg-brand" lang="en">govgraph</strong>
      <nav className="gg-nav" aria-label={t('pages')}>
        {PAGES.map(({ name, href, label }) => (
          <a key={name} href={href} aria-current={page === name ? 'page' : undefined}>{t(label)}</a>
        ))}
      </nav>
      <span className="gg-spacer" />
      {developmentIdentities && (
        <select
          className="gg-identity"
          aria-label={t('developmentIdentity')}
          data-testid={caller && session.token ? 'signed-in' : undefined}
          title={who ? t('signedInAs', { who }) : t('developmentIdentity')}
          value={session.token && caller ? (session.identity ?? 'pasted') : ''}
          onChange={(e) => void signInAs(e.target.value)}
        >
          {/* Signed in, the first choice signs out (the bar's one control for who you are). */}
          <option value="">{session.token ? (caller ? t('signOut') : t('signingIn')) : t('signInAs')}</option>
          {session.token && caller && (
            // A development identity by itself (its application is always <department>-explorer); a pasted token with its application.
            <option value={session.identity ?? 'pasted'} hidden>{session.identity ? session.identity.replace('|', ' · ') : who}</option>
          )}
          {identities.map(({ department, role }) => (
            <option key={`${department}|${role}`} value={`${department}|${role}`}>{department} · {role}</option>
          ))}
        </select>
      )}
      {caller && (!developmentIdentities || !session.token) ? (
        <span className="gg-who" data-testid="signed-in" title={who ?? undefined}>
          {session.token ? t('signedInAs', { who: who! }) : t('anonymousAs', { who: who! })}
        </span>
      ) : (
        !session.token && !developmentIdentities && <span className="gg-who gg-muted">{t('notSignedIn')}</span>
      )}
      <span className="gg-token">
        <button type="button" aria-expanded={pasting} onClick={() => setPasting(!pasting)}>{t('token')}</button>
        {pasting && (
          <form className="gg-popover" onSubmit={usePasted}>
            <input aria-label={t('bearerToken')} placeholder={t('pasteToken')} value={pasted} autoFocus onChange={(e) => setPasted(e.target.value)} />
            <button type="submit">{t('useToken')}</button>
          </form>
        )}
      </span>
      {page === 'graphiql' && verified && (
        <select
          className="gg-purpose"
          aria-label={t('purpose')}
          title={t('purposeTitle')}
          value={session.purpose ?? ''}
          onChange={(e) => onChange({ ...session, purpose: e.target.value || null })}
        >
          <option value="">{t('noPurpose')}</option>
          {purposes.length > 0 && (
            <optgroup label={t('purposesGroup')}>
              {purposes.map(({ purpose, agreements: ids }) => (
                <option key={purpose} value={purpose} title={ids.join(', ')}>{purpose}</option>
              ))}
            </optgroup>
          )}
          {verified.agreements.length > 0 && (
            <optgroup label={t('agreementGroup')}>
              {verified.agreements.map((a) => (
                <option key={a.id} value={a.id} title={`${a.provider}: ${a.items.join(', ')}`}>{a.id} · {a.provider}</option>
              ))}
            </optgroup>
          )}
          {session.purpose && !purposes.some((p) => p.purpose === session.purpose) && !verified.agreements.some((a) => a.id === session.purpose) && (
            <option value={session.purpose}>{session.purpose}</option>
          )}
        </select>
      )}
      <LanguageSwitch locale={locale} onChange={setLocale} />
      {session.token && !developmentIdentities && <button type="button" onClick={() => onChange(SIGNED_OUT)}>{t('signOut')}</button>}
      {problem && <span className="gg-problem" role="alert">{problem}</span>}
    </header>
  );
}

export function LanguageSwitch({ locale, onChange }: { locale: Locale; onChange(locale: Locale): void }) {
  return (
    <select className="gg-language" aria-label="Language / 语言" value={locale} onChange={(e) => onChange(e.target.value as Locale)}>
      {LOCALES.map((l) => (
        <option key={l} value={l} lang={l}>{l === 'en' ? 'EN' : '中文'}</option>
      ))}
    </select>
  );
}

function groupByPurpose(agreements: AgreementsView['agreements']): { purpose: string; agreements: string[] }[] {
  const byPurpose = new Map<string, string[]>();
  for (const agreement of agreements) byPurpose.set(agreement.purpose, [...(byPurpose.get(agreement.purpose) ?? []), agreement.id]);
  return [...byPurpose].map(([purpose, ids]) => ({ purpose, agreements: ids }));
}
