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
 *   GOVGRAPH_DISPUTE_NEGOTIATION_DAYS    working days of a dispute's negotiation between the departments (default 10)
 *   GOVGRAPH_DISPUTE_COMPETENT_DAYS      working days of the competent department's coordination (default 10)
 *   GOVGRAPH_DISPUTE_SUPERIOR_DAYS       working days of the common superior's decision (default 10)
 *   GOVGRAPH_DISPUTE_COMPETENT_DEPARTMENT  the department id that coordinates a dispute after negotiation (default platform)
 *   GOVGRAPH_DISPUTE_COMMON_SUPERIOR       the department id that decides it last (default people-government)
 */
import { resolve } from 'node:path';
import { DEFAULT_DISPUTE_PARTIES, loadHolidayCalendar, type DisputeStage } from '../../platform/index.ts';
import type { PlatformSubgraphOptions } from './index.ts';

const DAYS: readonly (readonly [string, 'replyDays' | 'objectionReplyDays' | DisputeStage])[] = [
  ['GOVGRAPH_REPLY_DAYS', 'replyDays'],
  ['GOVGRAPH_OBJECTION_REPLY_DAYS', 'objectionReplyDays'],
  ['GOVGRAPH_DISPUTE_NEGOTIATION_DAYS', 'NEGOTIATION'],
  ['GOVGRAPH_DISPUTE_COMPETENT_DAYS', 'COMPETENT_DEPARTMENT'],
  ['GOVGRAPH_DISPUTE_SUPERIOR_DAYS', 'COMMON_SUPERIOR'],
];

const DEPARTMENT_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * The departments that take a dispute after negotiation, from GOVGRAPH_DISPUTE_COMPETENT_DEPARTMENT and
 * GOVGRAPH_DISPUTE_COMMON_SUPERIOR (defaults `platform` and `people-government`): the platform subgraph's, and
 * the development identities and `npm run token` offer them too.
 */
export function disputePartiesFrom(env: NodeJS.ProcessEnv = process.env): { competentDepartment: string; commonSuperior: string } {
  const parties = {
    competentDepartment: env.GOVGRAPH_DISPUTE_COMPETENT_DEPARTMENT || DEFAULT_DISPUTE_PARTIES.competentDepartment,
    commonSuperior: env.GOVGRAPH_DISPUTE_COMMON_SUPERIOR || DEFAULT_DISPUTE_PARTIES.commonSuperior,
  };
  for (const [name, id] of [['GOVGRAPH_DISPUTE_COMPETENT_DEPARTMENT', parties.competentDepartment], ['GOVGRAPH_DISPUTE_COMMON_SUPERIOR', parties.commonSuperior]] as const) {
    if (!DEPARTMENT_ID.test(id)) throw new Error(`${name} must be a kebab-case department id (e.g. people-government); got "${id}".`);
  }
  if (parties.competentDepartment === parties.commonSuperior) {
    throw new Error(`GOVGRAPH_DISPUTE_COMPETENT_DEPARTMENT and GOVGRAPH_DISPUTE_COMMON_SUPERIOR must name different departments; both are ${parties.commonSuperior}.`);
  }
  return parties;
}

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
  for (const [name, option] of DAYS) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 366) {
      throw new Error(`${name} must be a whole number of working days from 1 to 366; got "${value}".`);
    }
    if (option === 'replyDays' || option === 'objectionReplyDays') workflow[option] = Number(value);
    else workflow.disputeDays = { ...workflow.disputeDays, [option]: Number(value) };
  }
  if (env.GOVGRAPH_DISPUTE_COMPETENT_DEPARTMENT || env.GOVGRAPH_DISPUTE_COMMON_SUPERIOR) workflow.disputeParties = disputePartiesFrom(env);
  if (env.GOVGRAPH_HOLIDAYS) workflow.calendar = loadHolidayCalendar(resolve(env.GOVGRAPH_HOLIDAYS));
  if (Object.keys(workflow).length > 0) options.workflow = workflow;
  return options;
}
