/**
 * Puts the sharing catalogue into the docs pane: before GraphiQL sees an introspection result, each catalogued
 * field's description gets a line with its level, its owner and what the signed-in caller may do with it
 * (for a conditional item: whether the caller's department holds an agreement for it, and which). The schema
 * itself is already the caller's: the gateway leaves other departments' NONE items out of introspection.
 */
import type { CatalogueItemView, CatalogueView, ItemAccess } from '../views.ts';

interface IntrospectedField {
  name: string;
  description?: string | null;
}
interface IntrospectedType {
  name: string;
  fields?: IntrospectedField[] | null;
}

export function annotateIntrospection(schema: { types?: IntrospectedType[] }, catalogue: CatalogueView): void {
  const items = new Map<string, { owner: string; view: CatalogueItemView }>();
  for (const department of catalogue.departments) {
    for (const resource of department.resources) {
      for (const view of resource.items) items.set(view.item, { owner: department.id, view });
    }
  }
  for (const type of schema.types ?? []) {
    for (const field of type.fields ?? []) {
      const entry = items.get(`${type.name}.${field.name}`);
      if (!entry) continue;
      const note = sharingNote(entry.owner, entry.view);
      field.description = field.description ? `${field.description}\n\n${note}` : note;
    }
  }
}

/** e.g. `**CONDITIONAL** · owner **civil-affairs** · Agreement held: AGR-2025-0002 (individual-income-tax-deduction)` */
export function sharingNote(owner: string, view: CatalogueItemView): string {
  const parts = [`**${view.level}**${view.sensitive ? ' (sensitive)' : ''}`, `owner **${owner}**`, ACCESS_TEXT[view.access](owner, view)];
  if (view.reason) parts.push(`reason: ${view.reason}`);
  return parts.join(' · ');
}

const held = (view: CatalogueItemView) => view.agreements.map((a) => `${a.id} (${a.purpose})`).join(', ');

const ACCESS_TEXT: Record<ItemAccess, (owner: string, view: CatalogueItemView) => string> = {
  own: () => 'your department provides it',
  open: () => 'shared with every department',
  masked: () => 'shown masked: no agreement grants it raw',
  agreement: (_owner, view) => `Agreement held: ${held(view)}; name its purpose in X-Purpose`,
  apply: (owner, view) => `No agreement held: apply to ${owner} for ${view.item}`,
  never: () => 'not shared outside its department',
};
