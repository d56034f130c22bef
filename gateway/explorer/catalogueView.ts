/**
 * The sharing catalogue as one caller sees it: every department's resources and items with level, reason,
 * description, type and update cycle (NONE items included: the catalogue lists what exists and why it is not
 * shared), the departments' titles and Chinese names, and for each item what the caller's department may do with
 * it, including the agreements in force that list it. An unconditional item of a resource the caller can reach
 * only through items it does not hold (`MarriageRecord.*` under the conditional `Person.marriageRecords`) is
 * `through`, naming those items, not "available". A description of holdings, not a decision: whether a request
 * gets an item is still `decide()`'s, per purpose.
 */
import type { PublishedCatalogue, CatalogueItem } from '../../platform/catalogue/index.ts';
import type { Agreement, Caller } from '../../sharing/index.ts';
import { departmentName, itemNameZh, resourceNameZh } from '../../platform/catalogue/index.ts';
import type { CatalogueDepartmentView, CatalogueItemView, CatalogueResourceView, CatalogueView, ItemAccess } from './views.ts';

/** Items the supergraph names no provider for (a foreign supergraph) are listed under this name. */
export const UNATTRIBUTED = 'unattributed';
/** The department whose items are the sharing platform's own API. */
export const PLATFORM_DEPARTMENT = 'platform';
const ROOT_TYPES = new Set(['Query', 'Mutation']);

export function catalogueView(catalogue: PublishedCatalogue, caller: Caller, agreements: readonly Agreement[]): CatalogueView {
  const held = (item: CatalogueItem) =>
    agreements.filter((a) => a.consumer === caller.department && a.provider === item.owner && a.items.includes(item.item));
  const direct = new Map(catalogue.items.map((item) => [item.item, accessOf(item, caller, held(item).length > 0)]));
  const reached = reachableTypes(catalogue.items, direct);
  const departments = new Map<string, Map<string, CatalogueItemView[]>>();
  for (const resource of catalogue.resources) {
    for (const item of resource.items) {
      const department = item.owner ?? UNATTRIBUTED;
      const resources = departments.get(department) ?? new Map<string, CatalogueItemView[]>();
      departments.set(department, resources);
      const view = itemView(item, direct.get(item.item)!, held(item), reached, catalogue.items);
      resources.set(resource.name, [...(resources.get(resource.name) ?? []), view]);
    }
  }
  const descriptions = new Map(catalogue.resources.map((r) => [r.name, r.description]));
  const versions = new Map(catalogue.departments.map((d) => [d.id, d.version]));
  const ordered: CatalogueDepartmentView[] = [...departments]
    .sort(([a], [b]) => (a === PLATFORM_DEPARTMENT ? 1 : 0) - (b === PLATFORM_DEPARTMENT ? 1 : 0) || a.localeCompare(b))
    .map(([id, resources]) => ({
      id,
      ...departmentName(id),
      platform: id === PLATFORM_DEPARTMENT,
      version: versions.get(id) ?? '',
      resources: [...resources].map(([type, items]): CatalogueResourceView => ({ type, nameZh: resourceNameZh(type), description: descriptions.get(type) ?? null, items })),
    }));
  return { caller: { application: caller.application, department: caller.department, roles: caller.roles }, departments: ordered };
}

function itemView(item: CatalogueItem, access: ItemAccess, held: readonly Agreement[], reached: ReadonlySet<string>, all: readonly CatalogueItem[]): CatalogueItemView {
  const unreached = access === 'open' && !ROOT_TYPES.has(item.resource) && !reached.has(item.resource);
  return {
    item: item.item,
    field: item.field,
    nameZh: itemNameZh(item.item),
    level: item.level,
    sensitive: item.sensitive,
    key: item.key,
    type: item.type,
    description: item.description,
    reason: item.reason,
    cycle: item.cycle,
    access: unreached ? 'through' : access,
    agreements: held.map((a) => ({ id: a.id, purpose: a.purpose, validUntil: a.validUntil })),
    through: unreached ? all.filter((parent) => namedType(parent.type) === item.resource).map((parent) => parent.item) : [],
  };
}

function accessOf(item: CatalogueItem, caller: Caller, held: boolean): ItemAccess {
  if (item.owner !== null && item.owner === caller.department) return 'own';
  if (item.level === 'NONE') return 'never';
  if (item.level === 'UNCONDITIONAL') return item.sensitive && !held ? 'masked' : item.sensitive ? 'agreement' : 'open';
  return held ? 'agreement' : 'apply';
}

/** Types the caller can get to from the root types through items it may receive (held, open, its own). */
function reachableTypes(items: readonly CatalogueItem[], access: ReadonlyMap<string, ItemAccess>): Set<string> {
  const reached = new Set(ROOT_TYPES);
  for (let grew = true; grew;) {
    grew = false;
    for (const item of items) {
      const target = namedType(item.type);
      const passes = access.get(item.item) !== 'apply' && access.get(item.item) !== 'never';
      if (passes && reached.has(item.resource) && !reached.has(target)) {
        reached.add(target);
        grew = true;
      }
    }
  }
  return reached;
}

const namedType = (type: string) => type.replace(/[[\]!]/g, '');
