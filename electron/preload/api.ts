// The one API the page gets (window.atom). It is built from the shared contract: the
// page can invoke contract commands and listen to contract events, nothing else; it
// never sees ipcRenderer or an IpcRendererEvent.
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { AppEvent, AtomApi, CommandName, EventName, EventPayloads } from '../../shared/contract';
import { COMMAND_NAMES, EVENTS_CHANNEL, READY_CHANNEL, commandChannel } from '../../shared/channels';
import { EventListeners } from '../../shared/event-listeners';
import type { Result } from '../../shared/result';

type IpcLike = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener' | 'send'>;

const KNOWN = new Set<string>(COMMAND_NAMES);

export function createAtomApi(ipc: IpcLike): AtomApi {
  const listeners = new EventListeners();
  let attached = false;

  const onEvents = (_event: IpcRendererEvent, events: unknown): void => {
    if (Array.isArray(events)) listeners.dispatch(events as AppEvent[]);
  };

  // Attach once, on the first `on`, and tell main it may flush its queue: events sent
  // before any listener exists would be lost.
  const attach = (): void => {
    if (attached) return;
    attached = true;
    ipc.on(EVENTS_CHANNEL, onEvents);
    queueMicrotask(() => ipc.send(READY_CHANNEL));
  };

  const api: AtomApi = {
    invoke(name, input) {
      if (typeof name !== 'string' || !KNOWN.has(name)) {
        const failed: Result<never> = { ok: false, error: { code: 'UNKNOWN_COMMAND', message: `Unknown command '${String(name)}'` } };
        return Promise.resolve(failed);
      }
      return ipc.invoke(commandChannel(name as CommandName), input ?? {});
    },
    on<K extends EventName>(name: K, listener: (payload: EventPayloads[K]) => void): () => void {
      const off = listeners.on(name, listener);
      attach();
      return off;
    },
  };
  return Object.freeze(api);
}
