// Replay: recorded messages published again to the stack's Valkey, each to every
// channel it first arrived on, at the original pacing, ten times faster, or as fast
// as Valkey takes them. One at a time; cancellable between messages.
import { randomUUID } from 'node:crypto';
import type { HistoryFilter, ReplayProgress, ReplayRequest, ReplaySpeed } from '../../../shared/history';
import { AppError } from '../../../shared/result';
import { checkRedisUrl, nodeClient } from '../traffic/url';
import type { RawRecord } from './record-db';

const CHUNK = 500;
const PROGRESS_EVERY_MS = 200;
/** Waits shorter than this are not slept: the publishes go out together. */
const MIN_SLEEP_MS = 4;

export interface ReplaySource {
  range(q: { filter: HistoryFilter & { ids?: number[] }; afterId: number; limit: number }): Promise<RawRecord[]>;
}

const FACTOR: Record<ReplaySpeed, number> = { original: 1, x10: 10, max: Infinity };

export class Replays {
  private running: { id: string; cancel: () => void } | null = null;

  constructor(private readonly onProgress: (p: ReplayProgress) => void) {}

  /** Starts a replay of `total` messages (from the plan); progress comes as events. */
  start(source: ReplaySource, url: string, req: ReplayRequest, total: number): { id: string } {
    if (this.running) throw new AppError('OPERATION_IN_PROGRESS', 'A replay is already running: cancel it or wait for it to end');
    checkRedisUrl(url);
    const id = randomUUID();
    const abort = new AbortController();
    this.running = { id, cancel: () => abort.abort() };
    void this.run(id, source, url, req, total, abort.signal).finally(() => {
      if (this.running?.id === id) this.running = null;
    });
    return { id };
  }

  cancel(id?: string): boolean {
    if (!this.running || (id && this.running.id !== id)) return false;
    this.running.cancel();
    return true;
  }

  private async run(id: string, source: ReplaySource, url: string, req: ReplayRequest, total: number, signal: AbortSignal): Promise<void> {
    const { speed, ids, ...filter } = req;
    const factor = FACTOR[speed];
    const client = nodeClient(checkRedisUrl(url), {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    client.on('error', () => {});
    let sent = 0;
    let lastReport = 0;
    const report = (status: ReplayProgress['status'], message?: string): void => {
      lastReport = Date.now();
      this.onProgress({ id, sent, total, status, ...(message ? { message } : {}) });
    };
    try {
      await client.connect();
      report('running');
      let afterId = 0;
      let firstAt: number | null = null;
      const startWall = Date.now();
      for (;;) {
        const chunk = await source.range({ filter: { ...filter, ...(ids ? { ids } : {}) }, afterId, limit: CHUNK });
        if (chunk.length === 0) break;
        let pipe = client.pipeline();
        let queued = 0;
        for (const r of chunk) {
          if (signal.aborted) break;
          firstAt ??= r.at;
          if (factor !== Infinity) {
            const due = startWall + (r.at - firstAt) / factor;
            const wait = due - Date.now();
            if (wait >= MIN_SLEEP_MS) {
              if (queued) await pipe.exec();
              pipe = client.pipeline();
              queued = 0;
              await sleep(wait, signal);
              if (signal.aborted) break;
            }
          }
          const bytes = Buffer.from(r.payload.buffer, r.payload.byteOffset, r.payload.byteLength);
          for (const ch of r.channels) pipe.publish(ch, bytes);
          queued++;
          sent++;
          if (Date.now() - lastReport >= PROGRESS_EVERY_MS) report('running');
        }
        if (queued) await pipe.exec();
        if (signal.aborted) break;
        afterId = chunk[chunk.length - 1]!.id;
      }
      report(signal.aborted ? 'cancelled' : 'done');
    } catch (err) {
      report('failed', `Replay to ${url} failed after ${sent} messages: ${(err as Error).message}`);
    } finally {
      client.disconnect();
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    });
  });
}
