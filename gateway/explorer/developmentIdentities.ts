/**
 * The embedded default's development identities: every department × role, and a token for the one picked,
 * signed with the development key (as `npm run token` would). Exists only when the explorer is configured with
 * development identities; a gateway in production answers 404 and hands out nothing.
 */
import type { SharingCatalogue } from '../../sharing/index.ts';
import { mintResidentToken, mintToken, parseTtl } from '../identify/index.ts';
import { validateResidentId } from '../../sharing/identifiers/index.ts';
import type { ResolvedExplorerOptions } from './options.ts';
import type { DevelopmentIdentitiesView, DevelopmentResidentTokenView, DevelopmentTokenView } from './views.ts';

type Development = NonNullable<ResolvedExplorerOptions['developmentIdentities']>;

export function developmentIdentities(development: Development, catalogue: SharingCatalogue): DevelopmentIdentitiesView {
  return { identities: departmentsOf(development, catalogue).flatMap((department) => development.roles.map((role) => ({ department, role }))) };
}

export class IdentityRefused extends Error {}

export async function developmentToken(
  development: Development,
  catalogue: SharingCatalogue,
  request: { department?: unknown; role?: unknown },
): Promise<DevelopmentTokenView> {
  const departments = departmentsOf(development, catalogue);
  if (typeof request.department !== 'string' || !departments.includes(request.department)) {
    throw new IdentityRefused(`"department" must be one of ${departments.join(', ')}.`);
  }
  if (typeof request.role !== 'string' || !development.roles.includes(request.role)) {
    throw new IdentityRefused(`"role" must be one of ${development.roles.join(', ')}.`);
  }
  const application = `${request.department}-explorer`;
  const token = await mintToken(development.key, { department: request.department, application, roles: [request.role], ttl: development.ttl });
  return {
    token,
    department: request.department,
    application,
    roles: [request.role],
    expiresAt: new Date(Date.now() + parseTtl(development.ttl) * 1000).toISOString(),
  };
}

/** A token for the synthetic resident asked for (a resident ID under the ResidentId rules), signed with the development resident key. */
export async function developmentResidentToken(development: Development, request: { resident?: unknown }): Promise<DevelopmentResidentTokenView> {
  if (!development.residentKey) throw new IdentityRefused('Residents\' development sign-in is off on this gateway: paste a token from the residents\' identity provider.');
  const check = validateResidentId(typeof request.resident === 'string' ? request.resident.trim() : request.resident);
  if (!check.ok) throw new IdentityRefused(`"resident" must be a resident ID: ${check.reason}.`);
  const ttl = '1h';
  const token = await mintResidentToken(development.residentKey, { resident: check.value, ttl });
  return { token, resident: check.value, expiresAt: new Date(Date.now() + parseTtl(ttl) * 1000).toISOString() };
}

function departmentsOf(development: Development, catalogue: SharingCatalogue): string[] {
  if (development.departments) return development.departments;
  const providers = new Set<string>();
  for (const policy of catalogue.items.values()) if (policy.provider) providers.add(policy.provider);
  return [...[...providers].sort(), ...development.alsoDepartments.filter((department) => !providers.has(department))];
}
