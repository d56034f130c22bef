import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../resources.ts';
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
  _FieldSet: { input: unknown; output: unknown; }
};

/** One request through the gateway (or one workflow action), as its audit record shows it to you. */
export type Access = {
  __typename?: 'Access';
  /** Agreements that granted something in the request; in a provider's view, only its own agreements. */
  agreements: Array<Scalars['String']['output']>;
  /** Who made the request. */
  consumer: AccessConsumer;
  /** `request` for a request through the gateway, or a workflow action such as `agreement.revoke`. */
  kind: Scalars['String']['output'];
  /** The operation name the request gave; null when it gave none. */
  operationName?: Maybe<Scalars['String']['output']>;
  /** How the request ended as a whole. */
  outcome: AccessOutcome;
  /** What each provider served, masked and denied; in a provider's view, only its own entry. */
  providers: Array<ProviderAccess>;
  /** The purpose the request named (X-Purpose); null when it named none. */
  purpose?: Maybe<Scalars['String']['output']>;
  /** The gateway's request id (the response's x-request-id header). */
  requestId: Scalars['String']['output'];
  /** Position of the record in the audit trail's hash chain (1, 2, 3, …). */
  sequence: Scalars['Int']['output'];
  /** When the request started (ISO 8601, UTC). */
  time: Scalars['String']['output'];
};

/** A page of accesses, newest first. */
export type AccessConnection = {
  __typename?: 'AccessConnection';
  /** The accesses of this page. */
  nodes: Array<Access>;
  /** Where this page ends and whether another follows. */
  pageInfo: AccessPageInfo;
};

/** The department and application that made a request. */
export type AccessConsumer = {
  __typename?: 'AccessConsumer';
  /** The caller's application; null when the caller could not be identified. */
  application?: Maybe<Scalars['String']['output']>;
  /** The caller's department; null when the caller could not be identified. */
  department?: Maybe<Scalars['String']['output']>;
};

/** Narrows a list of accesses: every condition given must hold. */
export type AccessFilter = {
  /** The consumer department that made the request. */
  consumer?: InputMaybe<Scalars['String']['input']>;
  /** Accesses that started at or after this instant (ISO 8601, e.g. 2025-09-01T00:00:00Z). */
  from?: InputMaybe<Scalars['String']['input']>;
  /** An item (`Type.field`) served, masked or denied; with `provider`, by that provider. */
  item?: InputMaybe<Scalars['String']['input']>;
  /** A provider department in the request. */
  provider?: InputMaybe<Scalars['String']['input']>;
  /** A subject key returned (resident ID, credit code, certificate number); with `provider`, by that provider. */
  subject?: InputMaybe<Scalars['String']['input']>;
  /** Accesses that started before this instant (ISO 8601). */
  to?: InputMaybe<Scalars['String']['input']>;
};

/** How a request ended as a whole. */
export type AccessOutcome =
  /** Refused: unauthenticated, or rejected by the sharing rules. */
  | 'DENIED'
  /** Failed. */
  | 'ERROR'
  /** Everything asked for was served. */
  | 'OK'
  /** Served, with some items denied. */
  | 'PARTIAL';

/** Position of a page of accesses in the audit trail. */
export type AccessPageInfo = {
  __typename?: 'AccessPageInfo';
  /** Pass as `after` to read the next page; null on an empty page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** True when another page follows. */
  hasNextPage: Scalars['Boolean']['output'];
};

/** What one provider department gave (or refused) in one request. */
export type ProviderAccess = {
  __typename?: 'ProviderAccess';
  /** Items denied, sorted. */
  denied: Array<Scalars['String']['output']>;
  /** Items served masked, sorted. */
  masked: Array<Scalars['String']['output']>;
  /** The provider department. */
  provider: Scalars['String']['output'];
  /** Items served (`Type.field`), sorted. */
  served: Array<Scalars['String']['output']>;
  /**
   * Subject keys the provider returned (resident IDs, credit codes, certificate numbers), sorted. Resident IDs are
   * shown masked unless the provider is your own department.
   */
  subjects: Array<Scalars['String']['output']>;
};

export type Query = {
  __typename?: 'Query';
  /**
   * Which departments obtained data about one subject (a resident ID, a credit code, a certificate number), when,
   * for what purpose and under which agreements, newest first. You see a request when your department made it (then
   * every provider that returned the subject) or returned the subject in it (then your own entry only); another
   * department's request to a third department's items is never shown. A page at a time (first: 1 to 500).
   */
  accessesAbout: SubjectAccessConnection;
  /**
   * Every access to your department's items, newest first: the audit records in which your department was a
   * provider (items served, masked or denied), each showing only your own provider entry. Filter by time, consumer
   * department, item (one of yours) and subject (one your department returned); `provider` may only name your own
   * department. A page at a time (first: 1 to 500).
   */
  accessesToMyData: AccessConnection;
  /**
   * Your department's own accesses, newest first: the audit records of requests your department made, with every
   * provider's entry (resident IDs returned by other providers masked, as the items themselves are). Filter by time,
   * provider, item and subject; `consumer` may only name your own department. A page at a time (first: 1 to 500).
   */
  myAccesses: AccessConnection;
};


export type QueryAccessesAboutArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first: Scalars['Int']['input'];
  subject: Scalars['String']['input'];
};


export type QueryAccessesToMyDataArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AccessFilter>;
  first: Scalars['Int']['input'];
};


export type QueryMyAccessesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AccessFilter>;
  first: Scalars['Int']['input'];
};

/** How a data item may be shared (Regulations on Government Data Sharing). */
export type ShareLevel =
  /** Only a department holding an approved agreement with the provider, and only for the agreement's purpose. */
  | 'CONDITIONAL'
  /** Never leaves the providing department; the catalogue still lists it, with the legal reason. */
  | 'NONE'
  /** Any government department may use the item, without an application. */
  | 'UNCONDITIONAL';

/** One request that obtained data about the subject asked for. */
export type SubjectAccess = {
  __typename?: 'SubjectAccess';
  /** Agreements that granted something in the request; in a provider's view, only its own agreements. */
  agreements: Array<Scalars['String']['output']>;
  /** Who made the request. */
  consumer: AccessConsumer;
  /** The providers that returned data about the subject, with the items each served; in a provider's view, only its own. */
  providers: Array<SubjectProviderAccess>;
  /** The purpose the request named (X-Purpose); null when it named none. */
  purpose?: Maybe<Scalars['String']['output']>;
  /** The gateway's request id (the response's x-request-id header). */
  requestId: Scalars['String']['output'];
  /** Position of the record in the audit trail's hash chain (1, 2, 3, …). */
  sequence: Scalars['Int']['output'];
  /** When the request started (ISO 8601, UTC). */
  time: Scalars['String']['output'];
};

/** A page of accesses to one subject's data, newest first. */
export type SubjectAccessConnection = {
  __typename?: 'SubjectAccessConnection';
  /** The accesses of this page. */
  nodes: Array<SubjectAccess>;
  /** Where this page ends and whether another follows. */
  pageInfo: AccessPageInfo;
};

/** What one provider returned about the subject in one request. */
export type SubjectProviderAccess = {
  __typename?: 'SubjectProviderAccess';
  /** Items served masked, sorted. */
  masked: Array<Scalars['String']['output']>;
  /** The provider department. */
  provider: Scalars['String']['output'];
  /** Items served (`Type.field`), sorted. */
  served: Array<Scalars['String']['output']>;
};



export type ResolverTypeWrapper<T> = Promise<T> | T;


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





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Access: ResolverTypeWrapper<Access>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  AccessConnection: ResolverTypeWrapper<AccessConnection>;
  AccessConsumer: ResolverTypeWrapper<AccessConsumer>;
  AccessFilter: AccessFilter;
  AccessOutcome: AccessOutcome;
  AccessPageInfo: ResolverTypeWrapper<AccessPageInfo>;
  ProviderAccess: ResolverTypeWrapper<ProviderAccess>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ShareLevel: ShareLevel;
  SubjectAccess: ResolverTypeWrapper<SubjectAccess>;
  SubjectAccessConnection: ResolverTypeWrapper<SubjectAccessConnection>;
  SubjectProviderAccess: ResolverTypeWrapper<SubjectProviderAccess>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Access: Access;
  Int: Scalars['Int']['output'];
  AccessConnection: AccessConnection;
  AccessConsumer: AccessConsumer;
  AccessFilter: AccessFilter;
  AccessPageInfo: AccessPageInfo;
  ProviderAccess: ProviderAccess;
  Query: Record<PropertyKey, never>;
  SubjectAccess: SubjectAccess;
  SubjectAccessConnection: SubjectAccessConnection;
  SubjectProviderAccess: SubjectProviderAccess;
  String: Scalars['String']['output'];
  Boolean: Scalars['Boolean']['output'];
};

export type ShareDirectiveArgs = {
  level: ShareLevel;
  provider?: Maybe<Scalars['String']['input']>;
  reason?: Maybe<Scalars['String']['input']>;
  sensitive?: Maybe<Scalars['Boolean']['input']>;
};

export type ShareDirectiveResolver<Result, Parent, ContextType = Context, Args = ShareDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AccessResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Access'] = ResolversParentTypes['Access']> = {
  agreements?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  consumer?: Resolver<ResolversTypes['AccessConsumer'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  operationName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['AccessOutcome'], ParentType, ContextType>;
  providers?: Resolver<Array<ResolversTypes['ProviderAccess']>, ParentType, ContextType>;
  purpose?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  requestId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sequence?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  time?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AccessConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AccessConnection'] = ResolversParentTypes['AccessConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['Access']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['AccessPageInfo'], ParentType, ContextType>;
};

export type AccessConsumerResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AccessConsumer'] = ResolversParentTypes['AccessConsumer']> = {
  application?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  department?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type AccessPageInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AccessPageInfo'] = ResolversParentTypes['AccessPageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type ProviderAccessResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ProviderAccess'] = ResolversParentTypes['ProviderAccess']> = {
  denied?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  masked?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  served?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  subjects?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  accessesAbout?: Resolver<ResolversTypes['SubjectAccessConnection'], ParentType, ContextType, RequireFields<QueryAccessesAboutArgs, 'first' | 'subject'>>;
  accessesToMyData?: Resolver<ResolversTypes['AccessConnection'], ParentType, ContextType, RequireFields<QueryAccessesToMyDataArgs, 'first'>>;
  myAccesses?: Resolver<ResolversTypes['AccessConnection'], ParentType, ContextType, RequireFields<QueryMyAccessesArgs, 'first'>>;
};

export type SubjectAccessResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SubjectAccess'] = ResolversParentTypes['SubjectAccess']> = {
  agreements?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  consumer?: Resolver<ResolversTypes['AccessConsumer'], ParentType, ContextType>;
  providers?: Resolver<Array<ResolversTypes['SubjectProviderAccess']>, ParentType, ContextType>;
  purpose?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  requestId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sequence?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  time?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SubjectAccessConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SubjectAccessConnection'] = ResolversParentTypes['SubjectAccessConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['SubjectAccess']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['AccessPageInfo'], ParentType, ContextType>;
};

export type SubjectProviderAccessResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SubjectProviderAccess'] = ResolversParentTypes['SubjectProviderAccess']> = {
  masked?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  served?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type Resolvers<ContextType = Context> = {
  Access?: AccessResolvers<ContextType>;
  AccessConnection?: AccessConnectionResolvers<ContextType>;
  AccessConsumer?: AccessConsumerResolvers<ContextType>;
  AccessPageInfo?: AccessPageInfoResolvers<ContextType>;
  ProviderAccess?: ProviderAccessResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  SubjectAccess?: SubjectAccessResolvers<ContextType>;
  SubjectAccessConnection?: SubjectAccessConnectionResolvers<ContextType>;
  SubjectProviderAccess?: SubjectProviderAccessResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = Context> = {
  share?: ShareDirectiveResolver<any, any, ContextType>;
};
