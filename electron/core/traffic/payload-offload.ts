// The core's side of the payload worker: started on first use, one job at a time in
// order, restarted after it dies. When no worker can run (or it failed a job it was
// given), the job runs here instead: slower for the event loop, but the answer is the
// same, and the failure is said once on stderr. A job that fails in the worker fails
// the same way here, so its error is passed on as it is.
import type { Worker } from 'node:worker_threads';
import { startCoreWorker } from '../workers/launch';
import { runPayloadJob, type PayloadJob, type PayloadJobResult } from './payload-jobs';
import type { PayloadRequest, PayloadResponse } from './payload-worker';

/** Payloads at least this long are worth the trip to the worker (below it, the copy costs more than the work). */
export const OFFLOAD_BYTES = 64 * 1024;

export interface PayloadWork {
  run<J extends PayloadJob>(job: J): Promise<PayloadJobResult<J>>;
  close(): Promise<void>;
}

/** Runs every job inline: for tests of the callers, and where threads are not wanted. */
export const inlinePayloadWork: PayloadWork = {
  run: async (job) => runPayloadJob(job),
  close: async () => undefined,
};

/** The job itself failed (in the worker, as it would here): its error, not the worker's. */
class JobError extends Error {}

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
}

export class PayloadOffload implements PayloadWork {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private warned = false;
  private closed = false;

  constructor(private readonly start: () => Worker = () => startCoreWorker('payload')) {}

  async run<J extends PayloadJob>(job: J): Promise<PayloadJobResult<J>> {
    try {
      return (await this.post(job)) as PayloadJobResult<J>;
    } catch (err) {
      if (err instanceof JobError) throw new Error(err.message, { cause: err });
      if (!this.warned) process.stderr.write(`atom-desktop: payload worker unavailable, working inline: ${(err as Error).message}\n`);
      this.warned = true;
      return runPayloadJob(job);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const w = this.worker;
    this.worker = null;
    this.failAll(new Error('the payload worker was closed'));
    if (w) await w.terminate();
  }

  private post(job: PayloadJob): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('the payload worker was closed'));
    const worker = (this.worker ??= this.launch());
    // A view into the ring's arena would clone the whole slab: send a copy of just these
    // bytes, and move it rather than copy it again. (The copy is made now: the arena
    // reuses a slab once the ring has evicted its payloads.)
    const bytes = new Uint8Array(job.bytes);
    const id = this.nextId++;
    const request: PayloadRequest = { id, job: { ...job, bytes } };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage(request, [bytes.buffer]);
    });
  }

  private launch(): Worker {
    const w = this.start();
    // Idle, it must not keep a CLI from exiting.
    w.unref();
    w.on('message', (m: PayloadResponse) => {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (!p) return;
      if (m.ok) p.resolve(m.value);
      else p.reject(new JobError(m.message));
    });
    const lost = (err: Error) => {
      if (this.worker === w) this.worker = null;
      this.failAll(err);
    };
    w.on('error', lost);
    w.on('exit', (code) => lost(new Error(`the payload worker exited with code ${code}`)));
    return w;
  }

  private failAll(err: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(err);
  }
}
