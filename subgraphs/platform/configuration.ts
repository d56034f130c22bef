/**
 * The platform subgraph's options from the command line and environment (bin/subgraph.ts), validated at start
 * with a message naming the bad setting:
 *   --supergraph / GOVGRAPH_SUPERGRAPH   the supergraph file the catalogue is derived from (the gateway's); default
 *                                        schema/supergraph.graphql. An http(s) URL cannot be watched here: the
 *                                        platform then reads the committed file and says so. `store`: the
 *                                        newest supergraph published to the platform store, as the gateway's.
 *   GOVGRAPH_REPLY_DAYS                  working days a provider has to decide an application (default 10)
 *   GOVGRAPH_OBJECTION_REPLY_DAYS        working days a provider has to answer an objection (default 10)
 *   GOVGRAPH_HOLIDAYS                    a holiday calendar file in the format of platform/workflow/holidays-cn.json
 */
import { resolve } from 'node:path';
import { loadHolidayCalendar } from '../../platform/index.ts';
import type { PlatformSubgraphOptions } from './index.ts';

export interface PlatformSettings {
  supergraph?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** Told about a setting that was not used as given. Default: stderr. */
  warn?: (message: string) => void;
}

export function platformOptionsFrom(settings: PlatformSettings): PlatformSubgraphOptions {
  const env = settings.env ?? process.env;
  const warn = settings.warn ?? ((message: string) => console.error(`[platform] ${message}`));
  const options: PlatformSubgraphOptions = {};
  const supergraph = settings.supergraph ?? env.GOVGRAPH_SUPERGRAPH;
  if (supergraph && /^https?:\/\//i.test(supergraph)) {
    warn(`the catalogue is read from the committed schema/supergraph.graphql: a supergraph URL (${supergraph}) is not watched by the platform subgraph; give it the file.`);
  } else if (supergraph === 'store') {
    options.supergraph = 'store';
  } else if (supergraph) {
    options.supergraph = resolve(supergraph);
  }
  const workflow: NonNullable<PlatformSubgraphOptions['workflow']> = {};
  for (const [name, option] of [['GOVGRAPH_REPLY_DAYS', 'replyDays'], ['GOVGRAPH_OBJECTION_REPLY_DAYS', 'objectionReplyDays']] as const) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 366) {
      throw new Error(`${name} must be a whole number of working days from 1 to 366; got "${value}".`);
    }
    workflow[option] = Number(value);
  }
  if (env.GOVGRAPH_HOLIDAYS) workflow.calendar = loadHolidayCalendar(resolve(env.GOVGRAPH_HOLIDAYS));
  if (Object.keys(workflow).length > 0) options.workflow = workflow;
  return options;
}
