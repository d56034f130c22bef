/**
 * Before a publish switches the gateways, the department at the URL being published must already serve what the
 * new supergraph will ask it for: every field (with its type and arguments), input field and enum value the
 * published SDL declares. Otherwise consumers get "Cannot query field" from the department the moment gateways
 * switch. It asks the running department for its SDL (`_service { sdl }`, with a grant signed by the gateway's
 * grant key and the request bound to it, as the gateway would: sharing/binding.ts, with the department's keys
 * read from its `/.well-known/jwks.json`) and lists what it lacks. A department may serve more than is published (new
 * code deployed first, or a removal published before the code drops it: README, "Live rollout").
 */
import { randomUUID } from 'node:crypto';
import { Kind, parse, print, type DefinitionNode, type DocumentNode } from 'graphql';
import { BINDING_HEADER, createRequestBinder } from '../../sharing/binding.ts';
import { departmentPublicKeys } from '../../sharing/departmentKeys.ts';
import { createGrantSigner } from '../../sharing/grantToken.ts';
import type { GrantKey } from '../../sharing/grantKeys.ts';

/** Checks the department at `url` serves `typeDefs`; resolves with the problems (empty when it does). */
export type LiveCheck = (department: string, url: string, typeDefs: DocumentNode) => Promise<string[]>;

export interface LiveCheckOptions {
  /** The gateway's grant key: departments answer only grants it signs. */
  grantKey: Pick<GrantKey, 'kid' | 'privateKey'>;
  /** Per request. Default 5,000 ms. */
  timeoutMs?: number;
}

export function createLiveCheck(options: LiveCheckOptions): LiveCheck {
  const signer = createGrantSigner({ privateKey: options.grantKey.privateKey, kid: options.grantKey.kid });
  const binder = createRequestBinder();
  return async (department, url, typeDefs) => {
    const skip = 'or pass --offline to publish without this check';
    const signal = AbortSignal.timeout(options.timeoutMs ?? 5_000);
    const claims = { sub: 'govgraph-publish', dept: department, aud: department, purpose: null, agreements: [], items: [], raw: [] };
    const grant = await signer.sign({ ...claims, cnf: { jwk: binder.confirmationKey } });
    let body: { data?: { _service?: { sdl?: unknown } }; errors?: { message: string }[] };
    let status: number;
    try {
      // The department's keys first: the request is bound to the grant with the secret derived from its ECDH key.
      const jwksUrl = new URL('/.well-known/jwks.json', url);
      const keys = await fetch(jwksUrl, { signal });
      if (keys.status !== 200) return [`${url} published no department keys (${jwksUrl}: HTTP ${keys.status}): check that it is ${department}'s subgraph, ${skip}.`];
      let agreement;
      try {
        agreement = departmentPublicKeys(department, (await keys.json()) as { keys?: unknown }).agreement;
      } catch (error) {
        return [`${url} published unusable department keys (${(error as Error).message}): check that it is ${department}'s subgraph, ${skip}.`];
      }
      const requestBody = JSON.stringify({ query: '{ _service { sdl } }' });
      const requestId = randomUUID();
      const binding = binder.bind({ secret: binder.secretFor(agreement), requestId, grantToken: grant, body: requestBody });
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${grant}`, 'x-request-id': requestId, [BINDING_HEADER]: binding.header },
        body: requestBody,
        signal,
      });
      status = response.status;
      body = (await response.json()) as typeof body;
    } catch (error) {
      const { cause } = error as { cause?: { code?: string; message?: string } };
      const why = cause?.code ?? cause?.message ?? (error as Error).message;
      return [`${department} does not answer at ${url} (${why}): start or deploy it there before publishing (README, "Live rollout"), ${skip}.`];
    }
    const sdl = body.data?._service?.sdl;
    if (typeof sdl !== 'string') {
      const why = body.errors?.[0]?.message ?? `HTTP ${status}`;
      return [`${url} did not give ${department}'s schema (${why}): check that it is ${department}'s subgraph and trusts this data directory's gateway keys, ${skip}.`];
    }
    const served = declaredFields(parse(sdl));
    const problems: string[] = [];
    for (const [coordinate, type] of declaredFields(typeDefs)) {
      const servedType = served.get(coordinate);
      if (servedType === undefined) problems.push(coordinate);
      else if (servedType !== type) problems.push(`${coordinate} (served as ${servedType}, published as ${type})`);
    }
    if (problems.length === 0) return [];
    return [
      `${department} at ${url} does not serve what this version declares: ${problems.join(', ')}. Deploy the department's new code first (then publish), ${skip}.`,
    ];
  };
}

/** Fields (with their types), arguments, input fields and enum values a subgraph SDL declares, by coordinate. */
export function declaredFields(document: DocumentNode): Map<string, string> {
  const declared = new Map<string, string>();
  for (const definition of document.definitions as readonly DefinitionNode[]) {
    if (!('name' in definition) || !definition.name || isFederationName(definition.name.value)) continue;
    const type = definition.name.value;
    switch (definition.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.OBJECT_TYPE_EXTENSION:
      case Kind.INTERFACE_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_EXTENSION:
        for (const field of definition.fields ?? []) {
          if (isFederationName(field.name.value)) continue;
          declared.set(`${type}.${field.name.value}`, print(field.type));
          for (const arg of field.arguments ?? []) declared.set(`${type}.${field.name.value}(${arg.name.value}:)`, print(arg.type));
        }
        break;
      case Kind.INPUT_OBJECT_TYPE_DEFINITION:
      case Kind.INPUT_OBJECT_TYPE_EXTENSION:
        for (const field of definition.fields ?? []) declared.set(`${type}.${field.name.value}`, print(field.type));
        break;
      case Kind.ENUM_TYPE_DEFINITION:
      case Kind.ENUM_TYPE_EXTENSION:
        for (const value of definition.values ?? []) declared.set(`${type}.${value.name.value}`, 'enum value');
        break;
      default:
        break;
    }
  }
  return declared;
}

function isFederationName(name: string): boolean {
  return name.startsWith('_') || name.startsWith('link__') || name.startsWith('federation__') || name === 'ShareLevel' || name === 'ShareCycle';
}
