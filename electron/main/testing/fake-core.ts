// A CoreHost for shell tests: records dispatches, lets the test push event batches.
import type { AppEvent, CommandInput, CommandName, CommandOutput } from '../../../shared/contract';
import { COMMAND_NAMES } from '../../../shared/contract';
import { dispatchCommand, dispatchUntrusted, type CommandHandlers } from '../../core/app/dispatch';
import type { CoreHost } from '../../core/app/host';
import type { Result } from '../../../shared/result';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/settings';
import type { StackSnapshot } from '../../../shared/stack';
import { snapshot } from '../../../shared/testing/snapshots';

export class FakeCore implements CoreHost {
  readonly dispatched: { name: string; input: unknown; client?: string }[] = [];
  readonly released: string[] = [];
  readonly listeners = new Set<(events: AppEvent[]) => void>();
  subscribeCount = 0;
  settings: Settings = { ...DEFAULT_SETTINGS };
  current: StackSnapshot = snapshot([]);
  ports: number[] = [];
  shutdownCalls: { stopStack?: boolean }[] = [];

  /** Settings commands behave; every other command answers `{ echo: name }` so tests see what ran. */
  private readonly handlers = {
    ...(Object.fromEntries(COMMAND_NAMES.map((n) => [n, () => ({ echo: n })])) as unknown as CommandHandlers),
    'settings.get': () => this.settings,
    'settings.update': (patch: Partial<Settings>) => (this.settings = { ...this.settings, ...patch }),
  } satisfies CommandHandlers;

  dispatch<K extends CommandName>(name: K, input: CommandInput<K>): Promise<Result<CommandOutput<K>>> {
    this.dispatched.push({ name, input });
    return dispatchCommand(this.handlers, name, input);
  }
  dispatchUntrusted(name: unknown, input: unknown, client?: string): Promise<Result<unknown>> {
    this.dispatched.push({ name: String(name), input, ...(client === undefined ? {} : { client }) });
    return dispatchUntrusted(this.handlers, name, input);
  }
  releaseClient(client: string): void {
    this.released.push(client);
  }
  subscribe(listener: (events: AppEvent[]) => void): () => void {
    this.subscribeCount += 1;
    this.listeners.add(listener);
    listener([{ name: 'stack.snapshot', payload: this.current }]);
    return () => this.listeners.delete(listener);
  }
  emit(events: AppEvent[]): void {
    for (const l of [...this.listeners]) l(events);
  }
  stack(): StackSnapshot {
    return this.current;
  }
  publishedLocalPorts(): number[] {
    return this.ports;
  }
  async shutdown(opts?: { stopStack?: boolean }): Promise<void> {
    this.shutdownCalls.push(opts ?? {});
  }
}
