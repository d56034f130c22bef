/**
 * The catalogue page: every department's resources and items with their sharing levels and legal reasons,
 * searchable; for the signed-in department, which conditional items it holds agreements for, and for the others
 * a link that opens a pre-filled application in GraphiQL.
 */
import './explorer.css';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { CatalogueItemView, CatalogueView, ExplorerConfigView } from '../views.ts';
import { applicationLink } from './applicationLink.ts';
import { explorerApi, loadSession, saveSession } from './session.ts';
import { SignIn } from './SignIn.tsx';

function CataloguePage({ config }: { config: ExplorerConfigView }) {
  const [session, setSession] = useState(loadSession);
  const [catalogue, setCatalogue] = useState<CatalogueView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  useEffect(() => saveSession(session), [session]);
  useEffect(() => {
    setCatalogue(null);
    if (!session.token && config.signInRequired) return;
    explorerApi.catalogue(session.token).then(
      (view) => {
        setCatalogue(view);
        setProblem(null);
      },
      (error: Error) => setProblem(error.message),
    );
  }, [session.token, config.signInRequired]);

  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (department: string, item: CatalogueItemView) => {
    const text = [department, item.item, item.level, item.description, item.reason, item.access].join(' ').toLowerCase();
    return words.every((word) => text.includes(word));
  };
  return (
    <div className="gg-page">
      <SignIn session={session} onChange={setSession} developmentIdentities={config.developmentIdentities} signInRequired={config.signInRequired} page="catalog" />
      <main className="gg-catalogue">
        <h1>Data sharing catalogue</h1>
        {!session.token && config.signInRequired && <p>Sign in to read the catalogue and see what your department may use.</p>}
        {problem && <p className="gg-problem" role="alert">{problem}</p>}
        {catalogue && (
          <>
            <p>
              Signed in for <b>{catalogue.caller.department}</b>. <span className="gg-level UNCONDITIONAL">UNCONDITIONAL</span> items are
              shared with every department, <span className="gg-level CONDITIONAL">CONDITIONAL</span> ones under an approved agreement for
              its purpose, <span className="gg-level NONE">NONE</span> never leave their department. An “Apply” link opens a
              pre-filled application in GraphiQL; your department's <code>dept-admin</code> submits it.
            </p>
            <input
              className="gg-search"
              type="search"
              aria-label="Search the catalogue"
              placeholder="Search items, departments, levels, reasons…"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
            {catalogue.departments.map((department) => {
              const resources = department.resources
                .map((resource) => ({ ...resource, items: resource.items.filter((item) => matches(department.id, item)) }))
                .filter((resource) => resource.items.length > 0);
              if (resources.length === 0) return null;
              return (
                <section key={department.id} className="gg-department" data-department={department.id}>
                  <h2>{department.id}{department.id === catalogue.caller.department ? ' (your department)' : ''}</h2>
                  {resources.map((resource) => (
                    <table key={resource.type} className="gg-resource">
                      <caption>{resource.type}</caption>
                      <thead>
                        <tr><th>item</th><th>level</th><th>description and reason</th><th>for {catalogue.caller.department}</th></tr>
                      </thead>
                      <tbody>
                        {resource.items.map((item) => (
                          <tr key={item.item} data-item={item.item}>
                            <td><code>{item.field}</code>{item.key ? ' (key)' : ''}</td>
                            <td><span className={`gg-level ${item.level}`}>{item.level}</span>{item.sensitive ? ' sensitive' : ''}</td>
                            <td>
                              {item.description}
                              {item.reason && <div className="gg-reason">Reason: {item.reason}</div>}
                            </td>
                            <td><Access department={department.id} item={item} /></td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  ))}
                </section>
              );
            })}
          </>
        )}
      </main>
    </div>
  );
}

function Access({ department, item }: { department: string; item: CatalogueItemView }) {
  switch (item.access) {
    case 'own':
      return <>your own item</>;
    case 'open':
      return <>available</>;
    case 'masked':
      return <>available, masked</>;
    case 'never':
      return <>not shared</>;
    case 'agreement':
      return <span className="gg-held">Agreement held: {item.agreements.map((a) => `${a.id} (${a.purpose}, until ${a.validUntil.slice(0, 10)})`).join(', ')}</span>;
    case 'apply':
      return <a className="gg-apply" href={applicationLink(department, [item.item])}>Apply to {department}</a>;
  }
}

const root = createRoot(document.getElementById('root')!);
explorerApi.config().then(
  (config) => root.render(<StrictMode><CataloguePage config={config} /></StrictMode>),
  (error: Error) => root.render(<p className="gg-problem" role="alert">The catalogue cannot start: {error.message}</p>),
);
