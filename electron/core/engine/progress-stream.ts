// Following the engine's JSON progress streams (pull, build). The engine reports most
// failures INSIDE a 200 response, as an `error`/`errorDetail` object: those fail here.
import type { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { startCancelled } from './errors';

export interface ProgressMessage {
  id?: string;
  status?: string;
  stream?: string;
  error?: string;
  errorDetail?: { message?: string };
  progressDetail?: { current?: number; total?: number };
  aux?: { ID?: string };
}

/**
 * Follows a progress stream to its end. An abort closes the HTTP response: the engine
 * then cancels the pull or build itself (both run under the request's context).
 */
export function followStream(
  docker: Dockerode,
  stream: NodeJS.ReadableStream,
  onMessage: (m: ProgressMessage) => void,
  signal?: AbortSignal,
): Promise<ProgressMessage[]> {
  return new Promise((resolve, reject) => {
    let failed: string | null = null;
    const onAbort = () => {
      reject(startCancelled());
      (stream as Readable).destroy();
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    docker.modem.followProgress(
      stream,
      (err: Error | null, out: ProgressMessage[]) => {
        signal?.removeEventListener('abort', onAbort);
        if (err) reject(err);
        else if (failed) reject(new Error(failed));
        else resolve(out);
      },
      (m: ProgressMessage) => {
        if (m.error || m.errorDetail) failed ??= m.errorDetail?.message || m.error || 'unknown error';
        onMessage(m);
      },
    );
  });
}

/** Per-layer byte counts summed into one figure for the image. */
export class PullTally {
  private layers = new Map<string, { current: number; total: number; done: boolean }>();
  add(m: ProgressMessage): void {
    if (!m.id || !m.status) return;
    if (/^(Pulling from|Digest|Status)/.test(m.status)) return;
    const l = this.layers.get(m.id) ?? { current: 0, total: 0, done: false };
    if (m.progressDetail?.total) {
      l.total = m.progressDetail.total;
      l.current = m.progressDetail.current ?? l.current;
    }
    if (/^(Pull complete|Already exists|Download complete)/.test(m.status)) {
      l.done = true;
      l.current = l.total;
    }
    this.layers.set(m.id, l);
  }
  bytes(): { current: number; total: number } {
    let current = 0;
    let total = 0;
    for (const l of this.layers.values()) {
      current += l.current;
      total += l.total;
    }
    return { current, total };
  }
  layerCounts(): { done: number; total: number } {
    const all = [...this.layers.values()];
    return { done: all.filter((l) => l.done).length, total: all.length };
  }
}
