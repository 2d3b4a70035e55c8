// The facade the app core uses for one stack: operations (one at a time), the live
// snapshot, progress events and logs. Everything the UI shows comes through here.
import type Dockerode from 'dockerode';
import type { ContainerDetails, EngineState, ProgressEvent, ServiceState, StackImage, StackSnapshot } from '../../../shared/stack';
import { isServiceServing } from '../../../shared/rules';
import { openExecTty, type TerminalRequest } from './exec-tty';
import type { TtyProcess } from './terminal-session';
import type { StackModel } from '../compose/model';
import type { EngineConnection } from './connection';
import { downStack, restartService, stopStack } from './down';
import { AppError } from '../../../shared/result';
import { asAppError } from './errors';
import { stackImages } from './images';
import { containerDetails } from './container-details';
import { LogStore, type LogStoreOptions } from './logs';
import { StackOperations } from './operations';
import { removeContainer, up } from './up';
import { StackWatcher } from './watcher';

export interface StackEngineOptions {
  connection: EngineConnection;
  model: StackModel;
  /** How long an operation waits for the engine to be connected. Default 10 s. */
  engineWaitMs?: number;
  /** Default limit for up/start (dependency and health waits included). Default 5 min. */
  upTimeoutMs?: number;
  logs?: LogStoreOptions;
}

export interface UpRequest {
  /** Resolve only when every service is healthy (or running without a healthcheck). */
  wait?: boolean;
  timeoutMs?: number;
  /** Rebuild `build:` services first (compose `up --build`). */
  build?: boolean;
}

/**
 * One stack on one engine connection.
 * - up/stop/down/startService/stopService/restartService run one at a time; a second
 *   call while one runs rejects with AppError code OPERATION_IN_PROGRESS. Every
 *   failure is an AppError (code from shared ERROR_CODES, details naming the service,
 *   port...). Each resolves with the fresh snapshot.
 * - snapshot()/onSnapshot(): live state (onSnapshot calls back at once, then on changes).
 * - onProgress(): ProgressEvents of the running operation.
 * - logs: the LogStore following the stack's containers.
 */
export class StackEngine {
  readonly logs: LogStore;
  private readonly watcher: StackWatcher;
  private readonly ops = new StackOperations();
  private readonly snapListeners = new Set<(s: StackSnapshot) => void>();
  private lastError: StackSnapshot['lastError'] = null;
  private readonly unsubs: (() => void)[] = [];

  constructor(private readonly opts: StackEngineOptions) {
    this.watcher = new StackWatcher(opts.connection, opts.model);
    this.logs = new LogStore(opts.connection, opts.logs);
    this.unsubs.push(
      this.watcher.onChange((services) => {
        this.logs.update(services);
        this.emit();
      }),
      this.ops.onChange(() => this.emit()),
      // "Engine unavailable" stops being true when it returns: the error goes with it.
      opts.connection.onState((s) => {
        if (s.status === 'connected' && this.lastError?.code === 'ENGINE_UNAVAILABLE') {
          this.lastError = null;
          this.emit();
        }
      }),
    );
  }

  get model(): StackModel {
    return this.opts.model;
  }

  engineState(): EngineState {
    return this.opts.connection.state();
  }

  snapshot(): StackSnapshot {
    return {
      project: this.opts.model.name,
      files: this.opts.model.configFiles,
      services: this.watcher.snapshot(),
      operation: this.ops.current(),
      lastError: this.lastError,
    };
  }

  onSnapshot(fn: (s: StackSnapshot) => void): () => void {
    this.snapListeners.add(fn);
    fn(this.snapshot());
    return () => this.snapListeners.delete(fn);
  }

  onProgress(fn: (e: ProgressEvent) => void): () => void {
    return this.ops.onProgress(fn);
  }

  up(req: UpRequest = {}): Promise<StackSnapshot> {
    return this.operate('up', undefined, async (docker, apiVersion, id, progress, signal) =>
      up(docker, this.opts.model, {
        operationId: id,
        onProgress: progress,
        apiVersion,
        wait: req.wait,
        timeoutMs: req.timeoutMs ?? this.opts.upTimeoutMs,
        signal,
        build: req.build,
      }),
    );
  }

  /** Cancels a running Start (its rollback then runs); false when there is none to cancel. */
  cancel(): boolean {
    return this.ops.cancel();
  }

  /** Start the existing containers (compose `start`): nothing is created. */
  start(req: UpRequest = {}): Promise<StackSnapshot> {
    return this.operate('start', undefined, async (docker, apiVersion, id, progress, signal) =>
      up(docker, this.opts.model, {
        operationId: id,
        onProgress: progress,
        apiVersion,
        wait: req.wait,
        signal,
        noCreate: true,
        timeoutMs: req.timeoutMs ?? this.opts.upTimeoutMs,
      }),
    );
  }

  stop(): Promise<StackSnapshot> {
    return this.operate('stop', undefined, (docker, _api, id, progress) =>
      stopStack(docker, this.opts.model, { operationId: id, onProgress: progress }),
    );
  }

  down(opts: { volumes?: boolean } = {}): Promise<StackSnapshot> {
    return this.operate('down', undefined, (docker, _api, id, progress) =>
      downStack(docker, this.opts.model, { operationId: id, onProgress: progress, volumes: opts.volumes }),
    );
  }

  /**
   * Removes the container whose name stopped the last Start (NAME_CONFLICT), once the
   * user confirmed it. Only that container: any other name is refused, so a client
   * cannot use this to remove containers at will.
   */
  async removeConflict(container: string): Promise<StackSnapshot> {
    const conflict = this.lastError?.conflict;
    if (!conflict || conflict.container !== container)
      throw new AppError('BAD_REQUEST', `${container} is not the container that stopped the last Start: nothing was removed`, {
        container,
      });
    const running = this.ops.current();
    if (running) throw new AppError('OPERATION_IN_PROGRESS', `an operation is running (${running.kind}): try again when it ends`);
    const docker = this.opts.connection.docker();
    if (!docker) throw new AppError('ENGINE_UNAVAILABLE', 'the container engine is not available');
    await removeContainer(docker, container);
    this.lastError = null;
    await this.watcher.refresh().catch(() => undefined);
    this.emit();
    return this.snapshot();
  }

  /** Brings one service up (and its dependencies), creating it if needed. */
  startService(service: string, req: Pick<UpRequest, 'build'> = {}): Promise<StackSnapshot> {
    return this.operate('start', service, (docker, apiVersion, id, progress, signal) =>
      up(docker, this.opts.model, {
        operationId: id,
        onProgress: progress,
        apiVersion,
        signal,
        services: [service],
        timeoutMs: this.opts.upTimeoutMs,
        build: req.build,
      }),
    );
  }

  stopService(service: string): Promise<StackSnapshot> {
    return this.operate('stop', service, (docker, _api, id, progress) =>
      stopStack(docker, this.opts.model, { operationId: id, onProgress: progress, services: [service] }),
    );
  }

  /** The service's (first) running container as the inspect view shows it. */
  async inspect(service: string): Promise<ContainerDetails> {
    const { docker, id } = this.containerOf(service);
    return containerDetails(service, await docker.getContainer(id).inspect());
  }

  /** A shell with a TTY in the service's (first) container, which must be running. */
  async openTerminal(req: TerminalRequest): Promise<{ containerId: string; tty: TtyProcess }> {
    const { docker, id, state } = this.containerOf(req.service);
    if (!isServiceServing(state))
      throw new AppError('NOT_FOUND', `service ${req.service} is not running (${state.status}): start it first`, { service: req.service });
    return { containerId: id, tty: await openExecTty(docker, id, req.shell, req.cols, req.rows) };
  }

  private containerOf(service: string): { docker: Dockerode; id: string; state: ServiceState } {
    const s = this.snapshot().services.find((x) => x.name === service);
    if (!s) throw new AppError('NOT_FOUND', `no such service: ${service} (services: ${this.opts.model.order.join(', ')})`, { service });
    const id = s.instances[0]?.containerId ?? s.containerId;
    const docker = this.opts.connection.docker();
    if (!id) throw new AppError('NOT_FOUND', `service ${service} has no container: start it first`, { service });
    if (!docker) throw new AppError('ENGINE_UNAVAILABLE', 'the container engine is not available');
    return { docker, id, state: s };
  }

  restartService(service: string): Promise<StackSnapshot> {
    return this.operate('restart', service, (docker, _api, id, progress) =>
      restartService(docker, this.opts.model, service, { operationId: id, onProgress: progress }),
    );
  }

  /** The stack's images with their sizes (nothing is pulled or built). */
  async images(): Promise<StackImage[]> {
    const docker = this.opts.connection.docker();
    if (!docker || this.opts.connection.state().status !== 'connected')
      throw new AppError('ENGINE_UNAVAILABLE', 'the container engine is not available: no images to list');
    return stackImages(docker, this.opts.model);
  }

  /** Fresh state from the engine (after an external change, or before reading). */
  async refresh(): Promise<StackSnapshot> {
    await this.watcher.refresh();
    return this.snapshot();
  }

  async close(): Promise<void> {
    this.unsubs.forEach((u) => u());
    this.watcher.close();
    this.logs.close();
    this.snapListeners.clear();
  }

  private async operate(
    kind: Parameters<StackOperations['run']>[0],
    service: string | undefined,
    fn: (
      docker: NonNullable<ReturnType<EngineConnection['docker']>>,
      apiVersion: string,
      id: string,
      progress: (e: ProgressEvent) => void,
      signal: AbortSignal,
    ) => Promise<void>,
  ): Promise<StackSnapshot> {
    if (service !== undefined && !this.opts.model.services[service]) {
      throw new AppError('NOT_FOUND', `no such service: ${service} (services: ${this.opts.model.order.join(', ')})`, { service });
    }
    return this.ops.run(kind, service, async (id, progress, signal) => {
      this.lastError = null;
      try {
        const docker = await this.opts.connection.whenConnected(this.opts.engineWaitMs ?? 10_000);
        const st = this.opts.connection.state();
        if (!docker || st.status !== 'connected') {
          const why = st.status === 'unavailable' ? `${st.reason}. ${st.hint}` : 'still connecting';
          throw new AppError('ENGINE_UNAVAILABLE', `the container engine is not available: ${why}`);
        }
        await fn(docker, st.apiVersion, id, progress, signal);
      } catch (err) {
        const e = asAppError(err);
        const d = e.details ?? {};
        this.lastError = {
          code: e.code,
          message: e.message,
          at: Date.now(),
          ...(typeof d.service === 'string' ? { service: d.service } : {}),
          ...(typeof d.healthOutput === 'string' ? { healthOutput: d.healthOutput } : {}),
          ...(Array.isArray(d.lastLogs) ? { lastLogs: d.lastLogs.map(String) } : {}),
          ...(e.code === 'NAME_CONFLICT' && typeof d.container === 'string'
            ? {
                conflict: {
                  container: d.container,
                  ownerProject: typeof d.ownerProject === 'string' ? d.ownerProject : null,
                  state: typeof d.state === 'string' ? d.state : 'unknown',
                },
              }
            : {}),
        };
        await this.watcher.refresh().catch(() => undefined);
        throw e;
      }
      await this.watcher.refresh();
      return this.snapshot();
    });
  }

  private emit(): void {
    const snap = this.snapshot();
    for (const fn of [...this.snapListeners]) {
      try {
        fn(snap);
      } catch {
        // ignore listener bugs
      }
    }
  }
}
