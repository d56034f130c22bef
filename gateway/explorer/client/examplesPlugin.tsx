/**
 * A GraphiQL sidebar pane listing the saved examples (the canonical operations): a click shows the tab that
 * already holds the example, or opens it in a new tab (titled with its operation) with its variables — never a
 * duplicate, whatever tabs the browser has kept from earlier visits.
 */
import { useGraphiQL, useGraphiQLActions, type GraphiQLPlugin } from '@graphiql/react';
import type { ExampleView } from '../views.ts';
import type { Translate } from './i18n.ts';
import { tabHolding } from './tabs.ts';

export function examplesPlugin(examples: ExampleView[], t: Translate): GraphiQLPlugin {
  return {
    title: t('examples'),
    icon: ExamplesIcon,
    content: () => <ExamplesPane examples={examples} t={t} />,
  };
}

function ExamplesPane({ examples, t }: { examples: ExampleView[]; t: Translate }) {
  const { addTab, changeTab } = useGraphiQLActions();
  const tabs = useGraphiQL((state) => state.tabs);
  const queryEditor = useGraphiQL((state) => state.queryEditor);
  const variableEditor = useGraphiQL((state) => state.variableEditor);
  const open = (example: ExampleView) => {
    const holding = tabHolding(tabs, example.query);
    if (holding !== null) return changeTab(holding);
    addTab();
    queryEditor?.setValue(example.query);
    variableEditor?.setValue(example.variables);
  };
  return (
    <div className="gg-examples">
      <div className="graphiql-doc-explorer-title">{t('examples')}</div>
      <p>{t('examplesIntro')}</p>
      <ul>
        {examples.map((example) => (
          <li key={example.name}>
            <button type="button" className="gg-example" onClick={() => open(example)}>{example.name}</button>
            <pre>{example.query.split('\n').find((line) => line.startsWith('#'))?.replace(/^#\s*/, '') ?? ''}</pre>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ExamplesIcon() {
  return (
    <svg viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <path d="M5 4h10l4 4v12H5z" />
      <path d="M8 11h8M8 14h8M8 17h5" />
    </svg>
  );
}
