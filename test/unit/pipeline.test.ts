/**
 * The pipeline runs each hook of its steps one after the other, in the order listed, where Apollo would run them at
 * once: a step that waits still comes before the next one, and a refusal stops the steps after it.
 */
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { describe, expect, it } from 'vitest';
import type { GatewayContext } from '../../gateway/context.ts';
import { inSequence } from '../../gateway/pipeline.ts';

type Hooks = Required<Awaited<ReturnType<NonNullable<ApolloServerPlugin<GatewayContext>['requestDidStart']>>>> & object;

function step(name: string, said: string[], options: { waitMs?: number; refuse?: boolean } = {}): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      said.push(`${name} starts`);
      return {
        async didResolveOperation() {
          if (options.waitMs) await new Promise((resolve) => setTimeout(resolve, options.waitMs));
          if (options.refuse) throw new Error(`${name} refuses`);
          said.push(`${name} decides`);
        },
        async willSendResponse() {
          if (options.waitMs) await new Promise((resolve) => setTimeout(resolve, options.waitMs));
          said.push(`${name} answers`);
        },
      };
    },
  };
}

describe('the pipeline', () => {
  it('runs each hook of its steps in the order listed, a step that waits before the next', async () => {
    const said: string[] = [];
    const hooks = (await inSequence([step('shape', said, { waitMs: 20 }), step('record', said)]).requestDidStart!({} as GraphQLRequestContext<GatewayContext>)) as Hooks;
    await hooks.didResolveOperation({} as never);
    await hooks.willSendResponse({} as never);
    expect(said).toEqual(['shape starts', 'record starts', 'shape decides', 'record decides', 'shape answers', 'record answers']);
  });

  it('stops at a refusal: the steps after it do not decide, but every step answers', async () => {
    const said: string[] = [];
    const hooks = (await inSequence([step('admit', said, { waitMs: 5, refuse: true }), step('decide', said)]).requestDidStart!({} as GraphQLRequestContext<GatewayContext>)) as Hooks;
    await expect(hooks.didResolveOperation({} as never)).rejects.toThrow('admit refuses');
    await hooks.willSendResponse({} as never);
    expect(said).toEqual(['admit starts', 'decide starts', 'admit answers', 'decide answers']);
  });

  it('calls each hook only on the steps that have it, as their own method, and answers with the first response a step gives', async () => {
    const said: string[] = [];
    const recordOnly: ApolloServerPlugin<GatewayContext> = {
      async requestDidStart() {
        return {
          name: 'record',
          async willSendResponse(this: { name: string }) {
            said.push(`${this.name} answers`);
          },
        } as never;
      },
    };
    const cached = (name: string, response: unknown): ApolloServerPlugin<GatewayContext> => ({
      async requestDidStart() {
        return {
          async responseForOperation() {
            said.push(`${name} asked`);
            return response as never;
          },
        };
      },
    });
    const hooks = (await inSequence([cached('none', null), cached('plan', { body: 'plan' }), cached('later', { body: 'later' }), recordOnly]).requestDidStart!(
      {} as GraphQLRequestContext<GatewayContext>,
    )) as Partial<Hooks>;
    expect(hooks.didResolveOperation).toBeUndefined();
    expect(await hooks.responseForOperation!({} as never)).toEqual({ body: 'plan' });
    await hooks.willSendResponse!({} as never);
    expect(said).toEqual(['none asked', 'plan asked', 'record answers']);
  });
});
