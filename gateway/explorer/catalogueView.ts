/**
 * The sharing catalogue as one caller sees it: every department's resources and items with level, reason and
 * description (NONE items included: the catalogue lists what exists and why it is not shared), and for each
 * item what the caller's department may do with it, including the agreements in force that list it. A
 * description of holdings, not a decision: whether a request gets an item is still `decide()`'s, per purpose.
 */
import type { Agreement, Caller, ItemPolicy, SharingCatalogue } from '../../sharing/index.ts';
import type { CatalogueDepartmentView, CatalogueItemView, CatalogueView, ItemAccess } from './views.ts';

/** Items the supergraph names no provider for (a foreign supergraph) are listed under this name. */
export const UNATTRIBUTED = 'unattributed';

export function catalogueView(catalogue: SharingCatalogue, caller: Caller, agreements: readonly Agreement[]): CatalogueView {
  const departments = new Map<string, Map<string, CatalogueItemView[]>>();
  for (const policy of catalogue.items.values()) {
    const department = policy.provider ?? UNATTRIBUTED;
    const resources = departments.get(department) ?? new Map<string, CatalogueItemView[]>();
    departments.set(department, resources);
    resources.set(policy.type, [...(resources.get(policy.type) ?? []), itemView(policy, caller, agreements)]);
  }
  const ordered: CatalogueDepartmentView[] = [...departments]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, resources]) => ({ id, resources: [...resources].map(([type, items]) => ({ type, items })) }));
  return { caller: { application: caller.application, department: caller.department, roles: caller.roles }, departments: ordered };
}

function itemView(policy: ItemPolicy, caller: Caller, agreements: readonly Agreement[]): CatalogueItemView {
  const held = agreements.filter((a) => a.consumer === caller.department && a.provider === policy.provider && a.items.includes(policy.item));
  return {
    item: policy.item,
    field: policy.field,
    level: policy.level,
    sensitive: policy.sensitive,
    key: policy.key,
    description: policy.description,
    reason: policy.reason,
    access: accessOf(policy, caller, held.length > 0),
    agreements: held.map((a) => ({ id: a.id, purpose: a.purpose, validUntil: a.validUntil })),
  };
}

function accessOf(policy: ItemPolicy, caller: Caller, held: boolean): ItemAccess {
  if (policy.provider !== null && policy.provider === caller.department) return 'own';
  if (policy.level === 'NONE') return 'never';
  if (policy.level === 'UNCONDITIONAL') return policy.sensitive && !held ? 'masked' : policy.sensitive ? 'agreement' : 'open';
  return held ? 'agreement' : 'apply';
}
