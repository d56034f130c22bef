/**
 * A resident's operation reaches only their own records: every root field it selects (through fragments and inline
 * fragments, whatever @skip or @include would do, aliases read by field name) must be one of `RESIDENT_ROOT_FIELDS`;
 * otherwise the whole operation is refused before planning, 403 `FORBIDDEN` naming the fields.
 * So a resident's sign-in never becomes a department's reach (`person(idNumber:)` of anyone, introspection, the
 * workflow), even for the UNCONDITIONAL items every department may receive. A root `__typename` is refused too: the
 * planner may fetch it from any department, and every department but the platform refuses a resident's grant. The platform subgraph checks the same
 * from its side (subgraphs/platform/residentResolvers.ts). Department callers pass unchanged.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { RESIDENT_ROOT_FIELDS } from '../../sharing/residents.ts';
import type { GatewayContext } from '../context.ts';

export function useResidentScope(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue: context, document, operation }) {
          if (!context.caller?.resident || !operation) return;
          const fragments = new Map<string, FragmentDefinitionNode>();
          for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
          const outside = [...rootFields(operation, fragments)].filter((field) => !RESIDENT_ROOT_FIELDS.has(field)).sort();
          if (outside.length === 0) return;
          throw new GraphQLError(
            `A resident's sign-in reaches only your own records (${[...RESIDENT_ROOT_FIELDS].join(', ')}); ${outside.join(', ')} ${outside.length === 1 ? 'is' : 'are'} for departments' applications, so nothing was run.`,
            { extensions: { code: 'FORBIDDEN', http: { status: 403 }, fields: outside } },
          );
        },
      };
    },
  };
}

/** `Query.myDataAccesses`, … : every field selected at the operation's root, by its type and name. */
function rootFields(operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): Set<string> {
  const type = operation.operation === 'query' ? 'Query' : operation.operation === 'mutation' ? 'Mutation' : 'Subscription';
  const fields = new Set<string>();
  const seen = new Set<string>();
  const walk = (selections: SelectionSetNode) => {
    for (const selection of selections.selections) {
      if (selection.kind === Kind.FIELD) fields.add(`${type}.${selection.name.value}`);
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) walk(fragment.selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return fields;
}
