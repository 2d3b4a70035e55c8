// The one API the page gets (window.atom). It is built from the shared contract: the
// page can invoke contract commands and listen to contract events, nothing else; it
// never sees ipcRenderer or an IpcRendererEvent.
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { AppEvent, AtomApi, CommandName, EventName, EventPayloads } from '../../shared/contract';
import { COMMAND_NAMES, EVENTS_CHANNEL, READY_CHANNEL, commandChannel } from '../../shared/channels';
import type { Result } from '../../shared/result';

type Listener = (payload: never) => void;
type IpcLike = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener' | 'send'>;

const KNOWN = new Set<string>(COMMAND_NAMES);

export function createAtomApi(ipc: IpcLike): AtomApi {
  const listeners = new Map<EventName, Set<Listener>>();
  let attached = false;

  const onEvents = (_event: IpcRendererEvent, events: unknown): void => {
    if (!Array.isArray(events)) return;
    for (const e of events as AppEvent[]) {
      const set = listeners.get(e.name);
      if (!set) continue;
      for (const l of [...set]) {
        try {
          (l as (p: unknown) => void)(e.payload);
        } catch (err) {
          console.error(`atom: listener for ${e.name} threw`, err);
        }
      }
    }
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
      if (typeof listener !== 'function') throw new TypeError(`atom.on('${String(name)}'): listener must be a function`);
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      const l = listener as Listener;
      set.add(l);
      attach();
      return () => {
        set.delete(l);
      };
    },
  };
  return Object.freeze(api);
}
