/**
 * The example application's one use case: gather what property-tax assessment needs about a resident, and say
 * plainly which items were withheld and how to obtain them.
 */
import { PropertyTaxAssessmentDocument } from './__generated__/operations.ts';
import { createGovgraphClient, type DeniedItem, type GovgraphClientOptions } from './client.ts';

export interface Assessment {
  name: string;
  /** As the gateway returns it: masked unless an agreement grants it raw. */
  idNumber: string;
  householdRegion: string | null;
  properties: { certificateNo: string; address: string | null; area: number | null }[];
  /** Square metres; null when the real estate or an area was withheld: a sum of what is visible would read as a fact. */
  totalArea: number | null;
  withheld: DeniedItem[];
}

export async function assessProperty(options: GovgraphClientOptions, idNumber: string): Promise<Assessment | null> {
  const client = createGovgraphClient(options);
  const { data, denied } = await client.request(PropertyTaxAssessmentDocument, { id: idNumber });
  const person = data.person;
  if (!person) return null;
  const properties = (person.realEstates ?? []).map((r) => ({ certificateNo: r.certificateNo, address: r.address ?? null, area: r.area ?? null }));
  return {
    name: person.name,
    idNumber: person.idNumber,
    householdRegion: person.household?.regionCode ?? null,
    properties,
    totalArea: person.realEstates == null || properties.some((p) => p.area === null) ? null : properties.reduce((sum, p) => sum + p.area!, 0),
    withheld: denied,
  };
}
