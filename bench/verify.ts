/**
 * Checks, once before measuring, that each gateway answers every variant of each scenario as expected: HTTP 200,
 * `data` of the expected shape, and exactly the expected denials (null + UNAUTHORIZED_FIELD_OR_TYPE at each denied
 * path) and no other error. Throws with every difference otherwise. Asks twice: when both answers are
 * byte-identical, that text is kept so the load generator can count every later answer that differs.
 */
import { answerKindOf, type GatewayName } from './processes.ts';
import { scenarioHeaders, type Expectation, type Scenario } from './scenarios.ts';
import { shapeDifferences } from './shape.ts';

export interface VerifiedAnswer {
  /** Per variant, the answer's exact text when it is stable, else null (then that variant's answers are not compared). */
  expectedBodies: (string | null)[];
  /** Mean answer size over the variants. */
  bytes: number;
}

export async function verifyScenario(scenario: Scenario, gateway: GatewayName, url: string, token: string): Promise<VerifiedAnswer> {
  const expectedBodies: (string | null)[] = [];
  let bytes = 0;
  for (const [index, variant] of scenario.variants.entries()) {
    const ask = async () => {
      const response = await fetch(url, { method: 'POST', headers: scenarioHeaders(scenario, token), body: JSON.stringify(variant.body) });
      return { status: response.status, text: await response.text() };
    };
    const first = await ask();
    const problems = answerDifferences(first.status, first.text, variant.expected[answerKindOf(gateway)]);
    if (problems.length > 0) {
      const shown = problems.slice(0, 20).map((p) => `  - ${p}`).join('\n');
      const more = problems.length > 20 ? `\n  ... and ${problems.length - 20} more` : '';
      throw new Error(`${gateway} does not answer scenario ${scenario.name} (variant ${index}) as expected:\n${shown}${more}\nAnswer: ${first.text.slice(0, 2000)}`);
    }
    const second = await ask();
    expectedBodies.push(second.status === first.status && second.text === first.text ? first.text : null);
    bytes += Buffer.byteLength(first.text);
  }
  return { expectedBodies, bytes: Math.round(bytes / scenario.variants.length) };
}

function answerDifferences(status: number, text: string, expected: Expectation): string[] {
  let body: { data?: unknown; errors?: { path?: (string | number)[]; extensions?: { code?: string } }[] };
  try {
    body = JSON.parse(text);
  } catch {
    return [`HTTP ${status}, not JSON`];
  }
  const problems = status === 200 ? [] : [`HTTP ${status}, expected 200`];
  problems.push(...shapeDifferences(body.data, expected.data, 'data'));
  const denied = new Set(expected.deniedPaths);
  const seen = new Set<string>();
  for (const error of body.errors ?? []) {
    const path = (error.path ?? []).join('.');
    if (error.extensions?.code === 'UNAUTHORIZED_FIELD_OR_TYPE' && denied.has(path) && !seen.has(path)) seen.add(path);
    else problems.push(`unexpected error at ${path || 'the operation'}: ${JSON.stringify(error).slice(0, 300)}`);
  }
  for (const path of denied) if (!seen.has(path)) problems.push(`no UNAUTHORIZED_FIELD_OR_TYPE error at ${path}`);
  return problems;
}
