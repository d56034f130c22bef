/**
 * The health authority's resolvers: a person's diagnoses, birth record and vaccinations. A person the health
 * authority does not know has none of them (empty lists and null, never an error).
 */
import { ResidentIdScalar } from '../kit/index.ts';
import type { Resolvers } from './__generated__/resolvers.ts';

export const resolvers: Resolvers = {
  ResidentId: ResidentIdScalar,
  Person: {
    diagnoses: (person, _args, { loaders }) => loaders.diagnosesByPerson.load(person.idNumber),
    birthRecord: (person, _args, { loaders }) => loaders.birthRecordByPerson.load(person.idNumber),
    vaccinations: (person, _args, { loaders }) => loaders.vaccinationsByPerson.load(person.idNumber),
  },
};
