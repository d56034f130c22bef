/** Market regulation's resolvers: enterprises by code and by page, and the enterprises a person represents. */
import { GraphQLError } from 'graphql';
import { CreditCodeScalar, ResidentIdScalar } from '../kit/index.ts';
import type { Resolvers } from './__generated__/resolvers.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { enterprisePage } from './store.ts';

export const MAX_PAGE_SIZE = 1000;

export const resolvers: Resolvers = {
  CreditCode: CreditCodeScalar,
  ResidentId: ResidentIdScalar,
  Query: {
    enterprise: (_root, { creditCode }, { loaders }) => loaders.enterpriseByCreditCode.load(creditCode),
    enterprises: (_root, { first, after }, { store }) => {
      if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
        throw new GraphQLError(`Argument "first" must be between 1 and ${MAX_PAGE_SIZE}, got ${first}.`, {
          extensions: { code: 'BAD_USER_INPUT', argumentName: 'first' },
        });
      }
      const { rows, hasNextPage } = enterprisePage(store, first, after ? decodeCursor(after) : -1);
      const last = rows.at(-1);
      return { nodes: rows, pageInfo: { hasNextPage, endCursor: last ? encodeCursor(last.rank) : null } };
    },
  },
  Enterprise: {
    __resolveReference: (reference, { loaders }) => loaders.enterpriseByCreditCode.load(reference.creditCode),
    legalRepresentative: (enterprise) => ({ idNumber: enterprise.legalRepresentative }),
  },
  Person: {
    enterprises: (person, _args, { loaders }) => loaders.enterprisesByLegalRepresentative.load(person.idNumber),
  },
};
