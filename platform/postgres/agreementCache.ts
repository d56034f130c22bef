/**
 * The gateway's per-request agreement lookup, cached in the process and kept true across replicas. Every change
 * to agreements bumps a counter whose trigger notifies `govgraph_changes` on commit; a listener connection drops
 * the cache on that notification (milliseconds), and a poll of the counter every `pollIntervalMs` drops it when
 * a notification was missed. The cache answers only while the last successful poll is younger than
 * `maxStalenessMs`; otherwise (listener and poll failing: the database is unreachable) every lookup goes to the
 * database itself, which then fails and the gateway answers 503. So a revocation made through any replica, the
 * workflow or the store is enforced everywhere within `maxStalenessMs` at worst, and never served from a cache
 * nobody can vouch for.
 *
 * A load racing an invalidation is not kept: each load notes the cache generation it started in and stores its
 * result only if no invalidation happened meanwhile.
 */
import pg from 'pg';
import type { Agreement } from '../../sharing/types.ts';
import type { AgreementStore } from '../agreements/types.ts';
import { toAgreement, type AgreementRow } from '../agreements/rows.ts';

export interface AgreementCacheOptions {
  /** Poll of the change counter, in milliseconds. Default 250. */
  pollIntervalMs?: number;
  /** The cache answers only while the last successful poll is at most this old, in milliseconds. Default 1000. */
  maxStalenessMs?: number;
}

export interface AgreementCacheStats {
  hits: number;
  loads: number;
  invalidations: number;
  /** Whether the listener connection is up. */
  listening: boolean;
}

const CHANNEL = 'govgraph_changes';

export class CachedAgreementStore implements AgreementStore {
  readonly #store: AgreementStore;
  readonly #pool: pg.Pool;
  readonly #schema: string;
  readonly #listenerConfig: pg.ClientConfig;
  readonly #pollIntervalMs: number;
  readonly #maxStalenessMs: number;
  readonly #entries = new Map<string, Agreement[]>();
  readonly #stats: AgreementCacheStats = { hits: 0, loads: 0, invalidations: 0, listening: false };
  #generation = 0;
  #version = -1;
  #confirmedAt = 0;
  #listener: pg.Client | null = null;
  #poll: NodeJS.Timeout | null = null;
  #polling = false;
  #reconnect: NodeJS.Timeout | null = null;
  #closed = false;

  constructor(options: { store: AgreementStore; pool: pg.Pool; schema: string; listener: pg.ClientConfig } & AgreementCacheOptions) {
    this.#store = options.store;
    this.#pool = options.pool;
    this.#schema = options.schema;
    this.#listenerConfig = options.listener;
    this.#pollIntervalMs = options.pollIntervalMs ?? 250;
    this.#maxStalenessMs = options.maxStalenessMs ?? 1000;
    for (const name of ['pollIntervalMs', 'maxStalenessMs'] as const) {
      const value = options[name];
      if (value !== undefined && (!Number.isInteger(value) || value < 10)) {
        throw new TypeError(`Agreement cache: option \`${name}\` must be an integer of at least 10 (milliseconds); got ${String(value)}.`);
      }
    }
    if (this.#pollIntervalMs >= this.#maxStalenessMs) {
      throw new TypeError(`Agreement cache: \`pollIntervalMs\` (${this.#pollIntervalMs}) must be below \`maxStalenessMs\` (${this.#maxStalenessMs}), or the cache is never usable.`);
    }
  }

  /** Reads the counter and starts listening and polling. */
  async start(): Promise<this> {
    await this.#pollOnce();
    await this.#listen().catch(() => this.#scheduleReconnect());
    this.#poll = setInterval(() => void this.#pollOnce(), this.#pollIntervalMs);
    this.#poll.unref();
    return this;
  }

  async agreementsFor(consumer: string, at: Date): Promise<Agreement[]> {
    if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new TypeError(`agreementsFor: \`at\` must be a valid Date; got ${String(at)}.`);
    if (this.#closed || Date.now() - this.#confirmedAt > this.#maxStalenessMs) return this.#store.agreementsFor(consumer, at);
    let approved = this.#entries.get(consumer);
    if (approved) {
      this.#stats.hits += 1;
    } else {
      const generation = this.#generation;
      approved = await this.#load(consumer);
      this.#stats.loads += 1;
      if (generation === this.#generation) this.#entries.set(consumer, approved);
    }
    const instant = at.toISOString();
    return approved.filter((agreement) => agreement.validFrom <= instant && instant < agreement.validUntil);
  }

  get(id: string) { return this.#store.get(id); }
  list(...args: Parameters<AgreementStore['list']>) { return this.#store.list(...args); }
  create(...args: Parameters<AgreementStore['create']>) { return this.#store.create(...args); }
  setStatus(...args: Parameters<AgreementStore['setStatus']>) { return this.#store.setStatus(...args); }
  history(id: string) { return this.#store.history(id); }
  version() { return this.#store.version(); }

  stats(): AgreementCacheStats {
    return { ...this.#stats };
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#poll) clearInterval(this.#poll);
    if (this.#reconnect) clearTimeout(this.#reconnect);
    const listener = this.#listener;
    this.#listener = null;
    await listener?.end().catch(() => {});
  }

  /** Every APPROVED agreement of the consumer, whatever its period: the period is checked per request. */
  async #load(consumer: string): Promise<Agreement[]> {
    const { rows } = await this.#pool.query<AgreementRow>(
      `SELECT id, consumer, provider, items, purpose, legal_basis, valid_from, valid_until, status
       FROM agreements WHERE consumer = $1 AND status = 'APPROVED' ORDER BY id`,
      [consumer],
    );
    return rows.map(toAgreement);
  }

  #invalidate(): void {
    this.#generation += 1;
    this.#entries.clear();
    this.#stats.invalidations += 1;
  }

  async #pollOnce(): Promise<void> {
    if (this.#polling || this.#closed) return;
    this.#polling = true;
    try {
      const started = Date.now();
      const { rows } = await this.#pool.query<{ version: number }>(`SELECT version FROM change_counters WHERE name = 'agreements'`);
      const version = rows[0]?.version;
      if (version === undefined) throw new Error('the agreements change counter is missing');
      if (version !== this.#version) {
        this.#version = version;
        this.#invalidate();
      }
      // Vouches for what was committed before the poll started, not after.
      this.#confirmedAt = started;
    } catch {
      // Not confirmed: once maxStalenessMs passes, lookups go to the database (and fail closed if it is down).
    } finally {
      this.#polling = false;
    }
  }

  async #listen(): Promise<void> {
    if (this.#closed) return;
    const client = new pg.Client(this.#listenerConfig);
    const lost = () => {
      if (this.#listener !== client) return;
      this.#listener = null;
      this.#stats.listening = false;
      client.end().catch(() => {});
      this.#scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (message) => {
      const [schema, name] = (message.payload ?? '').split(' ');
      if (message.channel === CHANNEL && schema === this.#schema && name === 'agreements') this.#invalidate();
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    if (this.#closed) {
      await client.end().catch(() => {});
      return;
    }
    this.#listener = client;
    this.#stats.listening = true;
    // Whatever changed while no one listened is caught by this poll.
    await this.#pollOnce();
  }

  #scheduleReconnect(): void {
    if (this.#closed || this.#reconnect) return;
    this.#reconnect = setTimeout(() => {
      this.#reconnect = null;
      this.#listen().catch(() => this.#scheduleReconnect());
    }, 1_000);
    this.#reconnect.unref();
  }
}
