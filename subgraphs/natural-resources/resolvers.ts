/**
 * Natural resources' resolvers: real estate by certificate, its owners, and the real estate a person holds.
 * A person the register does not know holds nothing (an empty list, never an error).
 */
import { ResidentIdScalar } from '../kit/index.ts';
import type { Resolvers } from './__generated__/resolvers.ts';

export const resolvers: Resolvers = {
  ResidentId: ResidentIdScalar,
  Query: {
    realEstate: (_root, { certificateNo }, { loaders }) => loaders.realEstateByCertificateNo.load(certificateNo),
  },
  RealEstate: {
    __resolveReference: (reference, { loaders }) => loaders.realEstateByCertificateNo.load(reference.certificateNo),
    owners: async (realEstate, _args, { loaders }) =>
      (await loaders.ownersByCertificateNo.load(realEstate.certificateNo)).map(({ idNumber }) => ({ idNumber })),
  },
  Person: {
    realEstates: (person, _args, { loaders }) => loaders.realEstatesByOwner.load(person.idNumber),
  },
};
