/**
 * The "civil-affairs legacy" database the connector tests connect to: a marriage register the way a department's
 * old system keeps it, not the way govgraph would. Pinyin abbreviations for names (`hy_djxx`: 婚姻登记信息), codes
 * instead of words (`hyzk_dm` '20' = married, GB/T 2261.2), a composite primary key (office code + serial number
 * within the office), a nullable foreign key (the office that reissued a certificate, usually none), and a view
 * that lists each registration once per party. Filled from the test population, so the resident IDs are the ones
 * public-security knows and the gateway can join them.
 */
import type { Population } from '../../subgraphs/synthetic/types.ts';

export interface LegacyRows {
  offices: { jg_dm: string; jg_mc: string; xzqh_dm: string }[];
  registrations: { jg_dm: string; dj_xh: number; dj_lx: 'JH' | 'LH'; dj_rq: string; nan_sfzh: string; nv_sfzh: string; bzjg_dm: string | null }[];
  statuses: { sfzh: string; hyzk_dm: string; gx_rq: string }[];
}

/** The register's rows: every resident's status, each couple's marriage (and divorce) at the husband's office. */
export function legacyRows(population: Population): LegacyRows {
  const offices = new Map<string, LegacyRows['offices'][number]>();
  const registrations: LegacyRows['registrations'] = [];
  const statuses: LegacyRows['statuses'] = [];
  const serial = new Map<string, number>();
  for (const person of population.people()) {
    const couple = population.coupleOf(person.index);
    statuses.push({ sfzh: person.idNumber, hyzk_dm: couple ? (couple.divorcedOn ? '40' : '20') : '10', gx_rq: couple?.divorcedOn ?? couple?.marriedOn ?? '2020-01-01' });
    if (!couple || couple.husbandIndex !== person.index) continue;
    const wife = population.person(couple.wifeIndex);
    const office = `${person.regionCode}01`;
    if (!offices.has(office)) offices.set(office, { jg_dm: office, jg_mc: `${person.regionCode}婚姻登记处`, xzqh_dm: person.regionCode });
    const next = () => {
      const n = (serial.get(office) ?? 0) + 1;
      serial.set(office, n);
      return n;
    };
    // Every 7th certificate was reissued by the office of the wife's region: the nullable foreign key.
    const reissued = person.index % 7 === 0 ? `${wife.regionCode}01` : null;
    if (reissued && !offices.has(reissued)) offices.set(reissued, { jg_dm: reissued, jg_mc: `${wife.regionCode}婚姻登记处`, xzqh_dm: wife.regionCode });
    registrations.push({ jg_dm: office, dj_xh: next(), dj_lx: 'JH', dj_rq: couple.marriedOn, nan_sfzh: person.idNumber, nv_sfzh: wife.idNumber, bzjg_dm: reissued });
    if (couple.divorcedOn) registrations.push({ jg_dm: office, dj_xh: next(), dj_lx: 'LH', dj_rq: couple.divorcedOn, nan_sfzh: person.idNumber, nv_sfzh: wife.idNumber, bzjg_dm: null });
  }
  return { offices: [...offices.values()], registrations, statuses };
}

/** The register's DDL in PostgreSQL, in schema `schema` (lowercase pinyin, as the old system named it). */
export function postgresDdl(schema: string): string[] {
  return [
    `CREATE SCHEMA ${schema}`,
    `CREATE TABLE ${schema}.hy_djjg (jg_dm varchar(8) PRIMARY KEY, jg_mc varchar(100) NOT NULL, xzqh_dm char(6) NOT NULL)`,
    `CREATE TABLE ${schema}.hy_djxx (
       jg_dm varchar(8) NOT NULL REFERENCES ${schema}.hy_djjg (jg_dm), dj_xh integer NOT NULL,
       dj_lx char(2) NOT NULL, dj_rq date NOT NULL, nan_sfzh char(18) NOT NULL, nv_sfzh char(18) NOT NULL,
       bzjg_dm varchar(8) REFERENCES ${schema}.hy_djjg (jg_dm),
       PRIMARY KEY (jg_dm, dj_xh))`,
    `CREATE INDEX hy_djxx_nan ON ${schema}.hy_djxx (nan_sfzh)`,
    `CREATE INDEX hy_djxx_nv ON ${schema}.hy_djxx (nv_sfzh)`,
    `CREATE TABLE ${schema}.rk_hyzk (sfzh char(18) PRIMARY KEY, hyzk_dm char(2) NOT NULL, gx_rq date)`,
    `CREATE VIEW ${schema}.v_hy_dj_ry AS
       SELECT jg_dm, dj_xh, dj_lx, dj_rq, nan_sfzh AS sfzh, nv_sfzh AS po_sfzh FROM ${schema}.hy_djxx
       UNION ALL SELECT jg_dm, dj_xh, dj_lx, dj_rq, nv_sfzh, nan_sfzh FROM ${schema}.hy_djxx`,
  ];
}

/** The same register in MariaDB, as another vendor's system would name it: UPPERCASE, `T_` tables. */
export function mariadbDdl(): string[] {
  return [
    `CREATE TABLE T_HY_DJJG (JG_DM VARCHAR(8) PRIMARY KEY, JG_MC VARCHAR(100) NOT NULL, XZQH_DM CHAR(6) NOT NULL) DEFAULT CHARSET utf8mb4`,
    `CREATE TABLE T_HY_DJXX (
       JG_DM VARCHAR(8) NOT NULL, DJ_XH INT NOT NULL, DJ_LX CHAR(2) NOT NULL, DJ_RQ DATE NOT NULL,
       NAN_SFZH CHAR(18) NOT NULL, NV_SFZH CHAR(18) NOT NULL, BZJG_DM VARCHAR(8) NULL,
       PRIMARY KEY (JG_DM, DJ_XH), KEY IX_NAN (NAN_SFZH), KEY IX_NV (NV_SFZH),
       CONSTRAINT FK_DJXX_JG FOREIGN KEY (JG_DM) REFERENCES T_HY_DJJG (JG_DM),
       CONSTRAINT FK_DJXX_BZJG FOREIGN KEY (BZJG_DM) REFERENCES T_HY_DJJG (JG_DM)) DEFAULT CHARSET utf8mb4`,
    `CREATE TABLE T_RK_HYZK (SFZH CHAR(18) PRIMARY KEY, HYZK_DM CHAR(2) NOT NULL, GX_RQ DATE NULL) DEFAULT CHARSET utf8mb4`,
    `CREATE VIEW V_HY_DJ_RY AS
       SELECT JG_DM, DJ_XH, DJ_LX, DJ_RQ, NAN_SFZH AS SFZH, NV_SFZH AS PO_SFZH FROM T_HY_DJXX
       UNION ALL SELECT JG_DM, DJ_XH, DJ_LX, DJ_RQ, NV_SFZH, NAN_SFZH FROM T_HY_DJXX`,
  ];
}

/** INSERT statements with `?` placeholders for `rows`, in batches of 500 rows; `table` and `column` spell the legacy names for the engine. */
export function inserts(rows: LegacyRows, table: (name: string) => string, column: (name: string) => string): { sql: string; params: unknown[] }[] {
  const statements: { sql: string; params: unknown[] }[] = [];
  const add = (name: string, list: Record<string, unknown>[]) => {
    for (let i = 0; i < list.length; i += 500) {
      const chunk = list.slice(i, i + 500);
      const columns = Object.keys(chunk[0]!);
      statements.push({
        sql: `INSERT INTO ${table(name)} (${columns.map(column).join(', ')}) VALUES ${chunk.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ')}`,
        params: chunk.flatMap((row) => columns.map((c) => row[c])),
      });
    }
  };
  add('hy_djjg', rows.offices);
  add('hy_djxx', rows.registrations);
  add('rk_hyzk', rows.statuses);
  return statements;
}
