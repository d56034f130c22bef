import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { EnterpriseRow, PersonReference, Context } from '../store.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /**
   * Unified social credit code (GB 32100): 18 characters, the last a check character. A malformed code is
   * rejected before any lookup.
   */
  CreditCode: { input: string; output: string; }
  /**
   * Resident identity card number (GB 11643): 18 characters, the last a check digit (0-9 or X). A malformed ID is
   * rejected before any lookup.
   */
  ResidentId: { input: string; output: string; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** A market entity registered with market regulation. */
export type Enterprise = {
  __typename?: 'Enterprise';
  /** Registered address. */
  address: Scalars['String']['output'];
  /** Business scope as registered. */
  businessScope: Scalars['String']['output'];
  /** Unified social credit code. */
  creditCode: Scalars['CreditCode']['output'];
  /** Date of establishment (ISO 8601, YYYY-MM-DD). */
  establishedDate: Scalars['String']['output'];
  /** The person registered as legal representative. */
  legalRepresentative: Person;
  /** Registered name. */
  name: Scalars['String']['output'];
  /** County-level region of registration (GB/T 2260). */
  regionCode: Scalars['String']['output'];
  /** Registered capital, in yuan. */
  registeredCapital: Scalars['Float']['output'];
  /** Registration status. */
  status: EnterpriseStatus;
  /** Legal form. */
  type: EnterpriseType;
};

/** A page of enterprises. */
export type EnterpriseConnection = {
  __typename?: 'EnterpriseConnection';
  /** The enterprises of this page. */
  nodes: Array<Enterprise>;
  /** Where this page ends and whether another follows. */
  pageInfo: PageInfo;
};

/** Registration status of a market entity. */
export type EnterpriseStatus =
  | 'ACTIVE'
  | 'CANCELLED'
  | 'REVOKED'
  | 'SUSPENDED';

/** Legal form of a market entity. */
export type EnterpriseType =
  | 'INDIVIDUAL_BUSINESS'
  | 'JOINT_STOCK_COMPANY'
  | 'LIMITED_LIABILITY_COMPANY'
  | 'PARTNERSHIP'
  | 'SOLE_PROPRIETORSHIP';

/** Position of a page in a longer list. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Pass as `after` to read the next page; null on an empty page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** True when another page follows. */
  hasNextPage: Scalars['Boolean']['output'];
};

/** A resident, as far as market regulation knows them. */
export type Person = {
  __typename?: 'Person';
  /** Enterprises for which this person is the registered legal representative. */
  enterprises: Array<Enterprise>;
  /** Resident ID. */
  idNumber: Scalars['ResidentId']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** The enterprise registered under this credit code, or null when none is. */
  enterprise?: Maybe<Enterprise>;
  /** Registered enterprises in registration order, a page at a time (first: 1 to 1000). */
  enterprises: EnterpriseConnection;
};


export type QueryEnterpriseArgs = {
  creditCode: Scalars['CreditCode']['input'];
};


export type QueryEnterprisesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first: Scalars['Int']['input'];
};

/** How often the providing department updates a data item (the catalogue's update cycle). */
export type ShareCycle =
  /** Once a day. */
  | 'DAILY'
  /** Once a month. */
  | 'MONTHLY'
  /** When the underlying registration changes, at no fixed interval. */
  | 'ON_CHANGE'
  /** Once a quarter. */
  | 'QUARTERLY'
  /** As it happens: the value served is the department's current record. */
  | 'REAL_TIME'
  /** Once a week. */
  | 'WEEKLY'
  /** Once a year. */
  | 'YEARLY';

/** How a data item may be shared (Regulations on Government Data Sharing). */
export type ShareLevel =
  /** Only a department holding an approved agreement with the provider, and only for the agreement's purpose. */
  | 'CONDITIONAL'
  /** Never leaves the providing department; the catalogue still lists it, with the legal reason. */
  | 'NONE'
  /** Any government department may use the item, without an application. */
  | 'UNCONDITIONAL';



export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = {
  Enterprise: Enterprise;
  Person: Person;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Enterprise:
    ( { __typename: 'Enterprise' }
    & GraphQLRecursivePick<FederationTypes['Enterprise'], {"creditCode":true}> );
  Person:
    ( { __typename: 'Person' }
    & GraphQLRecursivePick<FederationTypes['Person'], {"idNumber":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  CreditCode: ResolverTypeWrapper<Scalars['CreditCode']['output']>;
  Enterprise: ResolverTypeWrapper<EnterpriseRow>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  EnterpriseConnection: ResolverTypeWrapper<Omit<EnterpriseConnection, 'nodes'> & { nodes: Array<ResolversTypes['Enterprise']> }>;
  EnterpriseStatus: EnterpriseStatus;
  EnterpriseType: EnterpriseType;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Person: ResolverTypeWrapper<PersonReference>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ResidentId: ResolverTypeWrapper<Scalars['ResidentId']['output']>;
  ShareCycle: ShareCycle;
  ShareLevel: ShareLevel;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  CreditCode: Scalars['CreditCode']['output'];
  Enterprise: EnterpriseRow;
  Float: Scalars['Float']['output'];
  EnterpriseConnection: Omit<EnterpriseConnection, 'nodes'> & { nodes: Array<ResolversParentTypes['Enterprise']> };
  PageInfo: PageInfo;
  Person: PersonReference;
  Query: Record<PropertyKey, never>;
  Int: Scalars['Int']['output'];
  ResidentId: Scalars['ResidentId']['output'];
  String: Scalars['String']['output'];
  Boolean: Scalars['Boolean']['output'];
};

export type ShareDirectiveArgs = {
  cycle?: Maybe<ShareCycle>;
  level: ShareLevel;
  provider?: Maybe<Scalars['String']['input']>;
  reason?: Maybe<Scalars['String']['input']>;
  sensitive?: Maybe<Scalars['Boolean']['input']>;
};

export type ShareDirectiveResolver<Result, Parent, ContextType = Context, Args = ShareDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export interface CreditCodeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['CreditCode'], any> {
  name: 'CreditCode';
}

export type EnterpriseResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Enterprise'] = ResolversParentTypes['Enterprise'], FederationReferenceType extends FederationReferenceTypes['Enterprise'] = FederationReferenceTypes['Enterprise']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Enterprise']> | FederationReferenceType, FederationReferenceType, ContextType>;
  address?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  businessScope?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  creditCode?: Resolver<ResolversTypes['CreditCode'], ParentType, ContextType>;
  establishedDate?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  legalRepresentative?: Resolver<ResolversTypes['Person'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  regionCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  registeredCapital?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['EnterpriseStatus'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['EnterpriseType'], ParentType, ContextType>;
};

export type EnterpriseConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['EnterpriseConnection'] = ResolversParentTypes['EnterpriseConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['Enterprise']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PersonResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Person'] = ResolversParentTypes['Person'], FederationReferenceType extends FederationReferenceTypes['Person'] = FederationReferenceTypes['Person']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Person']> | FederationReferenceType, FederationReferenceType, ContextType>;
  enterprises?: Resolver<Array<ResolversTypes['Enterprise']>, ParentType, ContextType>;
  idNumber?: Resolver<ResolversTypes['ResidentId'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  enterprise?: Resolver<Maybe<ResolversTypes['Enterprise']>, ParentType, ContextType, RequireFields<QueryEnterpriseArgs, 'creditCode'>>;
  enterprises?: Resolver<ResolversTypes['EnterpriseConnection'], ParentType, ContextType, RequireFields<QueryEnterprisesArgs, 'first'>>;
};

export interface ResidentIdScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['ResidentId'], any> {
  name: 'ResidentId';
}

export type Resolvers<ContextType = Context> = {
  CreditCode?: GraphQLScalarType;
  Enterprise?: EnterpriseResolvers<ContextType>;
  EnterpriseConnection?: EnterpriseConnectionResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Person?: PersonResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  ResidentId?: GraphQLScalarType;
};

export type DirectiveResolvers<ContextType = Context> = {
  share?: ShareDirectiveResolver<any, any, ContextType>;
};
