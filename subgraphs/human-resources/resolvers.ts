/**
 * Human resources and social security's resolvers: a resident's pension insurance account and registered
 * employment. A person reference needs no lookup of its own: each field loads its relation in one batch for
 * every person of the request, and a resident the department does not know gets null, never an error.
 */
import { CreditCodeScalar, ResidentIdScalar } from '../kit/index.ts';
import type { Resolvers } from './__generated__/resolvers.ts';

export const resolvers: Resolvers = {
  CreditCode: CreditCodeScalar,
  ResidentId: ResidentIdScalar,
  Person: {
    socialInsurance: (person, _args, { loaders }) => loaders.socialInsuranceByIdNumber.load(person.idNumber),
    employment: (person, _args, { loaders }) => loaders.employmentByIdNumber.load(person.idNumber),
  },
  Employment: {
    employer: (employment) => ({ creditCode: employment.employer }),
  },
};
