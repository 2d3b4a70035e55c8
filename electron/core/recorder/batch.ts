// What the live side hands the recorder: one batch per group commit. Payloads travel
// packed in one buffer that is transferred, not cloned, so the traffic pipeline pays
// one copy per message and the worker does the decoding and the writing.
import type { RecordedEventSource } from '../../../shared/history';

export interface RecordLog {
  at: number;
  service: string;
  stream: 'stdout' | 'stderr';
  container: string | null;
  text: string;
}

export interface RecordEventInput {
  at: number;
  source: RecordedEventSource;
  service: string | null;
  status: string;
  message: string | null;
}

export interface RecordBatch {
  /** Per message: its live seq (merges refer to it), arrival time, first channel, and where its payload ends in `payload`. */
  refs: Float64Array;
  at: Float64Array;
  ends: Uint32Array;
  channel: string[];
  payload: Uint8Array;
  /** A message already in a batch arrived on one more channel: [live seq, channel]. */
  merges: [number, string][];
  logs: RecordLog[];
  events: RecordEventInput[];
}

const INITIAL_BYTES = 256 * 1024;
const INITIAL_MESSAGES = 1024;

/** Collects one batch; take() hands it over and starts an empty one. */
export class BatchBuilder {
  private refs = new Float64Array(INITIAL_MESSAGES);
  private at = new Float64Array(INITIAL_MESSAGES);
  private ends = new Uint32Array(INITIAL_MESSAGES);
  private channel: string[] = [];
  private bytes = Buffer.allocUnsafe(INITIAL_BYTES);
  private used = 0;
  private merges: [number, string][] = [];
  private logs: RecordLog[] = [];
  private events: RecordEventInput[] = [];

  get messages(): number {
    return this.channel.length;
  }

  get size(): number {
    return this.channel.length + this.merges.length + this.logs.length + this.events.length;
  }

  message(ref: number, at: number, channel: string, payload: Uint8Array): void {
    const i = this.channel.length;
    if (i === this.refs.length) this.growIndex();
    if (this.used + payload.length > this.bytes.length) this.growBytes(this.used + payload.length);
    this.bytes.set(payload, this.used);
    this.used += payload.length;
    this.refs[i] = ref;
    this.at[i] = at;
    this.ends[i] = this.used;
    this.channel.push(channel);
  }

  merge(ref: number, channel: string): void {
    this.merges.push([ref, channel]);
  }

  log(line: RecordLog): void {
    this.logs.push(line);
  }

  event(e: RecordEventInput): void {
    this.events.push(e);
  }

  /** The batch so far (its buffers are fresh copies sized to what was used, safe to transfer). */
  take(): RecordBatch {
    const n = this.channel.length;
    const batch: RecordBatch = {
      refs: this.refs.slice(0, n),
      at: this.at.slice(0, n),
      ends: this.ends.slice(0, n),
      channel: this.channel,
      payload: new Uint8Array(this.bytes.subarray(0, this.used)),
      merges: this.merges,
      logs: this.logs,
      events: this.events,
    };
    this.channel = [];
    this.used = 0;
    this.merges = [];
    this.logs = [];
    this.events = [];
    return batch;
  }

  private growIndex(): void {
    const n = this.refs.length * 2;
    const grow = <T extends Float64Array | Uint32Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.refs = grow(this.refs, (k) => new Float64Array(k));
    this.at = grow(this.at, (k) => new Float64Array(k));
    this.ends = grow(this.ends, (k) => new Uint32Array(k));
  }

  private growBytes(need: number): void {
    let n = this.bytes.length * 2;
    while (n < need) n *= 2;
    const b = Buffer.allocUnsafe(n);
    this.bytes.copy(b, 0, 0, this.used);
    this.bytes = b;
  }
}

/** The transferable parts of a batch, for postMessage. */
export const transferablesOf = (b: RecordBatch): ArrayBuffer[] =>
  [b.refs.buffer, b.at.buffer, b.ends.buffer, b.payload.buffer].filter((x): x is ArrayBuffer => x instanceof ArrayBuffer);
