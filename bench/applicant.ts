/**
 * The OneStop applicants: the first `count` married (not divorced) legal representatives of the population who own
 * real estate, as test/integration/federation.test.ts picks one, so every OneStop department has something to
 * say about each. The population is deterministic, so the same data gives the same residents on every run. Real
 * estate is read from natural-resources directly, with its own grant.
 */
import type { GrantKey } from '../sharing/grantKeys.ts';
import { createPopulation } from '../subgraphs/synthetic/index.ts';
import type { PersonRecord, PopulationOptions } from '../subgraphs/synthetic/types.ts';
import { ownGrants, type OwnGrants } from './ownGrant.ts';

const BATCH = 200;

export async function findOneStopApplicants(
  population: PopulationOptions,
  naturalResourcesUrl: string,
  grantKey: GrantKey,
  count: number,
): Promise<PersonRecord[]> {
  const people = createPopulation(population);
  const candidates: PersonRecord[] = [];
  const seen = new Set<number>();
  for (const enterprise of people.enterprises()) {
    const index = enterprise.legalRepresentativeIndex;
    if (seen.has(index)) continue;
    seen.add(index);
    const couple = people.coupleOf(index);
    if (couple && !couple.divorcedOn) candidates.push(people.person(index));
  }
  const grants = ownGrants(grantKey);
  const grant = await grants.grantFor('natural-resources', 60);
  const found: PersonRecord[] = [];
  for (let start = 0; start < candidates.length && found.length < count; start += BATCH) {
    const batch = candidates.slice(start, start + BATCH);
    const owned = await realEstateCounts(grants, naturalResourcesUrl, grant, batch.map((p) => p.idNumber));
    found.push(...batch.filter((_, i) => owned[i]! > 0));
  }
  if (found.length < count) {
    throw new Error(`The population ${JSON.stringify(population)} has ${found.length} married legal representatives who own real estate; the benchmark needs ${count}.`);
  }
  return found.slice(0, count);
}

async function realEstateCounts(grants: OwnGrants, url: string, grant: string, idNumbers: string[]): Promise<number[]> {
  const body = JSON.stringify({
    query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { realEstates { certificateNo } } } }',
    variables: { r: idNumbers.map((idNumber) => ({ __typename: 'Person', idNumber })) },
  });
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${grant}`, ...(await grants.bindingHeaders('natural-resources', url, grant, body)) },
    body,
  });
  const answer = (await response.json()) as { data?: { _entities: ({ realEstates: unknown[] | null } | null)[] }; errors?: unknown[] };
  if (!response.ok || answer.errors || !answer.data) {
    throw new Error(`natural-resources did not answer the applicant lookup (HTTP ${response.status}): ${JSON.stringify(answer).slice(0, 500)}`);
  }
  return answer.data._entities.map((entity) => entity?.realEstates?.length ?? 0);
}
