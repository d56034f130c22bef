import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { PersonReference, DiagnosisRow, BirthRecordRow, VaccinationRow, Context } from '../store.ts';
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

/** A medical certificate of birth (出生医学证明). */
export type BirthRecord = {
  __typename?: 'BirthRecord';
  /** Date of birth (ISO 8601, YYYY-MM-DD); the same as the birth date in the resident ID. */
  bornOn: Scalars['String']['output'];
  /** Certificate number: a letter for the edition of the form, then 9 digits. */
  certificateNo: Scalars['String']['output'];
  /** The hospital where the birth took place. */
  hospital: Scalars['String']['output'];
  /** Birth weight, in grams. */
  weightGrams: Scalars['Int']['output'];
};

/** A diagnosis a hospital recorded for a patient. */
export type Diagnosis = {
  __typename?: 'Diagnosis';
  /** ICD-10 code, e.g. I10. */
  code?: Maybe<Scalars['String']['output']>;
  /** Date of the diagnosis (ISO 8601, YYYY-MM-DD). */
  diagnosedOn?: Maybe<Scalars['String']['output']>;
  /** The hospital that made the diagnosis. */
  hospital?: Maybe<Scalars['String']['output']>;
  /** Name of the disease in Chinese, e.g. 原发性高血压. */
  name?: Maybe<Scalars['String']['output']>;
};

/** A resident, as far as the health authority knows them. */
export type Person = {
  __typename?: 'Person';
  /** The medical certificate of birth (出生医学证明), issued for births since 1996; null when none is on record. */
  birthRecord?: Maybe<BirthRecord>;
  /** Diagnoses recorded by hospitals, oldest first; empty when none are recorded. */
  diagnoses?: Maybe<Array<Diagnosis>>;
  /** Resident ID. */
  idNumber: Scalars['ResidentId']['output'];
  /** Vaccinations recorded in the immunization information system, in the order given; empty when none. */
  vaccinations?: Maybe<Array<Vaccination>>;
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

/** One dose of a vaccine given to a person. */
export type Vaccination = {
  __typename?: 'Vaccination';
  /** Date the dose was given (ISO 8601, YYYY-MM-DD). */
  administeredOn: Scalars['String']['output'];
  /** Number of the dose in the vaccine's schedule, from 1. */
  dose: Scalars['Int']['output'];
  /** Where on the body the dose was given (接种部位), e.g. 左上臂三角肌, or 口服 for an oral vaccine. */
  site: Scalars['String']['output'];
  /** Name of the vaccine in Chinese, e.g. 乙肝疫苗 (hepatitis B vaccine). */
  vaccine: Scalars['String']['output'];
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
  BirthRecord: ResolverTypeWrapper<BirthRecordRow>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Diagnosis: ResolverTypeWrapper<DiagnosisRow>;
  Person: ResolverTypeWrapper<PersonReference>;
  ResidentId: ResolverTypeWrapper<Scalars['ResidentId']['output']>;
  ShareCycle: ShareCycle;
  ShareLevel: ShareLevel;
  Vaccination: ResolverTypeWrapper<VaccinationRow>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  BirthRecord: BirthRecordRow;
  Int: Scalars['Int']['output'];
  Diagnosis: DiagnosisRow;
  Person: PersonReference;
  ResidentId: Scalars['ResidentId']['output'];
  Vaccination: VaccinationRow;
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

export type BirthRecordResolvers<ContextType = Context, ParentType extends ResolversParentTypes['BirthRecord'] = ResolversParentTypes['BirthRecord']> = {
  bornOn?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  certificateNo?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  hospital?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  weightGrams?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type DiagnosisResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Diagnosis'] = ResolversParentTypes['Diagnosis']> = {
  code?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  diagnosedOn?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hospital?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PersonResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Person'] = ResolversParentTypes['Person'], FederationReferenceType extends FederationReferenceTypes['Person'] = FederationReferenceTypes['Person']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Person']> | FederationReferenceType, FederationReferenceType, ContextType>;
  birthRecord?: Resolver<Maybe<ResolversTypes['BirthRecord']>, ParentType, ContextType>;
  diagnoses?: Resolver<Maybe<Array<ResolversTypes['Diagnosis']>>, ParentType, ContextType>;
  idNumber?: Resolver<ResolversTypes['ResidentId'], ParentType, ContextType>;
  vaccinations?: Resolver<Maybe<Array<ResolversTypes['Vaccination']>>, ParentType, ContextType>;
};

export interface ResidentIdScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['ResidentId'], any> {
  name: 'ResidentId';
}

export type VaccinationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Vaccination'] = ResolversParentTypes['Vaccination']> = {
  administeredOn?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  dose?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  site?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  vaccine?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type Resolvers<ContextType = Context> = {
  BirthRecord?: BirthRecordResolvers<ContextType>;
  Diagnosis?: DiagnosisResolvers<ContextType>;
  Person?: PersonResolvers<ContextType>;
  ResidentId?: GraphQLScalarType;
  Vaccination?: VaccinationResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = Context> = {
  share?: ShareDirectiveResolver<any, any, ContextType>;
};
