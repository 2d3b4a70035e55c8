// The contract's commands, each mapped onto the part of the core that does it.
import type { Settings } from '../../../shared/settings';
import type { ValkeyProbe as ValkeyProbeData } from '../../../shared/traffic';
import type { StatsSample } from '../../../shared/stack';
import type { EngineConnection } from '../engine/connection';
import { trustHostKey } from '../engine/ssh-options';
import type { TrafficMonitor } from '../traffic/monitor';
import { publishPost } from '../traffic/publish';
import { createEnvFromTemplate, inspectCheckout, saveEnvValues } from './checkout';
import { revealValue } from './config-view';
import type { CommandHandlers } from './dispatch';
import { AppError } from '../../../shared/result';
import type { EventHub } from './event-hub';
import type { SettingsStore } from './settings-store';
import type { StackSession } from './stack-session';
import type { Terminals } from './terminals';
import { historyHandlers, type HistoryDeps } from './history-handlers';

export interface HandlerDeps {
  mode: 'electron' | 'web';
  version: string;
  settings: SettingsStore;
  session: StackSession;
  connection: EngineConnection;
  monitor: TrafficMonitor;
  probe: () => ValkeyProbeData | null;
  stats: () => Record<string, StatsSample[]>;
  emit: EventHub['emit'];
  onSettingsChanged: (next: Settings, changed: (keyof Settings)[]) => Promise<void>;
  subscribers: () => number;
  terminals: Terminals;
  history: Omit<HistoryDeps, 'valkeyUrl'>;
}

const gone = (seq: number): AppError => new AppError('NOT_FOUND', `Message #${seq} is no longer in the buffer (evicted or cleared)`);

export function createHandlers(d: HandlerDeps): CommandHandlers {
  const { session, monitor } = d;
  const pubsubUrl = (): string => {
    const state = monitor.state();
    if (state.status === 'subscribed' || state.status === 'connecting' || state.status === 'reconnecting') return state.url;
    throw new AppError(
      state.status === 'no-pubsub' ? 'NO_PUBSUB' : 'VALKEY_UNAVAILABLE',
      state.status === 'no-pubsub' ? state.reason : 'Valkey is not running: start the stack first',
    );
  };

  return {
    'app.info': () => {
      const snap = session.snapshot();
      return {
        version: d.version,
        mode: d.mode,
        platform: process.platform,
        project: snap.project || null,
        stackFiles: snap.files,
        stackSource: session.source,
        notices: d.settings.warning ? [d.settings.warning] : [],
      };
    },
    // Only a window has a folder dialog: the Electron shell answers this one itself.
    'app.pickFolder': () => {
      throw new AppError('UNSUPPORTED', 'A folder dialog needs the desktop app: type the folder path instead');
    },
    'app.diagnostics': ({ collect }) => {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (collect && gc) gc();
      const mem = process.memoryUsage();
      const resources: Record<string, number> = {};
      for (const r of process.getActiveResourcesInfo()) resources[r] = (resources[r] ?? 0) + 1;
      const counters = monitor.counters();
      return {
        uptimeMs: Math.round(process.uptime() * 1000),
        rssBytes: mem.rss,
        heapUsedBytes: mem.heapUsed,
        subscribers: d.subscribers(),
        resources,
        messagesKept: counters.kept,
        bytesKept: counters.bytesKept,
        logLinesKept: session.logCount(),
      };
    },
    'engine.get': () => d.connection.state(),
    'engine.trustHost': ({ fingerprint }) => {
      const entry = trustHostKey(fingerprint);
      if (!entry) {
        throw new AppError(
          'NOT_FOUND',
          `No host key with fingerprint ${fingerprint} is waiting to be accepted: connect to the engine again first`,
        );
      }
      d.connection.retryNow();
      return { host: entry.label };
    },
    'stack.get': () => session.snapshot(),
    'stack.up': async ({ build }) => {
      // Never Start on a stale model: an edited compose file or .env is read first.
      await session.refreshIfChanged();
      await session.require().up({ build: build ?? false });
      return session.snapshot();
    },
    'stack.cancel': () => ({ cancelled: session.cancel() }),
    'stack.stop': async () => {
      await session.require().stop();
      return session.snapshot();
    },
    'stack.down': async ({ volumes }) => {
      await session.require().down({ volumes: volumes ?? false });
      return session.snapshot();
    },
    'stack.removeConflict': async ({ container }) => {
      await session.require().removeConflict(container);
      return session.snapshot();
    },
    'service.start': async ({ service }) => {
      await session.refreshIfChanged();
      await session.require().startService(service);
      return session.snapshot();
    },
    'service.stop': async ({ service }) => {
      await session.require().stopService(service);
      return session.snapshot();
    },
    'service.restart': async ({ service }) => {
      await session.require().restartService(service);
      return session.snapshot();
    },
    'service.rebuild': async ({ service }) => {
      await session.refreshIfChanged();
      const svc = session.require().model.services[service];
      if (!svc) throw new AppError('NOT_FOUND', `no service ${service} in this stack`, { service });
      if (!svc.build)
        throw new AppError('BAD_REQUEST', `service ${service} has no build: section; its image ${svc.image} is pulled, not built`, {
          service,
        });
      await session.require().startService(service, { build: true });
      return session.snapshot();
    },
    'stack.images': () => session.images(),
    'service.inspect': ({ service }) => session.require().inspect(service),
    'terminal.open': (req, { client }) => d.terminals.open(req, client),
    'terminal.read': ({ id }) => d.terminals.read(id),
    'terminal.write': ({ id, data }) => {
      d.terminals.write(id, data);
      return null;
    },
    'terminal.resize': async ({ id, cols, rows }) => {
      await d.terminals.resize(id, cols, rows);
      return null;
    },
    'terminal.close': ({ id }) => {
      d.terminals.close(id);
      return null;
    },
    'stats.get': () => d.stats(),
    'config.get': () => session.configView(),
    'config.reveal': ({ service, key }) => ({ value: revealValue(session.require().model, service, key) }),
    'checkout.inspect': ({ folder }) => inspectCheckout(folder),
    'checkout.createEnv': ({ folder }) => createEnvFromTemplate(folder),
    'checkout.saveEnv': async ({ folder, values }) => {
      const saved = saveEnvValues(folder, values);
      // The stack may be this checkout: read its .env again now, not on the next watch tick.
      await session.refreshIfChanged();
      return saved;
    },
    'logs.get': ({ service, tail, before }) => session.logs(service, tail, before),
    'logs.clear': ({ service }) => {
      session.clearLogs(service);
      return null;
    },
    'traffic.get': ({ limit }) => ({ state: monitor.state(), batch: monitor.snapshot(limit ?? 5_000) }),
    'traffic.query': (q) => monitor.query(q),
    'traffic.range': ({ from, to }) => monitor.range(from, to),
    'traffic.message': async ({ seq, raw }) => {
      const detail = await monitor.detail(seq, raw ?? false);
      if (!detail) throw gone(seq);
      return detail;
    },
    'traffic.messageNode': async ({ seq, path, offset }) => {
      if (!monitor.has(seq)) throw gone(seq);
      const page = await monitor.detailNode(seq, path, offset);
      if (!page) throw new AppError('NOT_FOUND', `Message #${seq} has no object or array at [${path.join(', ')}]`);
      return page;
    },
    'traffic.pause': () => {
      monitor.pause();
      return null;
    },
    'traffic.resume': () => {
      monitor.resume();
      return null;
    },
    'traffic.clear': () => {
      monitor.clear();
      return null;
    },
    'traffic.publish': (req) => publishPost(pubsubUrl(), req),
    'traffic.export': (q) => monitor.exportJsonl(q),
    'valkey.probe': () => d.probe(),
    ...historyHandlers({ ...d.history, valkeyUrl: pubsubUrl }),
    'settings.get': () => d.settings.get(),
    'settings.update': async (patch) => {
      const before = d.settings.get();
      const next = d.settings.update(patch);
      const changed = (Object.keys(patch) as (keyof Settings)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(next[k]));
      if (changed.length > 0) {
        await d.onSettingsChanged(next, changed);
        d.emit('settings.changed', next);
      }
      return next;
    },
  };
}
