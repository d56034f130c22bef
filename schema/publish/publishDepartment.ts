/**
 * Publishes one department's subgraph: the checks that protect consumers, then the record, then the supergraph.
 *
 * 1. Every item the department owns has a description and a sharing level (schema/checks/sharingLevels.ts).
 * 2. It composes with every other subgraph as served: each department's latest published version, or its code's
 *    schema when it never published (composer errors as the composer words them), in a worker thread.
 * 3. Against the supergraph served now: every change, and for the breaking ones the operations consumers sent
 *    in the look-back window that they would break (from the audit trail). Breaking changes are refused unless
 *    allowed with a reason, which is recorded with who allowed it. Deprecations are changes too, published
 *    with the operations that still use what they deprecate (the consumers to tell before a removal).
 * 4. With a live check (the command's default; `--offline` skips it), the department at the URL being published
 *    must already serve every field the version declares (liveCheck.ts), or gateways would ask it for fields
 *    it does not know the moment they switch.
 * 5. The version is recorded in the platform store first (it is the source of truth), then the supergraph and
 *    API schema are written atomically; gateways watching the file (or polling the store) follow. A version
 *    recorded by someone else after this publish read the store is not silently overwritten: the publish is
 *    refused and must be run again (the remaining window is between that check and the record, milliseconds).
 *
 * The outcome is data: the command prints it, tests assert it. A rollback republishes a recorded version's SDL
 * (and URL) through the same checks, as a new version.
 */
import { parse, type DocumentNode } from 'graphql';
import type { AuditTrail } from '../../platform/audit/trail.ts';
import { sha256 } from '../../platform/schemaRegistry/index.ts';
import type { SchemaVersion, SchemaVersionStore } from '../../platform/schemaRegistry/index.ts';
import type { RegisteredDepartment } from '../../subgraphs/departments.ts';
import { departmentTypeDefsOf } from '../../subgraphs/kit/index.ts';
import { checkSharingLevels } from '../checks/index.ts';
import { composeSubgraphsInWorker } from '../composeInWorker.ts';
import type { SubgraphSource } from '../composition.ts';
import { findAffectedOperations, type AffectedOperation } from './consumerImpact.ts';
import type { LiveCheck } from './liveCheck.ts';
import { diffSupergraphs, isDeprecation, viewSupergraph, type SchemaChange } from './schemaDiff.ts';
import { apiSchemaFileFor, readSupergraph, writeSupergraph } from './supergraphFiles.ts';

export interface PublishRequest {
  /** The department id, e.g. `tax`. */
  department: string;
  /** The department's SDL (its schema.graphql, without the sharing spec). Required unless `rollback`. */
  sdl?: string;
  /** Routing URL in the supergraph. Default: the latest version's, else `http://127.0.0.1:<default port>/graphql`. */
  url?: string;
  /** Republish this recorded version of the department. */
  rollback?: number;
  /** Publish even with breaking changes; requires `reason`. */
  allowBreaking?: boolean;
  reason?: string;
  /** Who publishes (recorded). Required. */
  actor: string;
}

export interface PublishContext {
  /** Every department of the federation (the registry), the one published among them. */
  departments: readonly RegisteredDepartment[];
  store: { schemaVersions: SchemaVersionStore; audit: Pick<AuditTrail, 'query'> };
  /** The supergraph file gateways serve; its API schema is written next to it as api.graphql unless `apiSchemaFile`. */
  supergraphFile: string;
  apiSchemaFile?: string;
  /** How far back the audit trail is read for affected operations, in days. Default 30. */
  lookbackDays?: number;
  /** Default `() => new Date()`. */
  now?: () => Date;
  /** Checks that the department at the published URL serves the version (liveCheck.ts). Default none: no check. */
  liveCheck?: LiveCheck;
}

export type PublishStage = 'input' | 'levels' | 'composition' | 'breaking' | 'live';

export type PublishOutcome =
  | {
      status: 'published';
      version: SchemaVersion;
      changes: SchemaChange[];
      affectedOperations: AffectedOperation[];
      /** Operations consumers sent in the look-back window that use what this version deprecates. */
      stillUsingDeprecated: AffectedOperation[];
      supergraphFile: string;
    }
  | { status: 'unchanged'; version: SchemaVersion }
  | { status: 'refused'; stage: PublishStage; errors: string[]; changes: SchemaChange[]; affectedOperations: AffectedOperation[] };

const refuse = (stage: PublishStage, errors: string[], changes: SchemaChange[] = [], affectedOperations: AffectedOperation[] = []): PublishOutcome => ({
  status: 'refused',
  stage,
  errors,
  changes,
  affectedOperations,
});

export async function publishDepartment(request: PublishRequest, context: PublishContext): Promise<PublishOutcome> {
  const { schemaVersions } = context.store;
  const registered = context.departments.find((d) => d.definition.id === request.department);
  if (!registered) {
    return refuse('input', [
      `Unknown department "${request.department}"; known: ${context.departments.map((d) => d.definition.id).join(', ')}. Create one with npm run department:new -- <id>.`,
    ]);
  }
  if (!request.actor?.trim()) return refuse('input', ['Say who publishes: --actor <name> (recorded with the version).']);
  if (request.allowBreaking && !request.reason?.trim()) {
    return refuse('input', ['--allow-breaking needs --reason "<why consumers may break>": the reason is recorded with the version.']);
  }
  // What this publish is based on: if another version is recorded meanwhile, this one is refused (see below).
  const basedOn = (await schemaVersions.newest())?.sequence ?? 0;
  const latest = await schemaVersions.latest(request.department);
  let sdl = request.sdl;
  let url = request.url;
  if (request.rollback !== undefined) {
    const target = await schemaVersions.get(request.department, request.rollback);
    if (!target) {
      const versions = (await schemaVersions.list(request.department)).map((v) => v.version);
      return refuse('input', [
        `${request.department} has no version ${request.rollback} (versions: ${versions.length ? versions.join(', ') : 'none'}); see npm run schema:history -- ${request.department}.`,
      ]);
    }
    sdl = target.sdl;
    url ??= target.url;
  }
  if (sdl === undefined) return refuse('input', ['No schema to publish: pass the department SDL (--schema <file>) or --rollback <version>.']);
  url ??= latest?.url ?? defaultUrl(registered);
  let document: DocumentNode;
  try {
    document = parse(sdl);
  } catch (error) {
    return refuse('input', [`The schema of ${request.department} does not parse: ${error instanceof Error ? error.message : String(error)}`]);
  }

  const subgraphs = await servedSubgraphs(context.departments, schemaVersions, { id: request.department, typeDefs: departmentTypeDefsOf(request.department, document), url });
  const levelErrors = checkSharingLevels(subgraphs);
  if (levelErrors.length > 0) return refuse('levels', levelErrors);
  // In a worker: a publish run inside a serving process (the platform, a test's gateway) does not stop it.
  const composed = await composeSubgraphsInWorker(subgraphs);
  if (!composed.ok) return refuse('composition', composed.errors);

  const current = readSupergraph(context.supergraphFile);
  if (latest && request.rollback === undefined && latest.schemaHash === sha256(sdl) && latest.url === url && current === composed.supergraphSdl) {
    return { status: 'unchanged', version: latest };
  }
  const before = current === null ? null : viewSupergraph(current);
  const changes = before ? diffSupergraphs(before, viewSupergraph(composed.supergraphSdl)) : [];
  const breaking = changes.filter((c) => c.breaking);
  const impact = { audit: context.store.audit, before: before?.api, days: context.lookbackDays ?? 30, now: (context.now ?? (() => new Date()))() };
  const operationsTouchedBy = (touching: SchemaChange[]) =>
    impact.before && touching.length > 0 ? findAffectedOperations(touching, { ...impact, before: impact.before }) : Promise.resolve([]);
  const affectedOperations = await operationsTouchedBy(breaking);
  if (breaking.length > 0 && !request.allowBreaking) {
    return refuse(
      'breaking',
      [
        `${breaking.length} breaking change(s) against the supergraph served now; publish them only with --allow-breaking --reason "<why>" once the consumers below are ready.`,
      ],
      changes,
      affectedOperations,
    );
  }
  if (context.liveCheck) {
    const problems = await context.liveCheck(request.department, url, departmentTypeDefsOf(request.department, document));
    if (problems.length > 0) return refuse('live', problems, changes, affectedOperations);
  }
  const newest = await schemaVersions.newest();
  if ((newest?.sequence ?? 0) !== basedOn) {
    // Composed without that version: recording this one would serve a supergraph that drops it.
    return refuse('input', [
      `${newest!.department} version ${newest!.version} was published while this publish was checked; run it again to compose with it.`,
    ]);
  }
  const version = await schemaVersions.record({
    department: request.department,
    sdl,
    url,
    supergraphSdl: composed.supergraphSdl,
    actor: request.actor.trim(),
    reason: request.reason?.trim() || null,
    changes,
    rollbackOf: request.rollback ?? null,
  });
  writeSupergraph(
    { supergraphFile: context.supergraphFile, apiSchemaFile: context.apiSchemaFile ?? apiSchemaFileFor(context.supergraphFile) },
    composed,
  );
  const stillUsingDeprecated = await operationsTouchedBy(changes.filter((c) => isDeprecation(c) && c.kind !== 'FIELD_UNDEPRECATED'));
  return { status: 'published', version, changes, affectedOperations, stillUsingDeprecated, supergraphFile: context.supergraphFile };
}

function defaultUrl(department: RegisteredDepartment): string {
  return `http://127.0.0.1:${department.defaultPort}/graphql`;
}

/** Every department as served: its latest published version, else its code's schema; `candidate` replaces its own. */
async function servedSubgraphs(
  departments: readonly RegisteredDepartment[],
  schemaVersions: SchemaVersionStore,
  candidate: { id: string; typeDefs: DocumentNode; url: string },
): Promise<SubgraphSource[]> {
  const published = await schemaVersions.latestVersions();
  return Promise.all(
    departments.map(async (department): Promise<SubgraphSource> => {
      const id = department.definition.id;
      if (id === candidate.id) return { name: id, url: candidate.url, typeDefs: candidate.typeDefs };
      const latest = published.has(id) ? await schemaVersions.latest(id) : null;
      return latest
        ? { name: id, url: latest.url, typeDefs: departmentTypeDefsOf(id, parse(latest.sdl)) }
        : { name: id, url: defaultUrl(department), typeDefs: department.definition.typeDefs };
    }),
  );
}
