// Service logs: follows the stack's containers automatically (from the watcher's
// state), keeps a bounded buffer per service, resumes after a restart or an engine
// reconnect with `since` and without duplicates, and delivers new lines in batches.
import { LIMITS } from '../../../shared/rules';
import type { LogLine, ServiceState } from '../../../shared/stack';
import type { EngineConnection } from './connection';
import { LogDemuxer, nsToSince, tsToNs, type RawLine } from './demux';

export interface LogStoreOptions {
  /** Lines kept per service. */
  capacity?: number;
  /** Lines fetched when a container is first seen. */
  initialTail?: number;
  batchMs?: number;
  /** Follow containers as they appear (the app); a one-shot CLI command turns this off. Default true. */
  follow?: boolean;
}

interface Follow {
  containerId: string;
  active: boolean;
  /** The engine ended the stream (the container stopped): everything was read. */
  complete: boolean;
  /** Newest timestamp seen, to resume without duplicates. */
  lastNs: bigint;
  cancel: (() => void) | null;
}

let seqCounter = 0;
/** Monotonic per core, shared by every store. */
export const nextSeq = () => ++seqCounter;

type LogStream = NodeJS.ReadableStream & { destroy?: () => void };

export class LogStore {
  private buffers = new Map<string, LogLine[]>();
  private follows = new Map<string, Follow>();
  private listeners = new Set<(lines: LogLine[]) => void>();
  private pending: LogLine[] = [];
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly capacity: number;
  private readonly initialTail: number;
  private readonly batchMs: number;
  private readonly following: boolean;

  constructor(
    private readonly connection: EngineConnection,
    opts: LogStoreOptions = {},
  ) {
    this.capacity = opts.capacity ?? LIMITS.logLinesKept;
    // A container first seen shows its history up to what is kept, as Dozzle shows a container from its start.
    this.initialTail = opts.initialTail ?? LIMITS.logLinesKept;
    this.batchMs = opts.batchMs ?? 50;
    this.following = opts.follow ?? true;
  }

  /** New lines, batched (at most every batchMs). */
  onLines(fn: (lines: LogLine[]) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** The last `tail` lines of a service, or of the whole stack merged by time (null). */
  /** Lines held, every service together. */
  size(): number {
    let n = 0;
    for (const b of this.buffers.values()) n += b.length;
    return n;
  }

  get(service: string | null, tail?: number, before?: number): LogLine[] {
    let lines: LogLine[];
    if (service !== null) lines = this.buffers.get(service) ?? [];
    else {
      lines = [...this.buffers.values()].flat();
      lines.sort((a, b) => cmpTs(a, b) || a.seq - b.seq);
    }
    if (before !== undefined) {
      // The chunk before a line, in this view's order (merged views sort by time, not seq).
      const end = lines.findIndex((l) => l.seq === before);
      lines = end < 0 ? [] : lines.slice(0, end);
    }
    return tail !== undefined ? lines.slice(-tail) : [...lines];
  }

  clear(service: string | null): void {
    if (service === null) this.buffers.clear();
    else this.buffers.delete(service);
  }

  /** Feed the watcher's snapshot: follows what runs, resumes what restarted. */
  update(services: ServiceState[]): void {
    if (this.closed || !this.following) return;
    for (const s of services) {
      const f = this.follows.get(s.name);
      if (!s.containerId || s.status === 'absent' || s.status === 'created') {
        if (f?.active && !s.containerId) f.cancel?.();
        continue;
      }
      const sameContainer = f?.containerId === s.containerId;
      const stopped = s.status === 'exited' || s.status === 'dead';
      // Following already, or a stopped container read to its end: nothing to do.
      if (f && sameContainer && (f.active || (stopped && f.complete))) continue;
      if (f?.active) f.cancel?.();
      const next: Follow = {
        containerId: s.containerId,
        active: true,
        complete: false,
        lastNs: sameContainer ? f!.lastNs : 0n,
        cancel: null,
      };
      this.follows.set(s.name, next);
      void this.follow(s.name, next);
    }
  }

  close(): void {
    this.closed = true;
    for (const f of this.follows.values()) f.cancel?.();
    if (this.timer) clearTimeout(this.timer);
    this.listeners.clear();
  }

  private async follow(service: string, f: Follow): Promise<void> {
    const docker = this.connection.docker();
    if (!docker) {
      f.active = false;
      return;
    }
    try {
      const c = docker.getContainer(f.containerId);
      const info = await c.inspect();
      const opts: Record<string, unknown> = { follow: true, stdout: true, stderr: true, timestamps: true };
      if (f.lastNs > 0n) opts.since = nsToSince(f.lastNs);
      else opts.tail = this.initialTail;
      const stream = (await c.logs(opts as { follow: true })) as unknown as LogStream;
      const demux = new LogDemuxer(!!info.Config.Tty, true);
      f.cancel = () => {
        f.active = false;
        stream.destroy?.();
      };
      if (!f.active) return stream.destroy?.();
      stream.on('data', (chunk: Buffer) => this.accept(service, f, demux.push(chunk)));
      const done = (complete: boolean) => {
        if (!f.active) return;
        this.accept(service, f, demux.end());
        f.active = false;
        f.complete = complete;
      };
      stream.on('end', () => done(true));
      stream.on('close', () => done(false));
      stream.on('error', () => done(false));
    } catch {
      // Gone or engine lost: the next watcher snapshot decides whether to retry.
      f.active = false;
    }
  }

  private accept(service: string, f: Follow, raw: RawLine[]): void {
    if (raw.length === 0 || this.follows.get(service) !== f) return;
    const buf = this.buffers.get(service) ?? [];
    for (const r of raw) {
      if (r.ts) {
        const ns = tsToNs(r.ts);
        if (ns <= f.lastNs) continue; // already have it (resume with `since`)
        f.lastNs = ns;
      }
      const line: LogLine = { seq: nextSeq(), service, stream: r.stream, ts: r.ts, text: r.text, container: f.containerId.slice(0, 12) };
      buf.push(line);
      this.pending.push(line);
    }
    if (buf.length > this.capacity) buf.splice(0, buf.length - this.capacity);
    this.buffers.set(service, buf);
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const lines = this.pending;
      this.pending = [];
      if (lines.length === 0) return;
      for (const fn of [...this.listeners]) {
        try {
          fn(lines);
        } catch {
          // ignore listener bugs
        }
      }
    }, this.batchMs);
  }
}

function cmpTs(a: LogLine, b: LogLine): number {
  if (a.ts === b.ts) return 0;
  if (a.ts === null) return -1;
  if (b.ts === null) return 1;
  const d = tsToNs(a.ts) - tsToNs(b.ts);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}
