/**
 * `npm run bench:shaping -- [--entities 100] [--iterations 2000]`
 *
 * The three ways of shaping an answer for its caller, measured on one answer in one process (docs/PERFORMANCE.md,
 * "One pass over each answer"): LegalRepresentatives as tax under property-tax-assessment (each legal
 * representative's resident ID masked, marital status denied: one denial per entity) over the API schema, with the
 * data the planner returns for the rewritten document.
 *   - re-execution: graphql-js executing the caller's document over the data, a field resolver denying and masking
 *     (the gateway's former shaping, test/harness/referenceShaper.ts);
 *   - graphql-jit: the same document compiled once per decision by graphql-jit, with the same resolvers;
 *   - plan: gateway/shape/shapeResponse.ts, the plan compiled once per decision, one walk over the answer.
 * Each is checked to give the same answer first; then timed in alternating rounds, after a warm-up. Prints µs per
 * answer and the ratios to re-execution, and writes bench/results/shaping-<ISO>.json with the load average.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { buildSchema, executeSync, getNamedType, getNullableType, getOperationAST, isEnumType, isListType, isObjectType, parse, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { decideOperation, type OperationDecisions } from '../gateway/decide/operationDecisions.ts';
import { denialError } from '../gateway/decide/operationDecisions.ts';
import { shapeResponse } from '../gateway/shape/shapeResponse.ts';
import type { Decision } from '../sharing/index.ts';
import { consumerMaskingKey, maskValue } from '../sharing/masking.ts';
import { referenceShape } from '../test/harness/referenceShaper.ts';
import { describeEnvironment } from './environment.ts';

const { values } = parseArgs({ options: { entities: { type: 'string' }, iterations: { type: 'string' } } });
const entities = Number(values.entities ?? 100);
const iterations = Number(values.iterations ?? 2_000);

const schema = buildSchema(readFileSync(new URL('../schema/api.graphql', import.meta.url), 'utf8'));
const document = parse(readFileSync(new URL('../schema/operations/LegalRepresentatives.graphql', import.meta.url), 'utf8'));
const variables = { first: entities };
const MASKED = new Set(['Person.idNumber']);
const maskingKey = consumerMaskingKey(Buffer.alloc(32, 1), 'tax');
const environment = describeEnvironment();
const loadAtStart = loadavg();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const CASES = [
  { name: 'masked and denied', denied: new Set(['Person.maritalStatus']) },
  { name: 'masked only', denied: new Set<string>() },
];
const results: Record<string, unknown>[] = [];
console.log(`Shaping LegalRepresentatives (first: ${entities}), ${iterations} answers each way, load ${loadAtStart[0]!.toFixed(1)}:\n`);
console.log('| case | way | µs per answer (median of 5 rounds) | re-execution / way | compile once per decision, µs |');
console.log('|---|---|--:|--:|--:|');
for (const { name: caseName, denied } of CASES) {
  const decideField = (type: string, field: string): Decision => {
    const item = `${type}.${field}`;
    if (denied.has(item)) {
      return { effect: 'deny', item, level: 'CONDITIONAL', provider: 'civil-affairs', reason: `${item} is CONDITIONAL`, remedy: 'apply to civil-affairs' };
    }
    return { effect: 'allow', item, level: 'UNCONDITIONAL', provider: 'market-regulation', masked: MASKED.has(item), basis: 'unconditional', agreementId: null };
  };
  const decide = () => decideOperation({ schema, document, operation: getOperationAST(document)!, variables, decideField });
  const decisions = decide();
  const data = plannerAnswer(decisions);
  // graphql-jit: a schema whose every field resolves as the decisions say, compiled once.
  const compiled = compileQuery(withDecisionResolvers(decisions, maskingKey), document, undefined);
  if (!isCompiledQuery(compiled)) throw new Error(`graphql-jit could not compile the operation: ${JSON.stringify(compiled.errors)}`);
  const input = { schema, document, operationName: undefined, variables, decisions, maskingKey };
  const ways: Record<string, () => unknown> = {
    're-execution': () => referenceShape({ ...input, data }),
    // As the former shaping did, no stack traces for the thrown denials (they would cost more than the shaping).
    'graphql-jit': () => {
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 0;
      try {
        return compiled.query(data, {}, variables);
      } finally {
        Error.stackTraceLimit = limit;
      }
    },
    plan: () => shapeResponse({ ...input, data }),
  };
  const expected = JSON.stringify(normalise(ways['re-execution']!()));
  for (const [name, way] of Object.entries(ways)) {
    const answer = JSON.stringify(normalise(way()));
    if (answer !== expected) {
      const at = [...answer].findIndex((c, i) => c !== expected[i]);
      throw new Error(`${name} answers differently at ${at}:\n${answer.slice(Math.max(0, at - 200), at + 200)}\nexpected\n${expected.slice(Math.max(0, at - 200), at + 200)}`);
    }
  }
  const timings: Record<string, number[]> = Object.fromEntries(Object.keys(ways).map((name) => [name, []]));
  for (const way of Object.values(ways)) for (let i = 0; i < 200; i++) way(); // warm-up
  for (let round = 0; round < 5; round++) {
    for (const [name, way] of Object.entries(ways)) {
      const started = process.hrtime.bigint();
      for (let i = 0; i < iterations / 5; i++) way();
      timings[name]!.push(Number(process.hrtime.bigint() - started) / 1000 / (iterations / 5));
    }
  }
  const time = (f: () => unknown) => {
    const started = process.hrtime.bigint();
    for (let i = 0; i < 20; i++) f();
    return Number(process.hrtime.bigint() - started) / 1000 / 20;
  };
  const compile: Record<string, number> = {
    're-execution': 0,
    'graphql-jit': time(() => compileQuery(withDecisionResolvers(decisions, maskingKey), document, undefined)),
    // The plan is built as the first answer walks it: a fresh decision's first answer, less a later answer.
    plan: Math.max(0, time(() => shapeResponse({ ...input, decisions: decide(), data })) - time(decide) - median(timings.plan!)),
  };
  const base = median(timings['re-execution']!);
  for (const name of Object.keys(ways)) {
    console.log(`| ${caseName} | ${name} | ${median(timings[name]!).toFixed(0)} | ${(base / median(timings[name]!)).toFixed(2)}x | ${compile[name]!.toFixed(0)} |`);
  }
  results.push({ case: caseName, denied: [...denied], masked: [...MASKED], microsecondsPerAnswer: timings, compileMicroseconds: compile });
}

const resultsDir = new URL('./results/', import.meta.url);
mkdirSync(resultsDir, { recursive: true });
const file = new URL(`shaping-${new Date().toISOString().replaceAll(':', '-')}.json`, resultsDir);
writeFileSync(
  file,
  JSON.stringify({ command: ['npm run bench:shaping --', ...process.argv.slice(2)].join(' '), environment, loadAverage: { atStart: loadAtStart, atEnd: loadavg() }, entities, iterations, results }, null, 2) + '\n',
);
console.log(`\nResults: ${file.pathname}`);

/** The planner's answer to the rewritten document: a value for every field, resident IDs of 18 digits. */
function plannerAnswer(decisions: OperationDecisions): Record<string, unknown> {
  let counter = 0;
  return executeSync({
    schema,
    document: decisions.document,
    variableValues: variables,
    rootValue: {},
    fieldResolver: (_source, _args, _context, info) => {
      const type = getNullableType(info.returnType);
      if (isListType(type)) return Array.from({ length: entities }, () => ({}));
      if (isObjectType(type)) return {};
      counter++;
      if (info.fieldName === 'idNumber') return `1101011990${String(counter).padStart(7, '0')}X`;
      if (info.fieldName === 'creditCode') return `91110000${String(counter).padStart(10, '0')}`;
      const named = getNamedType(type);
      if (isEnumType(named)) return named.getValues()[counter % named.getValues().length]!.value;
      return named.name === 'Int' ? counter : named.name === 'Float' ? counter / 4 : named.name === 'Boolean' ? counter % 2 === 0 : `value ${counter}`;
    },
  }).data as Record<string, unknown>;
}

/** Data and errors as they would be sent (errors as JSON), for comparing the three. */
function normalise(result: unknown): unknown {
  const { data, errors } = JSON.parse(JSON.stringify(result)) as { data: unknown; errors?: unknown[] };
  return errors && errors.length > 0 ? { data, errors } : { data };
}

/** A copy of the schema whose fields deny, mask and read their response key as the decisions say. */
function withDecisionResolvers(ops: OperationDecisions, key: Buffer): GraphQLSchema {
  const copy = buildSchema(readFileSync(new URL('../schema/api.graphql', import.meta.url), 'utf8'));
  for (const type of Object.values(copy.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const decision = ops.decide(type.name, field.name);
      const resolve: GraphQLFieldResolver<Record<string, unknown>, unknown> =
        decision.effect === 'deny'
          ? () => {
              throw denialError(decision);
            }
          : decision.masked
            ? (source, _args, _context, info) => maskValue(source[info.path.key as string], key)
            : (source, _args, _context, info) => source[info.path.key as string];
      field.resolve = resolve;
    }
  }
  return copy;
}
