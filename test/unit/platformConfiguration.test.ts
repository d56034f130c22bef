/**
 * The platform subgraph's settings from its command line and environment: the supergraph file for the catalogue,
 * reply periods and the holiday calendar, each refused with a message naming the setting when it is wrong.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { platformOptionsFrom } from '../../subgraphs/platform/configuration.ts';

const dir = mkdtempSync(join(tmpdir(), 'govgraph-platform-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('platform subgraph settings', () => {
  it('defaults everything when nothing is set', () => {
    expect(platformOptionsFrom({ env: {} })).toEqual({});
  });

  it('takes the supergraph from the flag over the environment, resolved', () => {
    expect(platformOptionsFrom({ supergraph: 'a.graphql', env: { GOVGRAPH_SUPERGRAPH: 'b.graphql' } })).toEqual({ supergraph: resolve('a.graphql') });
    expect(platformOptionsFrom({ env: { GOVGRAPH_SUPERGRAPH: 'b.graphql' } })).toEqual({ supergraph: resolve('b.graphql') });
  });

  it('passes `store` on: the catalogue then follows the supergraph published to the platform store', () => {
    expect(platformOptionsFrom({ supergraph: 'store', env: {} })).toEqual({ supergraph: 'store' });
  });

  it('says it reads the committed file when the gateway polls a supergraph URL', () => {
    const warnings: string[] = [];
    expect(platformOptionsFrom({ env: { GOVGRAPH_SUPERGRAPH: 'https://registry.example/supergraph' }, warn: (m) => warnings.push(m) })).toEqual({});
    expect(warnings).toEqual([
      'the catalogue is read from the committed schema/supergraph.graphql: a supergraph URL (https://registry.example/supergraph) is not watched by the platform subgraph; give it the file.',
    ]);
  });

  it('reads reply periods and a holiday calendar file', () => {
    const file = join(dir, 'holidays.json');
    writeFileSync(file, JSON.stringify({ timeZone: 'Asia/Shanghai', years: { 2027: { holidays: ['2027-01-01'], workdays: [] } } }));
    const options = platformOptionsFrom({ env: { GOVGRAPH_REPLY_DAYS: '15', GOVGRAPH_OBJECTION_REPLY_DAYS: '5', GOVGRAPH_HOLIDAYS: file } });
    expect(options).toEqual({ workflow: { replyDays: 15, objectionReplyDays: 5, calendar: { holidays: ['2027-01-01'], workdays: [], timeZone: 'Asia/Shanghai', years: [2027] } } });
  });

  it('reads the days of each stage of a dispute and who takes it after negotiation', () => {
    const env = {
      GOVGRAPH_DISPUTE_NEGOTIATION_DAYS: '5', GOVGRAPH_DISPUTE_SUPERIOR_DAYS: '20',
      GOVGRAPH_DISPUTE_COMPETENT_DEPARTMENT: 'data-bureau', GOVGRAPH_DISPUTE_COMMON_SUPERIOR: 'municipal-government',
    };
    expect(platformOptionsFrom({ env })).toEqual({
      workflow: { disputeDays: { NEGOTIATION: 5, COMMON_SUPERIOR: 20 }, disputeParties: { competentDepartment: 'data-bureau', commonSuperior: 'municipal-government' } },
    });
    expect(platformOptionsFrom({ env: { GOVGRAPH_DISPUTE_COMMON_SUPERIOR: 'state-council' } })).toEqual({
      workflow: { disputeParties: { competentDepartment: 'platform', commonSuperior: 'state-council' } },
    });
    expect(() => platformOptionsFrom({ env: { GOVGRAPH_DISPUTE_COMPETENT_DAYS: '0' } })).toThrow('GOVGRAPH_DISPUTE_COMPETENT_DAYS must be a whole number of working days from 1 to 366; got "0".');
    expect(() => platformOptionsFrom({ env: { GOVGRAPH_DISPUTE_COMMON_SUPERIOR: 'State Council' } })).toThrow(
      'GOVGRAPH_DISPUTE_COMMON_SUPERIOR must be a kebab-case department id (e.g. people-government); got "State Council".',
    );
    expect(() => platformOptionsFrom({ env: { GOVGRAPH_DISPUTE_COMMON_SUPERIOR: 'platform' } })).toThrow('must name different departments; both are platform.');
  });

  it('refuses a reply period that is not a whole number of working days from 1 to 366, and a calendar it cannot read', () => {
    for (const value of ['0', '10.5', 'ten', '400']) {
      expect(() => platformOptionsFrom({ env: { GOVGRAPH_REPLY_DAYS: value } })).toThrow(`GOVGRAPH_REPLY_DAYS must be a whole number of working days from 1 to 366; got "${value}".`);
    }
    expect(() => platformOptionsFrom({ env: { GOVGRAPH_OBJECTION_REPLY_DAYS: '-1' } })).toThrow('GOVGRAPH_OBJECTION_REPLY_DAYS must be a whole number');
    expect(() => platformOptionsFrom({ env: { GOVGRAPH_HOLIDAYS: join(dir, 'missing.json') } })).toThrow(/^Holiday calendar .*missing\.json could not be read/);
  });
});
