/**
 * Where a gateway's CPU time goes, from a V8 `.cpuprofile`: each sample is charged to one category, the one of
 * the innermost frame on its stack that belongs to a known part (so graphql-js's executor called by the response
 * shaping counts as shaping, called by @apollo/gateway's result merging as merging, and undici under the
 * fetcher as HTTP), plus the functions with the most self time. Categories, innermost match first:
 *   gc, idle, token (JWT sign/verify, jose, caller verification, grant issuing), audit (entry, trail, SQLite),
 *   shaping (gateway/shape/shapeResponse), rewrite (the document rewrite), decision (decide, operation
 *   decisions, sharing plugin, catalogue), planning (@apollo/query-planner, federation-internals), merging
 *   (@apollo/gateway executing a plan and merging results), http (undici, node:http/net, the subgraph client),
 *   parse/validate (graphql-js parser and validation), server (@apollo/server pipeline), other.
 */
export type Category =
  | 'gc' | 'idle' | 'program' | 'token' | 'audit' | 'shaping' | 'rewrite' | 'decision' | 'planning' | 'merging'
  | 'http' | 'parse/validate' | 'server' | 'other';

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Sampled milliseconds in the profile, idle included. */
  totalMs: number;
  /** Milliseconds not idle. */
  busyMs: number;
  /** Per category: milliseconds and share of busy time, largest first. */
  categories: { category: Category; ms: number; share: number }[];
  /** Functions with the most self time: name, where, milliseconds, share of busy time, category charged. */
  topFunctions: { function: string; location: string; ms: number; share: number; category: Category }[];
}

interface Rule {
  category: Category;
  test(functionName: string, url: string): boolean;
}

const inUrl = (...parts: string[]) => (_: string, url: string) => parts.some((part) => url.includes(part));

const RULES: Rule[] = [
  { category: 'gc', test: (name) => name === '(garbage collector)' },
  { category: 'idle', test: (name) => name === '(idle)' },
  { category: 'program', test: (name) => name === '(program)' },
  { category: 'token', test: inUrl('/node_modules/jose/', '/sharing/grantToken', '/gateway/fetch/grantIssuer', '/gateway/identify/') },
  { category: 'audit', test: inUrl('/gateway/record/', '/platform/audit/', '/better-sqlite3/') },
  { category: 'shaping', test: inUrl('/gateway/shape/shapeResponse', '/sharing/masking') },
  { category: 'rewrite', test: (name, url) => url.includes('/gateway/decide/operationDecisions') && (name === 'rewrite' || name === 'enter' || name === 'leave') },
  { category: 'decision', test: inUrl('/gateway/decide/', '/sharing/decide', '/sharing/catalogue', '/decide/useSharingPolicy', '/admit/useIdentifierValidation') },
  { category: 'planning', test: inUrl('/@apollo/query-planner/', '/@apollo/federation-internals/') },
  { category: 'merging', test: inUrl('/@apollo/gateway/') },
  { category: 'http', test: inUrl('/node_modules/undici/', 'node:_http', 'node:http', 'node:net', 'node:stream', 'node:internal/stream', 'node:internal/http', 'node:internal/streams', '/gateway/fetch/subgraphClient', '/gateway/fetch/undiciFetcher', '/http/') },
  { category: 'parse/validate', test: inUrl('/graphql/language/parser', '/graphql/language/lexer', '/graphql/validation/') },
  { category: 'server', test: inUrl('/@apollo/server/', '/@apollo/utils') },
];

export function summariseProfile(profile: CpuProfile, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const categoryOf = new Map<number, Category>();
  const categorise = (id: number): Category => {
    const known = categoryOf.get(id);
    if (known) return known;
    const chain: number[] = [];
    let found: Category = 'other';
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const cached = categoryOf.get(at);
      if (cached) {
        found = cached;
        break;
      }
      chain.push(at);
      const { functionName, url } = byId.get(at)!.callFrame;
      const rule = RULES.find((r) => r.test(functionName, url));
      if (rule) {
        found = rule.category;
        break;
      }
    }
    // Only the frames walked up to the match take its category (their own innermost match is this one).
    for (const walked of chain) categoryOf.set(walked, found);
    return found;
  };

  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  }
  const perCategory = new Map<Category, number>();
  const perFunction = new Map<string, { function: string; location: string; us: number; category: Category }>();
  let totalUs = 0;
  for (const [id, us] of selfUs) {
    totalUs += us;
    const category = categorise(id);
    perCategory.set(category, (perCategory.get(category) ?? 0) + us);
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const location = `${shortUrl(url)}${url ? `:${lineNumber + 1}` : ''}`;
    const key = `${functionName}@${location}|${category}`;
    const entry = perFunction.get(key) ?? { function: functionName || '(anonymous)', location, us: 0, category };
    entry.us += us;
    perFunction.set(key, entry);
  }
  const idleUs = perCategory.get('idle') ?? 0;
  const busyUs = totalUs - idleUs;
  const share = (us: number) => (busyUs === 0 ? 0 : us / busyUs);
  return {
    totalMs: totalUs / 1000,
    busyMs: busyUs / 1000,
    categories: [...perCategory]
      .filter(([category]) => category !== 'idle')
      .sort((a, b) => b[1] - a[1])
      .map(([category, us]) => ({ category, ms: us / 1000, share: share(us) })),
    topFunctions: [...perFunction.values()]
      .filter((f) => f.category !== 'idle')
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ function: f.function, location: f.location, ms: f.us / 1000, share: share(f.us), category: f.category })),
  };
}

/** The path from node_modules (or the project root) on, so the summary reads the same on every machine. */
function shortUrl(url: string): string {
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) return url.slice(modules + '/node_modules/'.length);
  const project = url.indexOf('/gateway/') >= 0 ? url.indexOf('/gateway/') : url.indexOf('/sharing/');
  if (project >= 0) return url.slice(project + 1);
  return url.replace(/^file:\/\//, '');
}

export function formatProfileSummary(scenario: string, summary: ProfileSummary, requests: number): string {
  const perRequest = (ms: number) => (requests > 0 ? (ms / requests).toFixed(3) : 'n/a');
  const lines = [
    `Profile of govgraph under ${scenario}: ${summary.busyMs.toFixed(0)} ms busy of ${summary.totalMs.toFixed(0)} ms sampled, ${requests} requests (${perRequest(summary.busyMs)} ms/req busy)`,
    '',
    '| category | ms | share of busy | ms/req |',
    '|---|--:|--:|--:|',
    ...summary.categories.map((c) => `| ${c.category} | ${c.ms.toFixed(0)} | ${(c.share * 100).toFixed(1)}% | ${perRequest(c.ms)} |`),
    '',
    '| self time | function | where | category |',
    '|--:|---|---|---|',
    ...summary.topFunctions.map((f) => `| ${(f.share * 100).toFixed(1)}% | ${f.function} | ${f.location} | ${f.category} |`),
  ];
  return lines.join('\n');
}
