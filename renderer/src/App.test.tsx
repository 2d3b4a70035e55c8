// @vitest-environment happy-dom
import { agentMessage } from '../../shared/testing/messages';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../shared/result';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import type { AgentMessage, ValkeyProbe } from '../../shared/traffic';
import type { EngineState } from '../../shared/stack';
import { App } from './App';
import { StoreContext } from './state/context';
import { snapshotOf as snapshot } from '../../shared/testing/snapshots';
import { FakeApi } from './testing/fake-api';
import { DashboardStore } from './state/store';

/** A Valkey probe result as the core sends it, with the fields a test cares about. */
const probeOf = (over: Partial<ValkeyProbe> = {}): ValkeyProbe => ({
  at: Date.now(),
  url: 'redis://127.0.0.1:6379',
  pingMs: 1,
  version: '8.0.0',
  usedMemoryBytes: 1,
  connectedClients: 1,
  channels: [],
  patterns: 1,
  clientAddrs: [],
  ...over,
});

afterEach(cleanup);

const counters = { received: 2, kept: 2, evicted: 0, undecodable: 0, duplicatesMerged: 0, bytesKept: 0, backlog: 0 };
const msg = (seq: number, agentName: string): AgentMessage =>
  agentMessage({
    kind: 'atom',
    seq,
    receivedAt: Date.now(),
    channels: ['agent_events:global'],
    topics: ['global'],
    eventType: 'post.created',
    agentId: agentName.toLowerCase(),
    agentName,
    category: 'social',
    postType: 'note',
    postId: null,
    createdAt: null,
    preview: `hi from ${agentName}`,
    size: 20,
  });

function mount(api = new FakeApi()) {
  const store = new DashboardStore(api);
  store.start();
  render(
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>,
  );
  return { api, store };
}

describe('App', () => {
  it('lists each replica of a service with its health and Valkey link', async () => {
    const stack = snapshot({ valkey: 'healthy', 'atom-backend': 'unhealthy' });
    const started = new Date(Date.now() - 60_000).toISOString();
    const inst = (number: number, status: 'healthy' | 'unhealthy', addr: string) => ({
      number,
      containerName: `atom-atom-backend-${number}`,
      containerId: `id${number}`,
      status,
      exitCode: null,
      startedAt: started,
      lastHealth: null,
      addresses: [addr],
    });
    Object.assign(stack.services[1]!, {
      usesValkey: true,
      replicas: 2,
      instances: [inst(1, 'healthy', '172.18.0.3'), inst(2, 'unhealthy', '172.18.0.4')],
    });
    const fake = new FakeApi();
    fake.handlers['stack.get'] = () => ok(stack);
    const { api } = mount(fake);
    const probe = {
      at: 0,
      url: 'u',
      pingMs: 1,
      version: '8',
      usedMemoryBytes: 1,
      connectedClients: 1,
      channels: [],
      patterns: 1,
      clientAddrs: ['172.18.0.3'],
    };
    act(() => api.emit([{ name: 'valkey.probe', payload: probe }]));
    const rows = await screen.findAllByTestId('service-replica');
    expect(rows.map((r) => r.textContent)).toEqual(['atom-atom-backend-1HealthyValkey ✓', 'atom-atom-backend-2Unhealthyno Valkey link']);
    expect(within(screen.getByTestId('service-atom-backend')).getByTestId('service-valkey-link').textContent).toContain(
      'atom-backend is not connected to Valkey',
    );
  });

  it('shows what happened to a damaged settings file as a banner', async () => {
    const api = new FakeApi();
    const notice =
      '/x/settings.json could not be read (Unexpected token): kept as /x/settings.json.unreadable-20261201-102030.bak; using defaults';
    api.handlers['app.info'] = () =>
      ok({ version: '0.1.0', mode: 'web', platform: 'linux', project: 'atom', stackFiles: [], notices: [notice] });
    mount(api);
    await waitFor(() => expect(screen.getByTestId('app-notice').textContent).toBe(notice));
  });

  it('warns, in plain words, when a backend holds no connection to Valkey, and clears when it does', async () => {
    const stack = snapshot({ valkey: 'healthy', 'atom-backend': 'healthy' });
    const backend = stack.services[1]!;
    Object.assign(backend, { usesValkey: true, addresses: ['172.18.0.3'], startedAt: new Date(Date.now() - 60_000).toISOString() });
    const fake = new FakeApi();
    fake.handlers['stack.get'] = () => ok(stack);
    const { api } = mount(fake);
    const probe = probeOf({ clientAddrs: ['172.18.0.1'] });
    act(() =>
      api.emit([
        { name: 'stack.snapshot', payload: stack },
        { name: 'valkey.probe', payload: probe },
      ]),
    );
    const card = await screen.findByTestId('service-atom-backend');
    await waitFor(() =>
      expect(within(card).getByTestId('service-valkey-link').textContent).toContain(
        'atom-backend is not connected to Valkey: its agents are cut off from other instances',
      ),
    );
    act(() => api.emit([{ name: 'valkey.probe', payload: { ...probe, clientAddrs: ['172.18.0.1', '172.18.0.3'] } }]));
    await waitFor(() => expect(within(card).getByTestId('service-valkey-link').textContent).toBe('Connected to Valkey'));
  });

  it('warns on the Valkey card when Valkey without a password is published beyond this machine', async () => {
    const stack = snapshot({ valkey: 'healthy', 'atom-backend': 'healthy' });
    stack.services[0]!.ports = [{ containerPort: 6379, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 6379 }];
    const fake = new FakeApi();
    fake.handlers['stack.get'] = () => ok(stack);
    const { api } = mount(fake);
    const probe = probeOf({ passwordless: true });
    act(() =>
      api.emit([
        { name: 'stack.snapshot', payload: stack },
        { name: 'valkey.probe', payload: probe },
      ]),
    );
    const card = await screen.findByTestId('service-valkey');
    await waitFor(() =>
      expect(within(card).getByTestId('valkey-exposed').textContent).toMatch(/reachable from other machines on port 6379/),
    );
    stack.services[0]!.ports = [{ containerPort: 6379, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 6379 }];
    act(() => api.emit([{ name: 'stack.snapshot', payload: { ...stack } }]));
    await waitFor(() => expect(within(card).queryByTestId('valkey-exposed')).toBeNull());
  });

  it('shows the engine version, every service and the not-created state', async () => {
    mount();
    await waitFor(() => expect(screen.getByTestId('engine-status').textContent).toContain('20.10.24'));
    expect(screen.getByTestId('service-valkey')).toBeTruthy();
    expect(screen.getByTestId('service-atom-backend')).toBeTruthy();
    expect(screen.getByTestId('stack-not-created').textContent).toContain('Stack not created — press Start');
    expect(screen.getByTestId('stack-toggle').textContent).toBe('Start stack');
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual([
      'Services',
      'Stats',
      'Logs',
      'Terminal',
      'Messages',
      'History',
      'Settings',
    ]);
  });

  it('starts the stack and shows the core error inline when it fails', async () => {
    const api = new FakeApi();
    api.handlers['stack.up'] = () => ({
      ok: false,
      error: { code: 'PORT_IN_USE', message: 'Port 6379 is already in use (service valkey).' },
    });
    mount(api);
    const btn = await screen.findByRole('button', { name: 'Start stack' });
    await waitFor(() => expect((btn as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(btn);
    await waitFor(() => expect(screen.getByTestId('stack-error').textContent).toContain('Port 6379 is already in use'));
    expect(api.calls.some((c) => c.name === 'stack.up')).toBe(true);
  });

  it('follows the operation: Starting… disabled, then Stop stack with healthy badges', async () => {
    const api = new FakeApi();
    mount(api);
    await screen.findByText('Start stack');
    const running = snapshot({ valkey: 'starting', 'atom-backend': 'absent' });
    running.operation = {
      id: 'op1',
      kind: 'up',
      startedAt: Date.now(),
      progress: { valkey: { operationId: 'op1', service: 'valkey', step: 'pull', status: 'running', current: 5, total: 10, at: 1 } },
    };
    act(() => api.emit([{ name: 'stack.snapshot', payload: running }]));
    await waitFor(() => expect(screen.getByTestId('stack-toggle').textContent).toContain('Starting…'));
    expect((screen.getByTestId('stack-toggle') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('50');
    act(() => api.emit([{ name: 'stack.snapshot', payload: snapshot({ valkey: 'healthy', 'atom-backend': 'healthy' }) }]));
    await waitFor(() => expect(screen.getByTestId('stack-toggle').textContent).toBe('Stop stack'));
    const card = screen.getByTestId('service-atom-backend');
    expect(within(card).getByTestId('service-state').textContent).toBe('Healthy');
    const link = within(card).getByRole('link');
    expect(link.getAttribute('href')).toBe('http://127.0.0.1:8000');
    expect(link.getAttribute('rel')).toContain('noopener');
  });

  it('offers Cancel while a Start runs, and shows Cancelling… once asked', async () => {
    const api = new FakeApi();
    api.handlers['stack.cancel'] = () => ok({ cancelled: true });
    mount(api);
    await screen.findByText('Start stack');
    const running = snapshot({ valkey: 'starting', 'atom-backend': 'absent' });
    running.operation = { id: 'op1', kind: 'up', startedAt: Date.now(), progress: {}, cancellable: true };
    act(() => api.emit([{ name: 'stack.snapshot', payload: running }]));
    fireEvent.click(await screen.findByTestId('stack-cancel'));
    await waitFor(() => expect(api.calls.some((c) => c.name === 'stack.cancel')).toBe(true));
    act(() => api.emit([{ name: 'stack.snapshot', payload: { ...running, operation: { ...running.operation!, cancelling: true } } }]));
    await waitFor(() => expect(screen.getByTestId('stack-cancel').textContent).toBe('Cancelling…'));
    expect((screen.getByTestId('stack-cancel') as HTMLButtonElement).disabled).toBe(true);
    // A Stop cannot be cancelled half-way: no button.
    act(() =>
      api.emit([
        { name: 'stack.snapshot', payload: { ...running, operation: { id: 'op2', kind: 'stop', startedAt: Date.now(), progress: {} } } },
      ]),
    );
    await waitFor(() => expect(screen.queryByTestId('stack-cancel')).toBeNull());
  });

  it("keeps a failed Start's evidence viewable: the service's last logs after its container was removed", async () => {
    const api = new FakeApi();
    mount(api);
    await screen.findByText('Start stack');
    const failed = snapshot({ valkey: 'absent', 'atom-backend': 'absent' });
    failed.lastError = {
      code: 'HEALTHCHECK_FAILED',
      message: 'valkey is unhealthy',
      at: Date.now(),
      service: 'valkey',
      lastLogs: ['booting', 'boom: config error'],
    };
    act(() => api.emit([{ name: 'stack.snapshot', payload: failed }]));
    const logs = await screen.findByTestId('stack-error-logs');
    expect(logs.textContent).toContain('Last logs of valkey (its container was removed)');
    expect(logs.textContent).toContain('boom: config error');
  });

  it('applies the theme setting to the document', async () => {
    const api = new FakeApi();
    mount(api);
    await screen.findByText('Start stack');
    act(() => api.emit([{ name: 'settings.changed', payload: { ...DEFAULT_SETTINGS, theme: 'dark' } }]));
    await waitFor(() => expect(document.documentElement.getAttribute('data-theme')).toBe('dark'));
    act(() => api.emit([{ name: 'settings.changed', payload: { ...DEFAULT_SETTINGS, theme: 'system' } }]));
    await waitFor(() => expect(document.documentElement.hasAttribute('data-theme')).toBe(false));
  });

  it('shows the disconnected-from-core state, with no green engine badge and no stack action', async () => {
    const api = new FakeApi();
    mount(api);
    await waitFor(() => expect(screen.getByTestId('engine-status').textContent).toContain('20.10.24'));
    act(() => api.setConnection('closed'));
    await waitFor(() => expect(screen.getByTestId('core-disconnected').textContent).toMatch(/Disconnected from core/));
    expect(screen.getByTestId('engine-status').textContent).toBe('Engine: unknown (core disconnected)');
    expect((screen.getByTestId('stack-toggle') as HTMLButtonElement).disabled).toBe(true);
  });

  it('clears an "engine unavailable" error once the engine is back', async () => {
    const api = new FakeApi();
    api.handlers['stack.up'] = () => ({
      ok: false,
      error: { code: 'ENGINE_UNAVAILABLE', message: 'the container engine is not available' },
    });
    mount(api);
    fireEvent.click(await screen.findByRole('button', { name: 'Start stack' }));
    await waitFor(() => expect(screen.getByTestId('stack-error').textContent).toContain('not available'));
    const engine = (await api.invoke('engine.get', {})) as { ok: true; value: EngineState };
    act(() =>
      api.emit([
        { name: 'engine.state', payload: { status: 'unavailable', endpoint: null, reason: 'gone', hint: 'start it', retryInMs: 1000 } },
      ]),
    );
    act(() => api.emit([{ name: 'engine.state', payload: engine.value }]));
    await waitFor(() => expect(screen.queryByTestId('stack-error')).toBeNull());
  });

  it('says "unknown" with the last known state while the engine is away', async () => {
    const api = new FakeApi();
    mount(api);
    await screen.findByText('Start stack');
    const away = snapshot({ valkey: 'unknown', 'atom-backend': 'unknown' });
    away.services[0]!.lastKnown = { status: 'healthy', at: Date.parse('2026-12-01T10:00:00Z') };
    act(() => api.emit([{ name: 'stack.snapshot', payload: away }]));
    const card = await screen.findByTestId('service-valkey');
    await waitFor(() => expect(within(card).getByTestId('service-state').textContent).toBe('Unknown (engine unreachable)'));
    expect(within(card).getByTestId('service-last-known').textContent).toMatch(/^Last known: healthy at /);
    expect(screen.getByTestId('stack-toggle').textContent).toBe('State unknown');
  });

  it('filters messages in the core and opens a message detail', async () => {
    const api = new FakeApi();
    api.handlers['traffic.query'] = () => ok({ items: [msg(2, 'Bob')], matched: 1, total: 2 });
    api.handlers['traffic.message'] = () =>
      ok({ message: msg(2, 'Bob'), payload: { type: 'post', data: { content: 'hi' } }, raw: '{}', truncated: false });
    const { store } = mount(api);
    await screen.findByText('Start stack');
    fireEvent.click(screen.getByRole('tab', { name: 'Messages' }));
    expect(screen.getByTestId('messages-empty')).toBeTruthy();
    act(() => store.applyBatch({ items: [msg(1, 'Alice'), msg(2, 'Bob')], updates: [], counters, paused: false, reset: false }));
    await waitFor(() => expect(screen.getAllByTestId('message-row')).toHaveLength(2));
    fireEvent.change(screen.getByTestId('filter-agent'), { target: { value: 'Bob' } });
    await waitFor(() => expect(screen.getByTestId('match-count').textContent).toBe('1 match of 2'));
    expect(api.calls.filter((c) => c.name === 'traffic.query').map((c) => c.input)).toEqual([{ agent: 'Bob', limit: 10_000 }]);
    expect(screen.getAllByTestId('message-agent').map((e) => e.textContent)).toEqual(['Bob']);
    fireEvent.click(screen.getByTestId('message-row'));
    await waitFor(() => expect(screen.getByTestId('json-tree').textContent).toContain('"hi"'));
  });
});
