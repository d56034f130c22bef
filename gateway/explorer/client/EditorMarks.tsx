/**
 * Level marks in the operation editor: every field of the operation that a request for the chosen purpose will
 * not get in full is marked where it is written — withheld fields with a warning, masked ones and those reached
 * only through another item with a note — each saying why and what would grant it, and a short badge after the
 * field name. The purpose is the Headers tab's `X-Purpose` when it has one (it is the one sent), else the
 * selector's. Renders nothing; it follows the editor's text, the schema and the purpose.
 */
import { useEffect, useMemo } from 'react';
import { parse } from 'graphql';
import { useGraphiQL, useMonaco } from '@graphiql/react';
import type { CatalogueView } from '../views.ts';
import { fieldMarks, typedPurpose, type FieldMark } from './fieldMarks.ts';
import type { Translate } from './i18n.ts';
import type { ItemStatus } from './itemStatus.ts';

const OWNER = 'govgraph-sharing';

export function EditorMarks({ catalogue, purpose, t }: { catalogue: CatalogueView | null; purpose: string | null; t: Translate }) {
  const monaco = useMonaco((state) => state.monaco);
  const queryEditor = useGraphiQL((state) => state.queryEditor);
  const schema = useGraphiQL((state) => state.schema);
  const headers = useGraphiQL((state) => state.tabs[state.activeTabIndex]?.headers ?? null);
  const effectivePurpose = useMemo(() => typedPurpose(headers) ?? purpose, [headers, purpose]);

  useEffect(() => {
    const model = queryEditor?.getModel();
    if (!monaco || !queryEditor || !model) return;
    const decorations = queryEditor.createDecorationsCollection([]);
    const update = () => {
      let marks: FieldMark[] = [];
      if (catalogue && schema) {
        try {
          marks = fieldMarks(parse(model.getValue()), schema, catalogue, effectivePurpose, t);
        } catch {
          marks = []; // not a document yet (being typed): GraphiQL shows the syntax error
        }
      }
      monaco.editor.setModelMarkers(model, OWNER, marks.map((mark) => ({
        startLineNumber: mark.line, endLineNumber: mark.line, startColumn: mark.column, endColumn: mark.endColumn,
        message: mark.message,
        severity: mark.status.state === 'withheld' ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Info,
      })));
      decorations.set(marks.map((mark) => ({
        range: new monaco.Range(mark.line, mark.column, mark.line, mark.endColumn),
        options: {
          inlineClassName: `gg-editor-${mark.status.state}`,
          after: { content: ` ${badgeText(mark.status, t)}`, inlineClassName: `gg-editor-badge gg-editor-badge-${mark.status.state}` },
        },
      })));
    };
    update();
    const listener = model.onDidChangeContent(update);
    return () => {
      listener.dispose();
      decorations.clear();
      monaco.editor.setModelMarkers(model, OWNER, []);
    };
  }, [monaco, queryEditor, schema, catalogue, effectivePurpose, t]);
  return null;
}

function badgeText(status: ItemStatus, t: Translate): string {
  return status.state === 'withheld' ? `⊘ ${t('badgeWithheld')}` : status.state === 'masked' ? `◐ ${t('badgeMasked')}` : `↳ ${t('badgeThrough')}`;
}
