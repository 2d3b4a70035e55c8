// The engine's multiplexed log stream (non-tty containers): frames of an 8-byte header
// [stream, 0, 0, 0, size (uint32 BE)] then `size` bytes. Frames and lines may be split
// across chunks, so both are buffered. A tty container's stream is raw stdout.

export type StreamName = 'stdout' | 'stderr';

export interface RawLine {
  stream: StreamName;
  ts: string | null;
  text: string;
}

/** Splits bytes into lines per stream, keeping partial lines until their newline. */
class LineSplitter {
  private partial: Record<StreamName, string> = { stdout: '', stderr: '' };
  constructor(private readonly withTimestamps: boolean) {}

  push(stream: StreamName, text: string, out: RawLine[]): void {
    const all = this.partial[stream] + text;
    const parts = all.split('\n');
    this.partial[stream] = parts.pop() ?? '';
    for (const p of parts) out.push(this.line(stream, p));
  }

  flush(out: RawLine[]): void {
    for (const s of ['stdout', 'stderr'] as const) {
      if (this.partial[s]) out.push(this.line(s, this.partial[s]));
      this.partial[s] = '';
    }
  }

  private line(stream: StreamName, raw: string): RawLine {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (!this.withTimestamps) return { stream, ts: null, text };
    const sp = text.indexOf(' ');
    const head = sp > 0 ? text.slice(0, sp) : text;
    if (/^\d{4}-\d\d-\d\dT[\d:.]+(Z|[+-]\d\d:\d\d)$/.test(head)) return { stream, ts: head, text: sp > 0 ? text.slice(sp + 1) : '' };
    return { stream, ts: null, text };
  }
}

export class LogDemuxer {
  private buf: Buffer = Buffer.alloc(0);
  private readonly lines: LineSplitter;
  private readonly decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };

  constructor(
    private readonly tty: boolean,
    withTimestamps = true,
  ) {
    this.lines = new LineSplitter(withTimestamps);
  }

  /** Feed a chunk; returns the complete lines it finished. */
  push(chunk: Buffer): RawLine[] {
    const out: RawLine[] = [];
    if (this.tty) {
      this.lines.push('stdout', this.decoders.stdout.decode(chunk, { stream: true }), out);
      return out;
    }
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    while (this.buf.length >= 8) {
      const size = this.buf.readUInt32BE(4);
      if (this.buf.length < 8 + size) break;
      const stream: StreamName = this.buf[0] === 2 ? 'stderr' : 'stdout';
      const payload = this.buf.subarray(8, 8 + size);
      this.buf = this.buf.subarray(8 + size);
      this.lines.push(stream, this.decoders[stream].decode(payload, { stream: true }), out);
    }
    return out;
  }

  /** End of stream: whatever partial lines remain. */
  end(): RawLine[] {
    const out: RawLine[] = [];
    this.lines.flush(out);
    return out;
  }
}

/** RFC3339Nano -> nanoseconds since epoch, for exact ordering and de-duplication. */
export function tsToNs(ts: string): bigint {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(ts);
  if (!m) return 0n;
  const secs = BigInt(Math.floor(Date.parse(`${m[1]}${m[3]}`) / 1000));
  const frac = BigInt(((m[2] ?? '') + '000000000').slice(0, 9));
  return secs * 1_000_000_000n + frac;
}

/** Nanoseconds -> the engine's `since` format ("seconds.nanoseconds"). */
export function nsToSince(ns: bigint): string {
  const s = ns / 1_000_000_000n;
  const n = ns % 1_000_000_000n;
  return `${s}.${n.toString().padStart(9, '0')}`;
}
