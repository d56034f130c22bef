/**
 * The sharing decision walk is linear in the document, whatever its fragments expand to: generated fragment graphs
 * (fast-check: layers of fragments each spreading several of the next, inline fragments, denied and allowed fields)
 * are walked visiting each selection of the document at most once, and a fragment spread many times at one level
 * denies its field at one path. The admission's measure refuses their expansion, counted without expanding.
 */
import fc from 'fast-check';
import { Kind, buildSchema, getOperationAST, parse, visit, type DocumentNode, type SelectionSetNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { measureDocument } from '../../gateway/admit/measureDocument.ts';
import { decideOperation } from '../../gateway/decide/operationDecisions.ts';
import type { Decision } from '../../sharing/index.ts';

const schema = buildSchema(`
  type Query { person: Person }
  type Person { name: String secret: String friend: Person }
`);
const decideField = (type: string, field: string): Decision =>
  field === 'secret'
    ? { effect: 'deny', item: `${type}.${field}`, level: 'CONDITIONAL', provider: 'p', reason: 'no', remedy: 'apply' }
    : { effect: 'allow', item: `${type}.${field}`, level: 'UNCONDITIONAL', provider: 'p', masked: false, basis: 'unconditional', agreementId: null };

/** Layers of fragments; each fragment selects fields, maybe a nested friend, and spreads some of the next layer. */
const graphs = fc
  .record({
    layers: fc.integer({ min: 1, max: 12 }),
    width: fc.integer({ min: 1, max: 5 }),
    spreads: fc.integer({ min: 1, max: 5 }),
    nested: fc.boolean(),
    inline: fc.boolean(),
  })
  .map(({ layers, width, spreads, nested, inline }) => {
    const name = (layer: number, i: number) => `F${layer}_${i}`;
    const fragments: string[] = [];
    for (let layer = 0; layer < layers; layer++) {
      for (let i = 0; i < width; i++) {
        const next = layer === layers - 1 ? '' : Array.from({ length: spreads }, (_, j) => `...${name(layer + 1, (i + j) % width)}`).join(' ');
        const body = `name secret ${nested ? `friend { ${next || 'name'} }` : next}`;
        fragments.push(`fragment ${name(layer, i)} on Person { ${inline ? `... on Person { ${body} }` : body} }`);
      }
    }
    return `{ person { ${Array.from({ length: width }, (_, i) => `...${name(0, i)}`).join(' ')} } } ${fragments.join(' ')}`;
  });

function selections(document: ReturnType<typeof parse>): number {
  let count = 0;
  visit(document, {
    Field: () => void count++,
    InlineFragment: () => void count++,
    FragmentSpread: () => void count++,
  });
  return count;
}

/** The fields an executor would see, counted by recursion over the fragments (memoized): the oracle of the measure. */
function expandedFields(document: DocumentNode): number {
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d.selectionSet] as const] : [])));
  const memo = new Map<string, number>();
  const count = (set: SelectionSetNode): number =>
    set.selections.reduce((total, selection) => {
      if (selection.kind === Kind.FIELD) return total + 1 + (selection.selectionSet ? count(selection.selectionSet) : 0);
      if (selection.kind === Kind.INLINE_FRAGMENT) return total + count(selection.selectionSet);
      const name = selection.name.value;
      if (!memo.has(name)) memo.set(name, count(fragments.get(name)!));
      return total + memo.get(name)!;
    }, 0);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION)!;
  return count((operation as { selectionSet: SelectionSetNode }).selectionSet);
}

describe('the decision walk over generated fragment graphs', () => {
  it('visits each selection of the document at most once, however far the fragments expand', () => {
    fc.assert(
      fc.property(graphs, (text) => {
        const document = parse(text);
        const decisions = decideOperation({ schema, document, operation: getOperationAST(document)!, variables: {}, decideField });
        expect(decisions.visited).toBeLessThanOrEqual(selections(document));
        // Every denied path is a distinct response path, and `secret` is denied wherever it is reached.
        const paths = decisions.deniedPaths.map((d) => d.path.join('.'));
        expect(new Set(paths).size).toBe(paths.length);
        expect(paths.every((path) => path.endsWith('secret'))).toBe(true);
        expect(paths).toContain('person.secret');
      }),
      { seed: 15_2 },
    );
  });

  it('is measured for admission in one pass, its expansion counted exactly without expanding it', () => {
    fc.assert(
      fc.property(graphs, (text) => {
        const document = parse(text);
        const measured = [...measureDocument(document).operations.values()][0]!;
        expect(measured.fields).toBe(Math.min(1e12, expandedFields(document)));
      }),
      { seed: 15_3 },
    );
  });

  it('counts a doubling chain of 40 fragments as 2^40 fields', () => {
    const fragments = Array.from({ length: 40 }, (_, i) => (i === 39 ? `fragment F${i} on Person { name }` : `fragment F${i} on Person { ...F${i + 1} ...F${i + 1} }`));
    const document = parse(`{ person { ...F0 } } ${fragments.join(' ')}`);
    expect([...measureDocument(document).operations.values()][0]!.fields).toBe(1 + 2 ** 39);
    const decisions = decideOperation({ schema, document, operation: getOperationAST(document)!, variables: {}, decideField });
    expect(decisions.visited).toBeLessThanOrEqual(1 + 1 + 2 * 39 + 1);
  });
});
