// Picks the transport: the preload's `window.atom` inside Electron, else the
// WebSocket of `atom-desktop serve` (token taken from the page URL).
import type { AtomApi } from '../../../shared/contract';
import type { AtomClient, ConnectionStatus, SocketLike } from './ws-client';
import { WsClient } from './ws-client';

declare global {
  interface Window {
    atom?: AtomApi;
  }
}

/** IPC never disconnects from the page's point of view. */
function wrapIpc(api: AtomApi): AtomClient {
  return {
    invoke: (name, input) => api.invoke(name, input),
    on: (name, listener) => api.on(name, listener),
    connection: (): ConnectionStatus => 'open',
    onConnection: () => () => undefined,
    close: () => undefined,
  };
}

export function wsUrlFromLocation(loc: { protocol: string; host: string; search: string }): string {
  const token = new URLSearchParams(loc.search).get('token') ?? '';
  const scheme = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${loc.host}/ws?token=${encodeURIComponent(token)}`;
}

export function createApi(): AtomClient {
  if (window.atom) return wrapIpc(window.atom);
  return new WsClient(wsUrlFromLocation(window.location), (url) => new WebSocket(url) as unknown as SocketLike);
}
