// The engine connection as a state machine: connecting -> connected | unavailable,
// reconnecting with exponential backoff (1 s .. 30 s). Loss is noticed when the events
// stream ends or errors, or a periodic ping fails. Nothing here throws into callers.
import Dockerode from 'dockerode';
import type { ConnectConfig } from 'ssh2';
import type { EngineState } from '../../../shared/stack';

type EngineHostKey = NonNullable<Extract<EngineState, { status: 'unavailable' }>['hostKey']>;
import { discoverEndpoints, realDiscoverEnv, type DiscoverEnv, type Endpoint } from './discover';
import { errorText } from './errors';
import { engineHint } from './hints';
import { hostKeyRefusal, pendingHostKey } from './ssh-options';

export interface EngineEvent {
  Type?: string;
  Action?: string;
  status?: string;
  id?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  time?: number;
  timeNano?: number;
}

export interface ConnectionOptions {
  /** Explicit endpoints (tests); default: discovered from the environment. */
  endpoints?: Endpoint[];
  discover?: DiscoverEnv;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  pingIntervalMs?: number;
  /**
   * Follow the engine's events (and ping it) while connected: what keeps service state
   * live. A one-shot command (`ps`) reads the state once and needs neither.
   */
  watchEvents?: boolean;
}

export class EngineConnection {
  private current: EngineState = { status: 'connecting', endpoint: null };
  private client: Dockerode | null = null;
  private endpoint: Endpoint | null = null;
  private stateListeners = new Set<(s: EngineState) => void>();
  private eventListeners = new Set<(e: EngineEvent) => void>();
  private running = false;
  private attempt = 0;
  private timer: NodeJS.Timeout | null = null;
  private pinger: NodeJS.Timeout | null = null;
  private events: (NodeJS.ReadableStream & { destroy?: () => void }) | null = null;
  /** Bumped on every (re)connect so callbacks of a dead session are ignored. */
  private session = 0;
  /** The engine was named in Settings (setHost), not found in the environment. */
  private fromSettings = false;
  private readonly opts: Required<Omit<ConnectionOptions, 'endpoints' | 'discover'>> & Pick<ConnectionOptions, 'endpoints' | 'discover'>;

  constructor(opts: ConnectionOptions = {}) {
    this.opts = { minBackoffMs: 1000, maxBackoffMs: 30_000, pingIntervalMs: 5000, watchEvents: true, ...opts };
  }

  state(): EngineState {
    return this.current;
  }

  /** The connected engine's SSH settings when it is an ssh:// one (tunnels to its ports), else null. */
  ssh(): ConnectConfig | null {
    return this.current.status === 'connected' ? (this.endpoint?.ssh ?? null) : null;
  }

  /** The client while connected, else null. */
  docker(): Dockerode | null {
    return this.current.status === 'connected' ? this.client : null;
  }

  /** Called at once with the current state, then on every change. */
  onState(fn: (s: EngineState) => void): () => void {
    this.stateListeners.add(fn);
    fn(this.current);
    return () => this.stateListeners.delete(fn);
  }

  /** Every engine event while connected (one shared stream per connection). */
  onEvent(fn: (e: EngineEvent) => void): () => void {
    this.eventListeners.add(fn);
    return () => this.eventListeners.delete(fn);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.connect();
  }

  /**
   * Drive another engine: `host` as DOCKER_HOST names one (the Settings' engine), or
   * null to find it as docker does. Reconnects at once when running.
   */
  setHost(host: string | null): void {
    const real = realDiscoverEnv();
    this.opts.discover = host ? { ...real, env: { ...real.env, DOCKER_HOST: host } } : undefined;
    this.fromSettings = host !== null;
    if (!this.running) return;
    this.stop();
    this.setState({ status: 'connecting', endpoint: host });
    this.start();
  }

  stop(): void {
    this.running = false;
    this.session++;
    this.teardown();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Resolves with the client once connected, or null after timeoutMs. */
  whenConnected(timeoutMs: number): Promise<Dockerode | null> {
    const now = this.docker();
    if (now) return Promise.resolve(now);
    return new Promise((resolve) => {
      let off: () => void = () => {};
      const t = setTimeout(() => {
        off();
        resolve(null);
      }, timeoutMs);
      off = this.onState((s) => {
        if (s.status === 'connected') {
          clearTimeout(t);
          queueMicrotask(() => off());
          resolve(this.client);
        }
      });
    });
  }

  /** Ask for an immediate reconnect (e.g. a user pressed "retry"). */
  retryNow(): void {
    if (!this.running || this.current.status === 'connected') return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    void this.connect();
  }

  private setState(s: EngineState): void {
    this.current = s;
    for (const fn of [...this.stateListeners]) {
      try {
        fn(s);
      } catch {
        // A listener's bug must not break the connection.
      }
    }
  }

  private async connect(): Promise<void> {
    const session = ++this.session;
    let endpoints: Endpoint[];
    try {
      endpoints = this.opts.endpoints ?? discoverEndpoints(this.opts.discover ?? realDiscoverEnv());
    } catch (err) {
      this.fail(session, null, errorText(err));
      return;
    }
    this.setState({ status: 'connecting', endpoint: endpoints[0]?.url ?? null });
    let lastReason = 'no engine endpoint found';
    let hostKey: EngineHostKey | undefined;
    let lastUrl: string | null = endpoints[0]?.url ?? null;
    for (const ep of endpoints) {
      const client = new Dockerode({ ...ep.options, timeout: undefined });
      try {
        // /version alone proves the engine answers (a separate /_ping first cost a round trip).
        const v = (await withTimeout(client.version(), 5000, 'version timed out')) as {
          Version: string;
          ApiVersion: string;
          Os: string;
          Arch: string;
        };
        if (session !== this.session || !this.running) return;
        // Pin the API version the engine speaks so newer fields are not rejected.
        const pinned = new Dockerode({ ...ep.options, version: `v${v.ApiVersion}` });
        this.client = pinned;
        this.endpoint = ep;
        this.attempt = 0;
        if (this.opts.watchEvents) await this.watch(session, pinned);
        if (session !== this.session) return;
        const source = this.fromSettings ? 'Settings' : ep.source;
        this.setState({
          status: 'connected',
          endpoint: ep.url,
          source,
          version: v.Version,
          apiVersion: v.ApiVersion,
          os: v.Os,
          arch: v.Arch,
        });
        return;
      } catch (err) {
        lastReason = `${ep.url} (${ep.source}): ${sshReason(ep, errorText(err))}`;
        lastUrl = ep.url;
        const pend = ep.ssh ? pendingHostKey(String(ep.ssh.host), Number(ep.ssh.port ?? 22)) : null;
        hostKey = pend ? { host: pend.label, keyType: pend.keyType, fingerprint: pend.fingerprint } : undefined;
      }
    }
    this.fail(session, lastUrl, lastReason, hostKey);
  }

  private fail(session: number, endpoint: string | null, reason: string, hostKey?: EngineHostKey): void {
    if (session !== this.session || !this.running) return;
    this.teardown();
    const delay = Math.min(this.opts.maxBackoffMs, this.opts.minBackoffMs * 2 ** this.attempt);
    this.attempt++;
    this.setState({
      status: 'unavailable',
      endpoint,
      reason,
      hint: engineHint(process.platform, reason),
      retryInMs: delay,
      ...(hostKey ? { hostKey } : {}),
    });
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.running) void this.connect();
    }, delay);
  }

  /** Opens the events stream and the pinger; either failing means the engine is gone. */
  private async watch(session: number, client: Dockerode): Promise<void> {
    const stream = (await client.getEvents({})) as NodeJS.ReadableStream & { destroy?: () => void };
    this.events = stream;
    let buf = '';
    stream.on('data', (chunk: Buffer) => {
      buf += chunk.toString('utf8');
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (!line) continue;
        try {
          const ev = JSON.parse(line) as EngineEvent;
          for (const fn of [...this.eventListeners]) fn(ev);
        } catch {
          // Ignore a malformed line rather than drop the stream.
        }
      }
    });
    const lost = (why: string) => this.lost(session, why);
    stream.on('end', () => lost('the engine closed the events stream'));
    stream.on('close', () => lost('the engine connection closed'));
    stream.on('error', (e: unknown) => lost(errorText(e)));
    this.pinger = setInterval(() => {
      withTimeout(client.ping(), 5000, 'ping timed out').catch((e: unknown) => lost(`ping failed: ${errorText(e)}`));
    }, this.opts.pingIntervalMs);
    this.pinger.unref?.();
  }

  private lost(session: number, why: string): void {
    if (session !== this.session || !this.running) return;
    this.session++;
    this.fail(this.session, this.current.endpoint, `connection lost: ${why}`);
  }

  private teardown(): void {
    if (this.pinger) clearInterval(this.pinger);
    this.pinger = null;
    const ev = this.events;
    this.events = null;
    try {
      ev?.destroy?.();
    } catch {
      // Already gone.
    }
    this.client = null;
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(message)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}

/** ssh2's "Host denied" and "authentication methods failed", said with what to do. */
function sshReason(ep: Endpoint, text: string): string {
  const o = ep.options as { host?: string; port?: string | number };
  if (!ep.url.startsWith('ssh://') || !o.host) return text;
  const refused = hostKeyRefusal(o.host, Number(o.port ?? 22));
  if (/host denied|verification failed/i.test(text) && refused) return refused;
  if (/authentication methods failed/i.test(text)) {
    return `${text}: no key was accepted (from the ssh agent in SSH_AUTH_SOCK, or ~/.ssh/id_ed25519, id_ecdsa or id_rsa without a passphrase)`;
  }
  return text;
}
