/**
 * The explorer's options (GraphiQL at `/graphiql`, the catalogue at `/catalog`), with their defaults, validated
 * once at start. Development identities are the one dangerous option: they hand out tokens to anyone who asks,
 * so they are off unless the embedded default turns them on, only with the development key the gateway itself
 * trusts, and only on a gateway listening on a loopback address (nobody on the network can ask for one).
 */
import { fileURLToPath } from 'node:url';
import { DEVELOPMENT_ISSUER, type DevelopmentKey } from '../identify/index.ts';
import { DEVELOPMENT_RESIDENT_ISSUER } from '../../sharing/residents.ts';
import type { GatewayOptions } from '../options.ts';
import { EXPLORER_ASSETS_DIR } from './build.ts';

export interface ExplorerOptions {
  /**
   * The embedded default's sign-in list: anyone who can reach the gateway may take a token for any listed
   * department and role, signed with `key`. Development only. Default none (the explorer asks for a token).
   */
  developmentIdentities?: DevelopmentIdentityOptions | null;
  /**
   * Variables the saved examples open with, by operation name (e.g. `{ OneStop: { id: '<a resident ID>' } }`).
   * Default: `{ LegalRepresentatives: { first: 5 } }`; a variable with no value opens as `null`.
   */
  exampleVariables?: Record<string, Record<string, unknown>>;
  /** Folder of the saved examples (`*.graphql`, one operation each). Default: the canonical `schema/operations/`. */
  examplesDir?: string;
  /** Folder of the built pages (`npm run build:explorer`). Default `gateway/explorer/dist/`. */
  assetsDir?: string;
}

export interface DevelopmentIdentityOptions {
  /** The development signing key; the gateway's `identity` must trust it (its JWKS and issuer). Required. */
  key: DevelopmentKey;
  /** Departments offered. Default: every provider in the current catalogue, and `alsoDepartments`. */
  departments?: string[];
  /**
   * Departments offered besides the catalogue's providers when `departments` is not given: those that act in the
   * workflow without providing items (the common superior of disputes). Default none.
   */
  alsoDepartments?: string[];
  /** Roles offered for each department. Default `app`, `analyst`, `dept-admin`. */
  roles?: string[];
  /** Lifetime of a token handed out. Default `8h`. */
  ttl?: string;
  /**
   * The development resident key (`loadOrCreateDevelopmentResidentKey`): `/residents` then hands a synthetic resident a
   * token (1 h); the gateway's `residents` sign-in must trust it. Default none: residents paste a token.
   */
  residentKey?: DevelopmentKey | null;
}

export interface ResolvedExplorerOptions {
  developmentIdentities: Required<Omit<DevelopmentIdentityOptions, 'departments' | 'residentKey'>> & { departments: string[] | null; residentKey: DevelopmentKey | null } | null;
  exampleVariables: Record<string, Record<string, unknown>>;
  examplesDir: string;
  assetsDir: string;
}

export const DEVELOPMENT_ROLES = ['app', 'analyst', 'dept-admin'];

/** Whether `host` binds loopback only: `localhost`, 127.0.0.0/8, or ::1 (0.0.0.0 and :: bind every interface). */
export function isLoopbackHost(host: string): boolean {
  const plain = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return plain === 'localhost' || plain === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain) || /^::ffff:127\./.test(plain);
}
const CANONICAL_OPERATIONS = fileURLToPath(new URL('../../schema/operations/', import.meta.url));

export function resolveExplorerOptions(options: ExplorerOptions, gateway: Pick<GatewayOptions, 'identity' | 'host' | 'residents'>): ResolvedExplorerOptions {
  const development = options.developmentIdentities ?? null;
  if (development) {
    const host = gateway.host ?? '127.0.0.1';
    if (!isLoopbackHost(host)) {
      throw new Error(
        `Gateway option \`explorer.developmentIdentities\` (--development-identities) hands a token for any department and role to whoever can reach ` +
          `the gateway, so it is refused on host ${host}: listen on a loopback address (127.0.0.1, ::1 or localhost; --host / GOVGRAPH_HOST), ` +
          'or drop --development-identities and sign in with real tokens.',
      );
    }
    const jwks = gateway.identity?.jwks;
    if (!development.key?.kid || !development.key.privateKey) {
      throw new Error('Gateway option `explorer.developmentIdentities.key` must be the development signing key (loadOrCreateDevelopmentKey).');
    }
    if (!jwks || jwks instanceof URL || !jwks.keys.some((k) => k.kid === development.key.kid)) {
      throw new Error('Gateway option `explorer.developmentIdentities` needs `identity.jwks` to be the development key set: the gateway would refuse the tokens it hands out.');
    }
    if (!gateway.identity!.issuers.includes(DEVELOPMENT_ISSUER)) {
      throw new Error(`Gateway option \`explorer.developmentIdentities\` needs \`identity.issuers\` to include "${DEVELOPMENT_ISSUER}".`);
    }
    for (const [name, list] of [['departments', development.departments], ['roles', development.roles]] as const) {
      if (list !== undefined && (!Array.isArray(list) || list.length === 0 || !list.every((v) => typeof v === 'string' && /^[a-z][a-z0-9-]*$/.test(v)))) {
        throw new Error(`Gateway option \`explorer.developmentIdentities.${name}\` must be a non-empty list of kebab-case names.`);
      }
    }
    const residentKey = development.residentKey;
    if (residentKey) {
      const residentJwks = gateway.residents?.jwks;
      if (!residentJwks || residentJwks instanceof URL || !residentJwks.keys.some((k) => k.kid === residentKey.kid)) {
        throw new Error('Gateway option `explorer.developmentIdentities.residentKey` needs `residents.jwks` to be the development resident key set: the gateway would refuse the tokens it hands out.');
      }
      if (!gateway.residents!.issuers.includes(DEVELOPMENT_RESIDENT_ISSUER)) {
        throw new Error(`Gateway option \`explorer.developmentIdentities.residentKey\` needs \`residents.issuers\` to include "${DEVELOPMENT_RESIDENT_ISSUER}".`);
      }
    }
    const also = development.alsoDepartments;
    if (also !== undefined && (!Array.isArray(also) || !also.every((v) => typeof v === 'string' && /^[a-z][a-z0-9-]*$/.test(v)))) {
      throw new Error('Gateway option `explorer.developmentIdentities.alsoDepartments` must be a list of kebab-case names.');
    }
  }
  return {
    developmentIdentities: development && {
      key: development.key,
      departments: development.departments ?? null,
      alsoDepartments: development.alsoDepartments ?? [],
      roles: development.roles ?? DEVELOPMENT_ROLES,
      ttl: development.ttl ?? '8h',
      residentKey: development.residentKey ?? null,
    },
    exampleVariables: { LegalRepresentatives: { first: 5 }, ...options.exampleVariables },
    examplesDir: options.examplesDir ?? CANONICAL_OPERATIONS,
    assetsDir: options.assetsDir ?? EXPLORER_ASSETS_DIR,
  };
}
