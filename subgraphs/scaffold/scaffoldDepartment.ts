/**
 * Creates a working department from the kit (`npm run department:new`): schema.graphql with every item
 * described and levelled, resolvers, store, seed, a test, and its generated resolver types; registers it in
 * `subgraphs/added-departments.json` (and codegen.yml) with the next free default port; and checks that the
 * federation still composes with it. Nothing is overwritten: an id already registered or a folder that exists
 * is refused, and so is a port the department could not be reached on (another department's, the gateway's, one
 * something already listens on, or one browsers and `fetch` block). `root` lets a test scaffold into another
 * checkout (a folder with a package.json named govgraph and a subgraphs/ folder); the files then import the kit,
 * the synthetic population and the test harness from this repository when that checkout has none.
 * It writes no supergraph: the department reaches running gateways when it is published (`npm run publish`).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { FETCH_BLOCKED_PORTS, portUnavailable } from '../../http/ports.ts';
import { departments as repositoryDepartments, type RegisteredDepartment } from '../departments.ts';
import { ADDED_DEPARTMENTS_FILE, DEPARTMENT_ID, loadAddedDepartments, nextDefaultPort, readAddedDepartmentEntries } from '../addedDepartments.ts';

const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TEMPLATES = fileURLToPath(new URL('./templates/', import.meta.url));
const RESERVED = new Set(['kit', 'scaffold', 'synthetic', 'platform', 'gateway', 'anonymous']);

export interface ScaffoldOptions {
  /** Kebab-case department id, e.g. `culture-tourism`. Required. */
  id: string;
  /** Checkout to write into (its `subgraphs/`, `test/`, codegen.yml). Default: this repository. */
  root?: string;
  /** Human-readable name. Default: the id in title case (`Culture Tourism`). */
  title?: string;
  /** Default port. Default: the first port above every registered department's that is free and not configured for another. */
  port?: number;
  /** Where the gateway's port (GOVGRAPH_PORT) and departments' configured ports (GOVGRAPH_PORT_<ID>) are read. Default process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface ScaffoldResult {
  id: string;
  title: string;
  defaultPort: number;
  /** The department folder. */
  directory: string;
  /** Every file written, absolute paths. */
  files: string[];
  /** Whether codegen.yml of `root` got the department's entry (false when `root` has none). */
  codegenRegistered: boolean;
  /** The registered departments of `root` afterwards, the new one included (what composition sees). */
  departments: RegisteredDepartment[];
}

export async function scaffoldDepartment(options: ScaffoldOptions): Promise<ScaffoldResult> {
  const { id } = options;
  if (typeof id !== 'string' || !DEPARTMENT_ID.test(id)) {
    throw new Error(`Department id "${id}" is not kebab-case (lowercase letters and digits, words joined by "-", e.g. culture-tourism).`);
  }
  if (RESERVED.has(id)) throw new Error(`"${id}" is reserved; choose another department id.`);
  const root = resolve(options.root ?? REPOSITORY_ROOT);
  checkCheckout(root);
  const subgraphsDir = join(root, 'subgraphs');
  const directory = join(subgraphsDir, id);
  const base = baseDepartments();
  const entries = readAddedDepartmentEntries(subgraphsDir);
  const taken = [...base, ...entries.map((e) => ({ definition: { id: e.id }, defaultPort: e.defaultPort }))];
  if (taken.some((d) => d.definition.id === id)) throw new Error(`Department "${id}" is already registered; choose another id.`);
  if (existsSync(directory)) throw new Error(`${directory} already exists; remove it or choose another id.`);
  const env = options.env ?? process.env;
  const reserved = reservedPorts(taken, env);
  let defaultPort: number;
  if (options.port !== undefined) {
    defaultPort = options.port;
    const problem = await portProblem(defaultPort, taken, reserved, env);
    if (problem) throw new Error(`Port ${defaultPort} ${problem}; pass another --port.`);
  } else {
    defaultPort = nextDefaultPort(taken);
    while ((await portProblem(defaultPort, taken, reserved, env)) !== null) defaultPort++;
  }
  const title = options.title?.trim() || id.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ');
  const pascal = id.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  const camel = pascal[0]!.toLowerCase() + pascal.slice(1);
  const testFile = join(root, 'test', 'departments', `${id}.test.ts`);
  if (existsSync(testFile)) throw new Error(`${testFile} already exists; remove it or choose another id.`);

  const subgraphsFrom = (from: string) => importPath(from, existsSync(join(subgraphsDir, 'kit', 'index.ts')) ? subgraphsDir : join(REPOSITORY_ROOT, 'subgraphs'));
  const harnessDir = existsSync(join(root, 'test', 'harness', 'departments.ts')) ? join(root, 'test', 'harness') : join(REPOSITORY_ROOT, 'test', 'harness');
  const values: Record<string, string> = {
    __ID__: id,
    __TITLE__: title,
    __PASCAL__: pascal,
    __CAMEL__: camel,
    __PREFIX__: id.split('-').map((w) => w[0]!.toUpperCase()).join(''),
  };
  const files: [string, string, Record<string, string>][] = [
    ['schema.graphql.tmpl', join(directory, 'schema.graphql'), {}],
    ['index.ts.tmpl', join(directory, 'index.ts'), { __SUBGRAPHS__: subgraphsFrom(directory) }],
    ['resolvers.ts.tmpl', join(directory, 'resolvers.ts'), { __SUBGRAPHS__: subgraphsFrom(directory) }],
    ['store.ts.tmpl', join(directory, 'store.ts'), { __SUBGRAPHS__: subgraphsFrom(directory) }],
    ['seed.ts.tmpl', join(directory, 'seed.ts'), { __SUBGRAPHS__: subgraphsFrom(directory) }],
    [
      'department.test.ts.tmpl',
      testFile,
      { __SUBGRAPHS__: subgraphsFrom(dirname(testFile)), __HARNESS__: importPath(dirname(testFile), harnessDir), __DEPARTMENT__: importPath(dirname(testFile), directory) },
    ],
  ];
  const written: string[] = [];
  try {
    for (const [template, target, paths] of files) {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, fill(readFileSync(join(TEMPLATES, template), 'utf8'), { ...values, ...paths }), { flag: 'wx' });
      written.push(target);
    }
    await generate(codegenConfig(directory, pascal), true);
    written.push(join(directory, '__generated__', 'resolvers.ts'));
  } catch (error) {
    // Leave nothing half made: the department is either created whole or not at all.
    rmSync(directory, { recursive: true, force: true });
    rmSync(testFile, { force: true });
    throw new Error(`Could not create ${id}: ${error instanceof Error ? error.message : String(error)}`);
  }

  writeFileSync(join(subgraphsDir, ADDED_DEPARTMENTS_FILE), `${JSON.stringify([...entries, { id, defaultPort }], null, 2)}\n`);
  const codegenRegistered = registerInCodegen(root, id, pascal);
  const added = await loadAddedDepartments(subgraphsDir);
  return { id, title, defaultPort, directory, files: written, codegenRegistered, departments: withAdded(base, added) };
}

/** A root must be a checkout: scaffolding into a typo'd path would leave a partial tree nothing loads. */
function checkCheckout(root: string): void {
  if (!existsSync(root)) throw new Error(`${root} does not exist: pass the root of a govgraph checkout (the folder with its package.json).`);
  let name: unknown;
  try {
    name = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name?: unknown }).name;
  } catch {
    name = undefined;
  }
  if (name !== 'govgraph' || !existsSync(join(root, 'subgraphs'))) {
    throw new Error(`${root} is not a govgraph checkout (no package.json named "govgraph" beside a subgraphs/ folder): pass the root of a checkout.`);
  }
}

/** Ports configured for something else: the gateway's, and departments' GOVGRAPH_PORT_<ID> overrides (port -> why). */
function reservedPorts(taken: readonly { definition: { id: string }; defaultPort: number }[], env: NodeJS.ProcessEnv): Map<number, string> {
  const reserved = new Map<number, string>([[Number(env.GOVGRAPH_PORT ?? 4000), "the gateway's port (GOVGRAPH_PORT, default 4000)"]]);
  for (const { definition } of taken) {
    const variable = `GOVGRAPH_PORT_${definition.id.toUpperCase().replaceAll('-', '_')}`;
    if (env[variable]) reserved.set(Number(env[variable]), `the port of ${definition.id} (${variable})`);
  }
  return reserved;
}

/** Why `port` cannot be a department's (completing "Port N …"), or null when it can. */
async function portProblem(
  port: number,
  taken: readonly { definition: { id: string }; defaultPort: number }[],
  reserved: ReadonlyMap<number, string>,
  env: NodeJS.ProcessEnv,
): Promise<string | null> {
  if (!Number.isInteger(port) || port < 1 || port > 65535) return 'is not a port number';
  const clash = taken.find((d) => d.defaultPort === port);
  if (clash) return `is the default port of ${clash.definition.id}`;
  const why = reserved.get(port);
  if (why) return `is ${why}`;
  if (FETCH_BLOCKED_PORTS.has(port)) return "is on the Fetch standard's list of blocked ports: browsers and Node's fetch refuse it";
  const unavailable = await portUnavailable(port, env.GOVGRAPH_HOST ?? '127.0.0.1');
  return unavailable ? `is not free: ${unavailable}` : null;
}

/** This repository's departments without its added ones: the base every root's added departments join. */
function baseDepartments(): RegisteredDepartment[] {
  const repositoryAdded = new Set(readAddedDepartmentEntries(join(REPOSITORY_ROOT, 'subgraphs')).map((e) => e.id));
  return repositoryDepartments.filter((d) => !repositoryAdded.has(d.definition.id));
}

/** Added departments start after the built-in ones and before the platform, as in departments.ts. */
export function withAdded(base: readonly RegisteredDepartment[], added: readonly RegisteredDepartment[]): RegisteredDepartment[] {
  const platform = base.filter((d) => d.definition.id === 'platform');
  return [...base.filter((d) => d.definition.id !== 'platform'), ...added, ...platform];
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/__[A-Z]+__/g, (placeholder) => {
    const value = values[placeholder];
    if (value === undefined) throw new Error(`Template placeholder ${placeholder} has no value.`);
    return value;
  });
}

/** A relative import specifier from folder `from` to `to` (`..`, `../../subgraphs`), always starting with `.`. */
function importPath(from: string, to: string): string {
  const path = relative(from, to).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

/** The same entry codegen.yml holds for each department, for this department alone (plugins resolved from this repository). */
function codegenConfig(directory: string, pascal: string) {
  return {
    cwd: REPOSITORY_ROOT,
    overwrite: true,
    silent: true,
    config: { useTypeImports: true, enumsAsTypes: true, scalars: { ResidentId: 'string', CreditCode: 'string' } },
    generates: {
      [join(directory, '__generated__', 'resolvers.ts')]: {
        schema: [join(REPOSITORY_ROOT, 'schema', 'sharing', 'share.graphql'), join(directory, 'schema.graphql')],
        plugins: ['typescript', 'typescript-resolvers'],
        config: {
          federation: true,
          contextType: '../store.ts#Context',
          mappers: { Person: '../store.ts#PersonReference', [`${pascal}Record`]: '../store.ts#RecordRow' },
        },
      },
    },
  };
}

/** Appends the department's entry to `root`'s codegen.yml, whose last top-level key is `generates:`. */
function registerInCodegen(root: string, id: string, pascal: string): boolean {
  const file = join(root, 'codegen.yml');
  if (!existsSync(file)) return false;
  const text = readFileSync(file, 'utf8');
  const topLevelKeys = [...text.matchAll(/^([A-Za-z_]+):/gm)].map((m) => m[1]);
  if (topLevelKeys.at(-1) !== 'generates') {
    throw new Error(`${file}: expected \`generates:\` as its last top-level key to append ${id}'s entry; add it by hand (see README).`);
  }
  const entry = [
    `  subgraphs/${id}/__generated__/resolvers.ts:`,
    `    schema: [sharing/spec/share.graphql, subgraphs/${id}/schema.graphql]`,
    `    plugins: [typescript, typescript-resolvers]`,
    `    config:`,
    `      federation: true`,
    `      contextType: ../store.ts#Context`,
    `      mappers:`,
    `        Person: ../store.ts#PersonReference`,
    `        ${pascal}Record: ../store.ts#RecordRow`,
  ].join('\n');
  writeFileSync(file, `${text.endsWith('\n') ? text : `${text}\n`}${entry}\n`);
  return true;
}
