// What a shell (Electron main, or the headless WebSocket server) needs from the core.
import type { AppEvent, CommandInput, CommandName, CommandOutput } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import type { StackSnapshot } from '../../../shared/stack';

export interface CoreHost {
  /** Typed entry for in-process callers: validates `input`, runs the command, never throws. */
  dispatch<K extends CommandName>(name: K, input: CommandInput<K>): Promise<Result<CommandOutput<K>>>;
  /**
   * For transports only (IPC, WebSocket): an unchecked name and input, validated here.
   * `client` names the window or connection that sent it (its quotas; see releaseClient).
   */
  dispatchUntrusted(name: unknown, input: unknown, client?: string): Promise<Result<unknown>>;
  /** That client went away (window closed or reloaded, connection dropped): what it had open for itself goes. */
  releaseClient(client: string): void;
  /** Coalesced event batches (~30 Hz); a new subscriber first gets a snapshot. */
  subscribe(listener: (events: AppEvent[]) => void): () => void;
  /** Current stack picture (tray, notifications, quit prompt). */
  stack(): StackSnapshot;
  /** Host ports the stack publishes on localhost: links to them may open in a browser. */
  publishedLocalPorts(): number[];
  /** Close watchers and subscriptions, stopping the stack first when asked. */
  shutdown(opts?: { stopStack?: boolean }): Promise<void>;
}
