/** How the publish command and `schema:history` put outcomes into words (plain text, one fact per line). */
import type { RecordedChange, SchemaVersion } from '../../platform/schemaRegistry/index.ts';
import type { AffectedOperation } from './consumerImpact.ts';
import type { PublishOutcome } from './publishDepartment.ts';
import { isDeprecation } from './schemaDiff.ts';

const STAGE_TITLES = {
  input: 'Refused',
  levels: 'Refused: items without a sharing level or description',
  composition: 'Refused: the subgraph does not compose with the others (composer messages as given)',
  breaking: 'Refused: breaking changes',
  live: 'Refused: the department does not serve this version yet',
} as const;

export function describeOutcome(outcome: PublishOutcome, department: string): string[] {
  if (outcome.status === 'unchanged') {
    return [`${department}: nothing changed since version ${outcome.version.version} (${outcome.version.schemaHash.slice(0, 12)}); nothing recorded.`];
  }
  if (outcome.status === 'refused') {
    return [
      `${department}: ${STAGE_TITLES[outcome.stage]}; nothing was recorded or written.`,
      ...outcome.errors.map((e) => `  - ${e}`),
      ...describeChanges(outcome.changes.filter((c) => c.breaking)),
      ...describeAffected(outcome.affectedOperations),
    ];
  }
  const { version } = outcome;
  return [
    `${department}: published version ${version.version} (schema ${version.schemaHash.slice(0, 12)}, supergraph ${version.supergraphHash.slice(0, 12)}) by ${version.actor}${version.rollbackOf ? `, a rollback to version ${version.rollbackOf}` : ''}.`,
    ...(version.reason ? [`  reason: ${version.reason}`] : []),
    ...describeChanges(outcome.changes),
    ...describeAffected(outcome.affectedOperations),
    ...describeAffected(outcome.stillUsingDeprecated, 'Operations consumers sent recently that still use what is deprecated', ': tell them before it is removed'),
    `Wrote ${outcome.supergraphFile}; gateways watching it switch within about a second (see README, How to publish a department).`,
  ];
}

/** Each change on a line: `!` breaking, `~` a deprecation (or its withdrawal), `+` safe. */
export function describeChanges(changes: readonly RecordedChange[]): string[] {
  if (changes.length === 0) return [];
  const breaking = changes.filter((c) => c.breaking);
  const deprecations = changes.filter((c) => isDeprecation(c)).length;
  return [
    `Changes (${changes.length}, ${breaking.length} breaking${deprecations ? `, ${deprecations} deprecation${deprecations === 1 ? '' : 's'}` : ''}):`,
    ...changes.map((c) => `  ${c.breaking ? '!' : isDeprecation(c) ? '~' : '+'} ${c.kind} ${c.coordinate}: ${c.description}`),
  ];
}

/** The operations a list of changes touches, under `title` (`: advice` after the count, or a colon alone). */
export function describeAffected(
  operations: readonly AffectedOperation[],
  title = 'Operations consumers sent recently that these changes break',
  advice = '',
): string[] {
  if (operations.length === 0) return [];
  return [
    `${title} (${operations.length})${advice || ':'}`,
    ...operations.map(
      (o) => `  - ${o.consumer} ${o.operationName}: ${o.requests} request(s), last ${o.lastSeen}, applications ${o.applications.join(', ') || '(unknown)'}; items ${o.items.join(', ')}`,
    ),
  ];
}

export function describeHistory(versions: readonly SchemaVersion[]): string[] {
  if (versions.length === 0) return ['No published versions.'];
  return versions.flatMap((v) => [
    `${v.department} v${v.version}  ${v.publishedAt}  by ${v.actor}  schema ${v.schemaHash.slice(0, 12)}  ${v.url}${v.rollbackOf ? `  (rollback to v${v.rollbackOf})` : ''}`,
    ...(v.reason ? [`  reason: ${v.reason}`] : []),
    ...(v.changes.length === 0 ? ['  no changes to the served supergraph'] : describeChanges(v.changes).map((line) => `  ${line}`)),
  ]);
}
