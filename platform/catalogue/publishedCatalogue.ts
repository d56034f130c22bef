/**
 * The published catalogue of the Regulations: every resource (a GraphQL type with shared items) and every item
 * (`Type.field`) of the composed supergraph, with its owner department, sharing level, description, legal reason,
 * sensitivity, update cycle and the version of the owner's subgraph it came from. Derived from the supergraph
 * alone, so it is exactly what the gateway enforces; nothing is kept by hand.
 *
 * The version is injectable (`versionOf(department)`, e.g. from schema publishing); when it gives none, the
 * version is `sha256:` and the first 12 hex digits of the hash of the department's items as published here, so
 * any change to one of its items (level, reason, description, cycle…) changes its version and nothing else does.
 */
import { createHash } from 'node:crypto';
import { Kind, parse, print, type DocumentNode, type FieldDefinitionNode, type InterfaceTypeDefinitionNode, type ObjectTypeDefinitionNode } from 'graphql';
import { readSharingCatalogue, type SharingCatalogue } from '../../sharing/catalogue.ts';
import type { ShareLevel } from '../../sharing/types.ts';

export interface CatalogueItem {
  /** `Type.field`. */
  item: string;
  /** The resource (type) it belongs to. */
  resource: string;
  field: string;
  /** The department that provides it; null when the supergraph names none. */
  owner: string | null;
  level: ShareLevel;
  sensitive: boolean;
  /** True for an entity key field (it travels between departments to join records). */
  key: boolean;
  /** The GraphQL type of its values, e.g. `[TaxArrear!]`. */
  type: string;
  description: string | null;
  /** The legal reason for a CONDITIONAL or NONE level (and optionally for others). */
  reason: string | null;
  /** Update cycle from `@share(cycle:)` (`DAILY`, `ON_CHANGE`, …); null when the department states none. */
  cycle: string | null;
  /** Version of the owner's subgraph this entry came from. */
  version: string | null;
}

export interface CatalogueResource {
  name: string;
  /** The department that provides the resource: the provider of its key for an entity, else its items' one provider; null when several provide items and none owns a key (the root types). */
  owner: string | null;
  description: string | null;
  /** Every department providing one of its items, sorted. */
  providers: string[];
  /** Its items, in schema order. */
  items: CatalogueItem[];
}

export interface CatalogueDepartment {
  id: string;
  version: string;
  /** Items it provides. */
  items: number;
}

export interface PublishedCatalogue {
  resources: CatalogueResource[];
  /** Every item, by resource then schema order. */
  items: CatalogueItem[];
  departments: CatalogueDepartment[];
  /** Each department's content hash (`sha256:` + 12 hex digits), its version when `versionOf` gives none. */
  contentVersions: ReadonlyMap<string, string>;
  /** The same supergraph read as the sharing rules read it (for the workflow's checks). */
  sharing: SharingCatalogue;
}

export interface PublishedCatalogueOptions {
  /** The version of a department's subgraph (e.g. from schema publishing); null or undefined: the content hash. */
  versionOf?: (department: string) => string | null | undefined;
}

type FieldOwner = ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode;

export function readPublishedCatalogue(supergraph: string | DocumentNode, options: PublishedCatalogueOptions = {}): PublishedCatalogue {
  const document = typeof supergraph === 'string' ? parse(supergraph) : supergraph;
  const sharing = readSharingCatalogue(document);
  const owners = document.definitions.filter(
    (d): d is FieldOwner => d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.INTERFACE_TYPE_DEFINITION,
  );
  const drafts: { name: string; description: string | null; items: CatalogueItem[] }[] = [];
  for (const owner of owners) {
    const items: CatalogueItem[] = [];
    for (const field of owner.fields ?? []) {
      const policy = sharing.policy(owner.name.value, field.name.value);
      if (!policy) continue;
      items.push({
        item: policy.item,
        resource: policy.type,
        field: policy.field,
        owner: policy.provider,
        level: policy.level,
        sensitive: policy.sensitive,
        key: policy.key,
        type: print(field.type),
        description: policy.description,
        reason: policy.reason,
        cycle: cycleOf(field),
        version: null,
      });
    }
    if (items.length > 0) drafts.push({ name: owner.name.value, description: owner.description?.value ?? null, items });
  }

  const allItems = drafts.flatMap((draft) => draft.items);
  const departments = [...new Set(allItems.flatMap((item) => (item.owner ? [item.owner] : [])))].sort();
  const contentVersions = new Map(departments.map((department) => [department, contentVersion(allItems.filter((item) => item.owner === department))]));
  for (const item of allItems) item.version = item.owner ? contentVersions.get(item.owner)! : null;

  const resources = drafts.map(({ name, description, items }): CatalogueResource => {
    const providers = [...new Set(items.flatMap((item) => (item.owner ? [item.owner] : [])))].sort();
    const keyOwner = items.find((item) => item.key && item.owner)?.owner ?? null;
    return { name, owner: keyOwner ?? (providers.length === 1 ? providers[0]! : null), description, providers, items };
  });
  const published: PublishedCatalogue = {
    resources,
    items: allItems,
    departments: departments.map((id) => ({ id, version: contentVersions.get(id)!, items: allItems.filter((item) => item.owner === id).length })),
    contentVersions,
    sharing,
  };
  return options.versionOf ? withVersions(published, options.versionOf) : published;
}

/**
 * The catalogue with each department's version as `versionOf` gives it now (its content hash where it gives none).
 * Returns `catalogue` itself when no version differs, so a caller may ask on every request.
 */
export function withVersions(catalogue: PublishedCatalogue, versionOf: NonNullable<PublishedCatalogueOptions['versionOf']>): PublishedCatalogue {
  const versions = new Map(catalogue.departments.map(({ id }) => [id, versionOf(id) || catalogue.contentVersions.get(id)!]));
  if (catalogue.departments.every(({ id, version }) => versions.get(id) === version)) return catalogue;
  const resources = catalogue.resources.map((resource) => ({
    ...resource,
    items: resource.items.map((item) => ({ ...item, version: item.owner ? versions.get(item.owner)! : null })),
  }));
  return {
    ...catalogue,
    resources,
    items: resources.flatMap((resource) => resource.items),
    departments: catalogue.departments.map((department) => ({ ...department, version: versions.get(department.id)! })),
  };
}

function cycleOf(field: FieldDefinitionNode): string | null {
  const share = field.directives?.find((directive) => directive.name.value === 'share');
  const value = share?.arguments?.find((argument) => argument.name.value === 'cycle')?.value;
  return value?.kind === Kind.ENUM || value?.kind === Kind.STRING ? value.value : null;
}

/** `sha256:` + 12 hex digits over the department's entries (without their version), in item order. */
function contentVersion(items: readonly CatalogueItem[]): string {
  const entries = [...items]
    .sort((a, b) => (a.item < b.item ? -1 : a.item > b.item ? 1 : 0))
    .map(({ version: _version, ...entry }) => entry);
  return `sha256:${createHash('sha256').update(JSON.stringify(entries)).digest('hex').slice(0, 12)}`;
}

/**
 * `withVersions` for a caller that asks on every request: the last answer is kept while the catalogue and every
 * version stay the same, so a request costs one `versionOf` call per department.
 */
export function versionedView(versionOf: PublishedCatalogueOptions['versionOf']): (catalogue: PublishedCatalogue) => PublishedCatalogue {
  if (!versionOf) return (catalogue) => catalogue;
  let memo: { base: PublishedCatalogue; key: string; catalogue: PublishedCatalogue } | null = null;
  return (base) => {
    const key = JSON.stringify(base.departments.map(({ id }) => versionOf(id) ?? null));
    if (memo?.base !== base || memo.key !== key) memo = { base, key, catalogue: withVersions(base, versionOf) };
    return memo.catalogue;
  };
}
