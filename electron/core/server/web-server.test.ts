import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WS_CLOSE_BAD_TOKEN, type AppEvent, type WsServerMessage } from '../../../shared/contract';
import { ok } from '../../../shared/result';
import { LIMITS } from '../../../shared/rules';
import type { CoreHost } from '../app/host';
import type { WebServer } from './web-server';
import { startWebServer } from './web-server';

function fakeCore(): CoreHost & {
  listeners: Set<(e: AppEvent[]) => void>;
  calls: [string, unknown][];
  clients: string[];
  released: string[];
} {
  const listeners = new Set<(e: AppEvent[]) => void>();
  const calls: [string, unknown][] = [];
  const clients: string[] = [];
  const released: string[] = [];
  return {
    listeners,
    calls,
    clients,
    released,
    releaseClient: (client) => released.push(client),
    dispatch: async () => {
      throw new Error('the server only uses dispatchUntrusted');
    },
    dispatchUntrusted: async (name, input, client) => {
      calls.push([String(name), input]);
      clients.push(client ?? '(none)');
      return ok({ name, input });
    },
    subscribe: (l) => {
      listeners.add(l);
      l([{ name: 'valkey.probe', payload: null }]);
      return () => listeners.delete(l);
    },
    stack: () => ({ project: 'p', files: [], services: [], operation: null, lastError: null }),
    publishedLocalPorts: () => [],
    shutdown: async () => undefined,
  };
}

function staticDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'atom-static-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Atom</title>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'atom-secret.txt'), 'secret');
  return dir;
}

function get(
  port: number,
  path: string,
  host = `127.0.0.1:${port}`,
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(url: string, headers: Record<string, string> = {}): Promise<{ ws: WebSocket; messages: WsServerMessage[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const messages: WsServerMessage[] = [];
    ws.on('message', (d) => messages.push(JSON.parse(String(d))));
    ws.on('open', () => resolve({ ws, messages }));
    ws.on('error', reject);
    ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(cond()).toBe(true);
};

describe('web server', () => {
  let server: WebServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('refuses to bind anywhere but loopback', async () => {
    await expect(startWebServer({ core: fakeCore(), staticDir: staticDir(), host: '0.0.0.0' })).rejects.toThrow(/loopback/);
  });

  it('serves the renderer with a strict CSP and refuses path escapes and foreign hosts', async () => {
    server = await startWebServer({ core: fakeCore(), staticDir: staticDir() });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
    const index = await get(server.port, '/');
    expect(index.status).toBe(200);
    expect(String(index.headers['content-security-policy'])).toContain("script-src 'self'");
    expect((await get(server.port, '/assets/app.js')).headers['content-type']).toContain('javascript');
    expect((await get(server.port, '/../atom-secret.txt')).status).toBe(404);
    expect((await get(server.port, '/%2e%2e/atom-secret.txt')).status).toBe(404);
    expect((await get(server.port, '/', `evil.example:${server.port}`)).status).toBe(421);
  });

  it('requires the token and a same-origin page for the WebSocket', async () => {
    server = await startWebServer({ core: fakeCore(), staticDir: staticDir() });
    const base = `ws://127.0.0.1:${server.port}/ws`;
    await expect(connect(`${base}?token=${server.token}`, { origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(connect(`ws://127.0.0.1:${server.port}/ws?token=wrong`, { host: 'evil.example' })).rejects.toThrow(/403/);
    const { ws } = await connect(`${base}?token=${server.token}`, { origin: `http://127.0.0.1:${server.port}` });
    ws.close();
    // The page itself with a wrong or missing token: closed with a code it acts on, and
    // nothing of the contract (no snapshot, no events) is ever sent on that socket.
    for (const url of [`${base}?token=wrong`, base]) {
      const bad = await connect(url, { origin: `http://127.0.0.1:${server.port}` });
      const [code, reason] = await new Promise<[number, string]>((r) => bad.ws.on('close', (c, why) => r([c, String(why)])));
      expect([code, reason]).toEqual([WS_CLOSE_BAD_TOKEN, 'token missing or out of date']);
      expect(bad.messages).toEqual([]);
    }
  });

  it('sends the snapshot first, answers commands and forwards event batches', async () => {
    const core = fakeCore();
    server = await startWebServer({ core, staticDir: staticDir() });
    const { ws, messages } = await connect(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`);
    await until(() => messages.length >= 1);
    expect(messages[0]).toEqual({ t: 'evt', events: [{ name: 'valkey.probe', payload: null }] });
    ws.send(JSON.stringify({ t: 'cmd', id: 7, name: 'stack.get', input: {} }));
    await until(() => messages.some((m) => m.t === 'res'));
    expect(messages.find((m) => m.t === 'res')).toEqual({ t: 'res', id: 7, result: { ok: true, value: { name: 'stack.get', input: {} } } });
    for (const l of core.listeners) l([{ name: 'engine.state', payload: { status: 'connecting', endpoint: null } }]);
    await until(() => messages.length >= 3);
    expect(messages[2]).toEqual({ t: 'evt', events: [{ name: 'engine.state', payload: { status: 'connecting', endpoint: null } }] });
    ws.close();
    await until(() => core.listeners.size === 0);
  });

  it('each connection is its own client to the core, and is released when it closes', async () => {
    const core = fakeCore();
    server = await startWebServer({ core, staticDir: staticDir() });
    const url = `ws://127.0.0.1:${server.port}/ws?token=${server.token}`;
    const [one, two] = await Promise.all([connect(url), connect(url)]);
    one.ws.send(JSON.stringify({ t: 'cmd', id: 1, name: 'stack.get', input: {} }));
    await until(() => one.messages.some((m) => m.t === 'res'));
    two.ws.send(JSON.stringify({ t: 'cmd', id: 1, name: 'stack.get', input: {} }));
    await until(() => two.messages.some((m) => m.t === 'res'));
    const [first, second] = core.clients;
    expect(first).toMatch(/^ws:\d+$/);
    expect(second).toMatch(/^ws:\d+$/);
    expect(second).not.toBe(first);
    expect(core.released).toEqual([]);
    one.ws.close();
    await until(() => core.released.length === 1);
    expect(core.released).toEqual([first]);
    two.ws.close();
    await until(() => core.released.length === 2);
    expect(core.released[1]).toBe(second);
  });

  it('closes a socket that sends something other than a command', async () => {
    server = await startWebServer({ core: fakeCore(), staticDir: staticDir() });
    const { ws } = await connect(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`);
    const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
    ws.send('not json');
    expect(await closed).toBe(1003);
  });

  it('a protocol error closes only that client, with a code; the server and other clients keep going', async () => {
    server = await startWebServer({ core: fakeCore(), staticDir: staticDir() });
    const url = `ws://127.0.0.1:${server.port}/ws?token=${server.token}`;
    const bystander = await connect(url);
    const closeOf = (ws: WebSocket) => new Promise<[number, string]>((r) => ws.on('close', (code, reason) => r([code, String(reason)])));

    // A frame over the limit (what a 1.2 MB publish from the page would be).
    const big = await connect(url);
    big.ws.on('error', () => undefined);
    const bigClosed = closeOf(big.ws);
    big.ws.send('x'.repeat(LIMITS.clientMessageBytes + 1));
    expect((await bigClosed)[0]).toBe(1009);

    // A text frame that is not UTF-8.
    const bad = await connect(url);
    bad.ws.on('error', () => undefined);
    const badClosed = closeOf(bad.ws);
    bad.ws.send(Buffer.from([0x7b, 0xc3, 0x28, 0x7d]), { binary: false });
    expect((await badClosed)[0]).toBe(1007);

    const started = Date.now();
    bystander.ws.send(JSON.stringify({ t: 'cmd', id: 1, name: 'app.info', input: {} }));
    await until(() => bystander.messages.some((m) => m.t === 'res'));
    expect(Date.now() - started).toBeLessThan(100);
    expect(server.clients()).toBe(1);
    bystander.ws.close();
  });

  it('a client that stops reading is dropped before it holds more than its share; others keep being answered', async () => {
    const core = fakeCore();
    const big = 'x'.repeat(6 * 1024 * 1024);
    core.dispatchUntrusted = async (name, input) => (name === 'traffic.export' ? ok({ jsonl: big, count: 1 }) : ok({ name, input }));
    server = await startWebServer({ core, staticDir: staticDir() });
    const url = `ws://127.0.0.1:${server.port}/ws?token=${server.token}`;
    const bystander = await connect(url);
    const hog = await connect(url);
    hog.ws.on('error', () => undefined);
    // Stop reading: the server's unsent data for this client can only grow.
    (hog.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    for (let i = 0; i < 40; i++) hog.ws.send(JSON.stringify({ t: 'cmd', id: i, name: 'traffic.export', input: {} }));
    await until(() => server!.clients() === 1);
    const started = Date.now();
    bystander.ws.send(JSON.stringify({ t: 'cmd', id: 99, name: 'app.info', input: {} }));
    await until(() => bystander.messages.some((m) => m.t === 'res' && m.id === 99));
    expect(Date.now() - started).toBeLessThan(100);
    bystander.ws.close();
  });

  it('more commands in flight than a client may have are refused, not queued', async () => {
    const core = fakeCore();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    core.dispatchUntrusted = async (name, input) => {
      await gate;
      return ok({ name, input });
    };
    server = await startWebServer({ core, staticDir: staticDir() });
    const { ws, messages } = await connect(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`);
    for (let i = 0; i < LIMITS.clientCommandsInFlight + 2; i++) ws.send(JSON.stringify({ t: 'cmd', id: i, name: 'stack.get', input: {} }));
    await until(() => messages.filter((m) => m.t === 'res').length >= 2);
    const refused = messages.filter((m) => m.t === 'res' && !m.result.ok);
    expect(refused.map((m) => (m.t === 'res' ? m.id : -1))).toEqual([LIMITS.clientCommandsInFlight, LIMITS.clientCommandsInFlight + 1]);
    expect(refused[0]).toMatchObject({ result: { ok: false, error: { code: 'TOO_MANY_REQUESTS' } } });
    release();
    await until(() => messages.filter((m) => m.t === 'res').length === LIMITS.clientCommandsInFlight + 2);
    ws.close();
  });
});
