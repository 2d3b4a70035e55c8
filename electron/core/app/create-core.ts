// The composition root. The stack half (settings, compose model, engine connection,
// stack session) comes from openStackCore; this adds the traffic monitor and probe,
// the EventHub every part publishes through, and the contract's handlers. Shells
// (Electron main, `serve`) only see the CoreHost this returns.
import type { AppEvent } from '../../../shared/contract';
import type { ValkeyProbe as ValkeyProbeData } from '../../../shared/traffic';
import type { StackSnapshot } from '../../../shared/stack';
import { TrafficMonitor } from '../traffic/monitor';
import { StatsFollower } from '../engine/stats';
import { isServiceServing, LIMITS } from '../../../shared/rules';
import { ValkeyProbe } from '../traffic/probe';
import { dispatchCommand, dispatchUntrusted } from './dispatch';
import { EventHub } from './event-hub';
import { createHandlers } from './handlers';
import { withTurns } from './turns';
import type { CoreHost } from './host';
import { PubSubLink } from './pubsub-link';
import { remoteHostOf } from '../../../shared/remote-host';
import { openTunnel, type Tunnel } from '../engine/ssh-tunnel';
import { Terminals } from './terminals';
import { openSettings, openStackCore } from './stack-core';
import type { SelectionOverrides } from './stack-files';
import type { EventName, EventPayloads } from '../../../shared/contract';
import { recordsDirOf, StackRecorder } from '../recorder/stack-recorder';
import { Replays } from '../recorder/replay';
import { ImportUploads } from '../recorder/import-uploads';

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
  /** The flight recorder's folder (one database per stack); null: no recording. Default: `records` beside settings.json. */
  recordDir?: string | null;
  /** The recorder's group commit (tests shorten it). */
  recordCommitMs?: number;
}

export async function createCore(opts: CoreOptions): Promise<CoreHost> {
  // The hub exists before anything that emits; its snapshot is read only when a
  // subscriber arrives, by which time every part below exists.
  const hub = new EventHub((): AppEvent[] => [
    { name: 'engine.state', payload: stack.connection.state() },
    { name: 'stack.snapshot', payload: stack.session.snapshot() },
    { name: 'traffic.state', payload: monitor.state() },
    { name: 'traffic.batch', payload: monitor.snapshot(2_000) },
    { name: 'traffic.rates', payload: monitor.rates() },
    { name: 'valkey.probe', payload: lastProbe },
    { name: 'settings.changed', payload: stack.settings.get() },
    { name: 'recorder.state', payload: recorder.state() },
  ]);
  // Every event passes the recorder on its way out: snapshots (health, operations) and log lines are kept.
  const emit = <K extends EventName>(name: K, payload: EventPayloads[K]): void => {
    if (name === 'stack.snapshot') recorder.snapshot(payload as StackSnapshot);
    else if (name === 'logs.lines') recorder.logs(payload as EventPayloads['logs.lines']);
    hub.emit(name, payload);
  };

  const settings = openSettings(opts.settingsPath);
  const recordDir = opts.recordDir !== undefined ? opts.recordDir : opts.settingsPath ? recordsDirOf(opts.settingsPath) : null;
  const recorder = new StackRecorder({
    dir: recordDir,
    settings: settings.get(),
    commitMs: opts.recordCommitMs,
    onState: (s) => hub.emit('recorder.state', s),
  });
  const replays = new Replays((p) => hub.emit('replay.progress', p));
  const uploads = new ImportUploads();
  const probe = new ValkeyProbe();
  let lastProbe: ValkeyProbeData | null = null;
  const monitor = new TrafficMonitor({ patterns: settings.get().patterns, cap: settings.get().bufferCap });
  monitor.setTap(recorder);
  // Set below, once the engine connection exists: published ports are on a remote engine's host.
  let engineHost: () => string | null = () => null;
  let tunnels: () => ((host: string, port: number) => Promise<Tunnel>) | null = () => null;
  const link = new PubSubLink(
    monitor,
    probe,
    () => engineHost(),
    () => tunnels(),
  );
  // Stats streams follow the running containers, and are open only while a dashboard is.
  let stats: StatsFollower | null = null;
  const stack = await openStackCore({
    ...opts,
    settings,
    emit,
    onModel: (model, snap) => {
      link.update(model, snap);
      stats?.follow(snap ? runningContainers(snap) : []);
    },
  });
  const { session, connection } = stack;
  engineHost = () => remoteHostOf(connection.state().endpoint);
  tunnels = () => {
    const ssh = connection.ssh();
    return ssh ? (host, port) => openTunnel(ssh, host, port) : null;
  };
  recorder.snapshot(session.snapshot());
  const terminals = new Terminals((req) => session.require().openTerminal(req));
  stats = new StatsFollower(
    () => connection.docker(),
    (samples) => emit('stats.samples', samples),
  );
  stats.follow(runningContainers(session.snapshot()));
  stats.setWatching(hub.subscriberCount() > 0);

  const unsubs = [
    hub.onSubscriberCount((n) => stats?.setWatching(n > 0)),
    connection.onState((s) => emit('engine.state', s)),
    // Clients get the newest of a flood; the rest they read with traffic.range when they scroll to it.
    monitor.onBatch((b) => emit('traffic.batch', b), { maxItems: LIMITS.liveItemsPerBatch }),
    monitor.onState((s) => emit('traffic.state', s)),
    monitor.onRates((r) => emit('traffic.rates', r)),
    probe.onProbe((p) => {
      lastProbe = p;
      emit('valkey.probe', p);
    }),
  ];

  const handlers = withTurns(
    createHandlers({
      mode: opts.mode,
      version: opts.version ?? '0.0.0',
      settings,
      session,
      connection,
      monitor,
      probe: () => lastProbe,
      stats: () => stats?.history() ?? {},
      emit,
      subscribers: () => hub.subscriberCount(),
      terminals,
      history: { recorder, replays, uploads },
      onSettingsChanged: async (next, changed) => {
        if (changed.some((k) => k.startsWith('record'))) await recorder.setSettings(next);
        if (changed.includes('patterns')) monitor.setPatterns(next.patterns);
        if (changed.includes('bufferCap')) monitor.setCap(next.bufferCap);
        if (changed.includes('engineHost')) {
          // Another engine: its stack, its ports, its Valkey.
          link.close();
          connection.setHost(next.engineHost);
        }
        if (changed.includes('stackFiles') || changed.includes('envFile')) {
          const before = stackIdentity(session.snapshot());
          await session.reload(next);
          // Another stack: let go of the old one's Valkey now (the new stack's first
          // snapshot reconnects if it has one), and count its traffic from zero.
          if (stackIdentity(session.snapshot()) !== before) {
            link.close();
            monitor.clear();
          }
        }
      },
    }),
  );

  let closed = false;
  return {
    dispatch: (name, input) => dispatchCommand(handlers, name, input),
    dispatchUntrusted: (name, input, client) => dispatchUntrusted(handlers, name, input, client === undefined ? undefined : { client }),
    // Terminals stay: one is hung up once nobody reads it, and a page that reconnects keeps reading its own.
    releaseClient: (client) => uploads.release(client),
    subscribe: (listener) => hub.subscribe(listener),
    stack: () => session.snapshot(),
    publishedLocalPorts: () => session.publishedLocalPorts(),
    shutdown: async ({ stopStack = false } = {}) => {
      if (closed) return;
      closed = true;
      if (stopStack) await session.stopStack().catch((err: unknown) => console.warn(`Stopping the stack failed: ${String(err)}`));
      for (const u of unsubs) u();
      terminals.closeAll();
      replays.cancel();
      uploads.close();
      link.close();
      stats?.close();
      probe.stop();
      await monitor.disconnect().catch(() => undefined);
      await stack.close();
      monitor.setTap(null);
      await recorder.close();
      hub.flush();
      hub.close();
    },
  };
}

/** Which stack a snapshot is of: its project and its files. */
const stackIdentity = (snap: StackSnapshot): string => JSON.stringify([snap.project, snap.files]);

/** Each running container of the stack, by service (replicas included). */
function runningContainers(snap: StackSnapshot): { service: string; containerId: string }[] {
  return snap.services.flatMap((s) => {
    const instances = s.instances.length > 0 ? s.instances : s.containerId ? [{ containerId: s.containerId, status: s.status }] : [];
    return instances.filter((i) => isServiceServing({ status: i.status })).map((i) => ({ service: s.name, containerId: i.containerId }));
  });
}
