/**
 * What a new supergraph changes for consumers, against the one served: every change of the API schema (types,
 * fields, arguments, enum values, union members, input fields) and of the sharing catalogue (an item's level or
 * masking), each with its schema coordinate and whether it breaks an operation a consumer sends today. The
 * rules follow graphql-js's own notion of a safe change (an output may only become stricter, an input only
 * looser); a level tightened (UNCONDITIONAL -> CONDITIONAL -> NONE) or masking added breaks consumers too: what
 * they received yesterday is withheld tomorrow. So does a conditional item moving to another provider: the
 * agreements that granted it name the old one. A deprecation breaks nothing, but it is a change consumers must
 * hear of (the step before a removal), so it is listed too, with its reason.
 */
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  parse,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
} from 'graphql';
import { Supergraph } from '@apollo/federation-internals';
import { readSharingCatalogue, type SharingCatalogue } from '../../sharing/catalogue.ts';
import { SHARE_LEVELS } from '../../sharing/index.ts';

export type BreakingChangeKind =
  | 'TYPE_REMOVED'
  | 'TYPE_KIND_CHANGED'
  | 'FIELD_REMOVED'
  | 'FIELD_TYPE_CHANGED'
  | 'ARGUMENT_REMOVED'
  | 'ARGUMENT_TYPE_CHANGED'
  | 'REQUIRED_ARGUMENT_ADDED'
  | 'ENUM_VALUE_REMOVED'
  | 'UNION_MEMBER_REMOVED'
  | 'INTERFACE_REMOVED'
  | 'INPUT_FIELD_REMOVED'
  | 'INPUT_FIELD_TYPE_CHANGED'
  | 'REQUIRED_INPUT_FIELD_ADDED'
  | 'LEVEL_TIGHTENED'
  | 'MASKING_ADDED'
  | 'PROVIDER_CHANGED';

export type SafeChangeKind =
  | 'TYPE_ADDED'
  | 'FIELD_ADDED'
  | 'FIELD_TYPE_STRICTER'
  | 'ARGUMENT_ADDED'
  | 'ARGUMENT_TYPE_LOOSER'
  | 'ENUM_VALUE_ADDED'
  | 'UNION_MEMBER_ADDED'
  | 'INTERFACE_ADDED'
  | 'INPUT_FIELD_ADDED'
  | 'LEVEL_LOOSENED'
  | 'MASKING_REMOVED'
  | 'PROVIDER_MOVED'
  | DeprecationKind;

/** Deprecations: safe, but the step before a removal. */
export type DeprecationKind =
  | 'FIELD_DEPRECATED'
  | 'FIELD_UNDEPRECATED'
  | 'ARGUMENT_DEPRECATED'
  | 'INPUT_FIELD_DEPRECATED'
  | 'ENUM_VALUE_DEPRECATED';

const DEPRECATION_KINDS: ReadonlySet<string> = new Set<DeprecationKind>([
  'FIELD_DEPRECATED', 'FIELD_UNDEPRECATED', 'ARGUMENT_DEPRECATED', 'INPUT_FIELD_DEPRECATED', 'ENUM_VALUE_DEPRECATED',
]);

/** Whether a change (of this kind) deprecates something, or withdraws a deprecation. */
export function isDeprecation(change: { kind: string }): boolean {
  return DEPRECATION_KINDS.has(change.kind);
}

export interface SchemaChange {
  kind: BreakingChangeKind | SafeChangeKind;
  /** `Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE`. */
  coordinate: string;
  breaking: boolean;
  description: string;
}

/** The API schema (what clients may query) and the sharing catalogue of a supergraph. */
export interface SupergraphView {
  api: GraphQLSchema;
  catalogue: SharingCatalogue;
}

export function viewSupergraph(supergraphSdl: string): SupergraphView {
  return {
    api: Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema(),
    catalogue: readSharingCatalogue(parse(supergraphSdl)),
  };
}

/** Every change from `before` to `after`, breaking ones first, each group in coordinate order. */
export function diffSupergraphs(before: SupergraphView, after: SupergraphView): SchemaChange[] {
  const changes: SchemaChange[] = [...diffTypes(before.api, after.api), ...diffLevels(before.catalogue, after.catalogue)];
  return changes.sort((a, b) => Number(b.breaking) - Number(a.breaking) || a.coordinate.localeCompare(b.coordinate) || a.kind.localeCompare(b.kind));
}

const breaking = (kind: BreakingChangeKind, coordinate: string, description: string): SchemaChange => ({ kind, coordinate, breaking: true, description });
const safe = (kind: SafeChangeKind, coordinate: string, description: string): SchemaChange => ({ kind, coordinate, breaking: false, description });

function userTypes(schema: GraphQLSchema): Map<string, GraphQLNamedType> {
  return new Map(Object.entries(schema.getTypeMap()).filter(([name]) => !name.startsWith('__')));
}

function diffTypes(oldSchema: GraphQLSchema, newSchema: GraphQLSchema): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const oldTypes = userTypes(oldSchema);
  const newTypes = userTypes(newSchema);
  for (const [name, oldType] of oldTypes) {
    const newType = newTypes.get(name);
    if (!newType) {
      changes.push(breaking('TYPE_REMOVED', name, `${kindOf(oldType)} ${name} was removed`));
    } else if (kindOf(oldType) !== kindOf(newType)) {
      changes.push(breaking('TYPE_KIND_CHANGED', name, `${name} changed from ${kindOf(oldType)} to ${kindOf(newType)}`));
    } else {
      changes.push(...diffType(oldType, newType));
    }
  }
  for (const [name, newType] of newTypes) {
    if (!oldTypes.has(name)) changes.push(safe('TYPE_ADDED', name, `${kindOf(newType)} ${name} was added`));
  }
  return changes;
}

function kindOf(type: GraphQLNamedType): string {
  if (isObjectType(type)) return 'object type';
  if (isInterfaceType(type)) return 'interface';
  if (isUnionType(type)) return 'union';
  if (isEnumType(type)) return 'enum';
  if (isInputObjectType(type)) return 'input type';
  if (isScalarType(type)) return 'scalar';
  return 'type';
}

function diffType(oldType: GraphQLNamedType, newType: GraphQLNamedType): SchemaChange[] {
  if ((isObjectType(oldType) || isInterfaceType(oldType)) && (isObjectType(newType) || isInterfaceType(newType))) {
    const changes = diffFields(oldType.name, oldType.getFields(), newType.getFields());
    const oldInterfaces = new Set(oldType.getInterfaces().map((i) => i.name));
    const newInterfaces = new Set(newType.getInterfaces().map((i) => i.name));
    for (const name of oldInterfaces) {
      if (!newInterfaces.has(name)) changes.push(breaking('INTERFACE_REMOVED', oldType.name, `${oldType.name} no longer implements ${name}`));
    }
    for (const name of newInterfaces) {
      if (!oldInterfaces.has(name)) changes.push(safe('INTERFACE_ADDED', oldType.name, `${oldType.name} now implements ${name}`));
    }
    return changes;
  }
  if (isEnumType(oldType) && isEnumType(newType)) {
    const oldValues = new Map(oldType.getValues().map((v) => [v.name, v]));
    const newValues = new Map(newType.getValues().map((v) => [v.name, v]));
    return [
      ...[...oldValues.keys()].filter((v) => !newValues.has(v)).map((v) => breaking('ENUM_VALUE_REMOVED', `${oldType.name}.${v}`, `${v} was removed from enum ${oldType.name}`)),
      ...[...newValues.keys()].filter((v) => !oldValues.has(v)).map((v) => safe('ENUM_VALUE_ADDED', `${oldType.name}.${v}`, `${v} was added to enum ${oldType.name}`)),
      ...[...newValues.values()]
        .filter((v) => oldValues.has(v.name) && v.deprecationReason != null && oldValues.get(v.name)!.deprecationReason == null)
        .map((v) => safe('ENUM_VALUE_DEPRECATED', `${oldType.name}.${v.name}`, `${v.name} of enum ${oldType.name} was deprecated: ${v.deprecationReason}`)),
    ];
  }
  if (isUnionType(oldType) && isUnionType(newType)) {
    const oldMembers = new Set(oldType.getTypes().map((t) => t.name));
    const newMembers = new Set(newType.getTypes().map((t) => t.name));
    return [
      ...[...oldMembers].filter((m) => !newMembers.has(m)).map((m) => breaking('UNION_MEMBER_REMOVED', oldType.name, `${m} was removed from union ${oldType.name}`)),
      ...[...newMembers].filter((m) => !oldMembers.has(m)).map((m) => safe('UNION_MEMBER_ADDED', oldType.name, `${m} was added to union ${oldType.name}`)),
    ];
  }
  if (isInputObjectType(oldType) && isInputObjectType(newType)) {
    return diffInputFields(oldType.name, oldType.getFields(), newType.getFields());
  }
  return [];
}

function diffFields(
  typeName: string,
  oldFields: Record<string, GraphQLField<unknown, unknown>>,
  newFields: Record<string, GraphQLField<unknown, unknown>>,
): SchemaChange[] {
  const changes: SchemaChange[] = [];
  for (const [name, oldField] of Object.entries(oldFields)) {
    const coordinate = `${typeName}.${name}`;
    const newField = newFields[name];
    if (!newField) {
      changes.push(breaking('FIELD_REMOVED', coordinate, `${coordinate} was removed`));
      continue;
    }
    if (String(oldField.type) !== String(newField.type)) {
      changes.push(
        isSafeOutputChange(oldField.type, newField.type)
          ? safe('FIELD_TYPE_STRICTER', coordinate, `${coordinate} changed type from ${oldField.type} to ${newField.type}`)
          : breaking('FIELD_TYPE_CHANGED', coordinate, `${coordinate} changed type from ${oldField.type} to ${newField.type}`),
      );
    }
    changes.push(...deprecationChange('FIELD', coordinate, oldField.deprecationReason, newField.deprecationReason));
    changes.push(...diffArguments(coordinate, oldField.args, newField.args));
  }
  for (const name of Object.keys(newFields)) {
    if (!oldFields[name]) changes.push(safe('FIELD_ADDED', `${typeName}.${name}`, `${typeName}.${name} was added`));
  }
  return changes;
}

function diffArguments(field: string, oldArgs: readonly GraphQLArgument[], newArgs: readonly GraphQLArgument[]): SchemaChange[] {
  const changes: SchemaChange[] = [];
  for (const oldArg of oldArgs) {
    const coordinate = `${field}(${oldArg.name}:)`;
    const newArg = newArgs.find((a) => a.name === oldArg.name);
    if (!newArg) changes.push(breaking('ARGUMENT_REMOVED', coordinate, `argument ${oldArg.name} of ${field} was removed`));
    else {
      if (String(oldArg.type) !== String(newArg.type)) {
        const description = `argument ${oldArg.name} of ${field} changed type from ${oldArg.type} to ${newArg.type}`;
        changes.push(isSafeInputChange(oldArg.type, newArg.type) ? safe('ARGUMENT_TYPE_LOOSER', coordinate, description) : breaking('ARGUMENT_TYPE_CHANGED', coordinate, description));
      }
      changes.push(...deprecationChange('ARGUMENT', coordinate, oldArg.deprecationReason, newArg.deprecationReason, `argument ${oldArg.name} of ${field}`));
    }
  }
  for (const newArg of newArgs) {
    if (oldArgs.some((a) => a.name === newArg.name)) continue;
    const coordinate = `${field}(${newArg.name}:)`;
    changes.push(
      isNonNullType(newArg.type) && newArg.defaultValue === undefined
        ? breaking('REQUIRED_ARGUMENT_ADDED', coordinate, `required argument ${newArg.name}: ${newArg.type} was added to ${field}`)
        : safe('ARGUMENT_ADDED', coordinate, `optional argument ${newArg.name}: ${newArg.type} was added to ${field}`),
    );
  }
  return changes;
}

function diffInputFields(typeName: string, oldFields: Record<string, GraphQLInputField>, newFields: Record<string, GraphQLInputField>): SchemaChange[] {
  const changes: SchemaChange[] = [];
  for (const [name, oldField] of Object.entries(oldFields)) {
    const coordinate = `${typeName}.${name}`;
    const newField = newFields[name];
    if (!newField) changes.push(breaking('INPUT_FIELD_REMOVED', coordinate, `input field ${coordinate} was removed`));
    else {
      if (String(oldField.type) !== String(newField.type) && !isSafeInputChange(oldField.type, newField.type)) {
        changes.push(breaking('INPUT_FIELD_TYPE_CHANGED', coordinate, `input field ${coordinate} changed type from ${oldField.type} to ${newField.type}`));
      }
      changes.push(...deprecationChange('INPUT_FIELD', coordinate, oldField.deprecationReason, newField.deprecationReason, `input field ${coordinate}`));
    }
  }
  for (const [name, newField] of Object.entries(newFields)) {
    if (oldFields[name]) continue;
    const coordinate = `${typeName}.${name}`;
    changes.push(
      isNonNullType(newField.type) && newField.defaultValue === undefined
        ? breaking('REQUIRED_INPUT_FIELD_ADDED', coordinate, `required input field ${coordinate} was added`)
        : safe('INPUT_FIELD_ADDED', coordinate, `optional input field ${coordinate} was added`),
    );
  }
  return changes;
}

/** A deprecation added (or, for a field, withdrawn) between two versions of one schema element. */
function deprecationChange(
  element: 'FIELD' | 'ARGUMENT' | 'INPUT_FIELD',
  coordinate: string,
  before: string | null | undefined,
  after: string | null | undefined,
  words = coordinate,
): SchemaChange[] {
  if (before == null && after != null) return [safe(`${element}_DEPRECATED`, coordinate, `${words} was deprecated: ${after}`)];
  if (element === 'FIELD' && before != null && after == null) return [safe('FIELD_UNDEPRECATED', coordinate, `${words} is no longer deprecated`)];
  return [];
}

/** An output may become stricter (nullable -> non-null), never looser or another type. */
function isSafeOutputChange(oldType: GraphQLType, newType: GraphQLType): boolean {
  if (isListType(oldType)) {
    return (isListType(newType) && isSafeOutputChange(oldType.ofType, newType.ofType)) || (isNonNullType(newType) && isSafeOutputChange(oldType, newType.ofType));
  }
  if (isNonNullType(oldType)) return isNonNullType(newType) && isSafeOutputChange(oldType.ofType, newType.ofType);
  return (!isListType(newType) && !isNonNullType(newType) && newType.name === oldType.name) || (isNonNullType(newType) && isSafeOutputChange(oldType, newType.ofType));
}

/** An input may become looser (non-null -> nullable), never stricter or another type. */
function isSafeInputChange(oldType: GraphQLType, newType: GraphQLType): boolean {
  if (isListType(oldType)) return isListType(newType) && isSafeInputChange(oldType.ofType, newType.ofType);
  if (isNonNullType(oldType)) {
    return (isNonNullType(newType) && isSafeInputChange(oldType.ofType, newType.ofType)) || (!isNonNullType(newType) && isSafeInputChange(oldType.ofType, newType));
  }
  return !isListType(newType) && !isNonNullType(newType) && newType.name === oldType.name;
}

function diffLevels(before: SharingCatalogue, after: SharingCatalogue): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const rank = (level: string) => SHARE_LEVELS.indexOf(level as (typeof SHARE_LEVELS)[number]);
  for (const [item, old] of before.items) {
    const next = after.items.get(item);
    if (!next) continue; // a removed field is reported as FIELD_REMOVED
    if (rank(next.level) > rank(old.level)) {
      changes.push(breaking('LEVEL_TIGHTENED', item, `${item} level tightened from ${old.level} to ${next.level}`));
    } else if (rank(next.level) < rank(old.level)) {
      changes.push(safe('LEVEL_LOOSENED', item, `${item} level loosened from ${old.level} to ${next.level}`));
    }
    if (!old.sensitive && next.sensitive) changes.push(breaking('MASKING_ADDED', item, `${item} is now sensitive: served masked without an agreement granting it raw`));
    if (old.sensitive && !next.sensitive) changes.push(safe('MASKING_REMOVED', item, `${item} is no longer sensitive (served raw)`));
    if (old.provider !== next.provider) {
      const moved = `${item} moved from provider ${old.provider ?? '(none)'} to ${next.provider ?? '(none)'}`;
      changes.push(
        old.level === 'UNCONDITIONAL'
          ? safe('PROVIDER_MOVED', item, moved)
          : breaking('PROVIDER_CHANGED', item, `${moved}: agreements with ${old.provider ?? 'the old provider'} no longer grant it`),
      );
    }
  }
  return changes;
}
