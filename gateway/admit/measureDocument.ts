/**
 * Measures a parsed document before it is validated: for each operation, with its fragments expanded, the depth,
 * the aliased fields, the root fields and the directives; and whether its fragments spread each other in a cycle.
 * Linear in the document: each definition is walked once, without recursion (a stack), and a fragment's figures
 * are computed once and reused at every spread, so a "fragment bomb" (fragments spreading each other many times
 * over) costs no more to measure than to read, while its expanded counts grow as the executor would see them.
 */
import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

export interface OperationMeasure {
  /** Field selections with every fragment expanded at every spread: what validation, planning and execution walk. */
  fields: number;
  depth: number;
  aliases: number;
  rootFields: number;
  directives: number;
  /** Introspection lists (`fields`, `types`, `args`…) nested in one another, the multiplier of an introspection bomb. */
  introspectionLists: number;
}

/** Lists of the introspection types: nesting them through `type` / `ofType` multiplies the answer. */
const INTROSPECTION_LISTS = new Set(['types', 'fields', 'inputFields', 'interfaces', 'possibleTypes', 'enumValues', 'args', 'directives']);

export interface DocumentMeasure {
  /** Per operation name ('' for an anonymous one). */
  operations: Map<string, OperationMeasure>;
  /** Fragment names forming a cycle (`A -> B -> A`), or null. */
  fragmentCycle: string[] | null;
}

interface Spread {
  name: string;
  /** Fields above the spread within its definition. */
  depth: number;
  /** Directly at the definition's top level (counts toward root fields). */
  top: boolean;
  /** Inside `__schema` / `__type`: no depth (introspection is bounded by the schema and by brace nesting). */
  introspection: boolean;
  /** Introspection lists above the spread. */
  lists: number;
}

interface LocalFigures extends OperationMeasure {
  spreads: Spread[];
}

/** Counts saturate here: a fragment bomb's expanded counts need only be "too many". */
const SATURATED = 1e12;
const add = (a: number, b: number) => Math.min(SATURATED, a + b);

export function measureDocument(document: DocumentNode): DocumentMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    else if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition);
  }
  const local = new Map<string, LocalFigures>();
  for (const [name, fragment] of fragments) {
    // A fragment on an introspection type (GraphiQL's FullType, TypeRef) is introspection wherever it is spread.
    const onIntrospection = fragment.typeCondition.name.value.startsWith('__');
    local.set(name, localFigures(fragment.selectionSet, fragment.directives?.length ?? 0, onIntrospection));
  }

  const order = postOrder(fragments, local);
  if ('cycle' in order) return { operations: new Map(), fragmentCycle: order.cycle };
  const expanded = new Map<string, OperationMeasure>();
  for (const name of order.names) expanded.set(name, expand(local.get(name)!, expanded));

  const measured = new Map<string, OperationMeasure>();
  for (const operation of operations) {
    measured.set(operation.name?.value ?? '', expand(localFigures(operation.selectionSet, operation.directives?.length ?? 0, false), expanded));
  }
  return { operations: measured, fragmentCycle: null };
}

function expand(figures: LocalFigures, expanded: Map<string, OperationMeasure>): OperationMeasure {
  const result: OperationMeasure = {
    fields: figures.fields,
    depth: figures.depth,
    aliases: figures.aliases,
    rootFields: figures.rootFields,
    directives: figures.directives,
    introspectionLists: figures.introspectionLists,
  };
  for (const spread of figures.spreads) {
    const fragment = expanded.get(spread.name);
    if (!fragment) continue; // an unknown fragment: validation reports it
    if (!spread.introspection) result.depth = Math.max(result.depth, spread.depth + fragment.depth);
    result.fields = add(result.fields, fragment.fields);
    result.aliases = add(result.aliases, fragment.aliases);
    result.directives = add(result.directives, fragment.directives);
    if (spread.top) result.rootFields = add(result.rootFields, fragment.rootFields);
    result.introspectionLists = Math.max(result.introspectionLists, spread.lists + fragment.introspectionLists);
  }
  return result;
}

/** The figures of one definition's own selections, spreads listed rather than followed. */
function localFigures(selectionSet: SelectionSetNode, ownDirectives: number, inIntrospection: boolean): LocalFigures {
  const figures: LocalFigures = { fields: 0, depth: 0, aliases: 0, rootFields: 0, directives: ownDirectives, introspectionLists: 0, spreads: [] };
  // depth: fields above this selection set; top: the definition's own top level (inline fragments included);
  // introspection: below `__schema` / `__type`, whose depth GraphiQL needs (15) and the schema bounds.
  const stack: { set: SelectionSetNode; depth: number; top: boolean; introspection: boolean; lists: number }[] = [
    { set: selectionSet, depth: 0, top: true, introspection: inIntrospection, lists: 0 },
  ];
  while (stack.length > 0) {
    const { set, depth, top, introspection, lists } = stack.pop()!;
    for (const selection of set.selections) {
      figures.directives += selection.directives?.length ?? 0;
      if (selection.kind === Kind.FIELD) {
        const below = introspection || selection.name.value === '__schema' || selection.name.value === '__type';
        figures.fields++;
        if (!introspection) figures.depth = Math.max(figures.depth, depth + 1);
        if (selection.alias) figures.aliases++;
        if (top) figures.rootFields++;
        const listsBelow = introspection && INTROSPECTION_LISTS.has(selection.name.value) ? lists + 1 : lists;
        figures.introspectionLists = Math.max(figures.introspectionLists, listsBelow);
        if (selection.selectionSet) stack.push({ set: selection.selectionSet, depth: depth + 1, top: false, introspection: below, lists: listsBelow });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        stack.push({ set: selection.selectionSet, depth, top, introspection, lists });
      } else {
        figures.spreads.push({ name: selection.name.value, depth, top, introspection, lists });
      }
    }
  }
  return figures;
}

/** Fragments in an order where every fragment comes after those it spreads, or the first cycle found. */
function postOrder(fragments: Map<string, FragmentDefinitionNode>, local: Map<string, LocalFigures>): { names: string[] } | { cycle: string[] } {
  const state = new Map<string, 'visiting' | 'done'>();
  const names: string[] = [];
  for (const start of fragments.keys()) {
    if (state.has(start)) continue;
    const path: { name: string; next: number }[] = [{ name: start, next: 0 }];
    state.set(start, 'visiting');
    while (path.length > 0) {
      const frame = path.at(-1)!;
      const spreads = local.get(frame.name)!.spreads;
      if (frame.next === spreads.length) {
        state.set(frame.name, 'done');
        names.push(frame.name);
        path.pop();
        continue;
      }
      const target = spreads[frame.next++]!.name;
      if (!fragments.has(target) || state.get(target) === 'done') continue;
      if (state.get(target) === 'visiting') {
        const from = path.findIndex((f) => f.name === target);
        return { cycle: [...path.slice(from).map((f) => f.name), target] };
      }
      state.set(target, 'visiting');
      path.push({ name: target, next: 0 });
    }
  }
  return { names };
}
