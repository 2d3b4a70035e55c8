// `atom-desktop serve`: the built renderer and the contract over a WebSocket, on
// loopback only, behind a random token. Same CoreHost as the Electron shell.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { WS_CLOSE_BAD_TOKEN, type WsClientMessage } from '../../../shared/contract';
import { fail } from '../../../shared/result';
import type { CoreHost } from '../app/host';
import { ClientChannel } from './client-channel';
import { contentSecurityPolicy, hostAllowed, isLoopbackHost, newToken, originAllowed, tokenMatches } from './security';
import { readStatic } from './static-files';
import { LIMITS } from '../../../shared/rules';

export interface WebServerOptions {
  core: CoreHost;
  staticDir: string;
  host?: string;
  port?: number;
  token?: string;
}

export interface WebServer {
  url: string;
  port: number;
  token: string;
  clients(): number;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = LIMITS.clientMessageBytes;

/** Where `atom-desktop serve` listens unless told otherwise: stable, so bookmarks keep working. */
export const DEFAULT_SERVE_PORT = 7420;

export function serveUrl(host: string, port: number, token: string): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}/?token=${token}`;
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) throw new Error(`Refusing to listen on ${host}: the headless server binds to loopback only`);
  const token = opts.token ?? newToken();
  let port = 0;

  const http = createServer(async (req, res) => {
    if (!hostAllowed(req.headers.host, port)) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('Misdirected request');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const file = await readStatic(opts.staticDir, req.url ?? '/');
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    res.writeHead(200, {
      'content-type': file.type,
      'content-security-policy': contentSecurityPolicy(port),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  http.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const sameSite = url.pathname === '/ws' && hostAllowed(req.headers.host, port) && originAllowed(req.headers.origin, port);
    if (!sameSite) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    if (!tokenMatches(token, url.searchParams.get('token'))) {
      // The dashboard's own page with a missing or old token: a close code it can act on
      // (a 403 reads as a network error, and the page would retry forever). Nothing of
      // the contract is sent on this socket.
      wss.handleUpgrade(req, socket, head, (ws) => ws.close(WS_CLOSE_BAD_TOKEN, 'token missing or out of date'));
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  // Server-level failures are reported, never thrown at the process.
  wss.on('error', (err) => console.error(`atom-desktop serve: websocket server: ${err.message}`));
  let connections = 0;
  wss.on('connection', (ws) => {
    // Each connection is one client: its quotas, and what goes when it closes.
    const client = `ws:${++connections}`;
    // A protocol error (a frame over the size limit, invalid UTF-8, a bad opcode) is
    // this client's alone: ws closes its connection with the matching code (1009,
    // 1007, 1002) and reason. Without a listener the error would end the process.
    ws.on('error', (err) => console.error(`atom-desktop serve: client closed: ${err.message}`));
    const channel = new ClientChannel(ws, (unsent) => {
      // One client that stops reading must not grow the core's memory for everyone.
      console.error(`atom-desktop serve: dropped a client holding ${(unsent / 1024 / 1024).toFixed(1)} MiB of unread data`);
      ws.close(1008, `not reading: over ${LIMITS.clientUnsentBytes / 1024 / 1024} MiB unsent`);
      setTimeout(() => ws.terminate(), 1000).unref();
    });
    let inFlight = 0;
    const unsubscribe = opts.core.subscribe((events) => channel.sendEvents(events));
    ws.on('message', async (data, isBinary) => {
      let msg: WsClientMessage;
      try {
        if (isBinary) throw new Error('binary');
        msg = JSON.parse(String(data)) as WsClientMessage;
        if (msg?.t !== 'cmd' || typeof msg.id !== 'number') throw new Error('shape');
      } catch {
        ws.close(1003, 'Expected {t:"cmd", id, name, input}');
        return;
      }
      if (inFlight >= LIMITS.clientCommandsInFlight) {
        channel.send({
          t: 'res',
          id: msg.id,
          result: fail('TOO_MANY_REQUESTS', `at most ${LIMITS.clientCommandsInFlight} commands at once per client; wait for answers`),
        });
        return;
      }
      inFlight++;
      const result = await opts.core.dispatchUntrusted(msg.name, msg.input, client).catch((err: unknown) => fail('INTERNAL', String(err)));
      inFlight--;
      if (ws.readyState === ws.OPEN) channel.send({ t: 'res', id: msg.id, result });
    });
    ws.on('close', () => {
      unsubscribe();
      channel.close();
      opts.core.releaseClient(client);
    });
  });

  await new Promise<void>((resolveListen, reject) => {
    http.once('error', reject);
    http.listen(opts.port ?? 0, host, () => resolveListen());
  });
  port = (http.address() as AddressInfo).port;
  return {
    url: serveUrl(host, port, token),
    port,
    token,
    clients: () => wss.clients.size,
    close: () =>
      new Promise<void>((done) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close();
        http.close(() => done());
        http.closeAllConnections();
      }),
  };
}
