// One binary-safe PSUBSCRIBE connection to Valkey with its life cycle as states:
// connecting -> subscribed -> reconnecting (Valkey restarted or gone) -> subscribed.
// Pub/sub never redelivers, so each reconnect reports the lost window as a gap.
import type { Redis } from 'ioredis';
import type { MonitorState } from '../../../shared/traffic';
import { checkRedisUrl, nodeClient } from './url';

export interface SubscriberHandlers {
  /** `sharded`: it came by SSUBSCRIBE (a cluster's sharded pub/sub), not PSUBSCRIBE. */
  message(channel: Buffer, payload: Buffer, sharded?: boolean): void;
  state(s: MonitorState): void;
  gap(from: number, to: number): void;
}

/** What the monitor and the CLI subscribe through: one node (or a Sentinel's master), or a cluster. */
export interface Subscriber {
  readonly url: string;
  /** Resolves once subscribed; rejects when the first attempt fails (retries go on). */
  start(): Promise<void>;
  setPatterns(patterns: string[]): Promise<void>;
  stop(): Promise<void>;
}

/** Back-off between reconnect attempts: quick at first, then every 2 s. */
export const retryDelay = (attempt: number): number => Math.min(100 * 2 ** Math.min(attempt - 1, 5), 2000);

/**
 * Time spent on messages per event-loop turn before the socket is paused until the
 * next one. A backlog in Valkey arrives as a stream of 64 KB chunks that the socket
 * hands over back to back, so without a pause a flood would hold the loop for hundreds
 * of ms and every client would wait. Checked every CHECK_EVERY messages.
 */
export const TURN_BUDGET_MS = 8;
const CHECK_EVERY = 32;

export class PatternSubscriber implements Subscriber {
  private readonly redis: Redis;
  private inTurn = 0;
  private turnStart = 0;
  private yielding = false;
  private patterns: string[];
  private lostAt: number | null = null;
  private everSubscribed = false;
  private lastError = 'connection closed';
  private stopped = false;
  /** Settles the promise of start(): subscribed, or given up before that. */
  private pending: { resolve: () => void; reject: (err: Error) => void } | null = null;

  constructor(
    readonly url: string,
    patterns: string[],
    private readonly on: SubscriberHandlers,
    private readonly now: () => number = Date.now,
  ) {
    this.patterns = [...patterns];
    // Resubscribing is done here (not by ioredis) so "subscribed" means the server confirmed.
    const target = checkRedisUrl(url);
    this.redis = nodeClient(target, {
      lazyConnect: true,
      // A Sentinel set: ioredis asks the sentinels for the master, and hears of a failover at once.
      ...(target.kind === 'sentinel' ? { failoverDetector: true } : {}),
      enableOfflineQueue: false,
      autoResubscribe: false,
      maxRetriesPerRequest: 0,
      retryStrategy: (attempt) => {
        if (this.stopped) return null;
        this.lostAt ??= this.now();
        this.on.state({ status: 'reconnecting', url, since: this.lostAt, attempt, reason: this.lastError });
        return retryDelay(attempt);
      },
    });
    this.redis.on('pmessageBuffer', (_pattern: string, channel: Buffer, payload: Buffer) => {
      if (this.inTurn === 0) this.turnStart = performance.now();
      this.on.message(channel, payload);
      if (++this.inTurn % CHECK_EVERY === 0 && !this.yielding && performance.now() - this.turnStart > TURN_BUDGET_MS) this.yieldTurn();
    });
    this.redis.on('error', (err: Error) => {
      this.lastError = err.message || String(err);
    });
    this.redis.on('close', () => {
      if (!this.stopped && this.lostAt === null) this.lostAt = this.now();
    });
    this.redis.on(
      'ready',
      () =>
        void this.subscribe().catch((err: Error) => {
          this.lastError = err.message;
          this.settle(new Error(`PSUBSCRIBE ${this.patterns.join(' ')} failed on ${url}: ${err.message}`));
        }),
    );
  }

  /** Resolves once subscribed; rejects when the first attempt fails (retries go on). */
  async start(): Promise<void> {
    this.on.state({ status: 'connecting', url: this.url });
    const subscribed = new Promise<void>((resolve, reject) => (this.pending = { resolve, reject }));
    subscribed.catch(() => {}); // observed below; avoids an unhandled rejection if connect() throws first
    try {
      await this.redis.connect();
    } catch (err) {
      throw new Error(`cannot reach Valkey at ${this.url}: ${(err as Error).message || this.lastError}`, { cause: err });
    }
    await subscribed;
  }

  async setPatterns(patterns: string[]): Promise<void> {
    const old = this.patterns;
    this.patterns = [...patterns];
    if (this.redis.status !== 'ready') return; // applied on the next (re)connect
    if (old.length) await this.redis.punsubscribe(...old);
    if (this.patterns.length) await this.redis.psubscribe(...this.patterns);
    this.on.state({ status: 'subscribed', url: this.url, patterns: [...this.patterns], ...this.mode() });
  }

  /** Which node a Sentinel set gave us, for the UI. */
  private mode(): { mode?: 'sentinel'; node?: string } {
    const o = this.redis.options;
    if (!o.sentinels) return {};
    const stream = (this.redis as unknown as { stream?: { remoteAddress?: string; remotePort?: number } }).stream;
    return { mode: 'sentinel', ...(stream?.remoteAddress ? { node: `${stream.remoteAddress}:${stream.remotePort}` } : {}) };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.settle(new Error(`stopped before subscribing to ${this.url}`));
    this.redis.disconnect();
    this.redis.removeAllListeners('pmessageBuffer');
  }

  private async subscribe(): Promise<void> {
    if (this.patterns.length) await this.redis.psubscribe(...this.patterns);
    const lost = this.lostAt;
    this.lostAt = null;
    if (lost !== null && this.everSubscribed) this.on.gap(lost, this.now());
    this.everSubscribed = true;
    this.on.state({ status: 'subscribed', url: this.url, patterns: [...this.patterns], ...this.mode() });
    this.settle(null);
  }

  /** Stops reading the socket until the next turn, so other I/O is served between bursts. */
  private yieldTurn(): void {
    const stream = (this.redis as unknown as { stream?: { pause(): void; resume(): void } }).stream;
    stream?.pause();
    this.yielding = true;
    setImmediate(() => {
      this.inTurn = 0;
      this.yielding = false;
      if (!this.stopped) stream?.resume();
    });
  }

  private settle(err: Error | null): void {
    const p = this.pending;
    this.pending = null;
    if (!p) return;
    if (err) p.reject(err);
    else p.resolve();
  }
}
