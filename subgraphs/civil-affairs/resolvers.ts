/**
 * Civil affairs' resolvers: a resident's marital status, marriage registrations and minimum living allowance.
 * A person reference needs no lookup of its own: each field loads its relation in one batch for every person
 * of the request, and a resident civil affairs does not know gets null and empty lists, never an error.
 */
import { ResidentIdScalar } from '../kit/index.ts';
import type { Resolvers } from './__generated__/resolvers.ts';

export const resolvers: Resolvers = {
  ResidentId: ResidentIdScalar,
  Person: {
    maritalStatus: async (person, _args, { loaders }) =>
      (await loaders.maritalStatusByIdNumber.load(person.idNumber))?.maritalStatus ?? null,
    marriageRecords: (person, _args, { loaders }) => loaders.marriageRecordsByIdNumber.load(person.idNumber),
    subsistenceAllowance: (person, _args, { loaders }) => loaders.subsistenceAllowanceByIdNumber.load(person.idNumber),
  },
  MarriageRecord: {
    spouse: (record) => ({ idNumber: record.spouse }),
  },
};
