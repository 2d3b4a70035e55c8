// The stack half of the composition root: settings, the engine connection and the
// stack session on the selected compose files. createCore() adds traffic, the event
// hub and the contract's handlers on top; the CLI's stack commands (up, down, stop,
// start, restart, ps, logs) use this part alone, so both read files and drive the
// engine through the same objects.
import type { EventName, EventPayloads } from '../../../shared/contract';
import type { StackSnapshot } from '../../../shared/stack';
import type { StackModel } from '../compose/model';
import { EngineConnection } from '../engine/connection';
import type { LogStoreOptions } from '../engine/logs';
import { SettingsStore } from './settings-store';
import { StackSession } from './stack-session';
import { overridesFromEnv, type SelectionOverrides } from './stack-files';

export interface StackCoreOptions {
  /** Folder holding docker-compose-personal.yml (and resources/demo-backend, its build context). */
  resourcesDir: string;
  /** settings.json path; null keeps settings in memory only. */
  settingsPath: string | null;
  /** An already open store (createCore reads settings before the stack). */
  settings?: SettingsStore;
  /** CLI flags; ATOM_DESKTOP_* variables fill what is not given. */
  overrides?: SelectionOverrides;
  env?: NodeJS.ProcessEnv;
  emit?: <K extends EventName>(name: K, payload: EventPayloads[K]) => void;
  onModel?: (model: StackModel | null, snapshot: StackSnapshot | null) => void;
  logs?: LogStoreOptions;
  /**
   * A command that reads the stack once and exits (`ps`): no engine events, no file
   * watching. The app and the long-running commands keep both.
   */
  oneShot?: boolean;
}

export interface StackCore {
  settings: SettingsStore;
  connection: EngineConnection;
  session: StackSession;
  close(): Promise<void>;
}

/** Loads settings and the stack files, and starts connecting to the engine. */
export async function openStackCore(opts: StackCoreOptions): Promise<StackCore> {
  const env = opts.env ?? process.env;
  const settings = opts.settings ?? openSettings(opts.settingsPath);
  const connection = new EngineConnection({ watchEvents: !opts.oneShot });
  connection.setHost(settings.get().engineHost);
  // Connecting first: the engine answers its handshake while the files are read.
  connection.start();
  const session = new StackSession({
    connection,
    resourcesDir: opts.resourcesDir,
    overrides: { ...overridesFromEnv(env), ...opts.overrides },
    env,
    emit: opts.emit ?? (() => undefined),
    onModel: opts.onModel ?? (() => undefined),
    logs: opts.logs,
    watchFiles: !opts.oneShot,
  });
  await session.reload(settings.get());
  return {
    settings,
    connection,
    session,
    close: async () => {
      await session.close();
      connection.stop();
    },
  };
}

/** The settings store, its load warning (a damaged file) on stderr. */
export function openSettings(path: string | null): SettingsStore {
  const settings = new SettingsStore(path);
  if (settings.warning) console.warn(settings.warning);
  return settings;
}
