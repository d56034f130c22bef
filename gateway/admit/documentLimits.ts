/**
 * Checks one document against an application's limits before Apollo parses, validates or plans it: first by
 * reading it (size, tokens, nesting), then by measuring its parsed form (depth, aliases, root fields, directives,
 * fragment cycles). Measurements depend on the document only, so they are cached by its text (bounded); the
 * limits they are compared with depend on the application. A document that does not parse is let through: the
 * parser's own error, with its location, is the clearest answer.
 */
import { GraphQLError, parse, type DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import { lexicalCheck } from './lexicalCheck.ts';
import { measureDocument, type DocumentMeasure } from './measureDocument.ts';
import { limitExceeded, type OperationLimits } from './operationLimits.ts';

/** Introspection lists nested in one another: GraphiQL's query needs 3 (types > fields > args); each more multiplies the answer by a schema's size. */
export const MAX_INTROSPECTION_LISTS = 3;

export interface DocumentLimits {
  /** The first limit `query` exceeds for `operationName` (every operation when absent), or null. */
  check(query: string, operationName: string | null, limits: OperationLimits): GraphQLError | null;
}

export function createDocumentLimits(options: { cacheSize?: number } = {}): DocumentLimits {
  const measures = new LRUCache<string, DocumentMeasure>({ max: options.cacheSize ?? 1_000 });
  const measure = (query: string, limits: OperationLimits): DocumentMeasure | null => {
    const known = measures.get(query);
    if (known) return known;
    let document: DocumentNode | null = null;
    try {
      document = parse(query, { noLocation: true, maxTokens: limits.maxTokens });
    } catch {
      // Not cached: another application's larger token limit could parse it.
      return null;
    }
    const measured = measureDocument(document);
    measures.set(query, measured);
    return measured;
  };
  return {
    check(query, operationName, limits) {
      const lexical = lexicalCheck(query, limits);
      if (lexical) return lexical;
      const measured = measure(query, limits);
      if (!measured) return null;
      if (measured.fragmentCycle) {
        return new GraphQLError(
          `Fragments spread each other in a cycle (${measured.fragmentCycle.join(' -> ')}); a fragment may not include itself.`,
          { extensions: { code: 'OPERATION_FRAGMENT_CYCLE', fragments: measured.fragmentCycle, http: { status: 400 } } },
        );
      }
      for (const [name, operation] of measured.operations) {
        if (operationName !== null && name !== operationName) continue;
        if (operation.fields > limits.maxFields) {
          return limitExceeded('maxFields', limits.maxFields, operation.fields, `selects ${operation.fields >= 1e12 ? 'more than 10^12' : operation.fields} fields once its fragments are expanded`);
        }
        if (operation.depth > limits.maxDepth) return limitExceeded('maxDepth', limits.maxDepth, operation.depth, `is ${operation.depth} levels deep`);
        if (operation.aliases > limits.maxAliases) return limitExceeded('maxAliases', limits.maxAliases, operation.aliases, `has ${operation.aliases} aliased fields`);
        if (operation.rootFields > limits.maxRootFields) return limitExceeded('maxRootFields', limits.maxRootFields, operation.rootFields, `selects ${operation.rootFields} root fields`);
        if (operation.directives > limits.maxDirectives) return limitExceeded('maxDirectives', limits.maxDirectives, operation.directives, `uses ${operation.directives} directives`);
        if (operation.introspectionLists > MAX_INTROSPECTION_LISTS) {
          return new GraphQLError(
            `The operation nests ${operation.introspectionLists} introspection lists (fields, types, args…) in one another; at most ${MAX_INTROSPECTION_LISTS} allowed, as in GraphiQL's introspection query (types > fields > args).`,
            { extensions: { code: 'INTROSPECTION_DEPTH_LIMIT', allowed: MAX_INTROSPECTION_LISTS, actual: operation.introspectionLists, http: { status: 400 } } },
          );
        }
      }
      return null;
    },
  };
}
