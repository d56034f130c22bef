/**
 * graphql-shield rules derived from a department's catalogue: one rule per catalogued item (`Type.field`), an
 * explicit allow for federation's own fields and for entity keys, and `deny` for everything else (shield's default
 * fallback is allow; we never rely on it). A denied field resolves to null with an `UNAUTHORIZED_FIELD_OR_TYPE`
 * error naming the item, its level, its provider and the remedy; graphql-js adds the path.
 *
 * Every item rule also tells the request's collector what it decided (`context.served`, reporting/), once per item
 * per request, so the department's report lists exactly the items it was asked for and what became of them.
 * An entity key is always allowed, and recorded the same way, whether it is one of the department's own items
 * (public security's `Person.idNumber`) or the key of another department's entity it returns as a reference.
 *
 * `__typename` needs no rule: graphql-js answers it without a resolver, so shield never wraps it.
 */
import { GraphQLError, isIntrospectionType, isObjectType, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { allow, deny, rule, shield } from 'graphql-shield';
import type { SharingCatalogue } from '../../../sharing/catalogue.ts';
import type { Decision, GrantClaims } from '../../../sharing/types.ts';
import type { ServedCollector } from '../reporting/servedCollector.ts';
import type { DepartmentDecisions } from './departmentDecisions.ts';

export const UNAUTHORIZED_FIELD_OR_TYPE = 'UNAUTHORIZED_FIELD_OR_TYPE';

/** Fields federation itself needs on every subgraph: entity fetches and the SDL the gateway composes. */
const FEDERATION_FIELDS: Readonly<Record<string, readonly string[]>> = {
  Query: ['_entities', '_service'],
  _Service: ['sdl'],
};

export interface SharingShieldOptions {
  /** The department's built subgraph schema (the rule tree names only its types and fields). Required. */
  schema: GraphQLSchema;
  catalogue: SharingCatalogue;
  decisions: DepartmentDecisions;
}

type GrantContext = { grant?: GrantClaims; served?: ServedCollector };
type FieldRule = typeof allow | ReturnType<ReturnType<typeof rule>>;

export function sharingShield(options: SharingShieldOptions) {
  const { schema, catalogue, decisions } = options;
  const ruleTree: Record<string, Record<string, FieldRule>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    const fields: Record<string, FieldRule> = {};
    for (const field of Object.keys(type.getFields())) {
      if (FEDERATION_FIELDS[type.name]?.includes(field)) fields[field] = allow;
      // Keys travel raw (the gateway joins by them) and are always allowed; each is reported too, the keys of
      // another department's entity included: returning a resident's ID as a reference is serving Person.idNumber.
      else if (catalogue.keys.get(type.name)?.has(field)) fields[field] = itemRule(decisions, type.name, field);
      else if (catalogue.policy(type.name, field)) fields[field] = itemRule(decisions, type.name, field);
      // anything else is left to the fallback rule: deny
    }
    if (Object.keys(fields).length > 0) ruleTree[type.name] = fields;
  }
  return shield(ruleTree, {
    fallbackRule: deny,
    fallbackError: (_error: unknown, _parent: object, _args: object, context: object, info: GraphQLResolveInfo) =>
      denialError(fallbackDecision(decisions, (context as GrantContext).grant, info.parentType.name, info.fieldName)),
    // A department resolver's own error (a bad cursor, a failing store) reaches the caller as it is, instead of
    // being replaced by a misleading "not authorised". Rule errors never get here: shield turns a throwing rule
    // into a denial (fail closed).
    allowExternalErrors: true,
    debug: false,
  });
}

/**
 * The rule of one item. Cache `contextual` is exact here: the rule reads only the request's verified grant (from
 * the context) and its own item, never the parent value or the arguments, so one evaluation per request holds for
 * every occurrence of the item, e.g. for each of 50 entities of one `_entities` call. Shield keys the contextual
 * cache by rule name, so each rule is named after its item: two items never share a cached decision.
 */
function itemRule(decisions: DepartmentDecisions, type: string, field: string) {
  return rule(`share:${type}.${field}`, { cache: 'contextual' })((_parent, _args, context: GrantContext) => {
    const decision = decisions.decide(context.grant, type, field);
    context.served?.decided(decision);
    return decision.effect === 'allow' ? true : denialError(decision);
  });
}

type Denial = Decision & { effect: 'deny' };

function fallbackDecision(decisions: DepartmentDecisions, grant: GrantClaims | undefined, type: string, field: string): Denial {
  const decision = decisions.decide(grant, type, field);
  if (decision.effect === 'deny') return decision;
  // Only reachable when an item's rule failed unexpectedly: deny, and say so.
  return {
    effect: 'deny',
    item: decision.item,
    level: decision.level,
    provider: decision.provider,
    reason: `${decision.item} could not be checked against the sharing rules, so it is withheld.`,
    remedy: 'retry; if it persists, report it to the providing department',
  };
}

export function denialError(decision: Denial): GraphQLError {
  return new GraphQLError(decision.reason, {
    extensions: {
      code: UNAUTHORIZED_FIELD_OR_TYPE,
      item: decision.item,
      level: decision.level,
      provider: decision.provider,
      remedy: decision.remedy,
    },
  });
}
