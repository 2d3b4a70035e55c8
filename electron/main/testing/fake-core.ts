// A CoreHost for shell tests: records dispatches, lets the test push event batches.
import type { AppEvent } from '../../../shared/contract';
import { isCommandName } from '../../core/app/dispatch';
import type { CoreHost } from '../../core/app/host';
import type { Result } from '../../../shared/result';
import { fail, ok } from '../../../shared/result';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/settings';
import type { StackSnapshot } from '../../../shared/stack';
import { snapshot } from './snapshots';

export class FakeCore implements CoreHost {
  readonly dispatched: { name: string; input: unknown }[] = [];
  readonly listeners = new Set<(events: AppEvent[]) => void>();
  subscribeCount = 0;
  settings: Settings = { ...DEFAULT_SETTINGS };
  current: StackSnapshot = snapshot([]);
  ports: number[] = [];
  shutdownCalls: { stopStack?: boolean }[] = [];

  async dispatch(name: string, input: unknown): Promise<Result<unknown>> {
    this.dispatched.push({ name, input });
    if (!isCommandName(name)) return fail('UNKNOWN_COMMAND', `Unknown command '${name}'`);
    if (name === 'settings.get') return ok(this.settings);
    if (name === 'settings.update') {
      this.settings = { ...this.settings, ...(input as Partial<Settings>) };
      return ok(this.settings);
    }
    return ok({ echo: name });
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
