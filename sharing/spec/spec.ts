/**
 * The sharing spec (`@share` and `ShareLevel`, sharing/spec/share.graphql) and the one URL every department
 * links it by. Composition accepts a custom directive only from a linked spec, and two different URLs for it
 * fail, so this constant is the only place the URL is written in code.
 */
import { readFileSync } from 'node:fs';
import { parse, type DocumentNode } from 'graphql';

export const SHARING_SPEC_URL = 'https://specs.govgraph.gov.cn/share/v1.0';

export const SHARING_SPEC_FILE = new URL('./share.graphql', import.meta.url);

/** The spec's definitions (the `ShareLevel` enum and the `@share` directive), freshly parsed. */
export function sharingSpecDocument(): DocumentNode {
  return parse(readFileSync(SHARING_SPEC_FILE, 'utf8'));
}
