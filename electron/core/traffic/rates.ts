// Message rates over 1 s and 10 s, per channel, agent and type, plus 5 minutes of
// per-second totals. Per message: a few counter bumps, no timestamps kept.
import type { RatePair, TrafficRates } from '../../../shared/traffic';

export const HISTORY_SECONDS = 300;
/** Distinct keys tracked per dimension; beyond it (after pruning idle ones) they pool as "(other)". */
export const MAX_RATE_KEYS = 5_000;
const SLOTS = 16; // >= 10 complete seconds + the current one
const OTHER = '(other)';

/** Counts per second in a small circular array indexed by second. */
class SecondCounts {
  sec: number;
  readonly slots: Int32Array;
  constructor(sec: number, size: number) {
    this.sec = sec;
    this.slots = new Int32Array(size);
  }

  bump(sec: number, n: number): void {
    const size = this.slots.length;
    if (sec > this.sec) {
      const gap = Math.min(sec - this.sec, size);
      for (let k = 1; k <= gap; k++) this.slots[(sec - gap + k) % size] = 0;
      this.sec = sec;
    } else if (sec <= this.sec - size) return; // too old to count
    this.slots[sec % size] = (this.slots[sec % size] as number) + n;
  }

  /** Count for one complete second (0 when outside what is kept). */
  at(sec: number): number {
    if (sec > this.sec || sec <= this.sec - this.slots.length) return 0;
    return this.slots[sec % this.slots.length] as number;
  }

  pair(nowSec: number): RatePair {
    let sum = 0;
    for (let s = nowSec - 10; s < nowSec; s++) sum += this.at(s);
    return { r1: this.at(nowSec - 1), r10: sum / 10 };
  }
}

class Dimension {
  private readonly map = new Map<string, SecondCounts>();
  private prunedAt = -1;
  bump(key: string, sec: number): void {
    let c = this.map.get(key);
    if (!c) {
      // At most one prune per second: with many live keys (a post:<id> channel per
      // reaction) a prune that frees nothing must not run for every new key.
      if (this.map.size >= MAX_RATE_KEYS && this.prunedAt !== sec) {
        this.prune(sec);
        this.prunedAt = sec;
      }
      const k = this.map.size >= MAX_RATE_KEYS ? OTHER : key;
      c = this.map.get(k);
      if (!c) this.map.set(k, (c = new SecondCounts(sec, SLOTS)));
    }
    c.bump(sec, 1);
  }
  /** Drops keys idle for more than the 10 s window. */
  prune(nowSec: number): void {
    for (const [k, c] of this.map) if (c.sec < nowSec - 11) this.map.delete(k);
  }
  snapshot(nowSec: number): Record<string, RatePair> {
    this.prune(nowSec);
    const out: Record<string, RatePair> = {};
    for (const [k, c] of this.map) out[k] = c.pair(nowSec);
    return out;
  }
  clear(): void {
    this.map.clear();
  }
}

export class RateTracker {
  private total: SecondCounts;
  private readonly channels = new Dimension();
  private readonly agents = new Dimension();
  private readonly types = new Dimension();

  constructor(now: number) {
    this.total = new SecondCounts(Math.floor(now / 1000), HISTORY_SECONDS + 1);
  }

  /** One delivery on a channel (every copy counts for its channel). */
  delivery(channel: string, now: number): void {
    this.channels.bump(channel, Math.floor(now / 1000));
  }

  /** One message, after merging copies (counts for the total, its agent and its type). */
  message(agent: string | null, type: string | null, now: number): void {
    const sec = Math.floor(now / 1000);
    this.total.bump(sec, 1);
    if (agent !== null) this.agents.bump(agent, sec);
    if (type !== null) this.types.bump(type, sec);
  }

  snapshot(now: number): TrafficRates {
    const nowSec = Math.floor(now / 1000);
    const history = new Array<number>(HISTORY_SECONDS);
    for (let k = 0; k < HISTORY_SECONDS; k++) history[k] = this.total.at(nowSec - HISTORY_SECONDS + k);
    return {
      total: this.total.pair(nowSec),
      byChannel: this.channels.snapshot(nowSec),
      byAgent: this.agents.snapshot(nowSec),
      byType: this.types.snapshot(nowSec),
      history,
    };
  }

  clear(now: number): void {
    this.total = new SecondCounts(Math.floor(now / 1000), HISTORY_SECONDS + 1);
    this.channels.clear();
    this.agents.clear();
    this.types.clear();
  }
}
