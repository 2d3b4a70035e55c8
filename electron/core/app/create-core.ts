// Assembles the core: settings, compose model, engine connection, stack engine,
// traffic monitor and probe, all publishing through one EventHub; the command
// handlers map the contract onto them. Shells (Electron main, `serve`) only see
// the CoreHost this returns.
import type { AppEvent } from '../../../shared/contract';
import type { StackSnapshot } from '../../../shared/stack';
import { EngineConnection } from '../engine/connection';
import { TrafficMonitor } from '../traffic/monitor';
import { ValkeyProbe } from '../traffic/probe';
import { createHandlers } from './handlers';
import { EventHub } from './event-hub';
import { dispatchCommand } from './dispatch';
import type { CoreHost } from './host';
import { PubSubLink } from './pubsub-link';
import { SettingsStore } from './settings-store';
import { StackSession } from './stack-session';
import { overridesFromEnv, type SelectionOverrides } from './stack-files';

export interface CoreOptions {
  mode: 'electron' | 'web';
  /** Folder holding docker-compose-personal.yml (and resources/demo-backend, its build context): the repo root, or process.resourcesPath when packaged. */
  resourcesDir: string;
  /** settings.json path; null keeps settings in memory only. */
  settingsPath: string | null;
  /** CLI flags; ATOM_DESKTOP_* variables fill what is not given. */
  overrides?: SelectionOverrides;
  env?: NodeJS.ProcessEnv;
  version?: string;
}

export async function createCore(opts: CoreOptions): Promise<CoreHost> {
  const env = opts.env ?? process.env;
  const overrides = { ...overridesFromEnv(env), ...opts.overrides };
  const settings = new SettingsStore(opts.settingsPath);
  if (settings.warning) console.warn(settings.warning);

  let hub: EventHub | null = null;
  const emit: EventHub['emit'] = (name, payload) => hub?.emit(name, payload);

  const connection = new EngineConnection();
  const monitor = new TrafficMonitor({ patterns: settings.get().patterns, cap: settings.get().bufferCap });
  const probe = new ValkeyProbe();
  const link = new PubSubLink(monitor, probe);
  const session = new StackSession({
    connection,
    resourcesDir: opts.resourcesDir,
    overrides,
    env,
    emit,
    onModel: (model, snap) => link.update(model, snap),
  });

  let lastProbe: Awaited<ReturnType<ValkeyProbe['probeOnce']>> | null = null;
  const unsubs = [
    connection.onState((s) => emit('engine.state', s)),
    monitor.onBatch((b) => emit('traffic.batch', b)),
    monitor.onState((s) => emit('traffic.state', s)),
    monitor.onRates((r) => emit('traffic.rates', r)),
    probe.onProbe((p) => {
      lastProbe = p;
      emit('valkey.probe', p);
    }),
  ];

  hub = new EventHub((): AppEvent[] => [
    { name: 'engine.state', payload: connection.state() },
    { name: 'stack.snapshot', payload: session.snapshot() },
    { name: 'traffic.state', payload: monitor.state() },
    { name: 'traffic.batch', payload: monitor.snapshot(2_000) },
    { name: 'traffic.rates', payload: monitor.rates() },
    { name: 'valkey.probe', payload: lastProbe },
    { name: 'settings.changed', payload: settings.get() },
  ]);

  session.reload(settings.get());
  connection.start();

  const handlers = createHandlers({
    mode: opts.mode,
    version: opts.version ?? '0.0.0',
    settings,
    session,
    connection,
    monitor,
    probe: () => lastProbe,
    emit,
    onSettingsChanged: (next, changed) => {
      if (changed.includes('patterns')) monitor.setPatterns(next.patterns);
      if (changed.includes('bufferCap')) monitor.setCap(next.bufferCap);
      if (changed.includes('stackFiles') || changed.includes('envFile')) session.reload(next);
    },
  });

  let closed = false;
  return {
    dispatch: (name, input) => dispatchCommand(handlers, name, input),
    subscribe: (listener) => hub!.subscribe(listener),
    stack: (): StackSnapshot => session.snapshot(),
    publishedLocalPorts: () => session.publishedLocalPorts(),
    shutdown: async ({ stopStack = false } = {}) => {
      if (closed) return;
      closed = true;
      if (stopStack) await session.stopStack().catch((err: unknown) => console.warn(`Stopping the stack failed: ${String(err)}`));
      for (const u of unsubs) u();
      link.close();
      probe.stop();
      await monitor.disconnect().catch(() => undefined);
      await session.close();
      connection.stop();
      hub!.flush();
      hub!.close();
    },
  };
}
