/**
 * The saved examples: each `*.graphql` file of the examples folder (the canonical operations by default) as a
 * GraphiQL tab, with the variables it opens with. Read once when the gateway starts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse } from 'graphql';
import type { ExampleView } from './views.ts';

export function readExamples(dir: string, variablesByOperation: Record<string, Record<string, unknown>>): ExampleView[] {
  const files = readdirSync(dir).filter((name) => name.endsWith('.graphql')).sort();
  return files.map((name) => {
    const query = readFileSync(join(dir, name), 'utf8');
    const operation = parse(query).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    if (!operation?.name) throw new Error(`Example ${join(dir, name)} must hold one named operation.`);
    const given = variablesByOperation[operation.name.value] ?? {};
    const variables = Object.fromEntries(
      (operation.variableDefinitions ?? []).map((v) => [v.variable.name.value, given[v.variable.name.value] ?? null]),
    );
    return { name: operation.name.value, query, variables: JSON.stringify(variables, null, 2) };
  });
}
