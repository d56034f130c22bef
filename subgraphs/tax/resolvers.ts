/**
 * The tax authority's resolvers: an enterprise's tax credit rating and arrears. An enterprise the tax
 * authority does not know resolves with a null rating and no arrears, never an error: the gateway may ask
 * about any enterprise another department registered.
 */
import { CreditCodeScalar } from '../kit/index.ts';
import type { Resolvers } from './__generated__/resolvers.ts';

export const resolvers: Resolvers = {
  CreditCode: CreditCodeScalar,
  Enterprise: {
    __resolveReference: async ({ creditCode }, { loaders }) =>
      (await loaders.enterpriseByCreditCode.load(creditCode)) ?? { creditCode, taxCreditRating: null },
    taxArrears: (enterprise, _args, { loaders }) => loaders.taxArrearsByCreditCode.load(enterprise.creditCode),
  },
};
