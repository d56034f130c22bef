/**
 * Puts the sharing catalogue into the docs pane: before GraphiQL sees an introspection result, each catalogued
 * field's description gets its level, its owner and what a request made for the chosen purpose will get of it.
 * The short label ends the description's first paragraph (the one a type's field list shows), so levels are
 * visible in the list as on the field's own page; the agreements held and the legal reason follow at the end.
 * The schema itself is already the caller's: the gateway leaves other departments' NONE items out of it.
 */
import type { CatalogueItemView, CatalogueView } from '../views.ts';
import type { Translate } from './i18n.ts';
import { itemsOf, itemStatus, type ItemStatus } from './itemStatus.ts';

interface IntrospectedField {
  name: string;
  description?: string | null;
}
interface IntrospectedType {
  name: string;
  fields?: IntrospectedField[] | null;
}

export function annotateIntrospection(schema: { types?: IntrospectedType[] }, catalogue: CatalogueView, purpose: string | null, t: Translate): void {
  const items = itemsOf(catalogue);
  for (const type of schema.types ?? []) {
    for (const field of type.fields ?? []) {
      const entry = items.get(`${type.name}.${field.name}`);
      if (entry) field.description = annotated(field.description ?? null, entry.owner, entry.view, purpose, t);
    }
  }
}

function annotated(description: string | null, owner: string, view: CatalogueItemView, purpose: string | null, t: Translate): string {
  const label = sharingLabel(owner, view, purpose, t);
  const details = sharingDetails(view, t);
  if (!description) return [label, details].filter(Boolean).join('\n\n');
  const [first, ...rest] = description.split(/\n\n/);
  // A hard line break keeps the label in the first paragraph.
  return [`${first}  \n${label}`, ...rest, details].filter(Boolean).join('\n\n');
}

/** e.g. `**CONDITIONAL** · owner **civil-affairs** · ⊘ withheld for this purpose: your agreements cover …` */
export function sharingLabel(owner: string, view: CatalogueItemView, purpose: string | null, t: Translate): string {
  const level = `**${view.level}**${view.sensitive ? ` (${t('sensitive')})` : ''}`;
  return [level, t('ownerIs', { owner: `**${owner}**` }), statusText(itemStatus(view, purpose), owner, view, t)].join(' · ');
}

/** The agreements the caller's department holds for the item, and its legal reason. */
export function sharingDetails(view: CatalogueItemView, t: Translate): string {
  const parts: string[] = [];
  if (view.agreements.length > 0) parts.push(t('agreementsHeld', { agreements: view.agreements.map((a) => `${a.id} (${a.purpose})`).join(', ') }));
  if (view.reason) parts.push(t('legalReason', { reason: view.reason }));
  return parts.join(' · ');
}

/** One phrase for a status, starting with its mark: ✓ served, ◐ masked, ⊘ withheld, ↳ through. */
export function statusText(status: ItemStatus, owner: string, view: CatalogueItemView, t: Translate): string {
  switch (status.state) {
    case 'served':
      return status.why === 'agreement' ? `✓ ${t('statusGranted', { id: status.agreementId })}` : `✓ ${t(status.why === 'own' ? 'statusOwn' : 'statusOpen')}`;
    case 'masked':
      return `◐ ${t('statusMasked')}`;
    case 'through':
      return `↳ ${t('statusThrough', { items: status.through.join(', ') })}`;
    case 'withheld':
      switch (status.why) {
        case 'never':
          return `⊘ ${t('statusNever', { owner })}`;
        case 'no-purpose':
          return `⊘ ${t('statusNoPurpose', { purposes: status.purposes.join(', ') })}`;
        case 'other-purpose':
          return `⊘ ${t('statusOtherPurpose', { purposes: status.purposes.join(', ') })}`;
        case 'no-agreement':
          return `⊘ ${t('statusNoAgreement', { owner, item: view.item })}`;
      }
  }
}
