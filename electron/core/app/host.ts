// What a shell (Electron main, or the headless WebSocket server) needs from the core.
import type { AppEvent, CommandName } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import type { StackSnapshot } from '../../../shared/stack';

export interface CoreHost {
  /** Validates `input` with the contract's schema, runs the command, never throws. */
  dispatch(name: CommandName | string, input: unknown): Promise<Result<unknown>>;
  /** Coalesced event batches (~30 Hz); a new subscriber first gets a snapshot. */
  subscribe(listener: (events: AppEvent[]) => void): () => void;
  /** Current stack picture (tray, notifications, quit prompt). */
  stack(): StackSnapshot;
  /** Host ports the stack publishes on localhost: links to them may open in a browser. */
  publishedLocalPorts(): number[];
  /** Close watchers and subscriptions, stopping the stack first when asked. */
  shutdown(opts?: { stopStack?: boolean }): Promise<void>;
}
