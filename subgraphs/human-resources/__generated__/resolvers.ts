import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { PersonReference, SocialInsuranceRow, EmploymentRow, EnterpriseReference, Context } from '../store.ts';
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

/** A resident's registered employment (劳动用工备案). */
export type Employment = {
  __typename?: 'Employment';
  /** The employing enterprise. */
  employer: Enterprise;
  /** Position held. */
  position: Scalars['String']['output'];
  /** Start date of the employment (ISO 8601, YYYY-MM-DD). */
  since: Scalars['String']['output'];
};

/** An enterprise, owned by market regulation; referenced here as an employer. */
export type Enterprise = {
  __typename?: 'Enterprise';
  /** Unified social credit code. */
  creditCode: Scalars['CreditCode']['output'];
};

/** State of a pension insurance account. */
export type InsuranceStatus =
  /** Contributions are being paid. */
  | 'CONTRIBUTING'
  /** The resident has never been enrolled. */
  | 'NOT_ENROLLED'
  /** Past retirement age; the pension is being drawn. */
  | 'RETIRED'
  /** Contributions are interrupted (e.g. between jobs). */
  | 'SUSPENDED';

/** A resident, as far as human resources and social security knows them. */
export type Person = {
  __typename?: 'Person';
  /** The resident's current registered employment; null when none is registered. */
  employment?: Maybe<Employment>;
  /** Resident ID. */
  idNumber: Scalars['ResidentId']['output'];
  /** The resident's basic pension insurance account; null when the department has no record of the resident. */
  socialInsurance?: Maybe<SocialInsurance>;
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

/** A resident's basic pension insurance (基本养老保险) account. */
export type SocialInsurance = {
  __typename?: 'SocialInsurance';
  /** Prefecture-level pooling region where the resident is insured (GB/T 2260 code ending in 00). */
  city: Scalars['String']['output'];
  /** Date insured working life began (ISO 8601, YYYY-MM-DD), deemed contribution years (视同缴费) included; null when never enrolled. */
  insuredSince?: Maybe<Scalars['String']['output']>;
  /** Months of pension contributions paid so far (0 for a resident never enrolled). */
  pensionMonths: Scalars['Int']['output'];
  /** State of the account. */
  status: InsuranceStatus;
};



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
  CreditCode: ResolverTypeWrapper<Scalars['CreditCode']['output']>;
  Employment: ResolverTypeWrapper<EmploymentRow>;
  Enterprise: ResolverTypeWrapper<EnterpriseReference>;
  InsuranceStatus: InsuranceStatus;
  Person: ResolverTypeWrapper<PersonReference>;
  ResidentId: ResolverTypeWrapper<Scalars['ResidentId']['output']>;
  ShareCycle: ShareCycle;
  ShareLevel: ShareLevel;
  SocialInsurance: ResolverTypeWrapper<SocialInsuranceRow>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  CreditCode: Scalars['CreditCode']['output'];
  Employment: EmploymentRow;
  Enterprise: EnterpriseReference;
  Person: PersonReference;
  ResidentId: Scalars['ResidentId']['output'];
  SocialInsurance: SocialInsuranceRow;
  Int: Scalars['Int']['output'];
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

export type EmploymentResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Employment'] = ResolversParentTypes['Employment']> = {
  employer?: Resolver<ResolversTypes['Enterprise'], ParentType, ContextType>;
  position?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  since?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type EnterpriseResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Enterprise'] = ResolversParentTypes['Enterprise']> = {
  creditCode?: Resolver<ResolversTypes['CreditCode'], ParentType, ContextType>;
};

export type PersonResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Person'] = ResolversParentTypes['Person'], FederationReferenceType extends FederationReferenceTypes['Person'] = FederationReferenceTypes['Person']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Person']> | FederationReferenceType, FederationReferenceType, ContextType>;
  employment?: Resolver<Maybe<ResolversTypes['Employment']>, ParentType, ContextType>;
  idNumber?: Resolver<ResolversTypes['ResidentId'], ParentType, ContextType>;
  socialInsurance?: Resolver<Maybe<ResolversTypes['SocialInsurance']>, ParentType, ContextType>;
};

export interface ResidentIdScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['ResidentId'], any> {
  name: 'ResidentId';
}

export type SocialInsuranceResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SocialInsurance'] = ResolversParentTypes['SocialInsurance']> = {
  city?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  insuredSince?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  pensionMonths?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['InsuranceStatus'], ParentType, ContextType>;
};

export type Resolvers<ContextType = Context> = {
  CreditCode?: GraphQLScalarType;
  Employment?: EmploymentResolvers<ContextType>;
  Enterprise?: EnterpriseResolvers<ContextType>;
  Person?: PersonResolvers<ContextType>;
  ResidentId?: GraphQLScalarType;
  SocialInsurance?: SocialInsuranceResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = Context> = {
  share?: ShareDirectiveResolver<any, any, ContextType>;
};
