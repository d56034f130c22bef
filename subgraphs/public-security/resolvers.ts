/**
 * Public security's resolvers: a resident by ID, as the owner of `Person`, and their household registration.
 * An ID public security does not know resolves to null (the resident does not exist), never an error.
 */
import { ResidentIdScalar } from '../kit/index.ts';
import type { Resolvers } from './__generated__/resolvers.ts';

export const resolvers: Resolvers = {
  ResidentId: ResidentIdScalar,
  Query: {
    person: (_root, { idNumber }, { loaders }) => loaders.personByIdNumber.load(idNumber),
  },
  Person: {
    __resolveReference: (reference, { loaders }) => loaders.personByIdNumber.load(reference.idNumber),
    household: ({ householdNumber, address, regionCode, relationToHead, registeredOn }) =>
      householdNumber !== null && address !== null && regionCode !== null && relationToHead !== null && registeredOn !== null
        ? { householdNumber, address, regionCode, relationToHead, registeredOn }
        : null,
  },
};
