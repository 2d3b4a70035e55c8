// The flight recorder as the live side sees it: hand it messages, log lines and
// events as they happen; every LIMITS.recordCommitMs the batch so far goes to the
// worker thread, which writes it in one transaction. The live pipeline pays one
// payload copy per message and never waits on the disk. If the writer falls too far
// behind, what cannot be held is counted as lost rather than growing memory.
import type { Worker } from 'node:worker_threads';
import { OFF_RECORDER, type RecorderState } from '../../../shared/history';
import { LIMITS } from '../../../shared/rules';
import { AppError, type ErrorCode } from '../../../shared/result';
import { BatchBuilder, transferablesOf, type RecordEventInput, type RecordLog } from './batch';
import type { FromWorker, ReadOp, ToWorker } from './protocol';
import type { Retention } from './record-db';
import type { RecordReads } from './reads';
import { startCoreWorker } from '../workers/launch';
import type { TrafficTap } from '../traffic/monitor';

/** Payload bytes handed to the worker and not yet written, at most: past this, messages are counted as lost. */
const MAX_PENDING_BYTES = 256 * 1024 * 1024;
/** A batch is sent early once it holds this many records (a flood does not wait for the timer). */
const EARLY_FLUSH_RECORDS = 10_000;
/**
 * Closing writes what is queued for at most this long; the rest is recorded as a gap.
 * The backlog can hold minutes of writing after a flood, and a worker ended in the middle
 * of a database call aborts inside the SQLite binding instead of closing the file.
 */
export const CLOSE_WRITE_MS = 3_000;
/** Past the writing time, a worker that still does not answer is ended. */
const CLOSE_GRACE_MS = 5_000;

export interface RecorderOptions {
  file: string;
  retention: Retention;
  onState?: (s: RecorderState) => void;
  commitMs?: number;
  /** Default CLOSE_WRITE_MS. */
  closeWriteMs?: number;
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

export class Recorder implements TrafficTap {
  private readonly worker: Worker;
  private readonly builder = new BatchBuilder();
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly asks = new Map<number, Pending>();
  private nextAsk = 1;
  private pendingBytes = 0;
  private pendingBatches = 0;
  private lost = 0;
  private current: RecorderState;
  private closing: Promise<void> | null = null;
  private drained: (() => void)[] = [];

  constructor(private readonly opts: RecorderOptions) {
    this.current = { ...OFF_RECORDER, status: 'recording', path: opts.file };
    this.worker = startCoreWorker('recorder');
    this.worker.on('message', (m: FromWorker) => this.receive(m));
    this.worker.on('error', (err) => this.failed(`The recorder stopped: ${err.message}`));
    this.worker.on('exit', () => this.failed('The recorder stopped'));
    this.post({ t: 'open', file: opts.file, retention: opts.retention });
    this.timer = setInterval(() => this.flush(), opts.commitMs ?? LIMITS.recordCommitMs);
    this.timer.unref?.();
  }

  state(): RecorderState {
    return { ...this.current, lost: this.lost };
  }

  message(ref: number, at: number, channel: string, payload: Uint8Array): void {
    if (this.closing || this.current.status === 'stopped') {
      this.lost++;
      return;
    }
    if (this.pendingBytes > MAX_PENDING_BYTES) {
      this.lost++;
      return;
    }
    this.builder.message(ref, at, channel, payload);
    if (this.builder.size >= EARLY_FLUSH_RECORDS) this.flush();
  }

  merge(ref: number, channel: string): void {
    if (!this.closing) this.builder.merge(ref, channel);
  }

  log(line: RecordLog): void {
    if (!this.closing) this.builder.log(line);
  }

  event(e: RecordEventInput): void {
    if (!this.closing) this.builder.event(e);
  }

  /** Valkey was unreachable from `from` to `to`: what was published then is lost, and the record says so. */
  gap(from: number, to: number): void {
    this.event({
      at: from,
      source: 'gap',
      service: null,
      status: 'gap',
      message: `Valkey unreachable for ${Math.round((to - from) / 1000)} s: pub/sub messages of that time were not delivered`,
    });
  }

  setRetention(retention: Retention): void {
    this.post({ t: 'retention', retention });
  }

  /** Sends what was collected to the worker now. */
  flush(): void {
    if (this.builder.size === 0) return;
    const batch = this.builder.take();
    this.pendingBytes += batch.payload.byteLength;
    this.pendingBatches++;
    this.worker.postMessage({ t: 'append', batch } satisfies ToWorker, transferablesOf(batch));
  }

  /** Resolves once everything handed over so far is on disk. */
  async drain(): Promise<void> {
    this.flush();
    if (this.pendingBatches === 0) return;
    await new Promise<void>((resolve) => this.drained.push(resolve));
  }

  /** One read, answered by the worker (history queries, timeline, replay's ranges). */
  read<K extends ReadOp>(op: K, args: Parameters<RecordReads[K]>[0]): Promise<ReturnType<RecordReads[K]>> {
    if (this.closing) return Promise.reject(new AppError('RECORDER_UNAVAILABLE', 'The recorder is closing'));
    const id = this.nextAsk++;
    return new Promise((resolve, reject) => {
      this.asks.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.post({ t: 'read', id, op, args });
    });
  }

  /** Writes what is pending, then closes the database and the worker. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      clearInterval(this.timer);
      this.flush();
      await new Promise<void>((resolve) => {
        const done = (): void => resolve();
        this.worker.once('exit', done);
        const writeForMs = this.opts.closeWriteMs ?? CLOSE_WRITE_MS;
        this.post({ t: 'close', writeForMs });
        // A worker that does not answer is ended: closing never hangs the app.
        setTimeout(() => void this.worker.terminate().then(done), writeForMs + CLOSE_GRACE_MS).unref?.();
      });
    })();
    return this.closing;
  }

  private post(m: ToWorker): void {
    this.worker.postMessage(m);
  }

  private receive(m: FromWorker): void {
    switch (m.t) {
      case 'state':
        this.current = m.state;
        this.opts.onState?.(this.state());
        return;
      case 'appended':
        this.pendingBytes -= m.bytes;
        this.pendingBatches--;
        if (this.pendingBatches <= 0) {
          this.pendingBatches = 0;
          for (const d of this.drained.splice(0)) d();
        }
        return;
      case 'answer': {
        const ask = this.asks.get(m.id);
        this.asks.delete(m.id);
        if (!ask) return;
        if (m.ok) ask.resolve(m.value);
        else ask.reject(new AppError(m.code as ErrorCode, m.message));
        return;
      }
      case 'closed':
        this.lost += m.unwritten;
        return;
    }
  }

  private failed(reason: string): void {
    for (const a of this.asks.values()) a.reject(new AppError('RECORDER_UNAVAILABLE', reason));
    this.asks.clear();
    for (const d of this.drained.splice(0)) d();
    if (this.closing) return;
    this.current = { ...this.current, status: 'stopped', reason };
    this.opts.onState?.(this.state());
  }
}
