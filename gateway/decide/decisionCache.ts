/**
 * Operation decisions cached per (catalogue, operation, caller department, purpose, agreements): the same
 * operation asked again by the same department for the same purpose under the same agreements gets the same
 * decisions and the same rewritten document, so neither the decisions nor the rewrite are recomputed, and the
 * rewritten document keeps one query hash (one entry in the gateway's plan cache). The agreements are part of the
 * key by content (id, provider, purpose, items, validity), read fresh on every request as before: an approval,
 * a revocation or an expiry changes the key, so it applies to the very next request. A new supergraph brings a
 * new catalogue and starts a new cache. Bounded: the least recently used entries are dropped.
 */
import { visit, type DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Agreement, SharingCatalogue } from '../../sharing/index.ts';
import type { OperationDecisions } from './operationDecisions.ts';

export interface CachedDecisions {
  decisions: OperationDecisions;
  /** Query hash of the rewritten document, when it was rewritten. */
  rewrittenHash: string | null;
}

export interface DecisionKeyParts {
  /** sha256 of the operation document as sent. */
  queryHash: string;
  operationName: string | null | undefined;
  department: string;
  purpose: string | null;
  agreements: readonly Agreement[];
  /** The values of the variables the operation's selections depend on (`selectionVariables`); none: empty. */
  variables: Record<string, unknown>;
}

export interface DecisionCache {
  key(parts: DecisionKeyParts): string;
  get(catalogue: SharingCatalogue, key: string): CachedDecisions | undefined;
  set(catalogue: SharingCatalogue, key: string, value: CachedDecisions): void;
}

export function createDecisionCache(options: { maxEntries?: number } = {}): DecisionCache {
  const max = options.maxEntries ?? 2_000;
  let current: { catalogue: SharingCatalogue; entries: LRUCache<string, CachedDecisions> } | null = null;
  const entriesOf = (catalogue: SharingCatalogue) => {
    if (current?.catalogue !== catalogue) current = { catalogue, entries: new LRUCache({ max }) };
    return current.entries;
  };
  return {
    key: (parts) =>
      JSON.stringify([
        parts.queryHash,
        parts.operationName ?? null,
        parts.department,
        parts.purpose,
        parts.agreements.map((a) => [a.id, a.consumer, a.provider, a.purpose, a.items, a.validFrom, a.validUntil, a.status]),
        parts.variables,
      ]),
    get: (catalogue, key) => entriesOf(catalogue).get(key),
    set: (catalogue, key, value) => void entriesOf(catalogue).set(key, value),
  };
}

/**
 * The variables that decide which fields a document selects: those of its @skip / @include arguments, found in the
 * parsed document (never its text, which can write a directive in many ways), once per document (Apollo keeps one
 * parsed document per text). Their values join the cache key; no other variable changes a decision.
 */
const selectionVariablesOf = new WeakMap<DocumentNode, readonly string[]>();
export function selectionVariables(document: DocumentNode): readonly string[] {
  let names = selectionVariablesOf.get(document);
  if (!names) {
    const found = new Set<string>();
    visit(document, {
      Directive(node) {
        if (node.name.value !== 'skip' && node.name.value !== 'include') return false;
        for (const argument of node.arguments ?? []) {
          visit(argument.value, { Variable: (variable) => void found.add(variable.name.value) });
        }
        return false;
      },
    });
    names = [...found].sort();
    selectionVariablesOf.set(document, names);
  }
  return names;
}

/** The request's values of `names` (absent ones as null), for the cache key. */
export function valuesOf(names: readonly string[], variables: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const name of names) values[name] = variables[name] ?? null;
  return values;
}
