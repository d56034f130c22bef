/**
 * Composes department subgraphs into one supergraph with @apollo/composition. A composition error is returned
 * with the composer's own messages, so nothing is written from a failed composition.
 *
 * A type several departments define is described by its owner: the department that shares (`@share`) one of its
 * key fields, as public-security does `Person.idNumber`. The composer would otherwise pick one department's
 * wording by its own rules ("A resident, as far as civil affairs knows them"). The others' descriptions of that
 * type, and of the fields the owner defines too, are left out of the composition (not out of their subgraphs).
 */
import { composeServices } from '@apollo/composition';
import { Kind, printSchema, visit, type DocumentNode, type ObjectTypeDefinitionNode } from 'graphql';

export interface SubgraphSource {
  /** Subgraph name, the department id. */
  name: string;
  /** Routing URL written into the supergraph. */
  url: string;
  typeDefs: DocumentNode;
}

export type CompositionOutcome =
  | { ok: true; supergraphSdl: string; apiSchemaSdl: string; hints: string[] }
  | { ok: false; errors: string[] };

export function composeSubgraphs(subgraphs: readonly SubgraphSource[]): CompositionOutcome {
  const owners = typeOwners(subgraphs);
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: ownersDescribe(s, owners) })));
  if (result.errors) {
    return { ok: false, errors: result.errors.map((e) => e.message) };
  }
  return {
    ok: true,
    supergraphSdl: result.supergraphSdl,
    apiSchemaSdl: printSchema(result.schema.toAPISchema().toGraphQLJSSchema()) + '\n',
    hints: result.hints.map((h) => h.toString()),
  };
}

/** Type name -> the subgraph that owns it and the fields its definition has, for types defined by several subgraphs. */
function typeOwners(subgraphs: readonly SubgraphSource[]): Map<string, { owner: string; fields: Set<string> }> {
  const definedBy = new Map<string, { subgraph: string; definition: ObjectTypeDefinitionNode }[]>();
  for (const subgraph of subgraphs) {
    for (const definition of subgraph.typeDefs.definitions) {
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
      definedBy.set(definition.name.value, [...(definedBy.get(definition.name.value) ?? []), { subgraph: subgraph.name, definition }]);
    }
  }
  const owners = new Map<string, { owner: string; fields: Set<string> }>();
  for (const [type, definitions] of definedBy) {
    if (definitions.length < 2) continue;
    const owning = definitions.filter(({ definition }) => sharesAKeyField(definition));
    if (owning.length !== 1) continue; // no owner, or a disagreement composition and the level checks report
    owners.set(type, { owner: owning[0]!.subgraph, fields: new Set((owning[0]!.definition.fields ?? []).map((f) => f.name.value)) });
  }
  return owners;
}

/** Whether a type's definition puts a sharing level on one of its @key fields: the mark of the department that owns it. */
function sharesAKeyField(definition: ObjectTypeDefinitionNode): boolean {
  const keyFields = new Set(
    (definition.directives ?? [])
      .filter((d) => d.name.value === 'key')
      .flatMap((d) => d.arguments?.filter((a) => a.name.value === 'fields').map((a) => (a.value.kind === Kind.STRING ? a.value.value : '')) ?? [])
      .flatMap((fields) => fields.split(/[\s{}]+/).filter(Boolean)),
  );
  return (definition.fields ?? []).some((f) => keyFields.has(f.name.value) && f.directives?.some((d) => d.name.value === 'share'));
}

/** The subgraph's type definitions without its descriptions of types another subgraph owns (and of their shared fields). */
function ownersDescribe(subgraph: SubgraphSource, owners: ReadonlyMap<string, { owner: string; fields: Set<string> }>): DocumentNode {
  const foreign = (type: string) => {
    const owned = owners.get(type);
    return owned && owned.owner !== subgraph.name ? owned : null;
  };
  if (![...owners.values()].some((o) => o.owner !== subgraph.name)) return subgraph.typeDefs;
  return visit(subgraph.typeDefs, {
    ObjectTypeDefinition(node) {
      const owned = foreign(node.name.value);
      if (!owned) return undefined;
      return {
        ...node,
        description: undefined,
        fields: node.fields?.map((field) => (owned.fields.has(field.name.value) ? { ...field, description: undefined } : field)),
      };
    },
  });
}
