import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { PersonReference, MarriageRecordRow, SubsistenceAllowanceRow, Context } from '../store.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
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

/** Marital status as registered with civil affairs. */
export type MaritalStatus =
  | 'DIVORCED'
  | 'MARRIED'
  | 'UNMARRIED'
  | 'WIDOWED';

/** One registration at a marriage registry: a marriage or a divorce. */
export type MarriageRecord = {
  __typename?: 'MarriageRecord';
  /** Whether a marriage or a divorce was registered. */
  kind: MarriageRecordKind;
  /** Date of the registration (ISO 8601, YYYY-MM-DD). */
  registeredOn: Scalars['String']['output'];
  /** The marriage registry that registered it, e.g. 北京市东城区民政局婚姻登记处. */
  registrationOffice: Scalars['String']['output'];
  /** The other party of the marriage or divorce. */
  spouse: Person;
};

/** Kind of a marriage registration. */
export type MarriageRecordKind =
  | 'DIVORCE'
  | 'MARRIAGE';

/** A resident, as far as civil affairs knows them (marriage registration, social assistance). */
export type Person = {
  __typename?: 'Person';
  /** Resident ID. */
  idNumber: Scalars['ResidentId']['output'];
  /** Current marital status as registered; null when civil affairs has no record of the resident. */
  maritalStatus?: Maybe<MaritalStatus>;
  /** Marriage and divorce registrations of the resident, oldest first; empty when there are none. */
  marriageRecords?: Maybe<Array<MarriageRecord>>;
  /** Minimum living allowance (低保) granted to the resident; null when none was ever granted. */
  subsistenceAllowance?: Maybe<SubsistenceAllowance>;
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

/** A minimum living allowance (最低生活保障, 低保) granted to a resident. */
export type SubsistenceAllowance = {
  __typename?: 'SubsistenceAllowance';
  /** Amount paid per month, in yuan. */
  monthlyAmount: Scalars['Float']['output'];
  /** Date the allowance was first granted (ISO 8601, YYYY-MM-DD). */
  since: Scalars['String']['output'];
  /** Whether the allowance is being paid. */
  status: SubsistenceAllowanceStatus;
};

/** State of a minimum living allowance. */
export type SubsistenceAllowanceStatus =
  /** Paid every month. */
  | 'ACTIVE'
  /** Payment paused pending review. */
  | 'SUSPENDED'
  /** No longer paid. */
  | 'TERMINATED';



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
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Person:
    ( { __typename: 'Person' }
    & GraphQLRecursivePick<FederationTypes['Person'], {"idNumber":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  MaritalStatus: MaritalStatus;
  MarriageRecord: ResolverTypeWrapper<MarriageRecordRow>;
  MarriageRecordKind: MarriageRecordKind;
  Person: ResolverTypeWrapper<PersonReference>;
  ResidentId: ResolverTypeWrapper<Scalars['ResidentId']['output']>;
  ShareCycle: ShareCycle;
  ShareLevel: ShareLevel;
  SubsistenceAllowance: ResolverTypeWrapper<SubsistenceAllowanceRow>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  SubsistenceAllowanceStatus: SubsistenceAllowanceStatus;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  MarriageRecord: MarriageRecordRow;
  Person: PersonReference;
  ResidentId: Scalars['ResidentId']['output'];
  SubsistenceAllowance: SubsistenceAllowanceRow;
  Float: Scalars['Float']['output'];
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

export type MarriageRecordResolvers<ContextType = Context, ParentType extends ResolversParentTypes['MarriageRecord'] = ResolversParentTypes['MarriageRecord']> = {
  kind?: Resolver<ResolversTypes['MarriageRecordKind'], ParentType, ContextType>;
  registeredOn?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  registrationOffice?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  spouse?: Resolver<ResolversTypes['Person'], ParentType, ContextType>;
};

export type PersonResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Person'] = ResolversParentTypes['Person'], FederationReferenceType extends FederationReferenceTypes['Person'] = FederationReferenceTypes['Person']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Person']> | FederationReferenceType, FederationReferenceType, ContextType>;
  idNumber?: Resolver<ResolversTypes['ResidentId'], ParentType, ContextType>;
  maritalStatus?: Resolver<Maybe<ResolversTypes['MaritalStatus']>, ParentType, ContextType>;
  marriageRecords?: Resolver<Maybe<Array<ResolversTypes['MarriageRecord']>>, ParentType, ContextType>;
  subsistenceAllowance?: Resolver<Maybe<ResolversTypes['SubsistenceAllowance']>, ParentType, ContextType>;
};

export interface ResidentIdScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['ResidentId'], any> {
  name: 'ResidentId';
}

export type SubsistenceAllowanceResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SubsistenceAllowance'] = ResolversParentTypes['SubsistenceAllowance']> = {
  monthlyAmount?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  since?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['SubsistenceAllowanceStatus'], ParentType, ContextType>;
};

export type Resolvers<ContextType = Context> = {
  MarriageRecord?: MarriageRecordResolvers<ContextType>;
  Person?: PersonResolvers<ContextType>;
  ResidentId?: GraphQLScalarType;
  SubsistenceAllowance?: SubsistenceAllowanceResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = Context> = {
  share?: ShareDirectiveResolver<any, any, ContextType>;
};
