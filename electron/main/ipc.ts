// One ipcMain.handle per contract command. Each call is checked twice before the core
// sees it: the sender must be our renderer's top frame, and the payload must be a plain
// object; the core then validates it against the command's zod schema.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { CommandName } from '../../shared/contract';
import { COMMAND_NAMES, commandChannel, commandSchemas } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { fail } from '../../shared/result';
import type { CoreHost } from '../core/app/host';
import { isTrustedUrl } from './security';

type SenderEvent = Pick<IpcMainInvokeEvent, 'senderFrame'> & { sender?: { mainFrame?: unknown; id?: number } };

/** The core's name for a window's page: its quotas, and what goes when it closes or reloads. */
export const ipcClientOf = (contentsId: number): string => `ipc:${contentsId}`;

/** True when the IPC came from our page's top frame (not an iframe, not another origin). */
export function isTrustedSender(event: SenderEvent, trustedDevOrigin: string | null): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  if (event.sender?.mainFrame !== undefined && event.sender.mainFrame !== frame) return false;
  return isTrustedUrl(frame.url, trustedDevOrigin);
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/**
 * Commands the shell answers itself (a native dialog needs the window), after the same
 * sender and payload checks, and the contract's schema.
 */
export type ShellCommands = Partial<Record<CommandName, (input: unknown, event: SenderEvent) => Promise<Result<unknown>>>>;

/** Handles one invoke: sender, payload shape, then the shell's own handler or the core (which never throws). */
export async function handleCommand(
  core: Pick<CoreHost, 'dispatchUntrusted'>,
  name: CommandName,
  event: SenderEvent,
  args: unknown[],
  trustedDevOrigin: string | null,
  shellCommands: ShellCommands = {},
): Promise<Result<unknown>> {
  if (!isTrustedSender(event, trustedDevOrigin)) {
    return fail('FORBIDDEN', `Command ${name} refused: sender ${event.senderFrame?.url ?? '(no frame)'} is not the Atom Desktop page`);
  }
  if (args.length > 1) return fail('BAD_REQUEST', `Command ${name} takes one argument object, got ${args.length} arguments`);
  const input = args[0] ?? {};
  if (!isPlainObject(input))
    return fail('BAD_REQUEST', `Command ${name} takes an object argument, got ${Array.isArray(input) ? 'an array' : typeof input}`);
  try {
    const own = shellCommands[name];
    if (own) {
      const parsed = commandSchemas[name].safeParse(input);
      if (!parsed.success)
        return fail('BAD_REQUEST', `Invalid arguments for ${name}: ${parsed.error.issues[0]?.message ?? 'invalid input'}`);
      return await own(parsed.data, event);
    }
    return await core.dispatchUntrusted(name, input, ipcClientOf(event.sender?.id ?? 0));
  } catch (err) {
    // dispatch promises never to throw; keep the promise to the renderer anyway.
    return fail('INTERNAL', `Command ${name} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Registers every command of the contract; returns a function that removes them. */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  core: Pick<CoreHost, 'dispatchUntrusted'>,
  trustedDevOrigin: string | null,
  shellCommands: ShellCommands = {},
): () => void {
  for (const name of COMMAND_NAMES) {
    ipcMain.handle(commandChannel(name), (event, ...args: unknown[]) =>
      handleCommand(core, name, event, args, trustedDevOrigin, shellCommands),
    );
  }
  return () => {
    for (const name of COMMAND_NAMES) ipcMain.removeHandler(commandChannel(name));
  };
}

interface ClientContents {
  id: number;
  on(event: 'did-start-navigation', listener: (details: { isMainFrame: boolean; isSameDocument: boolean }) => void): unknown;
  on(event: 'destroyed', listener: () => void): unknown;
}

/**
 * A page that reloads, navigates or is destroyed is gone as a client: what it had
 * opened for itself (import uploads) is let go then, not when its idle timer runs out.
 */
export function releaseClientOnLeave(contents: ClientContents, core: Pick<CoreHost, 'releaseClient'>): void {
  const client = ipcClientOf(contents.id);
  contents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) core.releaseClient(client);
  });
  contents.on('destroyed', () => core.releaseClient(client));
}
