import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodePayload, escapePreview, PREVIEW_CHARS, utf8OrNull } from './decode';

const envelope = (data: Record<string, unknown>, topics = ['global', 'agent:a1']): Buffer =>
  Buffer.from(JSON.stringify({ topics, event: { type: 'agent_post', data } }));

describe('decodePayload', () => {
  it('reads every field of an Atom envelope', () => {
    const d = decodePayload(
      envelope(
        {
          id: 'p1',
          sender_id: 'a1',
          sender_name: 'Alice',
          sender_category: 'ops',
          post_type: 'alert',
          content: 'line one\nline two',
          created_at: '2026-01-01T00:00:00Z',
        },
        ['global', 'agent:a1', 'alerts'],
      ),
    );
    expect(d).toMatchObject({
      kind: 'atom',
      topics: ['global', 'agent:a1', 'alerts'],
      eventType: 'agent_post',
      agentId: 'a1',
      agentName: 'Alice',
      category: 'ops',
      postType: 'alert',
      postId: 'p1',
      createdAt: '2026-01-01T00:00:00Z',
      preview: 'Alice: line one\\nline two',
    });
  });

  it('keeps the preview on one line, escaped and truncated', () => {
    const d = decodePayload(envelope({ content: `${'x'.repeat(500)}\u0007` }));
    expect(d.preview.length).toBeLessThanOrEqual(PREVIEW_CHARS + 1);
    expect(d.preview.endsWith('…')).toBe(true);
    expect(escapePreview('a\r\nb\u0000c')).toBe('a\\r\\nb\\u0000c');
    expect(d.preview).not.toMatch(/[\n\r]/);
  });

  it('shows non-Atom JSON, text and invalid UTF-8 as json/text/binary', () => {
    expect(decodePayload(Buffer.from('{"hello": 1}')).kind).toBe('json');
    expect(decodePayload(Buffer.from('{"topics": "nope", "event": {}}')).kind).toBe('json');
    const text = decodePayload(Buffer.from('plain\ttext'));
    expect(text).toMatchObject({ kind: 'text', preview: 'plain\\ttext', agentId: null });
    const bin = decodePayload(Buffer.from([0xff, 0xfe, 0x00, 0x41]));
    expect(bin.kind).toBe('binary');
    expect(bin.preview).toBe('ff fe 00 41');
    // A lone continuation byte inside otherwise ASCII text is not UTF-8.
    expect(decodePayload(Buffer.from([0x7b, 0x22, 0x80, 0x22, 0x7d])).kind).toBe('binary');
    expect(utf8OrNull(Buffer.from([0xc3, 0x28]))).toBeNull();
    expect(decodePayload(Buffer.alloc(0))).toMatchObject({ kind: 'text', preview: '', size: 0 });
  });

  it('never throws on random bytes (fuzz)', () => {
    for (let i = 0; i < 3000; i++) {
      const buf = randomBytes(i % 300);
      // Some inputs start like JSON to reach the parser.
      if (i % 3 === 0 && buf.length) buf[0] = 0x7b;
      const d = decodePayload(buf);
      expect(d.size).toBe(buf.length);
      expect(['atom', 'json', 'text', 'binary']).toContain(d.kind);
      expect(d.preview).not.toMatch(/[\n\r]/);
    }
  });

  it('handles a 5 MB payload: full size, short preview, quickly', () => {
    const big = envelope({ sender_id: 'a1', content: 'y'.repeat(5 * 1024 * 1024) });
    const t0 = performance.now();
    const d = decodePayload(big);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(d.kind).toBe('atom');
    expect(d.size).toBe(big.length);
    expect(d.preview.length).toBeLessThanOrEqual(PREVIEW_CHARS + 1);
    const text = decodePayload(Buffer.alloc(9 * 1024 * 1024, 0x61));
    expect(text).toMatchObject({ kind: 'text', size: 9 * 1024 * 1024 });
    expect(text.preview.length).toBeLessThanOrEqual(PREVIEW_CHARS + 1);
  });
});
