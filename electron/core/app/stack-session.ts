// The stack the core currently manages: loads the compose files, owns the
// StackEngine built on them, and swaps both when the user picks other files. A
// broken file is a state (with the precise problems), not a crash.
import type { EventPayloads, EventName } from '../../../shared/contract';
import type { ConfigView, Settings, StackSource } from '../../../shared/settings';
import type { LogLine, StackImage, StackSnapshot } from '../../../shared/stack';
import { loadStack } from '../compose/load';
import type { StackModel } from '../compose/model';
import { ComposeError, formatWarning } from '../compose/model';
import type { EngineConnection } from '../engine/connection';
import type { LogStoreOptions } from '../engine/logs';
import { StackEngine } from '../engine/stack-engine';
import { configErrorView, toConfigView } from './config-view';
import { AppError } from '../../../shared/result';
import type { SelectionOverrides } from './stack-files';
import { selectStack } from './stack-files';
import { fingerprint, watchFiles } from './file-watch';
import { dirname, join } from 'node:path';

export interface StackSessionOptions {
  connection: EngineConnection;
  resourcesDir: string;
  overrides: SelectionOverrides;
  env: NodeJS.ProcessEnv;
  emit: <K extends EventName>(name: K, payload: EventPayloads[K]) => void;
  onModel: (model: StackModel | null, snapshot: StackSnapshot | null) => void;
  logs?: LogStoreOptions;
  /** Reload when the files change (the app); a one-shot CLI command reads them once. */
  watchFiles?: boolean;
}

export class StackSession {
  private model: StackModel | null = null;
  private engine: StackEngine | null = null;
  /** Built when first asked for: a one-shot `ps` never needs it. */
  private view: ConfigView | (() => ConfigView) = configErrorView([], null, 'No stack loaded yet');
  private brokenSnapshot: StackSnapshot | null = null;
  private unsubs: (() => void)[] = [];
  private settings: Settings | null = null;
  /** Where the loaded files came from (flags, settings, or the bundled default). */
  source: StackSource = 'bundled';
  /** The compose files and the .env the model was read from, and their fingerprint then. */
  private watched: string[] = [];
  private print = '';
  private stopWatching: () => void = () => undefined;

  constructor(private readonly opts: StackSessionOptions) {}

  /**
   * Reloads when a compose file or the .env changed since they were read (an edit in an
   * editor, a new .env). Skipped while an operation runs; Start calls it first, so it
   * never uses a stale model. True when it reloaded.
   */
  async refreshIfChanged(): Promise<boolean> {
    if (!this.settings || fingerprint(this.watched) === this.print) return false;
    if (this.engine?.snapshot().operation) return false;
    await this.reload(this.settings);
    return true;
  }

  private watch(files: string[]): void {
    this.stopWatching();
    this.watched = files;
    this.print = fingerprint(files);
    if (this.opts.watchFiles === false) return;
    this.stopWatching = watchFiles(files, () => void this.refreshIfChanged().catch(() => undefined));
  }

  /** Loads the selected files; the previous engine is fully closed before the next one starts. */
  async reload(settings: Settings): Promise<void> {
    await this.detach();
    this.settings = settings;
    const sel = selectStack(settings, this.opts.resourcesDir, this.opts.overrides);
    this.source = sel.source;
    // The .env compose reads: the chosen env file, else .env beside the first file.
    const dir = sel.projectDir ?? (sel.files[0] ? dirname(sel.files[0]) : null);
    const envPath = sel.envFile ?? (dir ? join(dir, '.env') : null);
    this.watch([...sel.files, ...(envPath ? [envPath] : [])]);
    try {
      const { model, warnings } = loadStack({
        files: sel.files,
        envFile: sel.envFile,
        projectName: sel.projectName,
        projectDir: sel.projectDir,
        env: this.opts.env,
      });
      for (const w of warnings) console.warn(`compose: warning: ${formatWarning(w)}`);
      this.model = model;
      this.view = () => toConfigView(model, warnings);
      this.brokenSnapshot = null;
      const engine = new StackEngine({ connection: this.opts.connection, model, logs: this.opts.logs });
      this.engine = engine;
      this.unsubs = [
        engine.onSnapshot((snap) => {
          this.opts.emit('stack.snapshot', snap);
          this.opts.onModel(model, snap);
        }),
        engine.onProgress((ev) => this.opts.emit('operation.progress', ev)),
        engine.logs.onLines((lines: LogLine[]) => this.opts.emit('logs.lines', lines)),
      ];
    } catch (err) {
      const message = err instanceof ComposeError || err instanceof Error ? err.message : String(err);
      this.model = null;
      this.view = configErrorView(sel.files, sel.envFile, message);
      this.brokenSnapshot = {
        project: sel.projectName ?? '',
        files: sel.files,
        services: [],
        operation: null,
        lastError: { code: 'COMPOSE_INVALID', message, at: Date.now() },
      };
      this.opts.emit('stack.snapshot', this.brokenSnapshot);
      this.opts.onModel(null, null);
    }
  }

  snapshot(): StackSnapshot {
    if (this.engine) return this.engine.snapshot();
    return this.brokenSnapshot ?? { project: '', files: [], services: [], operation: null, lastError: null };
  }

  /** Why the selected files could not be loaded, or null when they were. */
  loadError(): string | null {
    return typeof this.view === 'function' ? null : this.view.error;
  }

  configView(): ConfigView {
    if (typeof this.view === 'function') this.view = this.view();
    return this.view;
  }

  publishedLocalPorts(): number[] {
    return this.snapshot().services.flatMap((s) => s.ports.map((p) => p.hostPort));
  }

  images(): Promise<StackImage[]> {
    return this.require().images();
  }

  /** The engine, or a COMPOSE_INVALID error carrying the file's problems. */
  require(): StackEngine {
    if (!this.engine) throw new AppError('COMPOSE_INVALID', this.configView().error ?? 'No stack file loaded');
    return this.engine;
  }

  /** Log lines held for every service. */
  logCount(): number {
    return this.engine?.logs.size() ?? 0;
  }

  /** Cancels a running Start; false when none runs (or the file does not load). */
  cancel(): boolean {
    return this.engine?.cancel() ?? false;
  }

  logs(service: string | null, tail?: number, before?: number): LogLine[] {
    return this.engine ? this.engine.logs.get(service, tail, before) : [];
  }

  clearLogs(service: string | null): void {
    this.engine?.logs.clear(service);
  }

  async stopStack(): Promise<void> {
    if (this.engine) await this.engine.stop();
  }

  async close(): Promise<void> {
    this.stopWatching();
    this.settings = null;
    await this.detach();
  }

  private detach(): Promise<void> {
    for (const u of this.unsubs) u();
    this.unsubs = [];
    const closing = this.engine?.close() ?? Promise.resolve();
    this.engine = null;
    return closing;
  }
}
