/**
 * Level marks in GraphiQL Explorer's tree: each field node of a catalogued item gets a badge saying what a request
 * for the chosen purpose will get of it (served, masked, withheld, reached only through another item), and the
 * full sentence as its tooltip. The tree is the explorer plugin's own React rendering, which offers no hook per
 * field; the marks are a class and data attributes on its field spans (which React does not manage), drawn by CSS,
 * and re-applied whenever the tree changes. A field's item is `ParentType.field` (see `parentTypeOf`).
 */
import type { CatalogueView } from '../views.ts';
import { statusText } from './annotateIntrospection.ts';
import type { Translate } from './i18n.ts';
import { itemsOf, itemStatus } from './itemStatus.ts';

const MARKED = 'data-gg-status';

/** Marks the tree under `root` now and on every change; returns the function that stops. */
export function markExplorerTree(root: HTMLElement, catalogue: CatalogueView, purpose: string | null, t: Translate): () => void {
  const items = itemsOf(catalogue);
  const mark = () => {
    for (const span of root.querySelectorAll<HTMLElement>('span[data-field-name]')) {
      const item = `${parentTypeOf(span)}.${span.dataset.fieldName}`;
      const entry = items.get(item);
      const label = span.querySelector<HTMLElement>('.graphiql-explorer-field-view');
      if (!entry || !label) continue;
      const status = itemStatus(entry.view, purpose);
      const key = `${item}|${status.state}|${purpose ?? ''}|${t('statusOpen')}`;
      if (label.getAttribute('data-gg-key') === key) continue;
      label.setAttribute('data-gg-key', key);
      label.setAttribute(MARKED, status.state);
      label.setAttribute('data-gg-level', entry.view.level);
      label.setAttribute('data-gg-badge', badge(status.state, entry.view.level, t));
      label.title = `${item} · ${entry.view.level} · ${statusText(status, entry.owner, entry.view, t)}`;
    }
  };
  mark();
  const observer = new MutationObserver(mark);
  observer.observe(root, { childList: true, subtree: true });
  return () => observer.disconnect();
}

function badge(state: string, level: string, t: Translate): string {
  const short = level === 'UNCONDITIONAL' ? 'U' : level === 'CONDITIONAL' ? 'C' : 'N';
  return state === 'served' ? short : `${short} · ${t(state === 'withheld' ? 'badgeWithheld' : state === 'masked' ? 'badgeMasked' : 'badgeThrough')}`;
}

/**
 * The explorer renders a field as its node (`div.graphiql-explorer-node > span[data-field-name]`), and an expanded
 * one as a wrapper `div.graphiql-explorer-<field>` holding its node and a container of its children's fields. So a
 * field's parent type is on the span of the wrapper two levels up from the field's own element, or the operation's
 * root type when that is the operation's view (`#query-Name`, `#mutation-Name`).
 */
function parentTypeOf(span: HTMLElement): string {
  let own = span.parentElement;
  if (own && own.parentElement?.firstElementChild === own && own.parentElement.classList.contains(`graphiql-explorer-${span.dataset.fieldName}`)) own = own.parentElement;
  const wrapper = own?.parentElement?.parentElement ?? null;
  for (let element = wrapper; element; element = element.parentElement) {
    if (/^(query|mutation|subscription)-/.test(element.id)) return element.id.startsWith('mutation-') ? 'Mutation' : element.id.startsWith('subscription-') ? 'Subscription' : 'Query';
    const parent = element.querySelector<HTMLElement>(':scope > .graphiql-explorer-node > span[data-field-type]');
    if (parent?.dataset.fieldType) return parent.dataset.fieldType;
  }
  return 'Query';
}
