import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WS_CLOSE_BAD_TOKEN } from '../../../shared/contract';
import { LIMITS } from '../../../shared/rules';
import { FakeSocket } from '../testing/fake-socket';
import { wsUrlFromLocation } from './create-api';
import type { ConnectionStatus } from './ws-client';
import { WsClient } from './ws-client';

const latest = () => FakeSocket.all[FakeSocket.all.length - 1]!;

describe('WsClient', () => {
  let client: WsClient;
  let statuses: ConnectionStatus[];

  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.all = [];
    statuses = [];
    client = new WsClient('ws://127.0.0.1:1/ws?token=t', (url) => new FakeSocket(url), {
      backoffMs: 100,
      maxBackoffMs: 400,
      commandTimeoutMs: 5_000,
    });
    client.onConnection((s) => statuses.push(s));
  });
  afterEach(() => {
    client.close();
    vi.useRealTimers();
  });

  it('queues commands until open, then correlates answers by id', async () => {
    const p1 = client.invoke('engine.get', {});
    const p2 = client.invoke('logs.get', { service: 'valkey', tail: 10 });
    latest().open();
    expect(latest().sent).toEqual([
      { t: 'cmd', id: 1, name: 'engine.get', input: {} },
      { t: 'cmd', id: 2, name: 'logs.get', input: { service: 'valkey', tail: 10 } },
    ]);
    latest().serverSends({ t: 'res', id: 2, result: { ok: true, value: [] } });
    latest().serverSends({ t: 'res', id: 1, result: { ok: false, error: { code: 'ENGINE_UNAVAILABLE', message: 'no socket' } } });
    expect(await p2).toEqual({ ok: true, value: [] });
    expect(await p1).toEqual({ ok: false, error: { code: 'ENGINE_UNAVAILABLE', message: 'no socket' } });
    expect(client.connection()).toBe('open');
  });

  it('stops reconnecting when the server refuses the token, and says so', () => {
    latest().drop(WS_CLOSE_BAD_TOKEN);
    expect(client.connection()).toBe('unauthorized');
    vi.advanceTimersByTime(10_000);
    expect(FakeSocket.all).toHaveLength(1);
    expect(statuses).toEqual(['unauthorized']);
  });

  it('fans out a batch of events to listeners by name', () => {
    latest().open();
    const engine: unknown[] = [];
    const lines: unknown[] = [];
    client.on('engine.state', (p) => engine.push(p));
    const off = client.on('logs.lines', (p) => lines.push(p));
    latest().serverSends({
      t: 'evt',
      events: [
        { name: 'engine.state', payload: { status: 'connecting', endpoint: null } },
        { name: 'logs.lines', payload: [{ seq: 1, service: 'v', stream: 'stdout', ts: null, text: 'x' }] },
      ],
    });
    expect(engine).toEqual([{ status: 'connecting', endpoint: null }]);
    expect(lines).toHaveLength(1);
    off();
    latest().serverSends({ t: 'evt', events: [{ name: 'logs.lines', payload: [] }] });
    expect(lines).toHaveLength(1);
  });

  it('fails in-flight commands on disconnect and reconnects with backoff', async () => {
    latest().open();
    const pending = client.invoke('stack.get', {});
    latest().drop();
    expect(await pending).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringMatching(/Disconnected from core/) },
    });
    expect(client.connection()).toBe('closed');
    expect(FakeSocket.all).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(FakeSocket.all).toHaveLength(2);
    latest().drop();
    await vi.advanceTimersByTimeAsync(199);
    expect(FakeSocket.all).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.all).toHaveLength(3);
    latest().open();
    expect(statuses).toEqual(['open', 'closed', 'connecting', 'closed', 'connecting', 'open']);
  });

  it('keeps at most the server in-flight limit of commands sent, and sends the next as each is answered', async () => {
    latest().open();
    const n = LIMITS.clientCommandsInFlight;
    const answers = Array.from({ length: n + 2 }, () => client.invoke('stack.get', {}));
    // The server would refuse the ones past its limit: they wait here instead.
    expect(latest().sent.map((m) => (m as { id: number }).id)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    latest().serverSends({ t: 'res', id: 3, result: { ok: true, value: 'third' } });
    expect(latest().sent).toHaveLength(n + 1);
    expect((latest().sent[n] as { id: number }).id).toBe(n + 1);
    // The rest are all answered in the end.
    for (let id = 1; id <= n + 2; id++) if (id !== 3) latest().serverSends({ t: 'res', id, result: { ok: true, value: id } });
    expect(latest().sent).toHaveLength(n + 2);
    expect(await answers[n + 1]).toEqual({ ok: true, value: n + 2 });
    expect(await answers[2]).toEqual({ ok: true, value: 'third' });
  });

  it('frees the slot of a command that timed out', async () => {
    latest().open();
    const n = LIMITS.clientCommandsInFlight;
    const answers = Array.from({ length: n + 1 }, () => client.invoke('stack.get', {}));
    expect(latest().sent).toHaveLength(n);
    await vi.advanceTimersByTimeAsync(5_000);
    // The first to time out let the waiting one go; then all of them timed out.
    expect(latest().sent).toHaveLength(n + 1);
    for (const a of answers) expect(await a).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    const later = client.invoke('stack.get', {});
    expect(latest().sent).toHaveLength(n + 2);
    latest().serverSends({ t: 'res', id: n + 2, result: { ok: true, value: null } });
    expect(await later).toEqual({ ok: true, value: null });
  });

  it('resolves to TIMEOUT when the core never answers', async () => {
    latest().open();
    const p = client.invoke('stack.up', {});
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await p).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
  });

  it('ignores garbage frames', () => {
    latest().open();
    expect(() => latest().onmessage?.({ data: 'not json' })).not.toThrow();
  });
});

describe('wsUrlFromLocation', () => {
  it('builds the socket URL from the page URL and its token', () => {
    expect(wsUrlFromLocation({ protocol: 'http:', host: '127.0.0.1:4321', search: '?token=a%2Bb' })).toBe(
      'ws://127.0.0.1:4321/ws?token=a%2Bb',
    );
  });
});
