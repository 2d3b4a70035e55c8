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
  /** Messages in the batch. */
  count: number;
  /** Per message: its live seq (merges refer to it), arrival time, first channel (an index into `channels`), and where its payload ends in `payload`. */
  refs: Float64Array;
  at: Float64Array;
  ends: Uint32Array;
  channel: Uint32Array;
  payload: Uint8Array;
  /** The batch's distinct channel names: the per-message arrays hold indexes, so posting a batch clones a few strings, not one per message. */
  channels: string[];
  /** A message already in a batch arrived on one more channel: its live seq, and the channel's index. */
  mergeRefs: Float64Array;
  mergeChannel: Uint32Array;
  logs: RecordLog[];
  events: RecordEventInput[];
}

const INITIAL_BYTES = 256 * 1024;
const INITIAL_MESSAGES = 1024;

const grown = <T extends Float64Array | Uint32Array>(a: T, make: (n: number) => T): T => {
  const b = make(a.length * 2);
  b.set(a);
  return b;
};

/**
 * Collects one batch; take() hands it over and starts an empty one. Everything but
 * the logs, the events and the channel names is in typed arrays that are transferred
 * to the worker, so handing over a batch costs the live side no copy and no clone.
 */
export class BatchBuilder {
  private refs = new Float64Array(INITIAL_MESSAGES);
  private at = new Float64Array(INITIAL_MESSAGES);
  private ends = new Uint32Array(INITIAL_MESSAGES);
  private channel = new Uint32Array(INITIAL_MESSAGES);
  private n = 0;
  private bytes = new Uint8Array(INITIAL_BYTES);
  private used = 0;
  private channels: string[] = [];
  private channelIds = new Map<string, number>();
  private mergeRefs = new Float64Array(INITIAL_MESSAGES);
  private mergeChannel = new Uint32Array(INITIAL_MESSAGES);
  private merges = 0;
  private logs: RecordLog[] = [];
  private events: RecordEventInput[] = [];

  get messages(): number {
    return this.n;
  }

  get size(): number {
    return this.n + this.merges + this.logs.length + this.events.length;
  }

  private channelId(name: string): number {
    let id = this.channelIds.get(name);
    if (id === undefined) {
      id = this.channels.length;
      this.channels.push(name);
      this.channelIds.set(name, id);
    }
    return id;
  }

  message(ref: number, at: number, channel: string, payload: Uint8Array): void {
    const i = this.n;
    if (i === this.refs.length) {
      this.refs = grown(this.refs, (k) => new Float64Array(k));
      this.at = grown(this.at, (k) => new Float64Array(k));
      this.ends = grown(this.ends, (k) => new Uint32Array(k));
      this.channel = grown(this.channel, (k) => new Uint32Array(k));
    }
    if (this.used + payload.length > this.bytes.length) this.growBytes(this.used + payload.length);
    this.bytes.set(payload, this.used);
    this.used += payload.length;
    this.refs[i] = ref;
    this.at[i] = at;
    this.ends[i] = this.used;
    this.channel[i] = this.channelId(channel);
    this.n++;
  }

  merge(ref: number, channel: string): void {
    const i = this.merges;
    if (i === this.mergeRefs.length) {
      this.mergeRefs = grown(this.mergeRefs, (k) => new Float64Array(k));
      this.mergeChannel = grown(this.mergeChannel, (k) => new Uint32Array(k));
    }
    this.mergeRefs[i] = ref;
    this.mergeChannel[i] = this.channelId(channel);
    this.merges++;
  }

  log(line: RecordLog): void {
    this.logs.push(line);
  }

  event(e: RecordEventInput): void {
    this.events.push(e);
  }

  /** The batch so far, as views over this builder's own arrays (handed over, not copied); the builder starts afresh. */
  take(): RecordBatch {
    const batch: RecordBatch = {
      count: this.n,
      refs: this.refs.subarray(0, this.n),
      at: this.at.subarray(0, this.n),
      ends: this.ends.subarray(0, this.n),
      channel: this.channel.subarray(0, this.n),
      payload: this.bytes.subarray(0, this.used),
      channels: this.channels,
      mergeRefs: this.mergeRefs.subarray(0, this.merges),
      mergeChannel: this.mergeChannel.subarray(0, this.merges),
      logs: this.logs,
      events: this.events,
    };
    const keep = Math.max(INITIAL_MESSAGES, this.n);
    this.refs = new Float64Array(keep);
    this.at = new Float64Array(keep);
    this.ends = new Uint32Array(keep);
    this.channel = new Uint32Array(keep);
    this.mergeRefs = new Float64Array(Math.max(INITIAL_MESSAGES, this.merges));
    this.mergeChannel = new Uint32Array(this.mergeRefs.length);
    this.bytes = new Uint8Array(Math.max(INITIAL_BYTES, this.used));
    this.n = this.used = this.merges = 0;
    this.channels = [];
    this.channelIds = new Map();
    this.logs = [];
    this.events = [];
    return batch;
  }

  private growBytes(need: number): void {
    let n = this.bytes.length * 2;
    while (n < need) n *= 2;
    const b = new Uint8Array(n);
    b.set(this.bytes.subarray(0, this.used));
    this.bytes = b;
  }
}

/** The transferable parts of a batch, for postMessage. */
export const transferablesOf = (b: RecordBatch): ArrayBuffer[] =>
  [b.refs, b.at, b.ends, b.channel, b.payload, b.mergeRefs, b.mergeChannel]
    .map((a) => a.buffer)
    .filter((x): x is ArrayBuffer => x instanceof ArrayBuffer);
