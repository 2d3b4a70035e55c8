// An ssh:// engine's HTTP connections over one SSH connection. docker-modem's own
// ssh transport opens a new SSH connection (handshake, authentication and a remote
// `docker system dial-stdio`) for every request, which made `up --wait` over SSH take
// a minute and a half; here each request is a channel on a kept connection, and the
// HTTP connections themselves are kept alive between requests.
import { Agent } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Client, ConnectConfig } from 'ssh2';
import { newSsh2Client } from './ssh2-client';

/** The SSH connection is closed after this long without an open channel. */
const IDLE_CLOSE_MS = 30_000;

export function sshHttpAgent(config: ConnectConfig): Agent {
  let ready: Promise<Client> | null = null;
  let open = 0;
  let idle: ReturnType<typeof setTimeout> | null = null;

  const client = (): Promise<Client> => {
    if (ready) return ready;
    const p: Promise<Client> = newSsh2Client().then(
      (c) =>
        new Promise<Client>((resolve, reject) => {
          c.once('ready', () => resolve(c));
          c.once('error', (err) => {
            if (ready === p) ready = null;
            reject(err);
          });
          c.once('close', () => {
            if (ready === p) ready = null;
          });
          // Later errors (the host gone) end the connection; the next request opens a new one.
          c.on('error', () => {});
          c.connect({ keepaliveInterval: 15_000, ...config });
        }),
    );
    ready = p;
    return p;
  };

  const agent = new Agent({ keepAlive: true, maxSockets: 32 });
  // Node asks for a socket; an SSH channel running dial-stdio is one (a duplex stream).
  (agent as unknown as { createConnection: unknown }).createConnection = (
    _opts: unknown,
    done: (err: Error | null, s?: Duplex) => void,
  ) => {
    if (idle) clearTimeout(idle);
    idle = null;
    client()
      .then((c) =>
        c.exec('docker system dial-stdio', (err, stream) => {
          if (err) return done(err);
          open++;
          stream.once('close', () => {
            if (--open > 0) return;
            idle = setTimeout(() => void ready?.then((cl) => cl.end()).catch(() => {}), IDLE_CLOSE_MS);
            idle.unref();
          });
          // What http.Agent calls on a socket it keeps or reuses; a channel has none of it.
          const s = stream as unknown as Record<string, unknown>;
          for (const m of ['setKeepAlive', 'setNoDelay', 'setTimeout', 'ref', 'unref']) s[m] ??= () => stream;
          done(null, stream);
        }),
      )
      .catch((err: Error) => done(err));
    return undefined;
  };
  return agent;
}
