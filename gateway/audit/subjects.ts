/**
 * Which data subjects each provider department was asked about or answered about: the key values (resident IDs,
 * credit codes, certificate numbers) in a fetch's entity representations and in the objects it returned. The
 * audit trail records them per provider, so a resident can learn who looked at their data.
 */
import type { SharingCatalogue } from '../../sharing/index.ts';

export function collectSubjects(
  into: Set<string>,
  catalogue: SharingCatalogue,
  representations: unknown,
  data: unknown,
): void {
  if (Array.isArray(representations)) for (const r of representations) addKeys(into, catalogue, r);
  walk(data, (object) => addKeys(into, catalogue, object));
}

function addKeys(into: Set<string>, catalogue: SharingCatalogue, value: unknown): void {
  if (!value || typeof value !== 'object') return;
  const object = value as Record<string, unknown>;
  const keys = typeof object.__typename === 'string' ? catalogue.keys.get(object.__typename) : undefined;
  if (!keys) return;
  for (const key of keys) {
    const subject = object[key];
    if (typeof subject === 'string' && subject !== '') into.add(subject);
  }
}

function walk(value: unknown, visit: (object: object) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, visit);
  } else if (value && typeof value === 'object') {
    visit(value);
    for (const child of Object.values(value)) if (child && typeof child === 'object') walk(child, visit);
  }
}
