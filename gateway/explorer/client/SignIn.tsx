/**
 * The bar atop both pages: who the analyst is (a development identity picked from the list, in the embedded
 * default only, or a pasted token) and the purpose requests are made for (the caller department's agreements in
 * force, grouped by purpose, or one agreement by its id). Changes are reported through `onChange`; the pages
 * send the token as a bearer header and the purpose as `X-Purpose`.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { AgreementsView, DevelopmentIdentitiesView } from '../views.ts';
import { explorerApi, type Session } from './session.ts';

export interface SignInProps {
  session: Session;
  onChange(session: Session): void;
  developmentIdentities: boolean;
  /** False where the gateway admits an anonymous caller: without a token, the bar shows that caller. */
  signInRequired: boolean;
  page: 'graphiql' | 'catalog';
}

export function SignIn({ session, onChange, developmentIdentities, signInRequired, page }: SignInProps) {
  const [identities, setIdentities] = useState<DevelopmentIdentitiesView['identities']>([]);
  const [agreements, setAgreements] = useState<AgreementsView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [pasted, setPasted] = useState('');

  useEffect(() => {
    if (!developmentIdentities) return;
    explorerApi.identities().then((view) => setIdentities(view.identities), (error: Error) => setProblem(error.message));
  }, [developmentIdentities]);

  useEffect(() => {
    setAgreements(null);
    if (!session.token && signInRequired) return;
    explorerApi.agreements(session.token).then(
      (view) => {
        setAgreements(view);
        setProblem(null);
      },
      (error: Error) => setProblem(`Signed-in token refused: ${error.message}`),
    );
  }, [session.token, signInRequired]);

  const signInAs = async (value: string) => {
    if (!value) return;
    const [department, role] = value.split('|') as [string, string];
    try {
      const issued = await explorerApi.developmentToken(department, role);
      onChange({ token: issued.token, purpose: null, label: `${department} · ${role}` });
      setProblem(null);
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  const usePasted = (event: FormEvent) => {
    event.preventDefault();
    const token = pasted.trim().replace(/^Bearer\s+/i, '');
    if (!token) return;
    onChange({ token, purpose: null, label: 'pasted token' });
    setPasted('');
  };

  const purposes = groupByPurpose(agreements?.agreements ?? []);
  return (
    <header className="gg-bar">
      <strong className="gg-brand">govgraph</strong>
      <nav className="gg-nav">
        <a href="/graphiql" aria-current={page === 'graphiql' ? 'page' : undefined}>GraphiQL</a>
        <a href="/catalog" aria-current={page === 'catalog' ? 'page' : undefined}>Catalogue</a>
      </nav>
      {session.token ? (
        <span className="gg-who" data-testid="signed-in">
          {agreements ? (
            <>
              Signed in as <b>{agreements.caller.application}</b> ({agreements.caller.department}
              {agreements.caller.roles.length ? ` · ${agreements.caller.roles.join(', ')}` : ''})
            </>
          ) : (
            <>Signed in with {session.label ?? 'a token'}</>
          )}
          <button type="button" onClick={() => onChange({ token: null, purpose: null, label: null })}>Sign out</button>
        </span>
      ) : agreements ? (
        <span className="gg-who" data-testid="signed-in">
          Anonymous as <b>{agreements.caller.application}</b> ({agreements.caller.department})
        </span>
      ) : (
        <span className="gg-who">Not signed in</span>
      )}
      {developmentIdentities && (
        <label className="gg-field">
          Development identity
          <select aria-label="Development identity" value="" onChange={(e) => void signInAs(e.target.value)}>
            <option value="">Sign in as…</option>
            {identities.map(({ department, role }) => (
              <option key={`${department}|${role}`} value={`${department}|${role}`}>{department} · {role}</option>
            ))}
          </select>
        </label>
      )}
      <form className="gg-field" onSubmit={usePasted}>
        <input aria-label="Bearer token" placeholder="Paste a token (npm run token)" value={pasted} onChange={(e) => setPasted(e.target.value)} />
        <button type="submit">Use token</button>
      </form>
      {agreements && (
        <label className="gg-field">
          Purpose
          <select
            aria-label="Purpose"
            value={session.purpose ?? ''}
            onChange={(e) => onChange({ ...session, purpose: e.target.value || null })}
          >
            <option value="">No purpose (conditional items withheld)</option>
            {purposes.length > 0 && (
              <optgroup label="Purposes of your agreements in force">
                {purposes.map(({ purpose, agreements: ids }) => (
                  <option key={purpose} value={purpose}>{purpose} ({ids.join(', ')})</option>
                ))}
              </optgroup>
            )}
            {(agreements?.agreements.length ?? 0) > 0 && (
              <optgroup label="One agreement">
                {agreements!.agreements.map((a) => (
                  <option key={a.id} value={a.id}>{a.id}: {a.provider} · {a.items.join(', ')} · until {a.validUntil.slice(0, 10)}</option>
                ))}
              </optgroup>
            )}
            {session.purpose && !purposes.some((p) => p.purpose === session.purpose) && !agreements?.agreements.some((a) => a.id === session.purpose) && (
              <option value={session.purpose}>{session.purpose}</option>
            )}
          </select>
        </label>
      )}
      {problem && <span className="gg-problem" role="alert">{problem}</span>}
    </header>
  );
}

function groupByPurpose(agreements: AgreementsView['agreements']): { purpose: string; agreements: string[] }[] {
  const byPurpose = new Map<string, string[]>();
  for (const agreement of agreements) byPurpose.set(agreement.purpose, [...(byPurpose.get(agreement.purpose) ?? []), agreement.id]);
  return [...byPurpose].map(([purpose, ids]) => ({ purpose, agreements: ids }));
}
