/**
 * A GraphiQL sidebar pane listing the saved examples (the canonical operations): a click opens one in a new tab
 * with its variables, whatever tabs the browser has kept from earlier visits.
 */
import { useGraphiQL, useGraphiQLActions, type GraphiQLPlugin } from '@graphiql/react';
import type { ExampleView } from '../views.ts';

export function examplesPlugin(examples: ExampleView[]): GraphiQLPlugin {
  return {
    title: 'Examples',
    icon: ExamplesIcon,
    content: () => <ExamplesPane examples={examples} />,
  };
}

function ExamplesPane({ examples }: { examples: ExampleView[] }) {
  const { addTab } = useGraphiQLActions();
  const queryEditor = useGraphiQL((state) => state.queryEditor);
  const variableEditor = useGraphiQL((state) => state.variableEditor);
  const open = (example: ExampleView) => {
    addTab();
    queryEditor?.setValue(example.query);
    variableEditor?.setValue(example.variables);
  };
  return (
    <div className="gg-examples">
      <div className="graphiql-doc-explorer-title">Examples</div>
      <p>The canonical operations of the federation. Each opens in a new tab.</p>
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
