/**
 * The parts import one another in one direction: no cycle between the gateway's folders (identify, admit, decide,
 * fetch, shape, record, …), whether at run time or through types once the serving shell's shared types (context.ts,
 * options.ts) are set aside; and between the top-level folders none but the one known. Read from the sources'
 * relative import and export specifiers (madge is not installed here; this is the same graph, by folder).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SKIPPED = new Set(['node_modules', 'dist', 'client', '__generated__']);
const TOP = ['gateway', 'platform', 'sharing', 'subgraphs', 'http', 'observability', 'schema'];
const RUNTIME = /(?:^|[;\s])(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;
const ANY = /(?:^|[;\s])(?:import|export)\s+(?:[^'";]*?\sfrom\s+)?['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function sources(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    if (SKIPPED.has(name)) return [];
    const path = join(directory, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Part -> parts it imports, with one import that shows each edge; `partOf` null leaves a file out. */
function graph(files: string[], specifiers: RegExp, partOf: (file: string) => string | null): Map<string, Map<string, string>> {
  const edges = new Map<string, Map<string, string>>();
  for (const file of files) {
    const from = partOf(file);
    if (!from) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(specifiers)) {
      const target = resolve(dirname(file), match[1] ?? match[2]!);
      const to = partOf(target);
      if (!to || to === from) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      if (!edges.get(from)!.has(to)) edges.get(from)!.set(to, `${relative(root, file)} -> ${relative(root, target)}`);
    }
  }
  return edges;
}

/** The cycles (strongly connected parts, Tarjan), each sorted, with the imports that close them. */
function cycles(edges: Map<string, Map<string, string>>): { parts: string[]; imports: string[] }[] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (part: string) => {
    index.set(part, next);
    low.set(part, next++);
    stack.push(part);
    for (const to of edges.get(part)?.keys() ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(part, Math.min(low.get(part)!, low.get(to)!));
      } else if (stack.includes(to)) low.set(part, Math.min(low.get(part)!, index.get(to)!));
    }
    if (low.get(part) !== index.get(part)) return;
    const component: string[] = [];
    let member: string;
    do component.push((member = stack.pop()!));
    while (member !== part);
    if (component.length > 1) found.push(component.sort());
  };
  for (const part of edges.keys()) if (!index.has(part)) visit(part);
  return found.map((parts) => ({
    parts,
    imports: parts.flatMap((from) => [...(edges.get(from) ?? [])].filter(([to]) => parts.includes(to)).map(([, why]) => why)).sort(),
  }));
}

const files = TOP.flatMap((folder) => sources(join(root, folder)));
const path = (file: string) => relative(root, file).split('/');
/** A gateway folder, or one of the serving shell's files at the gateway's top. */
const gatewayPart = (file: string) => (path(file)[0] === 'gateway' ? path(file).slice(0, 2).join('/') : null);

describe('imports', () => {
  it('form no cycle between the gateway folders and files at run time', () => {
    expect(cycles(graph(files, RUNTIME, gatewayPart))).toEqual([]);
  });

  it('form no cycle between the gateway folders through types either, the shell files (their shared types) aside', () => {
    const folder = (file: string) => (path(file)[0] === 'gateway' && path(file).length > 2 ? path(file).slice(0, 2).join('/') : null);
    expect(cycles(graph(files, ANY, folder))).toEqual([]);
  });

  it('form no cycle between the top-level folders at run time (the sharing spec lives in sharing/, not schema/)', () => {
    const top = (file: string) => (TOP.includes(path(file)[0]!) ? path(file)[0]! : null);
    expect(cycles(graph(files, RUNTIME, top))).toEqual([]);
  });
});
