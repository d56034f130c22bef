/**
 * The normalised form of a document, as codegen's client preset prints it into the persisted-documents manifest
 * (`printExecutableGraphQLDocument`: comments and layout dropped, fields, arguments and definitions sorted, one
 * line). Two texts of the same operation — the .graphql file as written, a client's `print(document)`, the
 * README's one-line form — have the same normalised form and so the same registered hash. Normalising reorders
 * selections only, which never changes what an operation may read.
 */
import { createHash } from 'node:crypto';
import { printExecutableGraphQLDocument } from '@graphql-tools/documents';
import { parse } from 'graphql';
import { LRUCache } from 'lru-cache';

/** The normalised text of `document`, or null when it does not parse. */
export function normalisedDocument(document: string): string | null {
  try {
    return printExecutableGraphQLDocument(parse(document, { noLocation: true }));
  } catch {
    return null;
  }
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The sha256 of the normalised text, cached by text (bounded): a trusted application sends the same few documents. */
export function createNormalisedHashes(maxEntries = 1_000): (document: string) => string | null {
  // false: the document does not parse (a cache holds no null).
  const hashes = new LRUCache<string, string | false>({ max: maxEntries });
  return (document) => {
    let hash = hashes.get(document);
    if (hash === undefined) {
      const normalised = normalisedDocument(document);
      hashes.set(document, (hash = normalised === null ? false : sha256(normalised)));
    }
    return hash || null;
  };
}

/** The name of the first operation of a document, or null (anonymous, or not a document). */
export function operationNameOf(document: string): string | null {
  try {
    for (const definition of parse(document, { noLocation: true }).definitions) {
      if (definition.kind === 'OperationDefinition') return definition.name?.value ?? null;
    }
  } catch {
    // not a document
  }
  return null;
}
