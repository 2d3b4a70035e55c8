import { describe, expect, it } from 'vitest';
import { LogDemuxer, nsToSince, tsToNs } from './demux';

function frame(stream: 1 | 2, text: string): Buffer {
  const body = Buffer.from(text, 'utf8');
  const h = Buffer.alloc(8);
  h[0] = stream;
  h.writeUInt32BE(body.length, 4);
  return Buffer.concat([h, body]);
}

describe('LogDemuxer', () => {
  it('splits multiplexed frames into stdout/stderr lines with timestamps', () => {
    const d = new LogDemuxer(false);
    const all = Buffer.concat([frame(1, '2026-01-01T00:00:00.000000001Z hello\n'), frame(2, '2026-01-01T00:00:00.2Z oops\n')]);
    expect(d.push(all)).toEqual([
      { stream: 'stdout', ts: '2026-01-01T00:00:00.000000001Z', text: 'hello' },
      { stream: 'stderr', ts: '2026-01-01T00:00:00.2Z', text: 'oops' },
    ]);
  });

  it('handles frames and lines split across chunks, and UTF-8 split mid-character', () => {
    const d = new LogDemuxer(false, false);
    const f = Buffer.concat([frame(1, 'caf\u00e9 one\ntw'), frame(1, 'o\n')]);
    const out = [];
    for (let i = 0; i < f.length; i += 3) out.push(...d.push(f.subarray(i, i + 3)));
    expect(out.map((l) => l.text)).toEqual(['caf\u00e9 one', 'two']);
  });

  it('reads tty streams as raw stdout and flushes a last partial line', () => {
    const d = new LogDemuxer(true, false);
    expect(d.push(Buffer.from('a\r\nb'))).toEqual([{ stream: 'stdout', ts: null, text: 'a' }]);
    expect(d.end()).toEqual([{ stream: 'stdout', ts: null, text: 'b' }]);
  });
});

describe('timestamps', () => {
  it('orders RFC3339Nano exactly and formats since', () => {
    expect(tsToNs('2026-01-01T00:00:00.000000002Z') > tsToNs('2026-01-01T00:00:00.000000001Z')).toBe(true);
    expect(tsToNs('2026-01-01T00:00:01Z') - tsToNs('2026-01-01T00:00:00.5Z')).toBe(500_000_000n);
    expect(nsToSince(tsToNs('1970-01-01T00:00:05.000000042Z'))).toBe('5.000000042');
  });
});
