import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { RealEstateRow, PersonReference, Context } from '../store.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /**
   * Resident identity card number (GB 11643): 18 characters, the last a check digit (0-9 or X). A malformed ID is
   * rejected before any lookup.
   */
  ResidentId: { input: string; output: string; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** A resident, as far as real-estate registration knows them. */
export type Person = {
  __typename?: 'Person';
  /** Resident ID. */
  idNumber: Scalars['ResidentId']['output'];
  /** Real estate this person holds alone or together with others, in order of registration; empty when none. */
  realEstates?: Maybe<Array<RealEstate>>;
};

export type Query = {
  __typename?: 'Query';
  /** The real estate registered under this certificate number, or null when none is. */
  realEstate?: Maybe<RealEstate>;
};


export type QueryRealEstateArgs = {
  certificateNo: Scalars['String']['input'];
};

/** A unit of real estate in the unified real-estate register (不动产登记簿), with the right registered on it. */
export type RealEstate = {
  __typename?: 'RealEstate';
  /** Location of the real estate. */
  address?: Maybe<Scalars['String']['output']>;
  /** Floor area, in square metres. */
  area?: Maybe<Scalars['Float']['output']>;
  /** Number of the real-estate title certificate (不动产权证书), e.g. 京(2021)东城区不动产权第0012345号. */
  certificateNo: Scalars['String']['output'];
  /** The holders of the right, in the order registered; co-owners (such as spouses) share one certificate. */
  owners?: Maybe<Array<Person>>;
  /** Date the right was registered (ISO 8601, YYYY-MM-DD). */
  registeredOn?: Maybe<Scalars['String']['output']>;
  /** Planned use of the real estate. */
  usage?: Maybe<RealEstateUsage>;
};

/** Planned use of a unit of real estate (规划用途). */
export type RealEstateUsage =
  /** Shops and other commercial premises (商业). */
  | 'COMMERCIAL'
  /** Factories and warehouses (工业). */
  | 'INDUSTRIAL'
  /** Offices (办公). */
  | 'OFFICE'
  /** Housing (住宅). */
  | 'RESIDENTIAL';

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
  Person: Person;
  RealEstate: RealEstate;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Person:
    ( { __typename: 'Person' }
    & GraphQLRecursivePick<FederationTypes['Person'], {"idNumber":true}> );
  RealEstate:
    ( { __typename: 'RealEstate' }
    & GraphQLRecursivePick<FederationTypes['RealEstate'], {"certificateNo":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Person: ResolverTypeWrapper<PersonReference>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RealEstate: ResolverTypeWrapper<RealEstateRow>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  RealEstateUsage: RealEstateUsage;
  ResidentId: ResolverTypeWrapper<Scalars['ResidentId']['output']>;
  ShareCycle: ShareCycle;
  ShareLevel: ShareLevel;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Person: PersonReference;
  Query: Record<PropertyKey, never>;
  RealEstate: RealEstateRow;
  Float: Scalars['Float']['output'];
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

export type PersonResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Person'] = ResolversParentTypes['Person'], FederationReferenceType extends FederationReferenceTypes['Person'] = FederationReferenceTypes['Person']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Person']> | FederationReferenceType, FederationReferenceType, ContextType>;
  idNumber?: Resolver<ResolversTypes['ResidentId'], ParentType, ContextType>;
  realEstates?: Resolver<Maybe<Array<ResolversTypes['RealEstate']>>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  realEstate?: Resolver<Maybe<ResolversTypes['RealEstate']>, ParentType, ContextType, RequireFields<QueryRealEstateArgs, 'certificateNo'>>;
};

export type RealEstateResolvers<ContextType = Context, ParentType extends ResolversParentTypes['RealEstate'] = ResolversParentTypes['RealEstate'], FederationReferenceType extends FederationReferenceTypes['RealEstate'] = FederationReferenceTypes['RealEstate']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['RealEstate']> | FederationReferenceType, FederationReferenceType, ContextType>;
  address?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  area?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  certificateNo?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  owners?: Resolver<Maybe<Array<ResolversTypes['Person']>>, ParentType, ContextType>;
  registeredOn?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  usage?: Resolver<Maybe<ResolversTypes['RealEstateUsage']>, ParentType, ContextType>;
};

export interface ResidentIdScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['ResidentId'], any> {
  name: 'ResidentId';
}

export type Resolvers<ContextType = Context> = {
  Person?: PersonResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RealEstate?: RealEstateResolvers<ContextType>;
  ResidentId?: GraphQLScalarType;
};

export type DirectiveResolvers<ContextType = Context> = {
  share?: ShareDirectiveResolver<any, any, ContextType>;
};
